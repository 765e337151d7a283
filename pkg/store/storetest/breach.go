package storetest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// fakeBreach is the suite's BreachFunc, with rules simple enough for tests
// to predict: a ticket tagged sla-N breaches its "next update" clock N
// minutes (N may be negative) after its latest event that can move a clock
// (not a claim, release or skip), unless it waits on someone (pending_*)
// or is no longer active. It keeps the last arguments
// it was given for each ticket.
type fakeBreach struct {
	mu   sync.Mutex
	last map[int64]breachArgs
	// shift moves every breach, as a policy change would.
	shift time.Duration
}

type breachArgs struct {
	ticket  support.Ticket
	account *support.Account
	events  []support.Event
}

func newFakeBreach() *fakeBreach { return &fakeBreach{last: map[int64]breachArgs{}} }

func (f *fakeBreach) fn(t support.Ticket, account *support.Account, events []support.Event) (support.Breach, bool) {
	f.mu.Lock()
	f.last[t.ID] = breachArgs{t, account, events}
	shift := f.shift
	f.mu.Unlock()
	if len(events) == 0 || !slices.Contains(support.ActiveStatuses, t.Status) || strings.HasPrefix(t.Status, "pending_") {
		return support.Breach{}, false
	}
	last := events[0].At
	for _, ev := range events {
		if ev.Kind != "claimed" && ev.Kind != "released" && ev.Kind != "skipped" {
			last = ev.At
		}
	}
	for _, tag := range t.Tags {
		if n, ok := strings.CutPrefix(tag, "sla-"); ok {
			if minutes, err := strconv.Atoi(n); err == nil {
				at := last.Add(time.Duration(minutes)*time.Minute + shift)
				return support.Breach{At: at, Clock: "next update"}, true
			}
		}
	}
	return support.Breach{}, false
}

func (f *fakeBreach) setShift(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.shift = d
}

// lastArgs is what the fake was last called with for ticket id.
func (f *fakeBreach) lastArgs(id int64) (breachArgs, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	a, ok := f.last[id]
	return a, ok
}

// sla tags a new ticket to breach minutes after its latest event.
func sla(minutes int) func(*support.NewTicket) {
	return func(n *support.NewTicket) { n.Tags = append(n.Tags, "sla-"+strconv.Itoa(minutes)) }
}

// wantBreach checks a ticket's next breach; the zero want means none.
func wantBreach(t *testing.T, what string, tk support.Ticket, want time.Time) {
	t.Helper()
	var w *time.Time
	if !want.IsZero() {
		w = &want
	}
	wantEqual(t, what+": next breach", tk.NextBreach, w)
}

func kinds(evs []support.Event) []string {
	out := make([]string, len(evs))
	for i, ev := range evs {
		out[i] = string(ev.Kind)
	}
	return out
}

// withoutBreach is tk as a BreachFunc may see it: its breach is the one
// being replaced.
func withoutBreach(tk support.Ticket) support.Ticket {
	tk.NextBreach = nil
	return tk
}

func testBreach(t *testing.T, e *env) {
	tk := e.ticket(sla(60))
	wantBreach(t, "created", tk, e.clock.Now().Add(time.Hour))
	wantEqual(t, "read back", e.get(tk.ID), tk)
	// The func is given the ticket as stored, its account and its history.
	args, _ := e.breach.lastArgs(tk.ID)
	wantEqual(t, "ticket given", withoutBreach(args.ticket), withoutBreach(tk))
	wantEqual(t, "account given", args.account, &e.acme)
	wantEqual(t, "history given", kinds(args.events), []string{"created"})

	// Every change recomputes it, after its event is in the history.
	e.clock.Advance(5 * time.Minute)
	if _, _, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, support.NewComment{Body: "Any news?"}, service.Idempotency{}); err != nil {
		t.Fatal(err)
	}
	tk = e.get(tk.ID)
	wantBreach(t, "after a comment", tk, e.clock.Now().Add(time.Hour))
	args, _ = e.breach.lastArgs(tk.ID)
	wantEqual(t, "ticket given for a comment", withoutBreach(args.ticket), withoutBreach(tk))
	wantEqual(t, "history given for a comment", kinds(args.events), []string{"created", "commented"})

	e.clock.Advance(time.Minute)
	paused := e.update(tk.ID, support.TicketPatch{Status: ptr("pending_customer")})
	wantBreach(t, "paused", paused, time.Time{})
	wantEqual(t, "paused, read back", e.get(tk.ID), paused)
	args, _ = e.breach.lastArgs(tk.ID)
	wantEqual(t, "ticket given for an update", withoutBreach(args.ticket), withoutBreach(paused))

	e.clock.Advance(time.Minute)
	resumed := e.update(tk.ID, support.TicketPatch{Status: ptr("open")})
	wantBreach(t, "resumed", resumed, e.clock.Now().Add(time.Hour))
	wantEqual(t, "resumed, read back", e.get(tk.ID), resumed)

	internal := e.ticket(sla(10), func(n *support.NewTicket) { n.AccountID, n.RequesterKind = 0, "internal" })
	wantBreach(t, "internal", internal, e.clock.Now().Add(10*time.Minute))
	if args, _ := e.breach.lastArgs(internal.ID); args.account != nil {
		t.Errorf("account given for an internal ticket = %+v, want nil", args.account)
	}
	wantBreach(t, "no clock", e.ticket(), time.Time{})
}

func testRefreshBreaches(t *testing.T, e *env) {
	// Seeded tickets predate the func, as after an upgrade; the batches
	// of the refresh are smaller than their number.
	seeded := e.seed(e.as(e.ken), slices.Repeat([]support.NewTicket{e.newTicket(sla(30))}, 450))
	wantBreach(t, "seeded", e.get(seeded[0]), time.Time{})
	made := e.ticket(sla(30))
	closed := e.update(e.ticket(sla(30)).ID, support.TicketPatch{Status: ptr("closed")})

	e.breach.setShift(time.Hour)
	n, err := e.s.RefreshBreaches(e.ctx)
	if err != nil || n != len(seeded)+1 {
		t.Fatalf("RefreshBreaches = %d, %v; want %d active tickets visited", n, err, len(seeded)+1)
	}
	due := e.clock.Now().Add(90 * time.Minute)
	for _, id := range []int64{seeded[0], seeded[len(seeded)-1], made.ID} {
		wantBreach(t, fmt.Sprintf("ticket %d refreshed", id), e.get(id), due)
	}
	wantEqual(t, "closed ticket", e.get(closed.ID), closed)
	wantEqual(t, "events of a refreshed ticket", len(e.events("ticket", made.ID)), 1)
}
