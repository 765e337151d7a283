package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// wantConflict checks that a claim lost to holder, who took the ticket at
// since.
func wantConflict(t *testing.T, what string, err error, id int64, holder string, since time.Time) {
	t.Helper()
	var conflict *support.ClaimConflictError
	if !errors.As(err, &conflict) {
		t.Errorf("%s: error %#v, want a ClaimConflictError", what, err)
		return
	}
	wantEqual(t, what, *conflict, support.ClaimConflictError{TicketID: id, Holder: holder, Since: since})
}

func testClaim(t *testing.T, e *env) {
	tk := e.ticket(sla(60))
	e.clock.Advance(time.Minute)
	now := e.clock.Now()
	got, err := e.s.ClaimTicket(e.ctx, e.as(e.ken), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := tk
	want.Assignee, want.AssignedAt, want.Status, want.Version, want.UpdatedAt = e.ken.Email, &now, "open", 2, now
	// A claim moves no clock, so the stored breach stands.
	wantEqual(t, "claimed ticket", got, want)
	wantEqual(t, "read back", e.get(tk.ID), want)
	evs := e.events("ticket", tk.ID)
	wantEqual(t, "events", len(evs), 2)
	wantEvent(t, evs, 1, "claimed", e.ken.Email, now,
		map[string]any{"assignee": "", "status": "new"}, map[string]any{"assignee": e.ken.Email, "status": "open"})

	// The loser is told who holds the ticket and since when.
	e.clock.Advance(time.Minute)
	_, err = e.s.ClaimTicket(e.ctx, e.as(e.ana), tk.ID)
	wantConflict(t, "claim of a held ticket", err, tk.ID, e.ken.Email, now)

	// Claiming again is harmless.
	again, err := e.s.ClaimTicket(e.ctx, e.as(e.ken), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "claimed again", again, want)
	wantEqual(t, "events after claiming again", len(e.events("ticket", tk.ID)), 2)

	// An assignment by update counts as a claim from its time on; a claim
	// leaves any status but new as it is.
	pending := e.update(e.ticket().ID, support.TicketPatch{Status: ptr("pending_customer")})
	assigned := e.update(e.ticket().ID, support.TicketPatch{Assignee: ptr(e.ana.Email)})
	wantEqual(t, "assigned at", assigned.AssignedAt, ptr(e.clock.Now()))
	_, err = e.s.ClaimTicket(e.ctx, e.as(e.ken), assigned.ID)
	wantConflict(t, "claim of an assigned ticket", err, assigned.ID, e.ana.Email, e.clock.Now())
	got, err = e.s.ClaimTicket(e.ctx, e.as(e.ken), pending.ID)
	if err != nil || got.Status != "pending_customer" || got.Assignee != e.ken.Email {
		t.Errorf("claim of a pending ticket = %+v, %v; want it held by ken, still pending_customer", got, err)
	}

	closed := e.update(e.ticket().ID, support.TicketPatch{Status: ptr("closed")})
	_, err = e.s.ClaimTicket(e.ctx, e.as(e.ken), closed.ID)
	wantValidation(t, "claim of a closed ticket", err, "status")
	wantEqual(t, "closed ticket after the refused claim", e.get(closed.ID), closed)
	_, err = e.s.ClaimTicket(e.ctx, e.as(e.ken), 9999)
	wantIs(t, "claim of a missing ticket", err, support.ErrNotFound)
}

func testRelease(t *testing.T, e *env) {
	lead := e.user(e.as(e.admin), support.User{Email: "lee@example.com", Name: "Lee", Role: "lead", Region: "apac-jp"})
	tk := e.ticket()
	if _, err := e.s.ClaimTicket(e.ctx, e.as(e.ken), tk.ID); err != nil {
		t.Fatal(err)
	}
	held := e.get(tk.ID)

	_, err := e.s.ReleaseTicket(e.ctx, e.as(e.ana), tk.ID, "")
	wantIs(t, "engineer releasing someone else's ticket", err, support.ErrForbidden)
	wantEqual(t, "ticket after the refused release", e.get(tk.ID), held)
	// An update is no way around the holder either.
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{Assignee: ptr("")})
	wantIs(t, "engineer unassigning someone else's ticket", err, support.ErrForbidden)
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{Assignee: ptr(e.ana.Email)})
	wantConflict(t, "engineer assigning themselves someone else's ticket", err, tk.ID, e.ken.Email, *held.AssignedAt)
	wantEqual(t, "ticket after the refused updates", e.get(tk.ID), held)

	e.clock.Advance(time.Minute)
	got, err := e.s.ReleaseTicket(e.ctx, e.as(lead), tk.ID, "  ken is out sick  ")
	if err != nil {
		t.Fatal(err)
	}
	want := held
	want.Assignee, want.AssignedAt, want.Version, want.UpdatedAt = "", nil, held.Version+1, e.clock.Now()
	wantEqual(t, "released ticket", got, want)
	wantEqual(t, "read back", e.get(tk.ID), want)
	evs := e.events("ticket", tk.ID)
	wantEvent(t, evs, len(evs)-1, "released", lead.Email, e.clock.Now(),
		map[string]any{"assignee": e.ken.Email}, map[string]any{"assignee": "", "reason": "ken is out sick"})

	_, err = e.s.ReleaseTicket(e.ctx, e.as(lead), tk.ID, "")
	wantValidation(t, "release of an unassigned ticket", err, "assignee")

	// The holder releases without a reason; an admin may release anyone's.
	for _, releaser := range []support.User{e.ken, e.admin} {
		if _, err := e.s.ClaimTicket(e.ctx, e.as(e.ken), tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := e.s.ReleaseTicket(e.ctx, e.as(releaser), tk.ID, ""); err != nil {
			t.Errorf("release by %s: %v", releaser.Email, err)
		}
	}
	evs = e.events("ticket", tk.ID)
	wantEvent(t, evs, len(evs)-3, "released", e.ken.Email, e.clock.Now(), map[string]any{"assignee": e.ken.Email}, map[string]any{"assignee": ""})

	solved := e.update(e.ticket().ID, support.TicketPatch{Assignee: ptr(e.ken.Email), Status: ptr("solved")})
	_, err = e.s.ReleaseTicket(e.ctx, e.as(e.ken), solved.ID, "")
	wantValidation(t, "release of a solved ticket", err, "status")
	_, err = e.s.ReleaseTicket(e.ctx, e.as(e.ken), 9999, "")
	wantIs(t, "release of a missing ticket", err, support.ErrNotFound)
}

func testSkip(t *testing.T, e *env) {
	first, second := e.ticket(), e.ticket()
	core := []support.Queue{{Region: "apac-jp", Division: "core"}}
	next := func(who support.User) support.Pick {
		t.Helper()
		p, err := e.s.NextTicket(e.ctx, e.as(who), support.NextRequest{Queues: core, DryRun: true})
		if err != nil {
			t.Fatalf("NextTicket for %s: %v", who.Email, err)
		}
		return p
	}
	wantEqual(t, "pick before skipping", next(e.ken).Ticket.ID, first.ID)

	wantValidation(t, "skip without a reason", e.s.SkipTicket(e.ctx, e.as(e.ken), first.ID, "  "), "reason")
	e.clock.Advance(time.Minute)
	if err := e.s.SkipTicket(e.ctx, e.as(e.ken), first.ID, "needs Kerberos expertise"); err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "ken's pick after skipping", next(e.ken).Ticket.ID, second.ID)
	wantEqual(t, "ana's pick", next(e.ana).Ticket.ID, first.ID)
	// A skip is history, not a change: the ticket keeps its version.
	wantEqual(t, "skipped ticket", e.get(first.ID), first)
	evs := e.events("ticket", first.ID)
	wantEvent(t, evs, len(evs)-1, "skipped", e.ken.Email, e.clock.Now(), nil, map[string]any{"reason": "needs Kerberos expertise"})

	if err := e.s.SkipTicket(e.ctx, e.as(e.ken), first.ID, "still no Kerberos"); err != nil {
		t.Errorf("skipping again: %v", err)
	}
	if err := e.s.SkipTicket(e.ctx, e.as(e.ken), second.ID, "busy"); err != nil {
		t.Fatal(err)
	}
	_, err := e.s.NextTicket(e.ctx, e.as(e.ken), support.NextRequest{Queues: core})
	wantIs(t, "pick with everything skipped", err, support.ErrNothingToPick)
	// A skipped ticket can still be claimed by its id.
	if _, err := e.s.ClaimTicket(e.ctx, e.as(e.ken), first.ID); err != nil {
		t.Errorf("claim of a skipped ticket: %v", err)
	}
	wantIs(t, "skip of a missing ticket", e.s.SkipTicket(e.ctx, e.as(e.ken), 9999, "why not"), support.ErrNotFound)
}
