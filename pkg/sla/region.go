package sla

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// regionSpec is a support region's home zone and holiday calendar.
type regionSpec struct{ name, zone, country string }

// regions all use DefaultWeek.
var regions = [...]regionSpec{
	{"americas-west", "America/Los_Angeles", "US"},
	{"americas-east", "America/New_York", "US"},
	{"emea-de", "Europe/Berlin", "DE"},
	{"apac-in", "Asia/Kolkata", "IN"},
	{"apac-jp", "Asia/Tokyo", "JP"},
	{"apac-kr", "Asia/Seoul", "KR"},
}

// RegionSchedule is the business-hours schedule of a support region (see
// support.Regions): its zone, Monday to Friday 09:00-18:00, and its
// country's public holidays plus extra, the holidays an admin added.
//
// The zone comes from the system's zone database through time.LoadLocation
// (loaded once per zone, then cached); a binary that must run where there is
// none imports time/tzdata in its main package.
func RegionSchedule(region string, extra []Holiday) (Schedule, error) {
	i := slices.IndexFunc(regions[:], func(r regionSpec) bool { return r.name == region })
	if i < 0 {
		if err := support.Regions.Check("region", region); err != nil {
			return Schedule{}, err
		}
		return Schedule{}, &support.ValidationError{Field: "region", Message: fmt.Sprintf("region %s has no business-hours schedule", region)}
	}
	r := regions[i]
	loc, err := loadZone(r.zone)
	if err != nil {
		return Schedule{}, err
	}
	return NewSchedule(region, loc, DefaultWeek(), append(slices.Clone(builtinHolidays(r.country)), extra...))
}

// zones caches loaded locations by name: time.LoadLocation reads and parses
// a file on every call.
var zones sync.Map

func loadZone(name string) (*time.Location, error) {
	if loc, ok := zones.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("load time zone %s: %w (install the system's tzdata, or build supctl with time/tzdata)", name, err)
	}
	zones.Store(name, loc)
	return loc, nil
}
