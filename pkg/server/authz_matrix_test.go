package server_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// roles are the columns of the authorization matrix: the roles of the API
// contract, in its order.
var roles = []string{"admin", "lead", "engineer", "partner", "readonly"}

// allowed marks a request a role may make: it must succeed (2xx).
const allowed = 0

// authzWorld is a server over a database with one user of each role, a
// partner organisation, a customer it serves (ours) and one it does not
// (foreign), and a clock the test moves.
type authzWorld struct {
	t       *testing.T
	clock   *storetest.Clock
	api     *servertest.Client
	as      map[string]*servertest.Client // by role
	emails  map[string]string             // by role
	ours    support.Account               // served by the partner
	foreign support.Account               // a direct customer
	seq     int
}

func newAuthzWorld(t *testing.T) *authzWorld {
	t.Helper()
	clock := storetest.NewClock(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	_, svc := backend(t, clock.Now, service.WithClock(clock.Now))
	token := bootstrap(t, svc)
	w := &authzWorld{t: t, clock: clock,
		api: servertest.NewValidatingClient(t, server.New(svc, nil, server.WithClock(clock.Now)).Handler()),
		as:  map[string]*servertest.Client{}, emails: map[string]string{"admin": "admin@example.com"}}
	w.as["admin"] = w.api.WithToken(token)
	f := &fixture{api: w.api, admin: w.as["admin"]}
	reseller := f.createAccount(t, support.Account{Name: "Nippon Resell KK", Kind: "partner", Plan: "standard", Region: "apac-jp"})
	w.ours = f.createAccount(t, support.Account{Name: "東洋データ株式会社", Kind: "customer", Plan: "standard", Region: "apac-jp", PartnerID: reseller.ID})
	w.foreign = f.createAccount(t, support.Account{Name: "Acme Analytics", Kind: "customer", Plan: "premium", Region: "americas-west"})
	for _, role := range roles[1:] {
		u := map[string]any{"email": role + "@example.com", "role": role, "region": "apac-jp"}
		if role == "partner" {
			u["account_id"] = reseller.ID
		}
		w.as[role], w.emails[role] = f.addUser(t, u), role+"@example.com"
	}
	return w
}

// ticket opens a fresh ticket, of our customer or of the foreign one.
func (w *authzWorld) ticket(foreign bool) int64 {
	w.t.Helper()
	n := sparkTicket(w.ours.ID)
	n.Region, n.Division = "apac-jp", "core"
	if foreign {
		n.AccountID = w.foreign.ID
	}
	f := &fixture{}
	return f.createTicket(w.t, w.as["admin"], n).ID
}

func (w *authzWorld) account(foreign bool) int64 {
	if foreign {
		return w.foreign.ID
	}
	return w.ours.ID
}

// token issues a new token for the role's user, expiring at expires unless
// it is zero, and returns it with its id.
func (w *authzWorld) token(role string, expires time.Time) (string, int64) {
	w.t.Helper()
	req := map[string]any{"email": w.emails[role], "label": "matrix"}
	if !expires.IsZero() {
		req["expires_at"] = expires
	}
	resp, body := w.as["admin"].JSON("POST", "/api/v1/tokens", req)
	mustStatus(w.t, resp, body, http.StatusCreated)
	var out struct {
		Token   string `json:"token"`
		TokenID int64  `json:"token_id"`
	}
	decode(w.t, body, &out)
	return out.Token, out.TokenID
}

func (w *authzWorld) unique(prefix string) string {
	w.seq++
	return fmt.Sprintf("%s-%d", prefix, w.seq)
}

// authzReq is one request of the matrix. An empty token means the role's
// usual one.
type authzReq struct {
	path  string
	body  any
	token string
}

// authzRow is what each role may do with one operation of the contract.
type authzRow struct {
	// req builds a request as role that succeeds when the role is allowed,
	// with the ids of things that exist, creating them if need be; foreign
	// asks for another organisation's ticket or account.
	req func(w *authzWorld, role string, foreign bool) authzReq
	// want is, for each role, allowed or the status it is refused with.
	want map[string]int
	// foreign is what a partner gets asking about another organisation's
	// ticket or account; 0 where the operation names none.
	foreign int
	// public operations need no token.
	public bool
}

func everyone() map[string]int { return only(roles...) }

// only allows the given roles and refuses the others with 403.
func only(allowedRoles ...string) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = http.StatusForbidden
		if slices.Contains(allowedRoles, r) {
			m[r] = allowed
		}
	}
	return m
}

var workers = []string{"admin", "lead", "engineer"}

func path(format string) func(w *authzWorld, role string, foreign bool) authzReq {
	return func(*authzWorld, string, bool) authzReq { return authzReq{path: format} }
}

func onTicket(format string, body any) func(w *authzWorld, role string, foreign bool) authzReq {
	return func(w *authzWorld, _ string, foreign bool) authzReq {
		return authzReq{path: fmt.Sprintf(format, w.ticket(foreign)), body: body}
	}
}

// authzMatrix has a row for every operation of docs/api/openapi.yaml,
// keyed "METHOD /path" as the contract spells the path.
var authzMatrix = map[string]authzRow{
	"GET /healthz": {req: path("/healthz"), want: everyone(), public: true},
	"GET /readyz":  {req: path("/readyz"), want: everyone(), public: true},

	"GET /api/v1/me":    {req: path("/api/v1/me"), want: everyone()},
	"GET /api/v1/users": {req: path("/api/v1/users"), want: only("admin", "lead")},
	"POST /api/v1/users": {req: func(w *authzWorld, role string, _ bool) authzReq {
		return authzReq{path: "/api/v1/users", body: map[string]any{"email": w.unique(role) + "@example.com", "role": "engineer", "region": "apac-jp"}}
	}, want: only("admin")},

	"GET /api/v1/tokens": {req: path("/api/v1/tokens"), want: everyone()},
	"POST /api/v1/tokens": {req: func(w *authzWorld, role string, _ bool) authzReq {
		return authzReq{path: "/api/v1/tokens", body: map[string]any{"email": w.emails[role], "label": "matrix"}}
	}, want: everyone()},
	"DELETE /api/v1/tokens/current": {req: func(w *authzWorld, role string, _ bool) authzReq {
		token, _ := w.token(role, time.Time{})
		return authzReq{path: "/api/v1/tokens/current", token: token}
	}, want: everyone()},
	"DELETE /api/v1/tokens/{id}": {req: func(w *authzWorld, role string, _ bool) authzReq {
		_, id := w.token(role, time.Time{})
		return authzReq{path: fmt.Sprintf("/api/v1/tokens/%d", id)}
	}, want: everyone()},

	"GET /api/v1/accounts": {req: path("/api/v1/accounts"), want: everyone()},
	"POST /api/v1/accounts": {req: func(w *authzWorld, role string, _ bool) authzReq {
		return authzReq{path: "/api/v1/accounts", body: support.Account{Name: w.unique(role), Kind: "customer", Plan: "standard", Region: "apac-jp"}}
	}, want: only("admin", "lead")},
	"GET /api/v1/accounts/{id}": {req: func(w *authzWorld, _ string, foreign bool) authzReq {
		return authzReq{path: fmt.Sprintf("/api/v1/accounts/%d", w.account(foreign))}
	}, want: everyone(), foreign: http.StatusNotFound},

	"GET /api/v1/tickets": {req: path("/api/v1/tickets"), want: everyone()},
	"POST /api/v1/tickets": {req: func(w *authzWorld, _ string, _ bool) authzReq {
		return authzReq{path: "/api/v1/tickets", body: sparkTicket(w.ours.ID)}
	}, want: only("admin", "lead", "engineer", "partner")},
	"GET /api/v1/tickets/{id}": {req: onTicket("/api/v1/tickets/%d", nil), want: everyone(), foreign: http.StatusNotFound},
	"PATCH /api/v1/tickets/{id}": {req: onTicket("/api/v1/tickets/%d", support.TicketPatch{AddTags: []string{"matrix"}}),
		want: only(workers...), foreign: http.StatusForbidden},
	"GET /api/v1/tickets/{id}/comments": {req: onTicket("/api/v1/tickets/%d/comments", nil), want: everyone(), foreign: http.StatusNotFound},
	"POST /api/v1/tickets/{id}/comments": {req: onTicket("/api/v1/tickets/%d/comments", support.NewComment{Body: "matrix"}),
		want: only("admin", "lead", "engineer", "partner"), foreign: http.StatusNotFound},
	"GET /api/v1/tickets/{id}/events": {req: onTicket("/api/v1/tickets/%d/events", nil),
		want: only("admin", "lead", "engineer", "readonly"), foreign: http.StatusForbidden},
	"GET /api/v1/tickets/{id}/sla":    {req: onTicket("/api/v1/tickets/%d/sla", nil), want: everyone(), foreign: http.StatusNotFound},
	"POST /api/v1/tickets/{id}/claim": {req: onTicket("/api/v1/tickets/%d/claim", nil), want: only(workers...), foreign: http.StatusForbidden},
	"POST /api/v1/tickets/{id}/skip": {req: onTicket("/api/v1/tickets/%d/skip", map[string]string{"reason": "matrix"}),
		want: only(workers...), foreign: http.StatusForbidden},
	"POST /api/v1/tickets/{id}/release": {req: func(w *authzWorld, role string, foreign bool) authzReq {
		id := w.ticket(foreign)
		if slices.Contains(workers, role) {
			resp, body := w.as[role].JSON("POST", fmt.Sprintf("/api/v1/tickets/%d/claim", id), nil)
			mustStatus(w.t, resp, body, http.StatusOK)
		}
		return authzReq{path: fmt.Sprintf("/api/v1/tickets/%d/release", id), body: map[string]string{"reason": "matrix"}}
	}, want: only(workers...), foreign: http.StatusForbidden},

	"GET /api/v1/queues": {req: path("/api/v1/queues"), want: only("admin", "lead", "engineer", "readonly")},
	"POST /api/v1/queues/next": {req: func(*authzWorld, string, bool) authzReq {
		return authzReq{path: "/api/v1/queues/next", body: map[string]any{"queues": []support.Queue{{Region: "apac-jp", Division: "core"}}, "dry_run": true}}
	}, want: only(workers...)},
	"GET /api/v1/queues/{region}/{division}/tickets": {req: path("/api/v1/queues/apac-jp/core/tickets"),
		want: only("admin", "lead", "engineer", "readonly")},
}

// specOperations lists "METHOD /path" of every operation in the contract.
func specOperations(t *testing.T) []string {
	var ops []string
	for p, item := range servertest.LoadSpec(t).Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+p)
		}
	}
	slices.Sort(ops)
	return ops
}

// The matrix covers exactly the operations and roles of the contract: a
// new operation or role cannot be added without saying who may use it.
func TestAuthzMatrixMatchesTheSpec(t *testing.T) {
	ops := specOperations(t)
	for _, op := range ops {
		if _, ok := authzMatrix[op]; !ok {
			t.Errorf("%s is in docs/api/openapi.yaml but has no row in authzMatrix", op)
		}
	}
	for op, row := range authzMatrix {
		if !slices.Contains(ops, op) {
			t.Errorf("authzMatrix has a row for %s, which docs/api/openapi.yaml does not have", op)
		}
		for _, role := range roles {
			if _, ok := row.want[role]; !ok {
				t.Errorf("%s: no expectation for role %s", op, role)
			}
		}
	}
	var specRoles []string
	for _, v := range servertest.LoadSpec(t).Components.Schemas["Role"].Value.Enum {
		specRoles = append(specRoles, fmt.Sprint(v))
	}
	if !slices.Equal(specRoles, roles) {
		t.Errorf("the contract's roles are %v, the matrix's %v", specRoles, roles)
	}
}

func TestAuthzMatrix(t *testing.T) {
	w := newAuthzWorld(t)
	// Credentials that must never get past authentication.
	expired, _ := w.token("engineer", w.clock.Now().Add(time.Minute))
	w.clock.Advance(time.Minute)
	// The revoked token is used first, so that the server has it cached
	// (the clock stands still from here on).
	revoked, revokedID := w.token("engineer", time.Time{})
	resp, body := w.api.WithToken(revoked).JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusOK)
	resp, body = w.as["admin"].JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", revokedID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	credentials := []struct {
		name, token, problem string
	}{
		{"no token", "", "urn:supctl:problem:unauthenticated"},
		{"bad token", "sup_NOTATOKEN", "urn:supctl:problem:unauthenticated"},
		{"revoked token", revoked, "urn:supctl:problem:unauthenticated"},
		{"expired token", expired, "urn:supctl:problem:token-expired"},
	}

	for _, op := range specOperations(t) {
		row, ok := authzMatrix[op]
		if !ok {
			continue // TestAuthzMatrixMatchesTheSpec reports it
		}
		method, _, _ := strings.Cut(op, " ")
		send := func(c *servertest.Client, r authzReq) (*http.Response, []byte) {
			if r.token != "" {
				c = c.WithToken(r.token)
			}
			return c.JSON(method, r.path, r.body)
		}
		t.Run(op, func(t *testing.T) {
			w.t = t
			for _, cred := range credentials {
				r := row.req(w, "engineer", false)
				resp, body := send(w.api.WithToken(cred.token), authzReq{path: r.path, body: r.body})
				switch {
				case row.public && resp.StatusCode >= 300:
					t.Errorf("%s: %d %s, want a public operation to answer", cred.name, resp.StatusCode, body)
				case !row.public && (resp.StatusCode != http.StatusUnauthorized || problemType(t, body) != cred.problem):
					t.Errorf("%s: %d %s, want 401 %s", cred.name, resp.StatusCode, body, cred.problem)
				}
			}
			for _, role := range roles {
				resp, body := send(w.as[role], row.req(w, role, false))
				check(t, role, row.want[role], resp, body)
			}
			if row.foreign != 0 {
				resp, body := send(w.as["partner"], row.req(w, "partner", true))
				check(t, "partner on another organisation's", row.foreign, resp, body)
			}
		})
	}
}

func check(t *testing.T, who string, want int, resp *http.Response, body []byte) {
	t.Helper()
	switch {
	case want == allowed && (resp.StatusCode < 200 || resp.StatusCode >= 300):
		t.Errorf("%s: %d %s, want it allowed", who, resp.StatusCode, body)
	case want != allowed && resp.StatusCode != want:
		t.Errorf("%s: %d %s, want %d", who, resp.StatusCode, body, want)
	}
}
