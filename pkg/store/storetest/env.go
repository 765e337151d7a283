package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// start is the fake clock's first reading, in whole milliseconds as every
// store keeps times.
var start = time.Date(2025, 3, 10, 9, 0, 0, 0, time.UTC)

// system is the actor of changes nobody signed in for, like the first admin.
var system = support.User{Email: "system", Role: support.RoleAdmin}

// env is one empty store with a few users and accounts.
type env struct {
	t   *testing.T
	ctx context.Context
	// st is the backend under test, s the service over it.
	st    store.Store
	s     *service.Service
	clock *Clock
	// breach is the store's BreachFunc; seed bypasses it.
	breach *fakeBreach
	seed   func(actor support.User, tickets []support.NewTicket) []int64

	admin, ken, ana support.User
	// partner resells to acme; globex buys directly.
	partner, acme, globex support.Account
}

func setup(t *testing.T, b Backend) *env {
	clock := NewClock(start)
	breach := newFakeBreach()
	e := &env{t: t, ctx: t.Context(), clock: clock, breach: breach, st: b.Open(t, Options{Now: clock.Now})}
	e.s = service.New(e.st, service.WithClock(clock.Now), service.WithBreach(breach.fn))
	e.seed = func(actor support.User, tickets []support.NewTicket) []int64 {
		return Load(t, e.st, store.ActorOf(actor), clock.Now(), tickets)
	}
	e.admin = e.user(system, support.User{Email: "admin@example.com", Name: "Admin", Role: "admin", Region: "apac-jp"})
	e.ken = e.user(e.as(e.admin), support.User{Email: "ken@example.com", Name: "Ken Sato", Role: "engineer", Region: "apac-jp", Tier: "frontline"})
	e.ana = e.user(e.as(e.admin), support.User{Email: "Ana@example.com", Name: "Ana Silva", Role: "engineer", Region: "americas-west", Tier: "backline"})
	e.partner = e.account(support.Account{Name: "Resell Co", Kind: "partner", Plan: "premium", Region: "apac-jp"})
	e.acme = e.account(support.Account{Name: "Acme", Kind: "customer", PartnerID: e.partner.ID, Plan: "standard", Region: "apac-jp"})
	e.globex = e.account(support.Account{Name: "Globex", Kind: "customer", Plan: "premium", Region: "apac-kr"})
	return e
}

// as is u acting: the suite's calls name who makes them.
func (e *env) as(u support.User) support.User { return u }

func (e *env) user(actor support.User, u support.User) support.User {
	e.t.Helper()
	u, err := e.s.CreateUser(e.ctx, actor, u)
	if err != nil {
		e.t.Fatalf("CreateUser(%s): %v", u.Email, err)
	}
	return u
}

func (e *env) account(a support.Account) support.Account {
	e.t.Helper()
	a, err := e.s.CreateAccount(e.ctx, e.as(e.admin), a)
	if err != nil {
		e.t.Fatalf("CreateAccount(%s): %v", a.Name, err)
	}
	return a
}

// newTicket is a valid request for an Acme ticket, changed by mods and
// normalized.
func (e *env) newTicket(mods ...func(*support.NewTicket)) support.NewTicket {
	e.t.Helper()
	n := support.NewTicket{
		Subject:       "NameNode fails over every hour",
		Description:   "Since the upgrade the active NameNode loses its lock.",
		Division:      "core",
		Region:        "apac-jp",
		RequesterName: "Yuki Tanaka", RequesterEmail: "yuki@acme.example",
		AccountID:      e.acme.ID,
		ProductVersion: "7.1.9",
		Environment:    "production",
		Tags:           []string{"HDFS", "ha"},
	}
	for _, m := range mods {
		m(&n)
	}
	if err := n.Normalize(); err != nil {
		e.t.Fatalf("Normalize: %v", err)
	}
	return n
}

func (e *env) ticket(mods ...func(*support.NewTicket)) support.Ticket {
	e.t.Helper()
	t, _, err := e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(mods...), service.Idempotency{})
	if err != nil {
		e.t.Fatalf("CreateTicket: %v", err)
	}
	return t
}

// update changes a ticket as ken, an engineer, who may assign tickets
// only to himself; an assignment to someone else is made as the admin.
func (e *env) update(id int64, p support.TicketPatch) support.Ticket {
	e.t.Helper()
	by := e.ken
	if p.Assignee != nil && *p.Assignee != "" && !strings.EqualFold(*p.Assignee, e.ken.Email) {
		by = e.admin
	}
	t, err := e.s.UpdateTicket(e.ctx, e.as(by), id, p)
	if err != nil {
		e.t.Fatalf("UpdateTicket(%d): %v", id, err)
	}
	return t
}

func (e *env) get(id int64) support.Ticket {
	e.t.Helper()
	t, err := e.st.Ticket(e.ctx, id)
	if err != nil {
		e.t.Fatalf("Ticket(%d): %v", id, err)
	}
	return t
}

func (e *env) events(entityType support.EntityType, id int64) []support.Event {
	e.t.Helper()
	evs, err := e.st.ListEvents(e.ctx, entityType, id)
	if err != nil {
		e.t.Fatalf("ListEvents(%s, %d): %v", entityType, id, err)
	}
	return evs
}

// all lists every ticket f selects, one page.
func (e *env) all(f support.TicketFilter) []support.Ticket {
	e.t.Helper()
	f.Limit = support.MaxLimit
	page, err := e.st.ListTickets(e.ctx, f)
	if err != nil {
		e.t.Fatalf("ListTickets(%+v): %v", f, err)
	}
	return page.Tickets
}

func ids(ts []support.Ticket) []int64 {
	out := make([]int64, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}

func sortedIDs(ts ...support.Ticket) []int64 {
	out := ids(ts)
	slices.Sort(out)
	return out
}

func ptr[T any](v T) *T { return &v }

// jsonOf is v as generic JSON, so stores may hold event sides in any
// representation that encodes the same.
func jsonOf(t *testing.T, v any) any {
	t.Helper()
	if v == nil {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("encoding %v: %v", v, err)
	}
	var out any
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
	return out
}

func wantEqual[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got  %+v\n want %+v", what, got, want)
	}
}

func wantIs(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want %v", what, err, target)
	}
}

func wantValidation(t *testing.T, what string, err error, field string) {
	t.Helper()
	var ve *support.ValidationError
	if !errors.As(err, &ve) || ve.Field != field {
		t.Errorf("%s: error %#v, want a validation error on %q", what, err, field)
	}
}

// wantEvent checks the one event at index i of evs.
func wantEvent(t *testing.T, evs []support.Event, i int, kind support.EventKind, actor string, at time.Time, before, after any) {
	t.Helper()
	if i >= len(evs) {
		t.Errorf("event %d: only %d events: %+v", i, len(evs), evs)
		return
	}
	ev := evs[i]
	if ev.Kind != kind || ev.Actor != actor || !ev.At.Equal(at) {
		t.Errorf("event %d = %s by %s at %s, want %s by %s at %s", i, ev.Kind, ev.Actor, ev.At, kind, actor, at)
	}
	wantEqual(t, "event before", jsonOf(t, ev.Before), jsonOf(t, before))
	wantEqual(t, "event after", jsonOf(t, ev.After), jsonOf(t, after))
}
