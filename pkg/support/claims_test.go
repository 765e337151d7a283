package support_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// claimsNow is the fixed instant the claim tests are seen at.
var claimsNow = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func claimsAt(d time.Duration) *time.Time {
	at := claimsNow.Add(d)
	return &at
}

func TestTicketCheckActive(t *testing.T) {
	active := map[string]bool{
		"new": true, "open": true, "pending_customer": true, "pending_engineering": true, "on_hold": true,
		"solved": false, "closed": false,
	}
	statuses := support.Statuses.Values()
	if len(active) != len(statuses) {
		t.Errorf("the test knows %d statuses, support.Statuses has %v", len(active), statuses)
	}
	for _, status := range statuses {
		want, known := active[status]
		if !known {
			t.Errorf("status %q is not in the test's table", status)
			continue
		}
		for _, verb := range []string{"claimed", "released"} {
			err := support.Ticket{ID: 42, Status: status}.CheckActive(verb)
			if want {
				if err != nil {
					t.Errorf("%s ticket, %s: %v, want nil", status, verb, err)
				}
				continue
			}
			var verr *support.ValidationError
			if !errors.As(err, &verr) {
				t.Errorf("%s ticket, %s: %T %v, want a *ValidationError", status, verb, err, err)
				continue
			}
			wantMsg := fmt.Sprintf("ticket 42 is %s: only active tickets can be %s", status, verb)
			if verr.Field != "status" || verr.Message != wantMsg {
				t.Errorf("%s ticket, %s: field %q, %q; want field status, %q", status, verb, verr.Field, verr.Message, wantMsg)
			}
		}
	}
	// A status that is not one is not active either.
	var verr *support.ValidationError
	if err := (support.Ticket{ID: 1, Status: ""}).CheckActive("claimed"); !errors.As(err, &verr) {
		t.Errorf("a ticket with no status is active: %v", err)
	}
}

func TestHeldBy(t *testing.T) {
	since := time.Date(2025, 3, 10, 18, 30, 0, 0, time.FixedZone("JST", 9*3600))
	for _, c := range []struct {
		name   string
		ticket support.Ticket
		want   support.ClaimConflictError
		msg    string
	}{
		{"assigned", support.Ticket{ID: 7, Assignee: "ken@example.com", AssignedAt: &since, Status: "open"},
			support.ClaimConflictError{TicketID: 7, Holder: "ken@example.com", Since: since},
			"ticket 7 is already claimed by ken@example.com (since 2025-03-10T09:30:00Z)"},
		{"no assigned_at", support.Ticket{ID: 8, Assignee: "ana@example.com"},
			support.ClaimConflictError{TicketID: 8, Holder: "ana@example.com"},
			"ticket 8 is already claimed by ana@example.com (since 0001-01-01T00:00:00Z)"},
	} {
		got := support.HeldBy(c.ticket)
		if got == nil {
			t.Fatalf("%s: HeldBy = nil", c.name)
		}
		if got.TicketID != c.want.TicketID || got.Holder != c.want.Holder || !got.Since.Equal(c.want.Since) {
			t.Errorf("%s: HeldBy = %+v, want %+v", c.name, *got, c.want)
		}
		if c.ticket.AssignedAt == nil && !got.Since.IsZero() {
			t.Errorf("%s: Since = %v, want zero", c.name, got.Since)
		}
		if got.Error() != c.msg {
			t.Errorf("%s: %q, want %q", c.name, got.Error(), c.msg)
		}
	}
}

func TestClaimedStatus(t *testing.T) {
	want := map[string]string{
		"new": "open", "open": "open", "pending_customer": "pending_customer",
		"pending_engineering": "pending_engineering", "on_hold": "on_hold",
		"solved": "solved", "closed": "closed", "": "",
	}
	for _, s := range support.Statuses.Values() {
		if _, ok := want[s]; !ok {
			t.Errorf("status %q is not in the test's table", s)
		}
	}
	for in, out := range want {
		if got := support.ClaimedStatus(in); got != out {
			t.Errorf("ClaimedStatus(%q) = %q, want %q", in, got, out)
		}
	}
}

func TestWIPLimitOrDefault(t *testing.T) {
	if support.DefaultWIPLimit <= 0 {
		t.Fatalf("DefaultWIPLimit = %d: nobody could take work", support.DefaultWIPLimit)
	}
	for _, c := range []struct{ limit, want int }{
		{0, support.DefaultWIPLimit},
		{1, 1},
		{5, 5},
		{support.DefaultWIPLimit + 8, support.DefaultWIPLimit + 8},
	} {
		if got := (support.User{WIPLimit: c.limit}).WIPLimitOrDefault(); got != c.want {
			t.Errorf("WIPLimit %d: WIPLimitOrDefault() = %d, want %d", c.limit, got, c.want)
		}
	}
}

func TestCheckWIP(t *testing.T) {
	for _, c := range []struct {
		holding, limit int
		refused        bool
	}{
		{0, 12, false},
		{11, 12, false},
		{12, 12, true},
		{13, 12, true},
		{0, 1, false},
		{1, 1, true},
		{0, 0, true},
	} {
		err := support.CheckWIP(c.holding, c.limit)
		if !c.refused {
			if err != nil {
				t.Errorf("CheckWIP(%d, %d) = %v, want nil", c.holding, c.limit, err)
			}
			continue
		}
		var werr *support.WIPLimitError
		if !errors.As(err, &werr) {
			t.Errorf("CheckWIP(%d, %d) = %v, want a *WIPLimitError", c.holding, c.limit, err)
			continue
		}
		if *werr != (support.WIPLimitError{Holding: c.holding, Limit: c.limit}) {
			t.Errorf("CheckWIP(%d, %d) = %+v", c.holding, c.limit, *werr)
		}
		if want := fmt.Sprintf("you already hold %d active tickets (your limit is %d)", c.holding, c.limit); !strings.Contains(err.Error(), want) {
			t.Errorf("CheckWIP(%d, %d) says %q, want it to contain %q", c.holding, c.limit, err, want)
		}
	}
}

func TestQueueHeadBefore(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	sameInstantJST := claimsNow.Add(time.Hour).In(jst)
	cases := []struct {
		name string
		h, o support.QueueHead // h comes first
	}{
		{"earlier breach first, whatever else",
			support.QueueHead{TicketID: 9, BreachAt: claimsAt(time.Hour), Severity: "S4", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(2 * time.Hour), Severity: "S1", CreatedAt: claimsNow.Add(-72 * time.Hour)}},
		{"a breached ticket before one still due",
			support.QueueHead{TicketID: 9, BreachAt: claimsAt(-time.Minute), Severity: "S3", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(time.Minute), Severity: "S1", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"any breach before no clock",
			support.QueueHead{TicketID: 9, BreachAt: claimsAt(1000 * time.Hour), Severity: "S4", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, BreachAt: nil, Severity: "S1", CreatedAt: claimsNow.Add(-72 * time.Hour)}},
		{"same breach: S1 before S2",
			support.QueueHead{TicketID: 9, BreachAt: claimsAt(time.Hour), Severity: "S1", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(time.Hour), Severity: "S2", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"same breach instant in another zone: severity decides",
			support.QueueHead{TicketID: 9, BreachAt: &sameInstantJST, Severity: "S2", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(time.Hour), Severity: "S3", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"no clock on either: S1 before S4",
			support.QueueHead{TicketID: 9, Severity: "S1", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 1, Severity: "S4", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"same breach and severity: older first",
			support.QueueHead{TicketID: 9, BreachAt: claimsAt(time.Hour), Severity: "S2", CreatedAt: claimsNow.Add(-2 * time.Hour)},
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(time.Hour), Severity: "S2", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"no clock, same severity: older first",
			support.QueueHead{TicketID: 9, Severity: "S3", CreatedAt: claimsNow.Add(-2 * time.Hour)},
			support.QueueHead{TicketID: 1, Severity: "S3", CreatedAt: claimsNow.Add(-time.Hour)}},
		{"all else equal: lower id first",
			support.QueueHead{TicketID: 1, BreachAt: claimsAt(time.Hour), Severity: "S2", CreatedAt: claimsNow, Queue: 3, Status: "open"},
			support.QueueHead{TicketID: 2, BreachAt: claimsAt(time.Hour), Severity: "S2", CreatedAt: claimsNow, Queue: 0, Status: "new"}},
		{"no clock, all else equal: lower id first",
			support.QueueHead{TicketID: 1, Severity: "S2", CreatedAt: claimsNow},
			support.QueueHead{TicketID: 2, Severity: "S2", CreatedAt: claimsNow}},
	}
	for _, c := range cases {
		if !c.h.Before(c.o) {
			t.Errorf("%s: h.Before(o) = false, want true", c.name)
		}
		if c.o.Before(c.h) {
			t.Errorf("%s: o.Before(h) = true, want false", c.name)
		}
	}
	// Nothing comes before itself, nor before its equal in another queue.
	for _, c := range cases {
		twin := c.h
		twin.Queue++
		if c.h.Before(c.h) || c.h.Before(twin) || twin.Before(c.h) {
			t.Errorf("%s: a head comes before its equal", c.name)
		}
	}
}

// claimsPermutations calls f with each ordering of heads.
func claimsPermutations(heads []support.QueueHead, f func([]support.QueueHead)) {
	var permute func(k int)
	permute = func(k int) {
		if k == len(heads) {
			f(slices.Clone(heads))
			return
		}
		for i := k; i < len(heads); i++ {
			heads[k], heads[i] = heads[i], heads[k]
			permute(k + 1)
			heads[k], heads[i] = heads[i], heads[k]
		}
	}
	permute(0)
}

func TestFirstHead(t *testing.T) {
	for _, empty := range [][]support.QueueHead{nil, {}} {
		if got, ok := support.FirstHead(empty); ok || got.TicketID != 0 || got.BreachAt != nil {
			t.Errorf("FirstHead(%v) = %+v, %t; want zero, false", empty, got, ok)
		}
	}
	one := support.QueueHead{TicketID: 5, Severity: "S3", CreatedAt: claimsNow}
	if got, ok := support.FirstHead([]support.QueueHead{one}); !ok || got.TicketID != 5 {
		t.Errorf("FirstHead of one = %+v, %t", got, ok)
	}

	// In pick order: 1 breaches first; 2 breaches later though S1; 3 runs
	// no clock but is S1; 4 runs no clock and is S2, though oldest.
	inOrder := []support.QueueHead{
		{TicketID: 1, BreachAt: claimsAt(time.Hour), Severity: "S3", CreatedAt: claimsNow.Add(-time.Hour), Queue: 0},
		{TicketID: 2, BreachAt: claimsAt(2 * time.Hour), Severity: "S1", CreatedAt: claimsNow.Add(-2 * time.Hour), Queue: 1},
		{TicketID: 3, Severity: "S1", CreatedAt: claimsNow.Add(-3 * time.Hour), Queue: 2},
		{TicketID: 4, Severity: "S2", CreatedAt: claimsNow.Add(-99 * time.Hour), Queue: 3},
	}
	perms := 0
	claimsPermutations(slices.Clone(inOrder), func(heads []support.QueueHead) {
		perms++
		order := func() []int64 {
			var ids []int64
			for _, h := range heads {
				ids = append(ids, h.TicketID)
			}
			return ids
		}()
		// Take the first again and again: the order is the pick order.
		var got []int64
		for rest := heads; len(rest) > 0; {
			first, ok := support.FirstHead(rest)
			if !ok {
				t.Fatalf("input %v: FirstHead of %d heads found none", order, len(rest))
			}
			got = append(got, first.TicketID)
			rest = slices.DeleteFunc(slices.Clone(rest), func(h support.QueueHead) bool { return h.TicketID == first.TicketID })
		}
		if !slices.Equal(got, []int64{1, 2, 3, 4}) {
			t.Errorf("input %v: picked in order %v, want [1 2 3 4]", order, got)
		}
	})
	if perms != 24 {
		t.Errorf("tried %d orderings of 4 heads, want 24", perms)
	}

	// The same ticket at the head of two queues: the queue named first in
	// the request wins.
	a := support.QueueHead{TicketID: 7, Severity: "S2", CreatedAt: claimsNow, Queue: 0}
	b := a
	b.Queue = 1
	if got, _ := support.FirstHead([]support.QueueHead{a, b}); got.Queue != 0 {
		t.Errorf("tie: FirstHead took queue %d, want the first given, 0", got.Queue)
	}
	if got, _ := support.FirstHead([]support.QueueHead{b, a}); got.Queue != 1 {
		t.Errorf("tie: FirstHead took queue %d, want the first given, 1", got.Queue)
	}
}

func TestNewPick(t *testing.T) {
	jst := time.FixedZone("JST", 9*3600)
	ticket := support.Ticket{ID: 31, Subject: "Spark job fails", Severity: "S2", Status: "new", CreatedAt: claimsNow.Add(-3 * time.Hour)}
	old := ticket
	old.CreatedAt = claimsNow.Add(-50 * time.Hour)
	dueJST := claimsNow.Add(2 * time.Hour).In(jst)
	for _, c := range []struct {
		name      string
		ticket    support.Ticket
		breachAt  *time.Time
		clock     string
		claimed   bool
		wantClock string
		reason    string
	}{
		{"due", ticket, claimsAt(2 * time.Hour), "first response", true, "first response",
			"earliest SLA breach in apac-jp/spark: first response due 2025-03-10T14:00:00Z; S2; waiting 3h"},
		{"due, said in UTC whatever its zone", ticket, &dueJST, "first response", false, "first response",
			"earliest SLA breach in apac-jp/spark: first response due 2025-03-10T14:00:00Z; S2; waiting 3h"},
		{"breached", ticket, claimsAt(-30 * time.Minute), "resolution", false, "resolution",
			"earliest SLA breach in apac-jp/spark: resolution breached at 2025-03-10T11:30:00Z; S2; waiting 3h"},
		{"breaching now", old, claimsAt(0), "next response", true, "next response",
			"earliest SLA breach in apac-jp/spark: next response breached at 2025-03-10T12:00:00Z; S2; waiting 2d"},
		{"clock not named", ticket, claimsAt(time.Hour), "", false, "",
			"earliest SLA breach in apac-jp/spark: SLA due 2025-03-10T13:00:00Z; S2; waiting 3h"},
		{"no clock", ticket, nil, "first response", true, "",
			"no SLA clock running in apac-jp/spark; S2; waiting 3h"},
		{"no clock, not claimed", old, nil, "", false, "",
			"no SLA clock running in apac-jp/spark; S2; waiting 2d"},
	} {
		p := support.NewPick(c.ticket, "apac-jp/spark", c.breachAt, c.clock, c.claimed, claimsNow)
		if p.Reason != c.reason {
			t.Errorf("%s: reason %q\nwant %q", c.name, p.Reason, c.reason)
		}
		if p.Clock != c.wantClock {
			t.Errorf("%s: Clock = %q, want %q", c.name, p.Clock, c.wantClock)
		}
		switch {
		case c.breachAt == nil && p.BreachAt != nil:
			t.Errorf("%s: BreachAt = %v, want nil", c.name, *p.BreachAt)
		case c.breachAt != nil && (p.BreachAt == nil || !p.BreachAt.Equal(*c.breachAt)):
			t.Errorf("%s: BreachAt = %v, want %v", c.name, p.BreachAt, *c.breachAt)
		}
		if p.Claimed != c.claimed || p.Queue != "apac-jp/spark" || p.Ticket.ID != c.ticket.ID || !p.Ticket.CreatedAt.Equal(c.ticket.CreatedAt) {
			t.Errorf("%s: pick = %+v, want ticket %d from apac-jp/spark, claimed %t", c.name, p, c.ticket.ID, c.claimed)
		}
		// Reason is what Describe says at the same instant, in RFC 3339 UTC.
		if d := p.Describe(claimsNow, func(t time.Time) string { return t.UTC().Format(time.RFC3339) }); d != p.Reason {
			t.Errorf("%s: Describe = %q, Reason %q", c.name, d, p.Reason)
		}
	}
}
