package shared

import (
	"time"

	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

// ProfileZone is the timezone of the active profile, UTC when it sets none
// or the config cannot be read.
func ProfileZone(cfg func() (*config.Config, error)) *time.Location {
	if cfg == nil {
		return time.UTC
	}
	c, err := cfg()
	if err != nil {
		return time.UTC
	}
	p, err := c.Active()
	if err != nil || p.Timezone == "" {
		return time.UTC
	}
	loc, err := time.LoadLocation(p.Timezone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ShortTime is t in loc as briefly as is clear seen at now: "18:00 JST"
// on the same day, "Fri 18:00 JST" within a week either way, "Nov 2 18:00
// JST" in the same year, else "2025-11-02 18:00 JST".
func ShortTime(now time.Time, loc *time.Location, t time.Time) string {
	t, now = t.In(loc), now.In(loc)
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch days := t.Sub(now); {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return t.Format("15:04 MST")
	case days < 6*24*time.Hour && days > -6*24*time.Hour:
		return t.Format("Mon 15:04 MST")
	case y1 == y2:
		return t.Format("Jan 2 15:04 MST")
	}
	return t.Format("2006-01-02 15:04 MST")
}

// When is an instant for a person or a script: on a terminal in loc with
// how far it is from now ("Fri 18:00 JST (in 3 hours)"), else RFC 3339 in
// UTC.
func When(tty bool, now time.Time, loc *time.Location, t time.Time) string {
	if !tty {
		return RFC3339(t)
	}
	return ShortTime(now, loc, t) + " (" + text.RelativeTime(now, t) + ")"
}

// ErrOutWhen is When for the times of messages on stderr: in the
// profile's zone when stderr is a terminal.
func ErrOutWhen(ios *iostreams.IOStreams, now func() time.Time, cfg func() (*config.Config, error)) func(time.Time) string {
	return func(t time.Time) string {
		if !ios.IsStderrTTY() {
			return RFC3339(t)
		}
		n := time.Now()
		if now != nil {
			n = now()
		}
		return When(true, n, ProfileZone(cfg), t)
	}
}

// RFC3339 is t as scripts read it: RFC 3339 in UTC.
func RFC3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
