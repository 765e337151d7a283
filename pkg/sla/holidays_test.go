package sla

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

var countries = []string{"DE", "IN", "JP", "KR", "US"}

func TestHolidayTablesAreSortedValidAndCover2026And2027(t *testing.T) {
	for _, c := range countries {
		hs := builtinHolidays(c)
		years := map[int]bool{}
		for i, h := range hs {
			if !h.Date.Valid() || h.Name == "" {
				t.Errorf("%s: invalid entry %v", c, h)
			}
			if i > 0 && hs[i-1].Date.Compare(h.Date) >= 0 {
				t.Errorf("%s: %s is not after %s", c, h.Date, hs[i-1].Date)
			}
			years[h.Date.Year] = true
		}
		if len(years) != 2 || !years[2026] || !years[2027] {
			t.Errorf("%s: years %v, want 2026 and 2027", c, years)
		}
	}
	if Holidays("FR") != nil {
		t.Error("Holidays(FR) should be nil")
	}
}

func TestSubstituteHolidaysFallOnWeekdays(t *testing.T) {
	for _, c := range countries {
		for _, h := range builtinHolidays(c) {
			if wd := h.Date.Weekday(); (strings.Contains(h.Name, "Substitute") || strings.Contains(h.Name, "observed")) &&
				(wd == time.Saturday || wd == time.Sunday) {
				t.Errorf("%s: %s %q falls on %s", c, h.Date, h.Name, wd)
			}
		}
	}
}

func dates(hs []Holiday) []Date {
	out := make([]Date, len(hs))
	for i, h := range hs {
		out[i] = h.Date
	}
	return out
}

func sortedDates(ds []Date) []Date {
	slices.SortFunc(ds, Date.Compare)
	return slices.Compact(ds)
}

// nthWeekday is the n-th (1-based; -1 for the last) weekday wd of a month.
func nthWeekday(y int, m time.Month, wd time.Weekday, n int) Date {
	if n < 0 {
		last := Date{y, m + 1, 0}.normalized()
		return Date{y, m, last.Day - (int(last.Weekday())-int(wd)+7)%7}
	}
	first := Date{y, m, 1}
	return Date{y, m, 1 + (int(wd)-int(first.Weekday())+7)%7 + 7*(n-1)}
}

func addDays(d Date, n int) Date { return Date{d.Year, d.Month, d.Day + n}.normalized() }

func TestUSHolidaysFollowTheFederalRules(t *testing.T) {
	observed := func(d Date) Date {
		switch d.Weekday() {
		case time.Saturday:
			return addDays(d, -1)
		case time.Sunday:
			return addDays(d, 1)
		}
		return d
	}
	var want []Date
	for y := 2026; y <= 2028; y++ {
		for _, d := range []Date{
			observed(Date{y, time.January, 1}),
			nthWeekday(y, time.January, time.Monday, 3),
			nthWeekday(y, time.February, time.Monday, 3),
			nthWeekday(y, time.May, time.Monday, -1),
			observed(Date{y, time.June, 19}),
			observed(Date{y, time.July, 4}),
			nthWeekday(y, time.September, time.Monday, 1),
			nthWeekday(y, time.October, time.Monday, 2),
			observed(Date{y, time.November, 11}),
			nthWeekday(y, time.November, time.Thursday, 4),
			observed(Date{y, time.December, 25}),
		} {
			if d.Year >= 2026 && d.Year <= 2027 {
				want = append(want, d)
			}
		}
	}
	if got, want := dates(holidaysUS), sortedDates(want); !slices.Equal(got, want) {
		t.Errorf("US holidays\n got %v\nwant %v", got, want)
	}
}

// easter is Easter Sunday (anonymous Gregorian algorithm).
func easter(y int) Date {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	return Date{y, time.Month(month), (h+l-7*m+114)%31 + 1}
}

func TestGermanHolidaysFollowEaster(t *testing.T) {
	var want []Date
	for _, y := range []int{2026, 2027} {
		e := easter(y)
		want = append(want, Date{y, time.January, 1}, addDays(e, -2), addDays(e, 1), Date{y, time.May, 1},
			addDays(e, 39), addDays(e, 50), Date{y, time.October, 3}, Date{y, time.December, 25}, Date{y, time.December, 26})
	}
	if got, want := dates(holidaysDE), sortedDates(want); !slices.Equal(got, want) {
		t.Errorf("DE holidays\n got %v\nwant %v", got, want)
	}
	if e := easter(2026); e != day(2026, time.April, 5) {
		t.Errorf("easter 2026 = %v", e)
	}
}

func TestJapaneseHolidaysFollowTheHolidayLaw(t *testing.T) {
	// Equinox days are set each year by the National Astronomical
	// Observatory; the rest follows from the law's rules.
	equinox := map[int][2]Date{
		2026: {day(2026, time.March, 20), day(2026, time.September, 23)},
		2027: {day(2027, time.March, 21), day(2027, time.September, 23)},
	}
	var want []Date
	for _, y := range []int{2026, 2027} {
		national := []Date{
			{y, time.January, 1}, nthWeekday(y, time.January, time.Monday, 2), {y, time.February, 11},
			{y, time.February, 23}, equinox[y][0], {y, time.April, 29}, {y, time.May, 3}, {y, time.May, 4},
			{y, time.May, 5}, nthWeekday(y, time.July, time.Monday, 3), {y, time.August, 11},
			nthWeekday(y, time.September, time.Monday, 3), equinox[y][1], nthWeekday(y, time.October, time.Monday, 2),
			{y, time.November, 3}, {y, time.November, 23},
		}
		isNational := func(d Date) bool { return slices.Contains(national, d) }
		want = append(want, national...)
		for _, d := range national {
			if d.Weekday() == time.Sunday { // substitute: the next day that is no holiday
				s := addDays(d, 1)
				for isNational(s) {
					s = addDays(s, 1)
				}
				want = append(want, s)
			}
			// citizens' holiday: a day between two national holidays
			if mid := addDays(d, 1); !isNational(mid) && isNational(addDays(d, 2)) && mid.Weekday() != time.Sunday {
				want = append(want, mid)
			}
		}
	}
	if got, want := dates(holidaysJP), sortedDates(want); !slices.Equal(got, want) {
		t.Errorf("JP holidays\n got %v\nwant %v", got, want)
	}
}

func TestLunarAndElectionHolidays(t *testing.T) {
	kr := dates(holidaysKR)
	in := dates(holidaysIN)
	for _, c := range []struct {
		list []Date
		d    Date
		name string
	}{
		{kr, day(2026, time.February, 16), "seollal 2026"},
		{kr, day(2026, time.February, 18), "seollal 2026"},
		{kr, day(2026, time.September, 24), "chuseok 2026"},
		{kr, day(2026, time.September, 26), "chuseok 2026"},
		{kr, day(2026, time.May, 25), "buddha's birthday 2026, substitute"},
		{kr, day(2026, time.June, 3), "local elections 2026"},
		{kr, day(2026, time.July, 17), "constitution day 2026"},
		{kr, day(2027, time.February, 9), "seollal 2027, substitute"},
		{kr, day(2027, time.May, 13), "buddha's birthday 2027"},
		{kr, day(2027, time.September, 15), "chuseok 2027"},
		{kr, day(2027, time.December, 27), "christmas 2027, substitute"},
		{in, day(2026, time.November, 8), "diwali 2026"},
		{in, day(2026, time.March, 4), "holi 2026"},
		{in, day(2027, time.March, 26), "good friday 2027"},
	} {
		if !slices.Contains(c.list, c.d) {
			t.Errorf("%s: %s missing", c.name, c.d)
		}
	}
	if slices.Contains(kr, day(2026, time.September, 28)) {
		t.Error("chuseok 2026 ends on a saturday, which earns no substitute day")
	}
}

func TestEverySupportRegionHasASchedule(t *testing.T) {
	for _, r := range support.Regions.Values() {
		s := regionSchedule(t, r)
		if s.Name() != r || s.IsAlwaysOpen() || len(s.Holidays()) == 0 {
			t.Errorf("%s: name %q, always open %v, %d holidays", r, s.Name(), s.IsAlwaysOpen(), len(s.Holidays()))
		}
	}
	s := regionSchedule(t, "apac-jp")
	if s.Location().String() != "Asia/Tokyo" {
		t.Errorf("apac-jp zone %s", s.Location())
	}
	if h, ok := s.HolidayOn(day(2026, time.May, 6)); !ok || h.Name != "Substitute Holiday" {
		t.Errorf("apac-jp 2026-05-06 = %v, %v", h, ok)
	}
	if _, err := RegionSchedule("mars", nil); err == nil || !strings.Contains(err.Error(), "invalid region") {
		t.Errorf("unknown region: %v", err)
	}
}

func TestExtraHolidaysCloseTheRegion(t *testing.T) {
	extra := []Holiday{
		{day(2026, time.December, 24), "Company holiday"},
		{day(2026, time.December, 25), "Duplicate of Christmas"},
	}
	s, err := RegionSchedule("americas-east", extra)
	if err != nil {
		t.Fatal(err)
	}
	ny := s.Location()
	if s.InHours(local(t, ny, "2026-12-24 10:00")) {
		t.Error("open on an admin-added holiday")
	}
	if h, _ := s.HolidayOn(day(2026, time.December, 25)); h.Name != "Christmas Day" {
		t.Errorf("built-in name should win on a duplicate date, got %q", h.Name)
	}
	if plain := regionSchedule(t, "americas-east"); !plain.InHours(local(t, ny, "2026-12-24 10:00")) {
		t.Error("extra holidays leaked into another schedule")
	}
}

func TestDates(t *testing.T) {
	d, err := ParseDate("2026-05-06")
	if err != nil || d != day(2026, time.May, 6) || d.String() != "2026-05-06" || d.Weekday() != time.Wednesday {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, bad := range []string{"2026-02-30", "06/05/2026", ""} {
		if _, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) accepted", bad)
		}
	}
	if (Date{2026, time.February, 29}).Valid() || (Date{2026, 13, 1}).Valid() || !(Date{2028, time.February, 29}).Valid() {
		t.Error("Valid is wrong about leap days or months")
	}
	if DateOf(time.Date(2026, 1, 1, 23, 30, 0, 0, zone(t, "America/Los_Angeles")).UTC()) != day(2026, time.January, 2) {
		t.Error("DateOf should use the time's own location")
	}
}
