package sla

import (
	"reflect"
	"slices"
	"testing"
	"time"
)

func created(at time.Time, severity string) Event {
	return Event{At: at, Kind: EventCreated, Severity: severity}
}
func engineerReply(at time.Time) Event { return Event{At: at, Kind: EventEngineerReply} }
func customerReply(at time.Time) Event { return Event{At: at, Kind: EventCustomerReply} }
func status(at time.Time, s string) Event {
	return Event{At: at, Kind: EventStatus, Status: s}
}
func severity(at time.Time, s string) Event {
	return Event{At: at, Kind: EventSeverity, Severity: s}
}

// ticket is a premium ticket in a region under the default policies.
type ticket struct {
	t   *testing.T
	in  Input
	loc *time.Location
}

func newTicket(t *testing.T, region string) *ticket {
	s := regionSchedule(t, region)
	return &ticket{t: t, loc: s.Location(), in: Input{Plan: "premium", Policies: DefaultPolicies(), Schedule: s}}
}

// at is a wall-clock time in the customer's zone.
func (tk *ticket) at(s string) time.Time { return local(tk.t, tk.loc, s) }

func (tk *ticket) with(events ...Event) *ticket {
	tk.in.Events = append(tk.in.Events, events...)
	return tk
}

func (tk *ticket) clocks(now string) []Clock { return Compute(tk.in, tk.at(now)) }

func (tk *ticket) clock(now string, k ClockKind) Clock {
	tk.t.Helper()
	for _, c := range tk.clocks(now) {
		if c.Kind == k {
			return c
		}
	}
	tk.t.Fatalf("no %s clock at %s", k, now)
	return Clock{}
}

func (tk *ticket) expect(c Clock, state State, due string) {
	tk.t.Helper()
	if c.State != state {
		tk.t.Errorf("%s: state %s, want %s", c.Kind, c.State, state)
	}
	if want := tk.optional(due); !c.DueAt.Equal(want) {
		tk.t.Errorf("%s: due %s, want %s", c.Kind, c.DueAt.In(tk.loc), want.In(tk.loc))
	}
}

func (tk *ticket) optional(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	return tk.at(s)
}

func expectDurations(t *testing.T, c Clock, elapsed, remaining, wallRemaining time.Duration) {
	t.Helper()
	if c.Elapsed != elapsed || c.Remaining != remaining || c.WallRemaining != wallRemaining {
		t.Errorf("%s: elapsed %v remaining %v wall remaining %v; want %v %v %v",
			c.Kind, c.Elapsed, c.Remaining, c.WallRemaining, elapsed, remaining, wallRemaining)
	}
}

func kinds(cs []Clock) []ClockKind {
	var out []ClockKind
	for _, c := range cs {
		out = append(out, c.Kind)
	}
	return out
}

func TestCalendarS1AgainstBusinessHoursS2OnASaturday(t *testing.T) {
	s1 := newTicket(t, "americas-west")
	s1.with(created(s1.at("2026-06-13 10:00"), "S1"))
	fr := s1.clock("2026-06-13 10:30", ClockFirstResponse)
	s1.expect(fr, StateRunning, "2026-06-13 11:00")
	expectDurations(t, fr, 30*time.Minute, 30*time.Minute, 30*time.Minute)
	s1.expect(s1.clock("2026-06-13 10:30", ClockResolution), StateRunning, "2026-06-14 10:00")
	if got := kinds(s1.clocks("2026-06-13 10:30")); !slices.Equal(got, []ClockKind{ClockFirstResponse, ClockResolution}) {
		t.Errorf("clocks before any reply: %v", got)
	}

	s2 := newTicket(t, "americas-west")
	s2.with(created(s2.at("2026-06-13 10:00"), "S2"))
	fr = s2.clock("2026-06-13 10:30", ClockFirstResponse)
	s2.expect(fr, StateOutsideHours, "2026-06-15 13:00")
	expectDurations(t, fr, 0, 4*time.Hour, 50*time.Hour+30*time.Minute)
	if fr.WallElapsed != 30*time.Minute || fr.Target != (Target{4 * time.Hour, true}) || fr.PolicyVersion != 1 || fr.Severity != "S2" {
		t.Errorf("first response: %+v", fr)
	}
	// Five business days, skipping Juneteenth (Friday 2026-06-19).
	s2.expect(s2.clock("2026-06-13 10:30", ClockResolution), StateOutsideHours, "2026-06-22 18:00")
	if next, ok := NextBreach(s2.clocks("2026-06-13 10:30")); !ok || !next.Equal(s2.at("2026-06-15 13:00")) {
		t.Errorf("NextBreach = %s, %v", next, ok)
	}
}

func TestFirstResponseFulfilledAndBreached(t *testing.T) {
	base := func() *ticket {
		tk := newTicket(t, "americas-east")
		return tk.with(created(tk.at("2026-06-08 09:00"), "S2"))
	}

	tk := base()
	tk.with(engineerReply(tk.at("2026-06-08 12:00")))
	fr := tk.clock("2026-06-08 15:00", ClockFirstResponse)
	tk.expect(fr, StateFulfilled, "")
	expectDurations(t, fr, 3*time.Hour, time.Hour, 0)
	if !fr.FulfilledAt.Equal(tk.at("2026-06-08 12:00")) || fr.WallElapsed != 3*time.Hour {
		t.Errorf("fulfilled at %s after %v", fr.FulfilledAt, fr.WallElapsed)
	}
	nu := tk.clock("2026-06-08 15:00", ClockNextUpdate)
	tk.expect(nu, StateRunning, "2026-06-09 12:00")
	expectDurations(t, nu, 3*time.Hour, 6*time.Hour, 21*time.Hour)

	tk = base()
	fr = tk.clock("2026-06-08 14:00", ClockFirstResponse)
	tk.expect(fr, StateBreached, "2026-06-08 13:00")
	expectDurations(t, fr, 5*time.Hour, -time.Hour, -time.Hour)
	if !fr.BreachedAt.Equal(tk.at("2026-06-08 13:00")) {
		t.Errorf("breached at %s", fr.BreachedAt)
	}
	if next, _ := NextBreach(tk.clocks("2026-06-08 14:00")); !next.Equal(tk.at("2026-06-08 13:00")) {
		t.Errorf("a breached ticket's next breach should be its past breach, got %s", next)
	}
	// After closing time a breached business clock stops losing time.
	fr = tk.clock("2026-06-08 19:00", ClockFirstResponse)
	tk.expect(fr, StateBreached, "2026-06-08 13:00")
	expectDurations(t, fr, 9*time.Hour, -5*time.Hour, -6*time.Hour)

	tk = base()
	tk.with(engineerReply(tk.at("2026-06-08 14:00")))
	fr = tk.clock("2026-06-08 15:00", ClockFirstResponse)
	tk.expect(fr, StateBreached, "2026-06-08 13:00")
	expectDurations(t, fr, 5*time.Hour, -time.Hour, 0)
	if next, _ := NextBreach(tk.clocks("2026-06-08 15:00")); !next.Equal(tk.at("2026-06-09 14:00")) {
		t.Errorf("a late but given reply no longer counts for the next breach: got %s", next.In(tk.loc))
	}

	tk = base()
	tk.with(engineerReply(tk.at("2026-06-08 13:00")))
	tk.expect(tk.clock("2026-06-08 15:00", ClockFirstResponse), StateFulfilled, "")
}

func TestPendingCustomerPausesResolutionAndNextUpdate(t *testing.T) {
	tk := newTicket(t, "apac-jp")
	tk.with(created(tk.at("2026-06-08 09:00"), "S2"),
		engineerReply(tk.at("2026-06-08 10:00")),
		status(tk.at("2026-06-08 10:00"), "pending_customer"))

	now := "2026-06-10 15:00"
	nu := tk.clock(now, ClockNextUpdate)
	tk.expect(nu, StatePaused, "")
	expectDurations(t, nu, 0, 9*time.Hour, 0)
	res := tk.clock(now, ClockResolution)
	tk.expect(res, StatePaused, "")
	expectDurations(t, res, time.Hour, 44*time.Hour, 0)
	if nu.PauseReason != PauseWaitingOnCustomer || res.PauseReason != PauseWaitingOnCustomer {
		t.Errorf("pause reasons %q, %q", nu.PauseReason, res.PauseReason)
	}
	if next, ok := NextBreach(tk.clocks(now)); ok {
		t.Errorf("nothing is owed while waiting on the customer, got next breach %s", next)
	}

	// The customer answers: a full update period is owed from the answer,
	// while resolution waits for the status to change.
	tk.with(customerReply(tk.at("2026-06-10 15:00")))
	nu = tk.clock("2026-06-10 15:10", ClockNextUpdate)
	tk.expect(nu, StateRunning, "2026-06-11 15:00")
	if nu.PauseReason != "" || !nu.StartedAt.Equal(tk.at("2026-06-10 15:00")) {
		t.Errorf("next update after the answer: %+v", nu)
	}
	tk.expect(tk.clock("2026-06-10 15:10", ClockResolution), StatePaused, "")

	// Back to open: resolution continues with its 44h left, so its breach
	// is later than without the pause by the 23h30m of business time paused.
	tk.with(status(tk.at("2026-06-10 15:30"), "open"))
	res = tk.clock("2026-06-10 16:00", ClockResolution)
	tk.expect(res, StateRunning, "2026-06-17 14:30")
	expectDurations(t, res, time.Hour+30*time.Minute, 43*time.Hour+30*time.Minute, 7*24*time.Hour-90*time.Minute)
	if res.PauseReason != "" || !res.StartedAt.Equal(tk.at("2026-06-08 09:00")) {
		t.Errorf("resolution after the pause: %+v", res)
	}
	unpaused := tk.in.Schedule.AddBusiness(tk.at("2026-06-08 09:00"), 45*time.Hour)
	if paused := tk.in.Schedule.BusinessBetween(unpaused, res.DueAt); paused != 23*time.Hour+30*time.Minute {
		t.Errorf("the pause moved the breach by %v of business time, want 23h30m", paused)
	}
}

func TestPendingEngineeringPausesOnlyResolution(t *testing.T) {
	for _, c := range []struct {
		status, reason string
	}{
		{"pending_engineering", PauseWaitingOnEngineering},
		{"on_hold", PauseOnHold},
	} {
		t.Run(c.status, func(t *testing.T) {
			tk := newTicket(t, "apac-jp")
			tk.with(created(tk.at("2026-06-08 09:00"), "S2"),
				engineerReply(tk.at("2026-06-08 10:00")),
				status(tk.at("2026-06-08 10:00"), c.status))
			res := tk.clock("2026-06-09 09:30", ClockResolution)
			tk.expect(res, StatePaused, "")
			if res.PauseReason != c.reason || res.Elapsed != time.Hour {
				t.Errorf("resolution: reason %q elapsed %v", res.PauseReason, res.Elapsed)
			}
			tk.expect(tk.clock("2026-06-09 09:30", ClockNextUpdate), StateRunning, "2026-06-09 10:00")
			nu := tk.clock("2026-06-09 11:00", ClockNextUpdate)
			tk.expect(nu, StateBreached, "2026-06-09 10:00")
			if nu.PauseReason != "" {
				t.Errorf("next update paused: %q", nu.PauseReason)
			}
			if next, _ := NextBreach(tk.clocks("2026-06-09 11:00")); !next.Equal(tk.at("2026-06-09 10:00")) {
				t.Errorf("NextBreach = %s", next.In(tk.loc))
			}
		})
	}
}

func TestBreachBeforeAPauseStands(t *testing.T) {
	tk := newTicket(t, "americas-east")
	tk.with(created(tk.at("2026-06-08 09:00"), "S1"),
		engineerReply(tk.at("2026-06-08 09:30")),
		status(tk.at("2026-06-09 12:00"), "pending_customer"))
	res := tk.clock("2026-06-10 12:00", ClockResolution)
	tk.expect(res, StateBreached, "2026-06-09 09:00")
	if res.PauseReason != PauseWaitingOnCustomer || res.Remaining != -3*time.Hour {
		t.Errorf("breached then paused: reason %q remaining %v", res.PauseReason, res.Remaining)
	}
	// The next update breached first: 4h after the reply, with no update.
	if next, _ := NextBreach(tk.clocks("2026-06-10 12:00")); !next.Equal(tk.at("2026-06-08 13:30")) {
		t.Errorf("NextBreach = %s", next.In(tk.loc))
	}
}

func TestPolicyVersionIsNotRetroactive(t *testing.T) {
	h, _ := History(nil).Add(DefaultPolicies())
	v2 := DefaultPolicies()
	v2.Version = 2
	v2.Policies[1].FirstResponse = &Target{Duration: 2 * time.Hour, Business: true}
	h, err := h.Add(v2)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		version int
		due     string
	}{{1, "2026-06-08 13:00"}, {2, "2026-06-08 11:00"}} {
		tk := newTicket(t, "emea-de")
		tk.in.Policies, _ = h.At(c.version)
		tk.with(created(tk.at("2026-06-08 09:00"), "S2"))
		fr := tk.clock("2026-06-08 10:00", ClockFirstResponse)
		tk.expect(fr, StateRunning, c.due)
		if fr.PolicyVersion != c.version {
			t.Errorf("policy version %d, want %d", fr.PolicyVersion, c.version)
		}
	}
}

func TestSeverityChangeRetargetsOpenClocks(t *testing.T) {
	tk := newTicket(t, "americas-west")
	tk.with(created(tk.at("2026-06-08 09:00"), "S3"), severity(tk.at("2026-06-08 10:00"), "S2"))
	fr := tk.clock("2026-06-08 10:30", ClockFirstResponse)
	tk.expect(fr, StateRunning, "2026-06-08 13:00")
	if fr.Severity != "S2" || fr.Elapsed != 90*time.Minute {
		t.Errorf("retargeted first response: %+v", fr)
	}
	res := tk.clock("2026-06-08 10:30", ClockResolution)
	if res.Elapsed != 90*time.Minute || !res.StartedAt.Equal(tk.at("2026-06-08 09:00")) {
		t.Errorf("resolution should count from creation once S2 promises one: %+v", res)
	}

	// Raised to S1 after two hours: the 1h calendar target is already spent.
	tk = newTicket(t, "americas-west")
	tk.with(created(tk.at("2026-06-08 09:00"), "S4"), severity(tk.at("2026-06-08 11:00"), "S1"))
	fr = tk.clock("2026-06-08 11:30", ClockFirstResponse)
	tk.expect(fr, StateBreached, "2026-06-08 11:00")
	if fr.Target != (Target{Duration: time.Hour}) || fr.Elapsed != 150*time.Minute {
		t.Errorf("S1 first response: %+v", fr)
	}
	tk.expect(tk.clock("2026-06-08 11:30", ClockResolution), StateRunning, "2026-06-09 09:00")

	// A breach is a fact: lowering the severity afterwards keeps it.
	tk = newTicket(t, "americas-west")
	tk.with(created(tk.at("2026-06-08 09:00"), "S2"), severity(tk.at("2026-06-08 13:30"), "S4"))
	fr = tk.clock("2026-06-08 14:00", ClockFirstResponse)
	tk.expect(fr, StateBreached, "2026-06-08 13:00")
	if fr.Severity != "S2" || fr.Target.Duration != 4*time.Hour {
		t.Errorf("breached clock was retargeted: %+v", fr)
	}
	if got := kinds(tk.clocks("2026-06-08 14:00")); !slices.Equal(got, []ClockKind{ClockFirstResponse}) {
		t.Errorf("S4 promises no resolution, clocks %v", got)
	}
}

func TestSolveReopenAndClose(t *testing.T) {
	tk := newTicket(t, "americas-east")
	tk.with(created(tk.at("2026-06-08 09:00"), "S2"),
		engineerReply(tk.at("2026-06-08 10:00")),
		status(tk.at("2026-06-08 12:00"), "solved"))
	for _, c := range tk.clocks("2026-06-08 15:00") {
		tk.expect(c, StateFulfilled, "")
	}
	res := tk.clock("2026-06-08 15:00", ClockResolution)
	if res.Elapsed != 3*time.Hour || !res.FulfilledAt.Equal(tk.at("2026-06-08 12:00")) {
		t.Errorf("solved resolution: %+v", res)
	}
	if _, ok := NextBreach(tk.clocks("2026-06-08 15:00")); ok {
		t.Error("a solved ticket owes nothing")
	}

	tk.with(status(tk.at("2026-06-09 09:00"), "open"))
	res = tk.clock("2026-06-09 10:00", ClockResolution)
	tk.expect(res, StateRunning, "2026-06-15 15:00")
	if res.Elapsed != 4*time.Hour || !res.FulfilledAt.IsZero() {
		t.Errorf("reopened resolution: %+v", res)
	}
	nu := tk.clock("2026-06-09 10:00", ClockNextUpdate)
	tk.expect(nu, StateRunning, "2026-06-09 18:00")
	tk.expect(tk.clock("2026-06-09 10:00", ClockFirstResponse), StateFulfilled, "")

	tk.with(status(tk.at("2026-06-09 12:00"), "closed"),
		customerReply(tk.at("2026-06-09 13:00")),
		status(tk.at("2026-06-09 14:00"), "open"))
	for _, c := range tk.clocks("2026-06-10 15:00") {
		tk.expect(c, StateFulfilled, "")
	}
	if res := tk.clock("2026-06-10 15:00", ClockResolution); !res.FulfilledAt.Equal(tk.at("2026-06-09 12:00")) || res.Elapsed != 6*time.Hour {
		t.Errorf("closed is final: %+v", res)
	}
}

func TestNextUpdateIsPeriodic(t *testing.T) {
	tk := newTicket(t, "americas-east")
	tk.with(created(tk.at("2026-06-08 09:00"), "S2"),
		engineerReply(tk.at("2026-06-08 10:00")),
		customerReply(tk.at("2026-06-08 15:00")))
	nu := tk.clock("2026-06-08 16:00", ClockNextUpdate)
	tk.expect(nu, StateRunning, "2026-06-09 10:00")
	if !nu.StartedAt.Equal(tk.at("2026-06-08 10:00")) {
		t.Errorf("a customer reply postponed a running period: %+v", nu)
	}
	tk.expect(tk.clock("2026-06-09 10:30", ClockNextUpdate), StateBreached, "2026-06-09 10:00")

	tk.with(engineerReply(tk.at("2026-06-09 11:00")))
	nu = tk.clock("2026-06-09 11:30", ClockNextUpdate)
	tk.expect(nu, StateRunning, "2026-06-10 11:00")
	if !nu.StartedAt.Equal(tk.at("2026-06-09 11:00")) || nu.Elapsed != 30*time.Minute {
		t.Errorf("new period: %+v", nu)
	}
}

func TestDSTAndMidnightInClocks(t *testing.T) {
	la := newTicket(t, "americas-west")
	la.with(created(la.at("2026-03-06 17:00"), "S2"))
	fr := la.clock("2026-03-06 17:00", ClockFirstResponse)
	la.expect(fr, StateRunning, "2026-03-09 12:00")
	expectDurations(t, fr, 0, 4*time.Hour, 66*time.Hour)
	fr = la.clock("2026-03-08 12:00", ClockFirstResponse)
	la.expect(fr, StateOutsideHours, "2026-03-09 12:00")
	expectDurations(t, fr, time.Hour, 3*time.Hour, 24*time.Hour)

	la = newTicket(t, "americas-west")
	la.with(created(la.at("2026-10-30 16:00"), "S2"))
	la.expect(la.clock("2026-11-01 23:59", ClockFirstResponse), StateOutsideHours, "2026-11-02 11:00")
	if fr := la.clock("2026-10-30 16:00", ClockFirstResponse); fr.WallRemaining != 68*time.Hour {
		t.Errorf("wall remaining across fall back: %v", fr.WallRemaining)
	}

	// Calendar S1 in Berlin from 02:30 CEST on the night clocks fall back:
	// one real hour later is 02:30 CET.
	de := newTicket(t, "emea-de")
	start := time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC)
	de.with(created(start, "S1"))
	fr = Compute(de.in, start.Add(10*time.Minute))[0]
	if got := fr.DueAt.In(de.loc).Format("2006-01-02 15:04 MST"); got != "2026-10-25 02:30 CET" || fr.WallRemaining != 50*time.Minute {
		t.Errorf("S1 due %s, wall remaining %v", got, fr.WallRemaining)
	}

	// Resolution of S1 in Tokyo crosses midnight in calendar time.
	jp := newTicket(t, "apac-jp")
	jp.with(created(jp.at("2026-06-08 20:00"), "S1"))
	jp.expect(jp.clock("2026-06-09 00:30", ClockResolution), StateRunning, "2026-06-09 20:00")
}

func TestClocksDoNotDependOnTheMachineZone(t *testing.T) {
	tk := newTicket(t, "apac-jp")
	tk.with(created(tk.at("2026-05-01 17:00"), "S2"),
		engineerReply(tk.at("2026-05-07 10:00")),
		status(tk.at("2026-05-07 10:05"), "pending_customer"),
		customerReply(tk.at("2026-05-08 09:30")),
		status(tk.at("2026-05-08 09:40"), "open"))
	now := tk.at("2026-05-08 12:00")
	want := Compute(tk.in, now)
	if len(want) != 3 {
		t.Fatalf("clocks %v", kinds(want))
	}
	for _, loc := range []*time.Location{time.UTC, zone(t, "America/Los_Angeles"), zone(t, "Asia/Kolkata")} {
		in := tk.in
		in.Events = slices.Clone(in.Events)
		for i := range in.Events {
			in.Events[i].At = in.Events[i].At.In(loc)
		}
		if got := Compute(in, now.In(loc)); !reflect.DeepEqual(got, want) {
			t.Errorf("events in %s gave other clocks:\n%+v\nwant\n%+v", loc, got, want)
		}
	}
	saved := time.Local
	time.Local = zone(t, "America/Los_Angeles")
	got := Compute(tk.in, now)
	time.Local = saved
	if !reflect.DeepEqual(got, want) {
		t.Error("the machine's zone changed the clocks")
	}
}

func TestComputeEdges(t *testing.T) {
	tk := newTicket(t, "apac-kr")
	if Compute(tk.in, tk.at("2026-06-08 09:00")) != nil {
		t.Error("clocks without a created event")
	}
	tk.with(created(tk.at("2026-06-08 09:00"), "S2"), engineerReply(tk.at("2026-06-08 10:00")), status(tk.at("2026-06-08 11:00"), "solved"))
	if tk.clocks("2026-06-08 08:59") != nil {
		t.Error("clocks before the ticket exists")
	}
	// Replaying up to now ignores what happened later.
	if got, want := tk.clocks("2026-06-08 10:30"), Compute(Input{Plan: tk.in.Plan, Policies: tk.in.Policies, Schedule: tk.in.Schedule, Events: tk.in.Events[:2]}, tk.at("2026-06-08 10:30")); !reflect.DeepEqual(got, want) {
		t.Errorf("future events changed the clocks:\n%+v\n%+v", got, want)
	}
	// Events out of order are put in order.
	shuffled := tk.in
	shuffled.Events = []Event{tk.in.Events[2], tk.in.Events[0], tk.in.Events[1]}
	if !reflect.DeepEqual(Compute(shuffled, tk.at("2026-06-09 12:00")), tk.clocks("2026-06-09 12:00")) {
		t.Error("event order changed the clocks")
	}
	if shuffled.Events[0].Kind != EventStatus {
		t.Error("Compute reordered the caller's events")
	}
	tk.in.Plan = "gold"
	if got := tk.clocks("2026-06-08 10:30"); len(got) != 0 {
		t.Errorf("an unknown plan has no targets, got %v", kinds(got))
	}
}

func TestNextBreach(t *testing.T) {
	t0 := time.Date(2026, 6, 8, 0, 0, 0, 0, time.UTC)
	h := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Hour) }
	for _, c := range []struct {
		name   string
		clocks []Clock
		want   time.Time
		ok     bool
	}{
		{"none", nil, time.Time{}, false},
		{"paused and fulfilled owe nothing", []Clock{{State: StatePaused}, {State: StateFulfilled, FulfilledAt: h(1)}}, time.Time{}, false},
		{"earliest of running and outside hours", []Clock{{State: StateRunning, DueAt: h(5)}, {State: StateOutsideHours, DueAt: h(3)}}, h(3), true},
		{"unfulfilled breach first", []Clock{{State: StateRunning, DueAt: h(5)}, {State: StateBreached, DueAt: h(1), BreachedAt: h(1)}}, h(1), true},
		{"fulfilled breach ignored", []Clock{{State: StateRunning, DueAt: h(5)}, {State: StateBreached, DueAt: h(1), FulfilledAt: h(2)}}, h(5), true},
	} {
		got, ok := NextBreach(c.clocks)
		if ok != c.ok || !got.Equal(c.want) {
			t.Errorf("%s: %s, %v", c.name, got, ok)
		}
	}
}
