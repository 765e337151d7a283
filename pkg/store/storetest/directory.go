package storetest

import (
	"testing"

	"github.com/supctl/supctl/pkg/support"
)

func testUsers(t *testing.T, e *env) {
	if e.ken.ID == 0 || !e.ken.CreatedAt.Equal(start) {
		t.Errorf("created user %+v: want an id and created_at %s", e.ken, start)
	}
	got, err := e.st.UserByEmail(e.ctx, "Ken@Example.COM")
	if err != nil {
		t.Fatalf("UserByEmail ignoring case: %v", err)
	}
	wantEqual(t, "UserByEmail", got, e.ken)

	p := e.user(e.as(e.admin), support.User{Email: "pat@resell.example", Name: "Pat", Role: "partner", Region: "apac-jp", AccountID: e.partner.ID})
	if got, _ := e.st.UserByEmail(e.ctx, p.Email); got.AccountID != e.partner.ID {
		t.Errorf("partner user's account = %d, want %d", got.AccountID, e.partner.ID)
	}

	_, err = e.s.CreateUser(e.ctx, e.as(e.admin), support.User{Email: "KEN@example.com", Role: "engineer", Region: "apac-jp"})
	wantIs(t, "duplicate email", err, support.ErrDuplicate)
	_, err = e.s.CreateUser(e.ctx, e.as(e.admin), support.User{Email: "x@example.com", Role: "partner", Region: "apac-jp", AccountID: 9999})
	wantValidation(t, "user of a missing account", err, "account_id")
	_, err = e.s.CreateUser(e.ctx, e.as(e.admin), support.User{Email: "y@example.com", Role: "partner", Region: "apac-jp", AccountID: e.acme.ID})
	wantValidation(t, "partner user of a customer", err, "account_id")
	_, err = e.st.UserByEmail(e.ctx, "nobody@example.com")
	wantIs(t, "missing user", err, support.ErrNotFound)

	users, err := e.st.ListUsers(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "ListUsers", users, []support.User{e.admin, e.ken, e.ana, p})
	if n, err := e.st.CountUsers(e.ctx); err != nil || n != 4 {
		t.Errorf("CountUsers = %d, %v; want 4", n, err)
	}

	evs := e.events("user", e.ken.ID)
	wantEvent(t, evs, 0, "created", e.admin.Email, start, nil, e.ken)
	wantEqual(t, "events of ken", len(evs), 1)
	wantEvent(t, e.events("user", e.admin.ID), 0, "created", system.Email, start, nil, e.admin)
}

func testAccounts(t *testing.T, e *env) {
	got, err := e.st.Account(e.ctx, e.acme.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "Account", got, e.acme)
	if e.acme.PartnerID != e.partner.ID || !e.acme.CreatedAt.Equal(start) {
		t.Errorf("created account %+v: want partner %d, created_at %s", e.acme, e.partner.ID, start)
	}
	all, err := e.st.ListAccounts(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "ListAccounts", all, []support.Account{e.partner, e.acme, e.globex})

	_, err = e.s.CreateAccount(e.ctx, e.as(e.admin), support.Account{Name: "Acme", Kind: "customer", Region: "apac-jp"})
	wantIs(t, "duplicate name", err, support.ErrDuplicate)
	_, err = e.s.CreateAccount(e.ctx, e.as(e.admin), support.Account{Name: "Initech", Kind: "customer", Region: "apac-jp", PartnerID: 9999})
	wantValidation(t, "missing partner", err, "partner_id")
	_, err = e.s.CreateAccount(e.ctx, e.as(e.admin), support.Account{Name: "Initech", Kind: "customer", Region: "apac-jp", PartnerID: e.globex.ID})
	wantValidation(t, "partner that is a customer", err, "partner_id")
	_, err = e.st.Account(e.ctx, 9999)
	wantIs(t, "missing account", err, support.ErrNotFound)

	evs := e.events("account", e.acme.ID)
	wantEqual(t, "events of acme", len(evs), 1)
	wantEvent(t, evs, 0, "created", e.admin.Email, start, nil, e.acme)
}
