package sla

import (
	"fmt"
	"time"
)

// Date is a civil date: a day on a wall calendar, in no time zone. Holidays
// are dates, not instants, because a holiday starts at local midnight
// wherever the schedule is.
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf is the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ParseDate reads a date written as YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("invalid date %q: write it as YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

func (d Date) String() string {
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as YYYY-MM-DD, its form in JSON and config files.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads a date written as YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// Valid reports whether d names a real day (not February 30).
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.normalized() == d
}

// Compare returns -1, 0 or +1 as d is before, equal to or after o.
func (d Date) Compare(o Date) int {
	switch a, b := d.key(), o.key(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Weekday is the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.noonUTC().Weekday() }

// next is the day after d.
func (d Date) next() Date { return DateOf(time.Date(d.Year, d.Month, d.Day+1, 12, 0, 0, 0, time.UTC)) }

func (d Date) normalized() Date { return DateOf(d.noonUTC()) }

// noonUTC is a stable instant on d for calendar arithmetic: no zone's
// transitions can move it to another day.
func (d Date) noonUTC() time.Time { return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC) }

func (d Date) key() int { return d.Year*10000 + int(d.Month)*100 + d.Day }

// Holiday is a day on which a schedule is closed.
type Holiday struct {
	Date Date   `json:"date" yaml:"date"`
	Name string `json:"name" yaml:"name"`
}
