package text

import (
	"fmt"
	"strings"
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

// shortUnit is the abbreviation CompactTimes uses for a unit of
// RelativeTime. A switch rather than a map: no work at start-up.
func shortUnit(word string) (string, bool) {
	switch word {
	case "minute", "minutes":
		return "m", true
	case "hour", "hours":
		return "h", true
	case "day", "days":
		return "d", true
	case "month", "months":
		return "mo", true
	case "year", "years":
		return "y", true
	}
	return "", false
}

// CompactTimes abbreviates the amounts RelativeTime writes, wherever they
// are in s: "breached 3 days ago" becomes "breached 3d ago", "in 4 hours"
// "in 4h". Anything else is left as it is.
func CompactTimes(s string) string {
	words := strings.Split(s, " ")
	out := words[:0:0]
	for i := 0; i < len(words); i++ {
		if unit, ok := shortUnit(next(words, i)); ok && isNumber(words[i]) {
			out = append(out, words[i]+unit)
			i++
			continue
		}
		out = append(out, words[i])
	}
	return strings.Join(out, " ")
}

func next(words []string, i int) string {
	if i+1 < len(words) {
		return words[i+1]
	}
	return ""
}

func isNumber(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
