package view

import (
	"cmp"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// slaView is how the SLA lines are written: for a person on a terminal of
// width columns, instants in the viewer's zone with the time left; for a
// script, instants in RFC 3339.
type slaView struct {
	tty   bool
	width int
	// both adds the customer's time to the viewer's when they differ.
	both             bool
	now              time.Time
	viewer, customer *time.Location
}

// nameWidth is the width of a clock's name column, indentation included.
const nameWidth = 2 + 15 + 1

// printSLA shows each clock on one line: its state, when it is due or was
// met, and its target. The clocks follow the customer's schedule, which the
// heading names.
func printSLA(out io.Writer, cs *iostreams.ColorScheme, v slaView, s support.TicketSLA) {
	customer, err := time.LoadLocation(s.Timezone)
	if err != nil {
		customer = time.UTC
	}
	v.customer = customer
	fmt.Fprintf(out, "\n%s %s\n", cs.Bold("SLA"), cs.Muted(fmt.Sprintf("(policy v%d · %s plan · %s hours, %s)", s.PolicyVersion, s.Plan, s.Schedule, s.Timezone)))
	if len(s.Clocks) == 0 {
		fmt.Fprintln(out, cs.Muted("  no clock: the policy sets no target for this severity"))
	}
	for _, c := range s.Clocks {
		// The customer's time is added only where the line still fits.
		both := v
		both.both = true
		line := both.detail(c)
		if !v.tty || nameWidth+text.DisplayWidth(line) > v.width {
			line = v.detail(c)
		}
		lines := []string{line}
		if v.tty {
			lines = text.WrapLine(max(v.width-nameWidth, 1), line)
		}
		for i, l := range lines {
			name := ""
			if i == 0 {
				name = clockName(c.Kind)
			}
			fmt.Fprintf(out, "  %s %s\n", text.PadRight(15, name), stateColor(cs, c.State)(l))
		}
	}
}

// clockName is a clock's kind for people: "First response".
func clockName(kind string) string {
	name := strings.ReplaceAll(kind, "_", " ")
	if name == "" {
		return name
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

func stateColor(cs *iostreams.ColorScheme, state string) func(string) string {
	switch state {
	case "breached":
		return cs.Danger
	case "paused", "outside_hours":
		return cs.Warning
	case "fulfilled":
		return cs.Success
	}
	return func(s string) string { return s }
}

// detail is a clock's line after its name, e.g. "breached 2h 4m ago (due
// 10:15 JST, 4h business)", "due in 3h 10m (Fri 18:00 JST, 4h business)",
// "paused: waiting on customer (3h 57m of 18h business left)".
func (v slaView) detail(c support.SLAClock) string {
	target := c.Target
	if c.State == "paused" {
		// A paused clock has no instant: what is left of it says how
		// urgent it becomes once it runs again.
		target = span(c.RemainingSeconds, !c.Business) + " of " + c.Target + " left"
	}
	switch {
	case c.State == "fulfilled" && c.FulfilledAt != nil:
		met := "met " + v.instant(*c.FulfilledAt)
		if c.BreachedAt != nil && c.FulfilledAt.After(*c.BreachedAt) {
			met += ", " + span(int64(c.FulfilledAt.Sub(*c.BreachedAt)/time.Second), true) + " late"
		}
		return met + " (" + c.Target + ")"
	case c.State == "paused":
		return "paused: " + cmp.Or(strings.ReplaceAll(c.PauseReason, "_", " "), "no reason given") + " (" + target + ")"
	}
	at := c.DueAt
	if at == nil {
		at = c.BreachedAt
	}
	state := strings.ReplaceAll(c.State, "_", " ")
	if at == nil {
		return state + " (" + target + ")"
	}
	prefix := ""
	if c.State == "outside_hours" {
		prefix = "after hours, "
	}
	if !v.tty {
		verb := "due "
		if c.State == "breached" {
			verb = "breached at "
		}
		return prefix + verb + shared.RFC3339(*at) + " (" + target + ")"
	}
	left := int64(at.Sub(v.now) / time.Second)
	if c.State == "breached" || left < 0 {
		return prefix + "breached " + span(-left, true) + " ago (due " + v.instant(*at) + ", " + target + ")"
	}
	return prefix + "due in " + span(left, true) + " (" + v.instant(*at) + ", " + target + ")"
}

// instant is t for the viewer: in their zone on a terminal, with the
// customer's time too when their clocks differ and the line has room;
// RFC 3339 for a script.
func (v slaView) instant(t time.Time) string {
	if !v.tty {
		return shared.RFC3339(t)
	}
	s := shared.ShortTime(v.now, v.viewer, t)
	if _, yours := t.In(v.viewer).Zone(); v.both && yours != offset(t, v.customer) {
		s += " = " + shared.ShortTime(v.now, v.customer, t) + " customer's"
	}
	return s
}

// offset is the offset from UTC of loc at t, in seconds.
func offset(t time.Time, loc *time.Location) int {
	_, off := t.In(loc).Zone()
	return off
}

// span is a duration in seconds for people: "2d 3h", "5h 12m", "-40m".
// Business time counts no days, which would read as 24 hours: "54h 0m".
func span(seconds int64, days bool) string {
	sign := ""
	if seconds < 0 {
		sign, seconds = "-", -seconds
	}
	h, m := seconds/3600, seconds%3600/60
	switch {
	case days && h >= 24:
		return fmt.Sprintf("%s%dd %dh", sign, h/24, h%24)
	case h > 0:
		return fmt.Sprintf("%s%dh %dm", sign, h, m)
	}
	return fmt.Sprintf("%s%dm", sign, m)
}
