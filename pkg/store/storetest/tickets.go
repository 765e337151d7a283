package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

func testCreateTicket(t *testing.T, e *env) {
	e.clock.Advance(time.Minute)
	now := e.clock.Now()
	n := e.newTicket()
	got, replayed, err := e.s.CreateTicket(e.ctx, e.as(e.ken), n, service.Idempotency{})
	if err != nil || replayed {
		t.Fatalf("CreateTicket = replayed %v, %v", replayed, err)
	}
	want := support.Ticket{
		ID: got.ID, Subject: n.Subject, Description: n.Description, Status: "new", Severity: "S3",
		Division: "core", Region: "apac-jp", Language: "en", Channel: "portal", RequesterKind: "customer",
		RequesterName: n.RequesterName, RequesterEmail: n.RequesterEmail, AccountID: e.acme.ID, AccountName: "Acme",
		Tier: "frontline", ProductVersion: "7.1.9", Environment: "production", Tags: []string{"ha", "hdfs"},
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	wantEqual(t, "created ticket", got, want)
	wantEqual(t, "read back", e.get(got.ID), want)

	internal := e.ticket(func(n *support.NewTicket) { n.AccountID, n.RequesterKind, n.Tags = 0, "internal", nil })
	if internal.AccountID != 0 || internal.AccountName != "" || internal.Tags == nil {
		t.Errorf("internal ticket %+v: want no account and empty, non-nil tags", internal)
	}

	_, _, err = e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(func(n *support.NewTicket) { n.AccountID = 9999 }), service.Idempotency{})
	wantValidation(t, "ticket of a missing account", err, "account_id")
	_, err = e.st.Ticket(e.ctx, 9999)
	wantIs(t, "missing ticket", err, support.ErrNotFound)

	evs := e.events("ticket", got.ID)
	wantEqual(t, "events", len(evs), 1)
	wantEvent(t, evs, 0, "created", e.ken.Email, now, nil, want)
	if evs[0].EntityType != "ticket" || evs[0].EntityID != got.ID {
		t.Errorf("event is on %s %d, want ticket %d", evs[0].EntityType, evs[0].EntityID, got.ID)
	}
}

func testUpdateTicket(t *testing.T, e *env) {
	tk := e.ticket()
	e.clock.Advance(time.Hour)
	now := e.clock.Now()
	got := e.update(tk.ID, support.TicketPatch{
		Status: ptr("open"), Assignee: ptr("KEN@example.com"), AddTags: []string{"urgent"}, RemoveTags: []string{"ha"},
		Version: ptr(1),
	})
	want := tk
	want.Status, want.Assignee, want.Tags, want.Version, want.UpdatedAt = "open", e.ken.Email, []string{"hdfs", "urgent"}, 2, now
	want.AssignedAt = &now
	wantEqual(t, "updated ticket", got, want)
	wantEqual(t, "read back", e.get(tk.ID), want)

	evs := e.events("ticket", tk.ID)
	wantEqual(t, "events", len(evs), 2)
	wantEvent(t, evs, 1, "updated", e.ken.Email, now,
		map[string]any{"status": "new", "assignee": "", "tags": []string{"ha", "hdfs"}},
		map[string]any{"status": "open", "assignee": e.ken.Email, "tags": []string{"hdfs", "urgent"}})

	// Without a version the update is unconditional; "" unassigns.
	e.clock.Advance(time.Minute)
	got = e.update(tk.ID, support.TicketPatch{Assignee: ptr(""), Severity: ptr("S1"), Subject: ptr("  NameNode down  ")})
	if got.Assignee != "" || got.AssignedAt != nil || got.Severity != "S1" || got.Subject != "NameNode down" || got.Version != 3 {
		t.Errorf("after unassigning: %+v", got)
	}

	// The assignee is the user's email as stored, whatever the patch's case.
	got = e.update(tk.ID, support.TicketPatch{Assignee: ptr("ana@EXAMPLE.com")})
	if got.Assignee != e.ana.Email || !got.AssignedAt.Equal(e.clock.Now()) {
		t.Errorf("assignee = %q since %v, want %q since %s", got.Assignee, got.AssignedAt, e.ana.Email, e.clock.Now())
	}
	wantEqual(t, "read back", e.get(tk.ID), got)

	// A patch that changes nothing writes nothing.
	same := e.update(tk.ID, support.TicketPatch{Status: ptr("open"), Assignee: ptr("ANA@example.com"), Version: ptr(4)})
	wantEqual(t, "no-op update", same, got)
	wantEqual(t, "events after no-op", len(e.events("ticket", tk.ID)), 4)
}

func testUpdateTicketRules(t *testing.T, e *env) {
	tk := e.ticket()
	e.update(tk.ID, support.TicketPatch{Status: ptr("open")})

	_, err := e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{Status: ptr("solved"), Version: ptr(1)})
	var conflict *support.ConflictError
	if !errors.As(err, &conflict) || conflict.Current != 2 || conflict.Wanted != 1 {
		t.Errorf("stale update: error %#v, want ConflictError{Current: 2, Wanted: 1}", err)
	}
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.admin), tk.ID, support.TicketPatch{Assignee: ptr("nobody@example.com")})
	wantValidation(t, "unknown assignee", err, "assignee")
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{Status: ptr("reopened")})
	wantValidation(t, "unknown status", err, "status")
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{})
	wantValidation(t, "empty patch", err, "")
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), 9999, support.TicketPatch{Status: ptr("open")})
	wantIs(t, "missing ticket", err, support.ErrNotFound)

	closed := e.update(tk.ID, support.TicketPatch{Status: ptr("closed")})
	_, err = e.s.UpdateTicket(e.ctx, e.as(e.ana), tk.ID, support.TicketPatch{Status: ptr("open")})
	wantValidation(t, "reopening a closed ticket", err, "status")

	// Refused changes leave the ticket and its history as they were.
	wantEqual(t, "ticket after refused updates", e.get(tk.ID), closed)
	wantEqual(t, "events after refused updates", len(e.events("ticket", tk.ID)), 3)
}

func testComments(t *testing.T, e *env) {
	tk := e.ticket()
	e.clock.Advance(time.Minute)
	reply, _, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, support.NewComment{Body: "Please send the NameNode logs."}, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "reply", reply, support.Comment{ID: reply.ID, TicketID: tk.ID, Author: e.ken.Email,
		Body: "Please send the NameNode logs.", CreatedAt: e.clock.Now()})
	e.clock.Advance(time.Minute)
	note, _, err := e.s.AddComment(e.ctx, e.as(e.ana), tk.ID, support.NewComment{Body: "Looks like HDFS-1234.", Internal: true}, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}

	// A comment touches the ticket but keeps its version.
	got := e.get(tk.ID)
	if got.Version != 1 || !got.UpdatedAt.Equal(e.clock.Now()) {
		t.Errorf("after comments: version %d updated %s, want 1 and %s", got.Version, got.UpdatedAt, e.clock.Now())
	}

	all, err := e.st.ListComments(e.ctx, tk.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "all comments", all, []support.Comment{reply, note})
	public, err := e.st.ListComments(e.ctx, tk.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "public comments", public, []support.Comment{reply})

	_, _, err = e.s.AddComment(e.ctx, e.as(e.ken), 9999, support.NewComment{Body: "hello"}, service.Idempotency{})
	wantIs(t, "comment on a missing ticket", err, support.ErrNotFound)
	_, err = e.st.ListComments(e.ctx, 9999, true)
	wantIs(t, "comments of a missing ticket", err, support.ErrNotFound)

	evs := e.events("ticket", tk.ID)
	wantEqual(t, "events", len(evs), 3)
	wantEvent(t, evs, 2, "commented", e.ana.Email, e.clock.Now(), nil, map[string]any{"comment_id": note.ID, "internal": true, "from_requester": false})
}

// testRequesterReply: a reply the customer sent by email, entered by an
// engineer, keeps the engineer as author and says whose side it is from,
// in the comment and in the event the SLA clocks read.
func testRequesterReply(t *testing.T, e *env) {
	tk := e.ticket()
	e.clock.Advance(time.Minute)
	answer, _, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, support.NewComment{Body: "Please send the NameNode logs."}, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Hour)
	reply, _, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, support.NewComment{Body: "Logs attached to the email.", FromRequester: true}, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "reply", reply, support.Comment{ID: reply.ID, TicketID: tk.ID, Author: e.ken.Email,
		Body: "Logs attached to the email.", FromRequester: true, CreatedAt: e.clock.Now()})
	public, err := e.st.ListComments(e.ctx, tk.ID, false)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "public comments", public, []support.Comment{answer, reply})

	evs := e.events("ticket", tk.ID)
	wantEvent(t, evs, 1, "commented", e.ken.Email, answer.CreatedAt, nil, map[string]any{"comment_id": answer.ID, "internal": false, "from_requester": false})
	wantEvent(t, evs, 2, "commented", e.ken.Email, reply.CreatedAt, nil, map[string]any{"comment_id": reply.ID, "internal": false, "from_requester": true})
}
