package shared

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// side decodes a side of an event the way the API client does.
func side(t *testing.T, js string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(js), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestDescribeEvent(t *testing.T) {
	for _, c := range []struct {
		kind, actor, before, after string
		want                       string
	}{
		{"created", "ken@example.com", `null`, `{"severity":"S2","status":"new","subject":"x"}`, "created (S2, new)"},
		{"claimed", "ken@example.com", `{"assignee":""}`, `{"assignee":"ken@example.com","via":"queue next"}`, "claimed via queue next"},
		{"released", "ken@example.com", `{"assignee":"ken@example.com"}`, `{"assignee":"","reason":"end of shift"}`, "released: end of shift"},
		{"released", "lead@example.com", `{"assignee":"ken@example.com"}`, `{"assignee":""}`, "released ken@example.com's claim"},
		{"skipped", "ken@example.com", `null`, `{"reason":"needs Korean\u001b[2J"}`, "skipped: needs Korean\uFFFD[2J"},
		{"updated", "lead@example.com", `{"status":"open","severity":"S2","assignee":"","version":3,"updated_at":"2026-11-20T00:00:00Z"}`,
			`{"status":"pending_customer","severity":"S1","assignee":"ken@example.com","version":4,"updated_at":"2026-11-20T01:00:00Z"}`,
			"status open → pending_customer; severity S2 → S1; assignee nobody → ken@example.com"},
		{"updated", "ken@example.com", `{"tags":["yarn"]}`, `{"tags":["yarn","memory"]}`, "tags yarn → yarn, memory"},
		{"updated", "ken@example.com", `{"version":3}`, `{"version":4}`, "updated"},
		{"commented", "ken@example.com", `null`, `{"comment_id":9,"internal":true,"from_requester":false}`, "internal note"},
		{"commented", "ken@example.com", `null`, `{"comment_id":9,"internal":false,"from_requester":true}`, "reply from the requester"},
		{"escalated_to_backline", "ken@example.com", `null`, `null`, "escalated to backline"},
	} {
		e := support.Event{Kind: support.EventKind(c.kind), Actor: c.actor, Before: side(t, c.before), After: side(t, c.after)}
		if got := DescribeEvent(e); got != c.want {
			t.Errorf("%s %s → %s:\n got %q\nwant %q", c.kind, c.before, c.after, got, c.want)
		}
	}
}

func TestShortTime(t *testing.T) {
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC) // Fri 18:30 JST
	for _, c := range []struct {
		at   time.Time
		want string
	}{
		{now.Add(-8 * time.Hour), "10:30 JST"},
		{now.Add(6 * time.Hour), "Sat 00:30 JST"},
		{now.Add(-5 * 24 * time.Hour), "Sun 18:30 JST"},
		{now.Add(-30 * 24 * time.Hour), "Oct 21 18:30 JST"},
		{now.Add(60 * 24 * time.Hour), "2027-01-19 18:30 JST"},
	} {
		if got := ShortTime(now, tokyo, c.at); got != c.want {
			t.Errorf("%s: got %q, want %q", c.at, got, c.want)
		}
	}
}

// TestPrintHistoryNarrow: on a narrow terminal what happened goes under
// who did it rather than into a column too thin to read.
func TestPrintHistoryNarrow(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	ios.SetStdoutTTY(true)
	ios.SetColorEnabled(false)
	ios.SetTerminalWidth(50)
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	var out bytes.Buffer
	PrintHistory(&out, ios, now, time.UTC, []support.Event{
		{Kind: "skipped", Actor: "someone.with.a.long.name@example.com", At: now, After: side(t, `{"reason":"needs a Korean speaker"}`)},
	})
	if got, want := out.String(), "09:30 UTC  someone.with.a.long.name@example.com\n    skipped: needs a Korean speaker\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
