package view

import (
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

func TestClockDetail(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC)
	due := now.Add(54 * time.Hour)
	for _, c := range []struct {
		name  string
		clock support.SLAClock
		want  string
	}{
		{"running on business hours: no 24-hour days",
			support.SLAClock{State: "running", Business: true, Target: "90h business", DueAt: &due, RemainingSeconds: 54 * 3600, WallRemainingSeconds: 54 * 3600},
			"due 2026-11-29 16:00 JST (in 2 days) · 54h 0m business left of 90h business (2d 6h wall)"},
		{"paused: no wall time, it waits",
			support.SLAClock{State: "paused", PauseReason: "waiting_on_customer", Business: true, Target: "18h business", RemainingSeconds: 17*3600 + 57*60},
			"waiting on customer · 17h 57m business left of 18h business"},
		{"calendar time counts days",
			support.SLAClock{State: "running", Target: "4h calendar", DueAt: &due, RemainingSeconds: 54 * 3600, WallRemainingSeconds: 54 * 3600},
			"due 2026-11-29 16:00 JST (in 2 days) · 2d 6h calendar left of 4h calendar (2d 6h wall)"},
	} {
		if got := clockDetail(now, tokyo, tokyo, c.clock); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, got, c.want)
		}
	}
}
