package sla

import (
	"strings"
	"testing"
	"time"
)

func TestAddBusiness(t *testing.T) {
	for _, c := range []struct {
		name, region, from string
		d                  time.Duration
		want               string // local wall time in the region
		wall               time.Duration
	}{
		{"LA spring forward over the weekend", "americas-west", "2026-03-06 17:00", 4 * time.Hour, "2026-03-09 12:00", 66 * time.Hour},
		{"LA fall back over the weekend", "americas-west", "2026-10-30 16:00", 4 * time.Hour, "2026-11-02 11:00", 68 * time.Hour},
		{"Berlin spring forward over the weekend", "emea-de", "2026-03-27 16:00", 4 * time.Hour, "2026-03-30 11:00", 66 * time.Hour},
		{"Berlin fall back over the weekend", "emea-de", "2026-10-23 16:00", 4 * time.Hour, "2026-10-26 11:00", 68 * time.Hour},
		{"weekend", "americas-east", "2026-06-12 17:30", time.Hour, "2026-06-15 09:30", 64 * time.Hour},
		{"midnight: closing to next opening", "americas-east", "2026-06-10 17:00", 2 * time.Hour, "2026-06-11 10:00", 17 * time.Hour},
		{"ends exactly at closing", "americas-east", "2026-06-08 09:00", 9 * time.Hour, "2026-06-08 18:00", 9 * time.Hour},
		{"starts before opening", "americas-east", "2026-06-08 07:00", time.Hour, "2026-06-08 10:00", 3 * time.Hour},
		{"US holiday: Juneteenth", "americas-east", "2026-06-18 17:00", 2 * time.Hour, "2026-06-22 10:00", 89 * time.Hour},
		{"JP Golden Week", "apac-jp", "2026-05-01 17:00", 9 * time.Hour, "2026-05-07 17:00", 144 * time.Hour},
		{"JP substitute holiday 2026-05-06", "apac-jp", "2026-05-05 10:00", time.Hour, "2026-05-07 10:00", 48 * time.Hour},
		{"JP May 1 is a working day", "apac-jp", "2026-04-30 17:00", 2 * time.Hour, "2026-05-01 10:00", 17 * time.Hour},
		{"KR Chuseok", "apac-kr", "2026-09-23 15:00", 4 * time.Hour, "2026-09-28 10:00", 115 * time.Hour},
		{"KR Seollal 2027 with substitute", "apac-kr", "2027-02-05 17:00", 2 * time.Hour, "2027-02-10 10:00", 113 * time.Hour},
		{"IN Diwali on a sunday closes nothing more", "apac-in", "2026-11-06 17:00", 2 * time.Hour, "2026-11-09 10:00", 65 * time.Hour},
		{"five business days", "americas-west", "2026-06-01 10:00", 45 * time.Hour, "2026-06-08 10:00", 168 * time.Hour},
		{"zero duration", "apac-jp", "2026-05-05 10:00", 0, "2026-05-05 10:00", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := regionSchedule(t, c.region)
			from := local(t, s.Location(), c.from)
			got := s.AddBusiness(from, c.d)
			if want := local(t, s.Location(), c.want); !got.Equal(want) {
				t.Errorf("AddBusiness(%s, %v) = %s, want %s", c.from, c.d, got.In(s.Location()), want)
			}
			if w := got.Sub(from); w != c.wall {
				t.Errorf("wall time %v, want %v", w, c.wall)
			}
			if got.Location() != time.UTC {
				t.Errorf("result in %s, want UTC", got.Location())
			}
			if back := s.BusinessBetween(from, got); back != c.d {
				t.Errorf("BusinessBetween back = %v, want %v", back, c.d)
			}
		})
	}
}

// allDay is open around the clock every day through business hours, so DST
// changes show in the length of a day.
func allDay(t testing.TB, zoneName string) Schedule {
	var w Week
	for d := range w {
		w[d] = []Span{{0, 24 * 60}}
	}
	s, err := NewSchedule("all-day", zone(t, zoneName), w, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestBusinessDaysAcrossDSTHaveTheirRealLength(t *testing.T) {
	for _, c := range []struct {
		zone, day string
		want      time.Duration
	}{
		{"America/Los_Angeles", "2026-03-08", 23 * time.Hour},
		{"America/Los_Angeles", "2026-11-01", 25 * time.Hour},
		{"Europe/Berlin", "2026-03-29", 23 * time.Hour},
		{"Europe/Berlin", "2026-10-25", 25 * time.Hour},
		{"Europe/Berlin", "2026-10-26", 24 * time.Hour},
	} {
		s := allDay(t, c.zone)
		start := local(t, s.Location(), c.day+" 00:00")
		end := time.Date(start.Year(), start.Month(), start.Day()+1, 0, 0, 0, 0, s.Location())
		if got := s.BusinessBetween(start, end); got != c.want {
			t.Errorf("%s %s: %v, want %v", c.zone, c.day, got, c.want)
		}
		if got := s.AddBusiness(start, c.want); !got.Equal(end) {
			t.Errorf("%s %s: AddBusiness = %s, want %s", c.zone, c.day, got, end)
		}
	}
}

// nightShift is open 20:00-04:00 from Monday evening to Saturday morning.
func nightShift(t testing.TB) Schedule {
	var w Week
	for d := time.Monday; d <= time.Friday; d++ {
		w[d] = append(w[d], Span{20 * 60, 24 * 60})
		w[d+1] = append([]Span{{0, 4 * 60}}, w[d+1]...)
	}
	s, err := NewSchedule("night", zone(t, "America/Los_Angeles"), w, nil)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNightShiftCrossesMidnight(t *testing.T) {
	s := nightShift(t)
	loc := s.Location()
	if got, want := s.AddBusiness(local(t, loc, "2026-06-08 23:00"), 2*time.Hour), local(t, loc, "2026-06-09 01:00"); !got.Equal(want) {
		t.Errorf("across midnight: %s, want %s", got, want)
	}
	if got := s.BusinessBetween(local(t, loc, "2026-06-08 19:00"), local(t, loc, "2026-06-09 05:00")); got != 8*time.Hour {
		t.Errorf("night shift length %v, want 8h", got)
	}
	// Saturday 00:00-04:00 closes Friday's shift; Saturday evening is closed.
	if got, want := s.AddBusiness(local(t, loc, "2026-06-13 03:00"), 2*time.Hour), local(t, loc, "2026-06-15 21:00"); !got.Equal(want) {
		t.Errorf("over the weekend: %s, want %s", got.In(loc), want)
	}
}

func TestSpanAcrossSpringForward(t *testing.T) {
	var w Week
	w[time.Sunday] = []Span{{0, 6 * 60}}
	s, err := NewSchedule("early", zone(t, "America/Los_Angeles"), w, nil)
	if err != nil {
		t.Fatal(err)
	}
	loc := s.Location()
	start := local(t, loc, "2026-03-08 00:00")
	if got := s.BusinessBetween(start, local(t, loc, "2026-03-08 06:00")); got != 5*time.Hour {
		t.Errorf("00:00-06:00 on the spring-forward day lasts %v, want 5h", got)
	}
	if got, want := s.AddBusiness(start, 5*time.Hour), local(t, loc, "2026-03-08 06:00"); !got.Equal(want) {
		t.Errorf("AddBusiness = %s, want %s", got.In(loc), want)
	}
}

func TestBusinessBetween(t *testing.T) {
	s := regionSchedule(t, "apac-jp")
	loc := s.Location()
	for _, c := range []struct {
		a, b string
		want time.Duration
	}{
		{"2026-06-08 09:00", "2026-06-08 18:00", 9 * time.Hour},
		{"2026-06-08 18:00", "2026-06-09 09:00", 0},
		{"2026-06-12 17:00", "2026-06-15 10:00", 2 * time.Hour},
		{"2026-06-15 10:00", "2026-06-12 17:00", -2 * time.Hour},
		{"2026-04-28 09:00", "2026-05-08 18:00", 45 * time.Hour}, // Golden Week: 28, 30, 1, 7, 8
		{"2026-06-13 10:00", "2026-06-13 12:00", 0},
	} {
		if got := s.BusinessBetween(local(t, loc, c.a), local(t, loc, c.b)); got != c.want {
			t.Errorf("BusinessBetween(%s, %s) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestInHoursAndNextOpen(t *testing.T) {
	s := regionSchedule(t, "emea-de")
	loc := s.Location()
	for _, c := range []struct {
		at, next string
		open     bool
	}{
		{"2026-06-08 09:00", "2026-06-08 09:00", true},
		{"2026-06-08 17:59", "2026-06-08 17:59", true},
		{"2026-06-08 18:00", "2026-06-09 09:00", false},
		{"2026-06-08 08:59", "2026-06-08 09:00", false},
		{"2026-06-13 12:00", "2026-06-15 09:00", false}, // saturday
		{"2026-12-24 17:00", "2026-12-24 17:00", true},
		{"2026-12-24 18:30", "2026-12-28 09:00", false}, // christmas then a weekend
		{"2026-05-01 10:00", "2026-05-04 09:00", false}, // Tag der Arbeit
	} {
		at := local(t, loc, c.at)
		if got := s.InHours(at); got != c.open {
			t.Errorf("InHours(%s) = %v", c.at, got)
		}
		got := s.NextOpen(at)
		if want := local(t, loc, c.next); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("NextOpen(%s) = %s, want %s in UTC", c.at, got, want)
		}
	}
}

func TestAlwaysOpen(t *testing.T) {
	for _, s := range []Schedule{{}, AlwaysOpen("24x7", zone(t, "Asia/Tokyo"))} {
		sat := time.Date(2026, 5, 2, 3, 0, 0, 0, time.UTC)
		if !s.IsAlwaysOpen() || !s.InHours(sat) || !s.NextOpen(sat).Equal(sat) {
			t.Errorf("%q: not open on a saturday night", s.Name())
		}
		if got := s.AddBusiness(sat, 50*time.Hour); !got.Equal(sat.Add(50 * time.Hour)) {
			t.Errorf("%q: AddBusiness = %s", s.Name(), got)
		}
		if got := s.BusinessBetween(sat, sat.Add(-3*time.Hour)); got != -3*time.Hour {
			t.Errorf("%q: BusinessBetween = %v", s.Name(), got)
		}
	}
	if (Schedule{}).Location() != time.UTC {
		t.Error("the zero schedule should be in UTC")
	}
}

func TestNewScheduleRejectsBadInput(t *testing.T) {
	loc := zone(t, "Europe/Berlin")
	week := func(spans ...Span) Week { return Week{time.Monday: spans} }
	for _, c := range []struct {
		name string
		loc  *time.Location
		week Week
		hol  []Holiday
		want string
	}{
		{"no zone", nil, DefaultWeek(), nil, "needs a time zone"},
		{"empty week", loc, Week{}, nil, "has no business hours"},
		{"reversed span", loc, week(Span{18 * 60, 9 * 60}), nil, "invalid business hours 18:00-09:00 on monday"},
		{"overlap", loc, week(Span{9 * 60, 12 * 60}, Span{11 * 60, 13 * 60}), nil, "invalid business hours 11:00-13:00"},
		{"past midnight", loc, week(Span{22 * 60, 25 * 60}), nil, "within 00:00-24:00"},
		{"negative", loc, week(Span{-60, 60}), nil, "invalid business hours"},
		{"bad holiday", loc, DefaultWeek(), []Holiday{{Date{2026, time.February, 30}, "x"}}, "invalid holiday date 2026-02-30"},
	} {
		_, err := NewSchedule("test", c.loc, c.week, c.hol)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v, want it to contain %q", c.name, err, c.want)
		}
	}
}

func TestScheduleIsImmutable(t *testing.T) {
	w := DefaultWeek()
	hol := []Holiday{{day(2026, time.June, 10), "Founders' Day"}}
	s, err := NewSchedule("x", zone(t, "Asia/Tokyo"), w, hol)
	if err != nil {
		t.Fatal(err)
	}
	w[time.Wednesday][0] = Span{0, 60}
	hol[0].Date = day(2026, time.June, 11)
	s.Week()[time.Wednesday][0] = Span{0, 60}
	s.Holidays()[0].Name = "changed"
	at := local(t, s.Location(), "2026-06-11 10:00")
	if !s.InHours(at) || s.InHours(local(t, s.Location(), "2026-06-10 10:00")) || s.Holidays()[0].Name != "Founders' Day" {
		t.Error("changing the inputs or the copies changed the schedule")
	}
}
