package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Span is one stretch of business hours within a day, in minutes after
// local midnight, start included and end excluded: 09:00-18:00 is
// Span{540, 1080}. A span may end at 1440, the next midnight; hours that
// cross midnight are two spans on consecutive days.
type Span struct{ Start, End int }

// Week holds the business hours of each day, indexed by time.Weekday; a day
// without spans is closed.
type Week [7][]Span

// DefaultWeek is Monday to Friday, 09:00 to 18:00: a business day of 9 hours.
func DefaultWeek() Week {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = []Span{{9 * 60, 18 * 60}}
	}
	return w
}

// Schedule says when support is open for a customer: a time zone, weekly
// business hours and holidays, or around the clock. Business hours are
// local wall-clock times, so a business day keeps its hours across daylight
// saving changes. The zero Schedule is open around the clock in UTC.
// A Schedule is immutable and safe for concurrent use.
type Schedule struct {
	name     string
	loc      *time.Location
	week     Week
	holidays []Holiday // sorted by date, one per date
	hours    bool      // false: open around the clock
}

// NewSchedule builds a business-hours schedule. Spans of a day must be in
// order and must not overlap; at least one day must have hours. Holidays
// may come in any order; of two on one date the first given is kept.
func NewSchedule(name string, loc *time.Location, week Week, holidays []Holiday) (Schedule, error) {
	if loc == nil {
		return Schedule{}, &support.ValidationError{Field: "timezone", Message: "schedule " + name + " needs a time zone"}
	}
	s := Schedule{name: name, loc: loc, hours: true}
	open := false
	for day, spans := range week {
		prevEnd := 0
		for _, sp := range spans {
			if sp.Start < prevEnd || sp.Start >= sp.End || sp.End > 24*60 {
				return Schedule{}, &support.ValidationError{Field: "business_hours", Message: fmt.Sprintf(
					"invalid business hours %s on %s: spans must be in order, not overlap, and lie within 00:00-24:00",
					sp, strings.ToLower(time.Weekday(day).String()))}
			}
			prevEnd = sp.End
		}
		s.week[day] = slices.Clone(spans)
		open = open || len(spans) > 0
	}
	if !open {
		return Schedule{}, &support.ValidationError{Field: "business_hours", Message: "schedule " + name + " has no business hours: give at least one day hours, or use a 24x7 schedule"}
	}
	for _, h := range holidays {
		if !h.Date.Valid() {
			return Schedule{}, &support.ValidationError{Field: "holidays", Message: fmt.Sprintf("invalid holiday date %s: not a day of the calendar", h.Date)}
		}
	}
	s.holidays = slices.Clone(holidays)
	slices.SortStableFunc(s.holidays, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	s.holidays = slices.CompactFunc(s.holidays, func(a, b Holiday) bool { return a.Date == b.Date })
	return s, nil
}

// AlwaysOpen is a schedule open around the clock (24x7) in loc; business
// time then equals calendar time.
func AlwaysOpen(name string, loc *time.Location) Schedule {
	return Schedule{name: name, loc: loc}
}

// Name is the schedule's name, for a region schedule the region.
func (s Schedule) Name() string { return s.name }

// Location is the schedule's time zone: the customer's, in which its due
// instants are shown to the customer.
func (s Schedule) Location() *time.Location {
	if s.loc == nil {
		return time.UTC
	}
	return s.loc
}

// IsAlwaysOpen reports whether the schedule is open around the clock.
func (s Schedule) IsAlwaysOpen() bool { return !s.hours }

// Week is a copy of the weekly business hours; empty when always open.
func (s Schedule) Week() Week {
	var w Week
	for d, spans := range s.week {
		w[d] = slices.Clone(spans)
	}
	return w
}

// Holidays is a copy of the schedule's holidays in date order.
func (s Schedule) Holidays() []Holiday { return slices.Clone(s.holidays) }

// HolidayOn is the holiday on date d, if the schedule has one.
func (s Schedule) HolidayOn(d Date) (Holiday, bool) {
	i, ok := slices.BinarySearchFunc(s.holidays, d, func(h Holiday, d Date) int { return h.Date.Compare(d) })
	if !ok {
		return Holiday{}, false
	}
	return s.holidays[i], true
}

func (sp Span) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", sp.Start/60, sp.Start%60, sp.End/60, sp.End%60)
}
