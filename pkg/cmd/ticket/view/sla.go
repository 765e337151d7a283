package view

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// printSLA shows each clock: its state, why, and its due instant in the
// customer's timezone and, when it differs, the viewer's.
func printSLA(out io.Writer, cs *iostreams.ColorScheme, now time.Time, viewer *time.Location, s support.TicketSLA) {
	customer, err := time.LoadLocation(s.Timezone)
	if err != nil {
		customer = time.UTC
	}
	fmt.Fprintf(out, "\n%s %s\n", cs.Bold("SLA"), cs.Muted(fmt.Sprintf("(policy v%d · %s plan · %s hours, %s)", s.PolicyVersion, s.Plan, s.Schedule, s.Timezone)))
	if len(s.Clocks) == 0 {
		fmt.Fprintln(out, cs.Muted("  no clock: the policy sets no target for this severity"))
	}
	for _, c := range s.Clocks {
		kind := text.PadRight(16, strings.ReplaceAll(c.Kind, "_", " "))
		state := text.PadRight(14, strings.ReplaceAll(c.State, "_", " "))
		fmt.Fprintf(out, "  %s %s %s\n", kind, stateColor(cs, c.State)(state), clockDetail(now, customer, viewer, c))
	}
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

func clockDetail(now time.Time, customer, viewer *time.Location, c support.SLAClock) string {
	var parts []string
	switch {
	case c.State == "fulfilled" && c.FulfilledAt != nil:
		parts = append(parts, "met "+inZones(*c.FulfilledAt, customer, viewer))
	case c.DueAt != nil:
		parts = append(parts, "due "+inZones(*c.DueAt, customer, viewer)+" ("+text.RelativeTime(now, *c.DueAt)+")")
	}
	if c.PauseReason != "" {
		parts = append(parts, strings.ReplaceAll(c.PauseReason, "_", " "))
	}
	if c.State != "fulfilled" {
		hours := "calendar"
		if c.Business {
			hours = "business"
		}
		left := fmt.Sprintf("%s %s left of %s", span(c.RemainingSeconds, !c.Business), hours, c.Target)
		if c.State != "paused" {
			// A paused clock has no wall time left: it waits.
			left += " (" + span(c.WallRemainingSeconds, true) + " wall)"
		}
		parts = append(parts, left)
	}
	return strings.Join(parts, " · ")
}

// inZones is an instant in the customer's zone, and in the viewer's when it
// is another one.
func inZones(t time.Time, customer, viewer *time.Location) string {
	const layout = "2006-01-02 15:04 MST"
	s := t.In(customer).Format(layout)
	if viewer.String() != customer.String() {
		s += " / " + t.In(viewer).Format(layout) + " yours"
	}
	return s
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
