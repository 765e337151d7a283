package text

import (
	"testing"
	"time"
)

func TestRelativeTime(t *testing.T) {
	now := time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		d    time.Duration // how long before now
		want string
	}{
		{0, "just now"},
		{59 * time.Second, "just now"},
		{-30 * time.Second, "just now"},
		{time.Minute, "1 minute ago"},
		{3*time.Minute + 59*time.Second, "3 minutes ago"},
		{-4*time.Hour - 30*time.Minute, "in 4 hours"},
		{-time.Hour, "in 1 hour"},
		{23 * time.Hour, "23 hours ago"},
		{48 * time.Hour, "2 days ago"},
		{-29 * 24 * time.Hour, "in 29 days"},
		{65 * 24 * time.Hour, "2 months ago"},
		{800 * 24 * time.Hour, "2 years ago"},
	}
	for _, tt := range tests {
		if got := RelativeTime(now, now.Add(-tt.d)); got != tt.want {
			t.Errorf("RelativeTime(now-%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestPluralize(t *testing.T) {
	for n, want := range map[int]string{0: "0 tickets", 1: "1 ticket", 2: "2 tickets"} {
		if got := Pluralize(n, "ticket"); got != want {
			t.Errorf("Pluralize(%d) = %q, want %q", n, got, want)
		}
	}
}

func TestCompactTimes(t *testing.T) {
	for in, want := range map[string]string{
		"3 minutes ago":        "3m ago",
		"in 1 hour":            "in 1h",
		"breached 24 days ago": "breached 24d ago",
		"2 months ago":         "2mo ago",
		"in 3 years":           "in 3y",
		"just now":             "just now",
		"expired 2 days ago":   "expired 2d ago",
		"2 days":               "2d",
		"days 2":               "days 2",
		"":                     "",
		"1.5 hours":            "1.5 hours",
	} {
		if got := CompactTimes(in); got != want {
			t.Errorf("CompactTimes(%q) = %q, want %q", in, got, want)
		}
	}
}
