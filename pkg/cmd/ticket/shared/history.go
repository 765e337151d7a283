package shared

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// DescribeEvent says what one event of a ticket's history did, for people:
// "claimed", "released: back to the queue for Seoul", "skipped: no Korean",
// "status open → pending_customer; severity S2 → S1", "internal note",
// "created (S2, new)". Text people wrote is made safe to print.
func DescribeEvent(e support.Event) string {
	before, after := fieldsOf(e.Before), fieldsOf(e.After)
	switch e.Kind {
	case "created":
		return "created" + paren(joinSet(", ", str(after, "severity"), str(after, "status")))
	case "commented":
		switch {
		case after["internal"] == true:
			return "internal note"
		case after["from_requester"] == true:
			return "reply from the requester"
		}
		return "reply"
	case "claimed":
		what := "claimed"
		if via := str(after, "via"); via != "" {
			what += " via " + via
		}
		if from, to := str(before, "status"), str(after, "status"); to != "" && from != to {
			what += " (status " + from + " → " + to + ")"
		}
		return what
	case "released":
		what := "released"
		if holder := str(before, "assignee"); holder != "" && holder != e.Actor {
			what += " " + holder + "'s claim"
		}
		if reason := str(after, "reason"); reason != "" {
			what += ": " + reason
		}
		return what
	case "skipped":
		return "skipped: " + str(after, "reason")
	case "updated":
		if changes := updates(before, after); len(changes) > 0 {
			return strings.Join(changes, "; ")
		}
		return "updated"
	}
	return strings.ReplaceAll(text.Safe(string(e.Kind)), "_", " ")
}

// shownFields are the fields of an update a history shows, in the order
// it shows them; the rest (version, updated_at, ...) follow from them.
var shownFields = []string{"status", "severity", "assignee", "tier", "subject", "tags", "tam"}

// updates describes the changed fields of an update: "status open →
// solved", "assignee nobody → ken@example.com".
func updates(before, after map[string]any) []string {
	var out []string
	for _, f := range shownFields {
		b, inBefore := before[f]
		a, inAfter := after[f]
		if !inBefore && !inAfter {
			continue
		}
		from, to := value(b), value(a)
		if f == "subject" {
			out = append(out, "subject changed to “"+to+"”")
			continue
		}
		if f == "assignee" || f == "tam" {
			from, to = cmp.Or(from, "nobody"), cmp.Or(to, "nobody")
		}
		out = append(out, fmt.Sprintf("%s %s → %s", f, cmp.Or(from, "none"), cmp.Or(to, "none")))
	}
	return out
}

// fieldsOf is a side of an event as a map, empty when it has none.
func fieldsOf(side any) map[string]any {
	if m, ok := side.(map[string]any); ok {
		return m
	}
	return map[string]any{}
}

// str is a string field of an event's side, safe to print.
func str(m map[string]any, key string) string { return value(m[key]) }

// value is an event's field value as text: a list joined by ", ".
func value(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return text.Safe(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, item := range v {
			parts = append(parts, value(item))
		}
		return strings.Join(parts, ", ")
	}
	return text.Safe(fmt.Sprint(v))
}

func paren(s string) string {
	if s == "" {
		return ""
	}
	return " (" + s + ")"
}

func joinSet(sep string, values ...string) string {
	return strings.Join(slices.DeleteFunc(values, func(v string) bool { return v == "" }), sep)
}

// PrintHistory writes one line per event. On a terminal: the time in loc,
// who, and what, aligned and wrapped to the terminal; piped: tab-separated
// RFC 3339 time, actor, kind and what, for cut and awk.
func PrintHistory(out io.Writer, ios *iostreams.IOStreams, now time.Time, loc *time.Location, events []support.Event) {
	if !ios.IsStdoutTTY() {
		for _, e := range events {
			fmt.Fprintf(out, "%s\t%s\t%s\t%s\n", RFC3339(e.At), text.Safe(e.Actor), text.Safe(string(e.Kind)), strings.ReplaceAll(DescribeEvent(e), "\t", " "))
		}
		return
	}
	cs := ios.ColorScheme()
	whenW, actorW := 0, 0
	for _, e := range events {
		whenW = max(whenW, text.DisplayWidth(ShortTime(now, loc, e.At)))
		actorW = max(actorW, text.DisplayWidth(text.Safe(e.Actor)))
	}
	indent := whenW + 2 + actorW + 2
	if ios.TerminalWidth()-indent < 30 {
		// A narrow terminal puts what happened under who did it.
		indent = 4
	}
	for _, e := range events {
		head := cs.Muted(text.PadRight(whenW, ShortTime(now, loc, e.At))) + "  " + text.PadRight(actorW, text.Safe(e.Actor)) + "  "
		what := text.WrapLine(max(ios.TerminalWidth()-indent, 1), DescribeEvent(e))
		if indent == 4 {
			fmt.Fprintln(out, strings.TrimRight(head, " "))
			head = "    "
		}
		for i, l := range what {
			if i > 0 {
				head = strings.Repeat(" ", indent)
			}
			fmt.Fprintln(out, head+l)
		}
	}
}
