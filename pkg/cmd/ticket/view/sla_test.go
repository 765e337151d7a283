package view

import (
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// TestClockDetail: at 80 columns each clock reads as one clear phrase in
// the viewer's zone ("breached 2h 4m ago", "due in 3h 10m", "paused: ..."),
// and piped its instants are RFC 3339.
func TestClockDetail(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 3, 19, 0, 0, time.UTC) // Fri 12:19 JST
	at := func(d time.Duration) *time.Time { t := now.Add(d); return &t }
	for _, c := range []struct {
		name       string
		clock      support.SLAClock
		tty, piped string
	}{
		{"breached",
			support.SLAClock{State: "breached", Target: "4h calendar", DueAt: at(-(2*time.Hour + 4*time.Minute)), BreachedAt: at(-(2*time.Hour + 4*time.Minute)), RemainingSeconds: -7440, WallRemainingSeconds: -7440},
			"breached 2h 4m ago (due 10:15 JST, 4h calendar)",
			"breached at 2026-11-27T01:15:00Z (4h calendar)"},
		{"running on business hours: no 24-hour days",
			support.SLAClock{State: "running", Business: true, Target: "90h business", DueAt: at(54 * time.Hour), RemainingSeconds: 54 * 3600, WallRemainingSeconds: 54 * 3600},
			"due in 2d 6h (Sun 18:19 JST, 90h business)",
			"due 2026-11-29T09:19:00Z (90h business)"},
		{"running on calendar time",
			support.SLAClock{State: "running", Target: "8h calendar", DueAt: at(3*time.Hour + 10*time.Minute), RemainingSeconds: 11400, WallRemainingSeconds: 11400},
			"due in 3h 10m (15:29 JST, 8h calendar)",
			"due 2026-11-27T06:29:00Z (8h calendar)"},
		{"paused: no instant, it waits",
			support.SLAClock{State: "paused", PauseReason: "waiting_on_customer", Business: true, Target: "18h business", RemainingSeconds: 17*3600 + 57*60},
			"paused: waiting on customer (17h 57m of 18h business left)",
			"paused: waiting on customer (17h 57m of 18h business left)"},
		{"met late",
			support.SLAClock{State: "fulfilled", Target: "1h calendar", FulfilledAt: at(-time.Hour), BreachedAt: at(-90 * time.Minute)},
			"met 11:19 JST, 30m late (1h calendar)",
			"met 2026-11-27T02:19:00Z, 30m late (1h calendar)"},
		{"outside business hours, far off",
			support.SLAClock{State: "outside_hours", Business: true, Target: "45h business", DueAt: at(9*24*time.Hour + 14*time.Hour), RemainingSeconds: 36 * 3600, WallRemainingSeconds: 9*24*3600 + 14*3600},
			"after hours, due in 9d 14h (Dec 7 02:19 JST, 45h business)",
			"after hours, due 2026-12-06T17:19:00Z (45h business)"},
	} {
		tty := slaView{tty: true, width: 80, now: now, viewer: tokyo, customer: tokyo, both: true}
		if got := tty.detail(c.clock); got != c.tty {
			t.Errorf("%s on a terminal:\n got %s\nwant %s", c.name, got, c.tty)
		}
		piped := slaView{width: 80, now: now, viewer: tokyo, customer: tokyo}
		if got := piped.detail(c.clock); got != c.piped {
			t.Errorf("%s piped:\n got %s\nwant %s", c.name, got, c.piped)
		}
	}
}

// TestInstantInBothZones: the customer's time joins the viewer's only when
// their clocks differ (Seoul and Tokyo read the same).
func TestInstantInBothZones(t *testing.T) {
	load := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	now := time.Date(2026, 11, 27, 3, 19, 0, 0, time.UTC)
	v := slaView{tty: true, width: 120, both: true, now: now, viewer: load("America/Los_Angeles"), customer: load("Asia/Tokyo")}
	if got, want := v.instant(now), "19:19 PST = 12:19 JST customer's"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	v.viewer = load("Asia/Seoul")
	if got, want := v.instant(now), "12:19 KST"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
