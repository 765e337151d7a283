package text

import (
	"fmt"
	"time"
)

// RelativeTime describes t as seen at now: "3 minutes ago", "in 4 hours",
// "just now". Units are floored, so a deadline never looks further off
// than it is.
func RelativeTime(now, t time.Time) string {
	d := now.Sub(t)
	future := d < 0
	if future {
		d = -d
	}
	if d < time.Minute {
		return "just now"
	}
	var amount string
	switch day := 24 * time.Hour; {
	case d < time.Hour:
		amount = Pluralize(int(d/time.Minute), "minute")
	case d < day:
		amount = Pluralize(int(d/time.Hour), "hour")
	case d < 30*day:
		amount = Pluralize(int(d/day), "day")
	case d < 365*day:
		amount = Pluralize(int(d/(30*day)), "month")
	default:
		amount = Pluralize(int(d/(365*day)), "year")
	}
	if future {
		return "in " + amount
	}
	return amount + " ago"
}

// Pluralize is n followed by word, with an "s" unless n is 1.
func Pluralize(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
