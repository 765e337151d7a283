package sla

import "time"

// Business time arithmetic. Every instant returned is in UTC; compare
// instants with Equal. Business hours map to instants through time.Date in
// the schedule's zone, so a span keeps its wall-clock hours across daylight
// saving changes and is as long in real time as the clocks make it (a
// 00:00-24:00 span lasts 23 hours on the day clocks spring forward).

// AddBusiness is the instant at which d of business time has passed after
// from. A d that ends exactly at closing time gives the closing instant, not
// the next opening. A d of zero or less gives from.
func (s Schedule) AddBusiness(from time.Time, d time.Duration) time.Time {
	if d <= 0 || !s.hours {
		return from.Add(max(d, 0)).UTC()
	}
	c := s.cursor(from)
	for {
		iv := c.next()
		start := later(iv.start, from)
		avail := iv.end.Sub(start)
		if d <= avail {
			return start.Add(d).UTC()
		}
		d -= avail
	}
}

// BusinessBetween is the business time from a to b; negative when b is
// before a. BusinessBetween(a, AddBusiness(a, d)) == d for every d >= 0.
func (s Schedule) BusinessBetween(a, b time.Time) time.Duration {
	if b.Before(a) {
		return -s.BusinessBetween(b, a)
	}
	if !s.hours {
		return b.Sub(a)
	}
	var sum time.Duration
	c := s.cursor(a)
	for iv := c.next(); iv.start.Before(b); iv = c.next() {
		sum += earlier(iv.end, b).Sub(later(iv.start, a))
	}
	return sum
}

// InHours reports whether the schedule is open at t.
func (s Schedule) InHours(t time.Time) bool {
	if !s.hours {
		return true
	}
	c := s.cursor(t)
	return !c.next().start.After(t)
}

// NextOpen is t when the schedule is open at t, else the instant it next
// opens.
func (s Schedule) NextOpen(t time.Time) time.Time {
	if !s.hours {
		return t.UTC()
	}
	c := s.cursor(t)
	return later(c.next().start, t).UTC()
}

// interval is a stretch of open time, start included, end excluded.
type interval struct{ start, end time.Time }

// cursor walks a business-hours schedule's open intervals in time order,
// starting with the one that contains or follows from. It never ends: a
// schedule has hours on some weekday and finitely many holidays.
type cursor struct {
	s     Schedule // a copy: a pointer would move the caller's schedule to the heap
	from  time.Time
	day   Date
	spans []Span    // spans of day not yet returned
	last  time.Time // end of the interval returned last
}

func (s Schedule) cursor(from time.Time) cursor {
	c := cursor{s: s, from: from}
	c.load(DateOf(from.In(s.loc)))
	return c
}

// load moves the cursor to the start of day d.
func (c *cursor) load(d Date) {
	c.day, c.spans = d, nil
	if _, closed := c.s.HolidayOn(d); !closed {
		c.spans = c.s.week[d.Weekday()]
	}
}

func (c *cursor) next() interval {
	for {
		for len(c.spans) > 0 {
			sp, d := c.spans[0], c.day
			c.spans = c.spans[1:]
			// A wall time repeated when clocks fall back could map two spans
			// onto overlapping instants; clipping keeps intervals disjoint.
			iv := interval{
				start: later(time.Date(d.Year, d.Month, d.Day, 0, sp.Start, 0, 0, c.s.loc), c.last),
				end:   time.Date(d.Year, d.Month, d.Day, 0, sp.End, 0, 0, c.s.loc),
			}
			if iv.end.After(iv.start) && iv.end.After(c.from) {
				c.last = iv.end
				return iv
			}
		}
		c.load(c.day.next())
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
