package storetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

var (
	jpCore  = support.Queue{Region: "apac-jp", Division: "core"}
	jpSpark = support.Queue{Region: "apac-jp", Division: "spark"}
)

func severity(s string) func(*support.NewTicket) {
	return func(n *support.NewTicket) { n.Severity = s }
}

func division(d string) func(*support.NewTicket) {
	return func(n *support.NewTicket) { n.Division = d }
}

func language(l string) func(*support.NewTicket) {
	return func(n *support.NewTicket) { n.Language = l }
}

func (e *env) next(who support.User, req support.NextRequest) support.Pick {
	e.t.Helper()
	p, err := e.s.NextTicket(e.ctx, e.as(who), req)
	if err != nil {
		e.t.Fatalf("NextTicket(%s, %+v): %v", who.Email, req, err)
	}
	return p
}

func (e *env) queue(q support.Queue) []int64 {
	e.t.Helper()
	ts, err := e.st.QueueTickets(e.ctx, q, 0)
	if err != nil {
		e.t.Fatalf("QueueTickets(%s): %v", q.Name(), err)
	}
	for _, tk := range ts {
		wantEqual(e.t, "queued ticket", tk, e.get(tk.ID))
	}
	return ids(ts)
}

func testPickOrder(t *testing.T, e *env) {
	start := e.clock.Now()
	a := e.ticket(severity("S3"), sla(120))
	e.clock.Advance(time.Minute)
	olderS1 := e.ticket(severity("S1"))
	e.clock.Advance(time.Minute)
	// c, sameAsC and lessSevere breach at once: severity, then the id, decide.
	c := e.ticket(severity("S2"), sla(30))
	lessSevere := e.ticket(severity("S4"), sla(30))
	sameAsC := e.ticket(severity("S2"), sla(30))
	newerS1 := e.ticket(severity("S1"))
	overdue := e.ticket(severity("S4"), sla(-30))
	spark := e.ticket(division("spark"), sla(10))
	pending := e.update(e.ticket(sla(1)).ID, support.TicketPatch{Status: ptr("pending_customer")})
	// Not in apac-jp/core's or apac-jp/spark's queue:
	e.ticket(func(n *support.NewTicket) { n.Region, n.AccountID = "apac-kr", e.globex.ID }, sla(1))
	e.update(e.ticket(sla(5)).ID, support.TicketPatch{Assignee: ptr(e.ana.Email)})
	e.update(e.ticket(sla(5)).ID, support.TicketPatch{Status: ptr("solved")})

	order := []support.Ticket{overdue, c, sameAsC, lessSevere, a, olderS1, newerS1, pending}
	wantEqual(t, "apac-jp/core", e.queue(jpCore), ids(order))
	wantEqual(t, "apac-jp/spark", e.queue(jpSpark), ids([]support.Ticket{spark}))
	limited, err := e.st.QueueTickets(e.ctx, jpCore, 3)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "apac-jp/core, limit 3", ids(limited), ids(order[:3]))

	e.clock.Advance(3 * time.Hour)
	both := support.NextRequest{Queues: []support.Queue{jpCore, jpSpark}, DryRun: true}
	dry := e.next(e.ken, both)
	breachAt := start.Add(2*time.Minute - 30*time.Minute).UTC()
	wantEqual(t, "dry run", dry, support.Pick{Ticket: overdue, Queue: "apac-jp/core",
		Reason: "earliest SLA breach in apac-jp/core: next update breached at " +
			breachAt.Format(time.RFC3339) + "; S4; waiting 3h",
		Clock: "next update", BreachAt: &breachAt})
	wantEqual(t, "dry run leaves the ticket", e.get(overdue.ID), overdue)

	both.DryRun = false
	claimed := overdue
	var picks []int64
	for _, want := range append([]support.Ticket{overdue, spark}, order[1:]...) {
		p := e.next(e.ken, both)
		picks = append(picks, p.Ticket.ID)
		if p.Ticket.ID != want.ID {
			continue
		}
		if !p.Claimed || p.Ticket.Assignee != e.ken.Email || p.Ticket.Version != want.Version+1 {
			t.Errorf("pick of ticket %d = %+v, want it claimed by ken", want.ID, p)
		}
		wantEqual(t, "picked ticket, read back", e.get(want.ID), p.Ticket)
		if want.ID == olderS1.ID {
			wantEqual(t, "reason without a clock", p.Reason, "no SLA clock running in apac-jp/core; S1; waiting 3h")
			if p.BreachAt != nil || p.Clock != "" {
				t.Errorf("pick without a clock carries breach %v of clock %q", p.BreachAt, p.Clock)
			}
		}
		if want.ID == claimed.ID {
			evs := e.events("ticket", want.ID)
			wantEvent(t, evs, len(evs)-1, "claimed", e.ken.Email, e.clock.Now(), map[string]any{"assignee": "", "status": "new"},
				map[string]any{"assignee": e.ken.Email, "status": "open", "via": "queue next"})
		}
	}
	wantEqual(t, "picks", picks, ids(append([]support.Ticket{overdue, spark}, order[1:]...)))
	_, err = e.s.NextTicket(e.ctx, e.as(e.ken), both)
	wantIs(t, "pick from empty queues", err, support.ErrNothingToPick)
	wantIs(t, "nothing to pick is a not found", err, support.ErrNotFound)
}

func testSkills(t *testing.T, e *env) {
	mei := e.user(e.as(e.admin), support.User{Email: "mei@example.com", Name: "Mei", Role: "engineer", Region: "apac-jp",
		Divisions: []string{"spark"}, Languages: []string{"ja"}, WIPLimit: 3})
	got, err := e.st.UserByEmail(e.ctx, mei.Email)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "user with skills, read back", got, mei)
	if e.ken.Divisions == nil || e.ken.Languages == nil {
		t.Errorf("user without skills %+v: want empty, non-nil divisions and languages", e.ken)
	}

	sparkJa := e.ticket(division("spark"), language("ja"))
	sparkEn := e.ticket(division("spark"))
	coreJa := e.ticket(language("ja"))
	wantEqual(t, "apac-jp/spark/ja", e.queue(support.Queue{Region: "apac-jp", Division: "spark", Language: "ja"}), []int64{sparkJa.ID})

	req := support.NextRequest{Queues: []support.Queue{jpCore, jpSpark}}
	wantEqual(t, "mei's pick", e.next(mei, req).Ticket.ID, sparkJa.ID)
	_, err = e.s.NextTicket(e.ctx, e.as(mei), req)
	wantIs(t, "mei's pick with no Japanese Spark ticket left", err, support.ErrNothingToPick)
	wantEqual(t, "ken takes any ticket", e.next(e.ken, req).Ticket.ID, sparkEn.ID)
	wantEqual(t, "ken's next", e.next(e.ken, req).Ticket.ID, coreJa.ID)

	// A queue narrowed to a language offers that language alone, whatever
	// the engineer speaks.
	e.ticket(sla(5)) // in English, and breaching first
	laterJa := e.ticket(language("ja"), sla(60))
	p := e.next(e.ken, support.NextRequest{Queues: []support.Queue{{Region: "apac-jp", Division: "core", Language: "ja"}}})
	wantEqual(t, "ken's pick from apac-jp/core/ja", []any{p.Ticket.ID, p.Queue}, []any{laterJa.ID, "apac-jp/core/ja"})
}

func testWIPLimit(t *testing.T, e *env) {
	busy := e.user(e.as(e.admin), support.User{Email: "busy@example.com", Role: "engineer", Region: "apac-jp", WIPLimit: 2})
	for range 4 {
		e.ticket()
	}
	req := support.NextRequest{Queues: []support.Queue{jpCore}}
	first, second := e.next(busy, req), e.next(busy, req)
	wantLimit := func(what string, req support.NextRequest, holding, limit int) {
		t.Helper()
		_, err := e.s.NextTicket(e.ctx, e.as(busy), req)
		var wip *support.WIPLimitError
		if !errors.As(err, &wip) || *wip != (support.WIPLimitError{Holding: holding, Limit: limit}) {
			t.Errorf("%s: error %#v, want WIPLimitError{%d, %d}", what, err, holding, limit)
		}
	}
	wantLimit("at the limit", req, 2, 2)
	wantLimit("dry run at the limit", support.NextRequest{Queues: req.Queues, DryRun: true}, 2, 2)
	forced := e.next(busy, support.NextRequest{Queues: req.Queues, Force: true})
	if !forced.Claimed {
		t.Errorf("forced pick %+v: want it claimed", forced)
	}
	// Only active tickets count.
	e.update(first.Ticket.ID, support.TicketPatch{Status: ptr("solved")})
	wantLimit("one solved of three", req, 2, 2)
	e.update(second.Ticket.ID, support.TicketPatch{Status: ptr("closed")})
	if p := e.next(busy, req); !p.Claimed {
		t.Errorf("pick under the limit %+v: want it claimed", p)
	}

	// A limit of 0 is the default one.
	tickets := e.seed(e.as(e.ken), slices.Repeat([]support.NewTicket{e.newTicket()}, support.DefaultWIPLimit+1))
	for _, id := range tickets[:support.DefaultWIPLimit] {
		if _, err := e.s.ClaimTicket(e.ctx, e.as(e.ana), id); err != nil {
			t.Fatal(err)
		}
	}
	_, err := e.s.NextTicket(e.ctx, e.as(e.ana), req)
	var wip *support.WIPLimitError
	if !errors.As(err, &wip) || wip.Limit != support.DefaultWIPLimit {
		t.Errorf("default limit: error %#v, want a WIPLimitError with limit %d", err, support.DefaultWIPLimit)
	}
}

func testQueueStats(t *testing.T, e *env) {
	t0 := e.clock.Now()
	e.ticket(sla(10)) // breaches at t0+10m
	e.clock.Advance(5 * time.Minute)
	e.ticket(sla(-5), language("ja")) // breached at t0
	e.clock.Advance(time.Minute)
	e.ticket(language("ja")) // no clock
	e.update(e.ticket(sla(-60)).ID, support.TicketPatch{Assignee: ptr(e.ken.Email)})
	e.update(e.ticket(sla(-60)).ID, support.TicketPatch{Status: ptr("closed")})

	queues := []support.Queue{jpCore, jpSpark, {Region: "apac-jp", Division: "core", Language: "ja"}}
	stats, err := e.st.QueueStats(e.ctx, queues, t0)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "stats", stats, []support.QueueStat{
		{Queue: "apac-jp/core", Unassigned: 3, OldestAt: &t0, NextBreach: &t0, Breached: 1},
		{Queue: "apac-jp/spark"},
		{Queue: "apac-jp/core/ja", Unassigned: 2, OldestAt: ptr(t0.Add(5 * time.Minute)), NextBreach: &t0, Breached: 1},
	})
	later, err := e.st.QueueStats(e.ctx, queues[:1], t0.Add(10*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "breached by a later now", later[0].Breached, 2)
	if none, err := e.st.QueueStats(e.ctx, nil, t0); err != nil || len(none) != 0 || none == nil {
		t.Errorf("stats of no queues = %#v, %v; want an empty list", none, err)
	}
}

func testNextErrors(t *testing.T, e *env) {
	e.ticket()
	_, err := e.s.NextTicket(e.ctx, e.as(e.ken), support.NextRequest{})
	wantValidation(t, "no queues", err, "queues")
	_, err = e.s.NextTicket(e.ctx, e.as(e.ken), support.NextRequest{Queues: []support.Queue{{Region: "mars", Division: "core"}}})
	wantValidation(t, "unknown queue", err, "queues")
	_, err = e.s.NextTicket(e.ctx, e.as(e.ken), support.NextRequest{Queues: slices.Repeat([]support.Queue{jpCore}, support.MaxQueues+1)})
	wantValidation(t, "more queues than there are", err, "queues")
	_, err = e.s.NextTicket(e.ctx, e.as(e.ken), support.NextRequest{Queues: []support.Queue{jpSpark}})
	wantIs(t, "empty queue", err, support.ErrNothingToPick)
	_, err = e.s.NextTicket(e.ctx, e.as(support.User{ID: 9999, Email: "ghost@example.com", Role: "engineer"}), support.NextRequest{Queues: []support.Queue{jpCore}})
	wantIs(t, "unknown actor", err, support.ErrNotFound)
}

// An actor at their limit hears so even when nothing waits: the limit is
// what they must act on first.
func testNextAtLimitWithNothingWaiting(t *testing.T, e *env) {
	busy := e.user(e.as(e.admin), support.User{Email: "busy@example.com", Role: "engineer", Region: "apac-jp", WIPLimit: 1})
	req := support.NextRequest{Queues: []support.Queue{jpCore}}
	if _, err := e.s.NextTicket(e.ctx, busy, req); !errors.Is(err, support.ErrNothingToPick) {
		t.Fatalf("pick from an empty queue: %v, want %v", err, support.ErrNothingToPick)
	}
	e.ticket()
	if p, err := e.s.NextTicket(e.ctx, busy, req); err != nil || !p.Claimed {
		t.Fatalf("pick = %+v, %v: want it claimed", p, err)
	}
	_, err := e.s.NextTicket(e.ctx, busy, req)
	var wip *support.WIPLimitError
	if !errors.As(err, &wip) || *wip != (support.WIPLimitError{Holding: 1, Limit: 1}) {
		t.Errorf("pick at the limit from an empty queue: %#v, want WIPLimitError{1, 1}", err)
	}
}
