package sla

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// fuzzSchedules are the region schedules plus shapes that stress the
// arithmetic: hours that cover DST changes, a night shift across midnight,
// and 24x7.
func fuzzSchedules(t testing.TB) []Schedule {
	var out []Schedule
	for _, r := range support.Regions.Values() {
		out = append(out, regionSchedule(t, r))
	}
	return append(out, allDay(t, "Europe/Berlin"), allDay(t, "America/Los_Angeles"), nightShift(t),
		AlwaysOpen("24x7", zone(t, "Asia/Tokyo")))
}

var fuzzStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

func mod(v, n int64) int64 { return (v%n + n) % n }

func FuzzAddBusinessInverse(f *testing.F) {
	schedules := fuzzSchedules(f)
	f.Add(uint8(0), int64(5*24*3600+17*3600), int64(4*time.Hour))
	f.Add(uint8(2), int64(298*24*3600), int64(45*time.Hour+time.Nanosecond))
	f.Add(uint8(6), int64(66*24*3600+3600), int64(23*time.Hour))
	f.Fuzz(func(t *testing.T, which uint8, startSec, dur int64) {
		s := schedules[int(which)%len(schedules)]
		a := fuzzStart.Add(time.Duration(mod(startSec, 2*366*24*3600)) * time.Second)
		d := time.Duration(mod(dur, int64(1500*time.Hour)))
		end := s.AddBusiness(a, d)
		if got := s.BusinessBetween(a, end); got != d {
			t.Fatalf("%s: BusinessBetween(%s, AddBusiness(+%v) = %s) = %v", s.Name(), a, d, end, got)
		}
		if got := s.BusinessBetween(end, a); got != -d {
			t.Fatalf("%s: reversed BusinessBetween = %v, want %v", s.Name(), got, -d)
		}
		if d > 0 && !s.InHours(end.Add(-time.Nanosecond)) {
			t.Fatalf("%s: AddBusiness(%s, %v) = %s, which is not reached in business hours", s.Name(), a, d, end)
		}
		if half := s.AddBusiness(a, d/2); half.Before(a) || half.After(end) {
			t.Fatalf("%s: AddBusiness is not monotonic: %s not within [%s, %s]", s.Name(), half, a, end)
		}
		if open := s.NextOpen(a); open.Before(a) || !s.InHours(open) || s.BusinessBetween(a, open) != 0 {
			t.Fatalf("%s: NextOpen(%s) = %s", s.Name(), a, open)
		}
	})
}

// fuzzTicket turns bytes into a ticket timeline: byte 0 picks the plan and
// the start, byte 1 the schedule and severity, then pairs of (what, minutes
// later).
func fuzzTicket(schedules []Schedule, data []byte, withStatus bool) (Input, time.Time) {
	data = append(slices.Clip(data), 0, 0)
	plans, sevs, statuses := support.Plans.Values(), support.Severities.Values(), support.Statuses.Values()
	at := fuzzStart.Add(150*24*time.Hour + time.Duration(data[0])*37*time.Minute)
	in := Input{
		Plan:     plans[int(data[0])%len(plans)],
		Policies: DefaultPolicies(),
		Schedule: schedules[int(data[1])%len(schedules)],
		Events:   []Event{created(at, sevs[int(data[1]/16)%len(sevs)])},
	}
	for i := 2; i+1 < len(data) && len(in.Events) < 40; i += 2 {
		at = at.Add(time.Duration(data[i+1]) * 9 * time.Minute)
		switch op := data[i]; op % 8 {
		case 0, 1:
			in.Events = append(in.Events, engineerReply(at))
		case 2, 3:
			in.Events = append(in.Events, customerReply(at))
		case 4, 5, 6:
			if withStatus {
				in.Events = append(in.Events, status(at, statuses[int(op/8)%len(statuses)]))
			}
		case 7:
			in.Events = append(in.Events, severity(at, sevs[int(op/8)%len(sevs)]))
		}
	}
	return in, at
}

func FuzzClockInvariants(f *testing.F) {
	schedules := fuzzSchedules(f)
	f.Add([]byte{3, 17, 0, 10, 4 + 8*2, 5, 2, 200, 4 + 8*1, 30}, uint32(3600), uint32(7200))
	f.Add([]byte{0, 4, 7, 3, 0, 90, 5 + 8*3, 20, 2, 100, 6 + 8*4, 10}, uint32(0), uint32(90000))
	f.Add([]byte{9, 200, 1, 250, 5 + 8*5, 1, 4 + 8*1, 255, 3, 255}, uint32(60), uint32(1))
	f.Fuzz(func(t *testing.T, data []byte, gap1, gap2 uint32) {
		in, last := fuzzTicket(schedules, data, true)
		now1 := last.Add(time.Duration(gap1%(400*3600)) * time.Second)
		now2 := now1.Add(time.Duration(gap2%(400*3600)) * time.Second)
		c1, c2 := Compute(in, now1), Compute(in, now2)

		if again := Compute(in, now1); !reflect.DeepEqual(again, c1) {
			t.Fatalf("replay differs:\n%+v\n%+v", again, c1)
		}
		moved := in
		moved.Events = slices.Clone(in.Events)
		for i := range moved.Events {
			moved.Events[i].At = moved.Events[i].At.In(in.Schedule.Location())
		}
		if other := Compute(moved, now1.In(time.FixedZone("X", -7*3600))); !reflect.DeepEqual(other, c1) {
			t.Fatalf("the zone of the inputs changed the clocks")
		}
		if !slices.Equal(kinds(c1), kinds(c2)) {
			t.Fatalf("clocks changed without events: %v then %v", kinds(c1), kinds(c2))
		}
		for i := range c1 {
			a, b := c1[i], c2[i]
			checkClock(t, a, now1)
			checkClock(t, b, now2)
			if b.Remaining > a.Remaining || b.WallRemaining > a.WallRemaining {
				t.Fatalf("%s: remaining rose from %v/%v to %v/%v with no event", a.Kind, a.Remaining, a.WallRemaining, b.Remaining, b.WallRemaining)
			}
			if !a.DueAt.IsZero() && !b.DueAt.Equal(a.DueAt) {
				t.Fatalf("%s: breach instant moved from %s to %s with no event", a.Kind, a.DueAt, b.DueAt)
			}
			if a.State == StateBreached && (b.State != StateBreached || !b.BreachedAt.Equal(a.BreachedAt)) {
				t.Fatalf("%s: a breach was undone: %+v then %+v", a.Kind, a, b)
			}
		}
	})
}

// checkClock asserts what holds for every clock at now.
func checkClock(t *testing.T, c Clock, now time.Time) {
	t.Helper()
	if c.Elapsed+c.Remaining != c.Target.Duration {
		t.Fatalf("%s: elapsed %v + remaining %v != target %v", c.Kind, c.Elapsed, c.Remaining, c.Target)
	}
	switch c.State {
	case StatePaused:
		if !c.DueAt.IsZero() || c.PauseReason == "" || c.WallRemaining != 0 {
			t.Fatalf("%s: paused with due %s, reason %q", c.Kind, c.DueAt, c.PauseReason)
		}
	case StateRunning, StateOutsideHours:
		if c.DueAt.Before(now) || c.Remaining < 0 || c.WallRemaining != c.DueAt.Sub(now) {
			t.Fatalf("%s: %s at %s with due %s, remaining %v", c.Kind, c.State, now, c.DueAt, c.Remaining)
		}
	case StateBreached:
		if c.BreachedAt.IsZero() || !c.DueAt.Equal(c.BreachedAt) || c.BreachedAt.After(now) || c.Remaining > 0 {
			t.Fatalf("%s: breached %+v at %s", c.Kind, c, now)
		}
	case StateFulfilled:
		if c.FulfilledAt.IsZero() || c.FulfilledAt.After(now) || !c.DueAt.IsZero() || c.Remaining < 0 {
			t.Fatalf("%s: fulfilled %+v at %s", c.Kind, c, now)
		}
	default:
		t.Fatalf("%s: unknown state %q", c.Kind, c.State)
	}
}

// effectiveBreach is when a clock breached or will breach if nothing
// happens; the far future when it cannot.
func effectiveBreach(c Clock) time.Time {
	switch c.State {
	case StateBreached:
		return c.BreachedAt
	case StateRunning, StateOutsideHours:
		return c.DueAt
	}
	return time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
}

func FuzzPauseNeverMovesABreachEarlier(f *testing.F) {
	schedules := fuzzSchedules(f)
	f.Add([]byte{1, 17, 0, 10, 2, 50, 0, 30}, uint8(0), uint32(2*3600), uint32(30*3600), uint32(0))
	f.Add([]byte{0, 20, 7, 3, 0, 90, 2, 100, 7 + 8, 10}, uint8(1), uint32(0), uint32(90000), uint32(3600))
	f.Add([]byte{4, 33, 0, 1, 0, 200, 0, 200}, uint8(2), uint32(7200), uint32(600), uint32(86400))
	f.Fuzz(func(t *testing.T, data []byte, which uint8, start, length, gap uint32) {
		base, last := fuzzTicket(schedules, data, false)
		reasons := []string{"pending_customer", "pending_engineering", "on_hold"}
		p1 := base.Events[0].At.Add(time.Duration(start%(300*3600)) * time.Second)
		p2 := p1.Add(time.Duration(length%(200*3600)) * time.Second)
		paused := base
		paused.Events = append(slices.Clone(base.Events), status(p1, reasons[int(which)%len(reasons)]), status(p2, "open"))
		now := later(last, p2).Add(time.Duration(gap%(200*3600)) * time.Second)

		// A clock missing from the paused timeline never breaches: it was
		// not breached when a severity change took its target away, while
		// the same clock without the pause had already breached and kept it.
		without := Compute(base, now)
		for _, c := range Compute(paused, now) {
			i := slices.IndexFunc(without, func(w Clock) bool { return w.Kind == c.Kind })
			if i < 0 {
				t.Fatalf("%s: a pause made a clock appear", c.Kind)
			}
			if w, p := effectiveBreach(without[i]), effectiveBreach(c); p.Before(w) {
				t.Fatalf("%s: pausing %s..%s moved the breach from %s to %s", c.Kind, p1, p2, w, p)
			}
		}
	})
}
