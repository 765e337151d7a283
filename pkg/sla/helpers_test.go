package sla

import (
	"testing"
	"time"
)

func zone(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatalf("load zone %s: %v", name, err)
	}
	return loc
}

// local reads "2006-01-02 15:04" as wall-clock time in loc.
func local(t testing.TB, loc *time.Location, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		t.Fatalf("parse %q: %v", s, err)
	}
	return v
}

func regionSchedule(t testing.TB, region string) Schedule {
	t.Helper()
	s, err := RegionSchedule(region, nil)
	if err != nil {
		t.Fatalf("RegionSchedule(%s): %v", region, err)
	}
	return s
}

func day(y int, m time.Month, d int) Date { return Date{y, m, d} }
