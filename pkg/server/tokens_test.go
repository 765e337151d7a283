package server_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// tokenFixture is two servers over one database, as two replicas behind a
// load balancer, with one clock the test moves for them and the store, an
// admin and an engineer (ken). Clients talk to the first server unless
// they are made with on.
type tokenFixture struct {
	clock        *storetest.Clock
	st           store.Store
	twoServer    *server.Server
	one, two     *servertest.Client
	admin, ken   *servertest.Client
	kenToken     string
	kenTokenID   int64
	adminTokenID int64
}

func newTokenFixture(t *testing.T) *tokenFixture {
	t.Helper()
	clock := storetest.NewClock(time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC))
	st, svc := backend(t, clock.Now, service.WithClock(clock.Now))
	token := bootstrap(t, svc)
	f := &tokenFixture{clock: clock, st: st,
		one:       servertest.NewValidatingClient(t, server.New(svc, nil, server.WithClock(clock.Now)).Handler()),
		twoServer: server.New(service.New(st, service.WithClock(clock.Now)), nil, server.WithClock(clock.Now)),
	}
	f.two = servertest.NewValidatingClient(t, f.twoServer.Handler())
	f.admin = f.one.WithToken(token)
	resp, body := f.admin.JSON("POST", "/api/v1/users", map[string]any{"email": "ken@example.com", "role": "engineer", "region": "apac-jp"})
	mustStatus(t, resp, body, http.StatusCreated)
	var issued struct {
		Token   string `json:"token"`
		TokenID int64  `json:"token_id"`
	}
	decode(t, body, &issued)
	f.ken, f.kenToken, f.kenTokenID = f.one.WithToken(issued.Token), issued.Token, issued.TokenID
	f.adminTokenID = f.tokens(t, f.admin, "").Tokens[0].ID
	return f
}

type tokenList struct {
	Tokens []support.Token `json:"tokens"`
	Live   int             `json:"live"`
	Limit  int             `json:"limit"`
}

func (f *tokenFixture) tokens(t *testing.T, c *servertest.Client, query string) tokenList {
	t.Helper()
	resp, body := c.JSON("GET", "/api/v1/tokens"+query, nil)
	mustStatus(t, resp, body, http.StatusOK)
	if bytes.Contains(body, []byte("sup_")) || bytes.Contains(body, []byte("hash")) {
		t.Errorf("a token list shows a token or its hash: %s", body)
	}
	var out tokenList
	decode(t, body, &out)
	return out
}

func (f *tokenFixture) issue(t *testing.T, c *servertest.Client, req map[string]any) (token string, id int64) {
	t.Helper()
	resp, body := c.JSON("POST", "/api/v1/tokens", req)
	mustStatus(t, resp, body, http.StatusCreated)
	var out struct {
		Token   string `json:"token"`
		TokenID int64  `json:"token_id"`
	}
	decode(t, body, &out)
	return out.Token, out.TokenID
}

func TestListTokens(t *testing.T) {
	f := newTokenFixture(t)
	f.clock.Advance(time.Hour)
	expires := f.clock.Now().Add(90 * 24 * time.Hour)
	_, cron := f.issue(t, f.ken, map[string]any{"email": "ken@example.com", "label": "handoff cron", "expires_at": expires})

	list := f.tokens(t, f.ken, "")
	if list.Live != 2 || list.Limit != support.MaxLiveTokens || len(list.Tokens) != 2 {
		t.Fatalf("list = %+v, want 2 live tokens of %d", list, support.MaxLiveTokens)
	}
	first, second := list.Tokens[0], list.Tokens[1]
	if first.ID != f.kenTokenID || !first.Current || first.Label != "first token" || first.User != "ken@example.com" {
		t.Errorf("first token = %+v, want the current one, labelled first token", first)
	}
	if second.ID != cron || second.Current || second.Label != "handoff cron" || second.ExpiresAt == nil || !second.ExpiresAt.Equal(expires) {
		t.Errorf("second token = %+v, want handoff cron expiring %s", second, expires)
	}
	// The current token was used just now; the other never.
	if first.LastUsedAt == nil || !first.LastUsedAt.Equal(f.clock.Now()) || second.LastUsedAt != nil {
		t.Errorf("last used = %v and %v, want %s and never", first.LastUsedAt, second.LastUsedAt, f.clock.Now())
	}
	// Expired tokens are listed, and not counted as live.
	f.clock.Advance(91 * 24 * time.Hour)
	if list := f.tokens(t, f.ken, ""); list.Live != 1 || len(list.Tokens) != 2 {
		t.Errorf("after one expired: %d live of %d listed, want 1 of 2", list.Live, len(list.Tokens))
	}

	// Only an admin lists another user's.
	resp, body := f.ken.JSON("GET", "/api/v1/tokens?user=admin@example.com", nil)
	mustStatus(t, resp, body, http.StatusForbidden)
	if list := f.tokens(t, f.ken, "?user=KEN@example.com"); len(list.Tokens) != 2 {
		t.Errorf("ken listing his own by email: %+v", list)
	}
	if list := f.tokens(t, f.admin, "?user=ken@example.com"); len(list.Tokens) != 2 || list.Tokens[0].Current {
		t.Errorf("admin listing ken's: %+v, want 2, none current", list)
	}
	resp, body = f.admin.JSON("GET", "/api/v1/tokens?user=nobody@example.com", nil)
	mustStatus(t, resp, body, http.StatusNotFound)
}

func TestRevokeToken(t *testing.T) {
	f := newTokenFixture(t)
	other, otherID := f.issue(t, f.ken, map[string]any{"email": "ken@example.com", "label": "laptop"})

	// Someone else's token is not found, unless one is an admin.
	resp, body := f.ken.JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", f.adminTokenID), nil)
	mustStatus(t, resp, body, http.StatusNotFound)
	resp, body = f.ken.JSON("DELETE", "/api/v1/tokens/99999", nil)
	mustStatus(t, resp, body, http.StatusNotFound)

	// The token works on both servers, which now trust it for tokenTTL.
	for _, c := range []*servertest.Client{f.one.WithToken(other), f.two.WithToken(other)} {
		resp, body = c.JSON("GET", "/api/v1/me", nil)
		mustStatus(t, resp, body, http.StatusOK)
	}
	resp, body = f.ken.JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", otherID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	var revoked support.Token
	if decode(t, body, &revoked); revoked.ID != otherID || revoked.Label != "laptop" || revoked.Current {
		t.Errorf("revoked = %+v", revoked)
	}
	// The server that revoked it refuses it at once, the other within 5 s.
	resp, body = f.one.WithToken(other).JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	f.clock.Advance(5*time.Second + time.Millisecond)
	resp, body = f.two.WithToken(other).JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	if problemType(t, body) != "urn:supctl:problem:unauthenticated" {
		t.Errorf("a revoked token: %s", body)
	}
	resp, body = f.ken.JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", otherID), nil)
	mustStatus(t, resp, body, http.StatusNotFound)

	// An admin revokes anyone's.
	resp, body = f.admin.JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", f.kenTokenID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	resp, body = f.ken.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
}

func TestRevokeCurrentToken(t *testing.T) {
	f := newTokenFixture(t)
	resp, body := f.ken.JSON("DELETE", "/api/v1/tokens/current", nil)
	mustStatus(t, resp, body, http.StatusOK)
	var revoked support.Token
	if decode(t, body, &revoked); revoked.ID != f.kenTokenID || !revoked.Current {
		t.Errorf("revoked = %+v, want ken's current token", revoked)
	}
	resp, body = f.ken.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	// The admin's token is untouched.
	resp, body = f.admin.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusOK)

	// In embedded mode there is no token to revoke.
	c := servertest.NewValidatingClient(t, server.New(emptyService(t), nil).HandlerAs("nobody@example.com"))
	resp, body = c.JSON("DELETE", "/api/v1/tokens/current", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
}

func TestExpiredToken(t *testing.T) {
	f := newTokenFixture(t)
	resp, body := f.ken.JSON("POST", "/api/v1/tokens", map[string]any{"email": "ken@example.com", "expires_at": f.clock.Now()})
	mustStatus(t, resp, body, http.StatusUnprocessableEntity)
	if !bytes.Contains(body, []byte(`"field":"expires_at"`)) {
		t.Errorf("a token expiring now: %s, want a problem naming expires_at", body)
	}

	token, _ := f.issue(t, f.ken, map[string]any{"email": "ken@example.com", "expires_at": f.clock.Now().Add(time.Hour)})
	c := f.one.WithToken(token)
	resp, body = c.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusOK)
	// Expiry is checked on every request, cached token or not.
	f.clock.Advance(time.Hour)
	resp, body = c.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	if problemType(t, body) != "urn:supctl:problem:token-expired" {
		t.Errorf("an expired token: %s, want token-expired", body)
	}
}

func TestTokenLastUsedIsWrittenOncePerMinute(t *testing.T) {
	f := newTokenFixture(t)
	lastUsed := func() time.Time {
		t.Helper()
		list := f.tokens(t, f.admin, "?user=ken@example.com")
		if len(list.Tokens) != 1 || list.Tokens[0].LastUsedAt == nil {
			t.Fatalf("ken's tokens: %+v, want one, used", list)
		}
		return *list.Tokens[0].LastUsedAt
	}
	first := f.clock.Now()
	for _, c := range []*servertest.Client{f.ken, f.two.WithToken(f.kenToken)} {
		for range 3 {
			resp, body := c.JSON("GET", "/api/v1/me", nil)
			mustStatus(t, resp, body, http.StatusOK)
			f.clock.Advance(10 * time.Second) // past the cache: the store is read again
		}
	}
	if got := lastUsed(); !got.Equal(first) {
		t.Errorf("after a minute of use, last used %s, want %s: written more than once a minute", got, first)
	}
	f.clock.Advance(time.Second)
	resp, body := f.ken.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusOK)
	if got := lastUsed(); !got.Equal(f.clock.Now()) {
		t.Errorf("a minute later, last used %s, want %s", got, f.clock.Now())
	}
}

func TestTokenLimit(t *testing.T) {
	f := newTokenFixture(t)
	for i := range support.MaxLiveTokens - 1 {
		f.issue(t, f.ken, map[string]any{"email": "ken@example.com", "label": fmt.Sprint("script ", i)})
	}
	resp, body := f.ken.JSON("POST", "/api/v1/tokens", map[string]any{"email": "ken@example.com"})
	mustStatus(t, resp, body, http.StatusConflict)
	if problemType(t, body) != "urn:supctl:problem:too-many-tokens" || !bytes.Contains(body, []byte("supctl auth token revoke")) {
		t.Errorf("the token past the limit: %s, want too-many-tokens saying how to revoke", body)
	}
	resp, body = f.admin.JSON("POST", "/api/v1/tokens", map[string]any{"email": "ken@example.com"})
	mustStatus(t, resp, body, http.StatusConflict)
	if !bytes.Contains(body, []byte("supctl admin token revoke")) {
		t.Errorf("an admin past ken's limit: %s, want the admin command", body)
	}
	if list := f.tokens(t, f.ken, ""); list.Live != support.MaxLiveTokens {
		t.Errorf("live = %d, want %d", list.Live, support.MaxLiveTokens)
	}
	resp, body = f.ken.JSON("DELETE", "/api/v1/tokens/current", nil)
	mustStatus(t, resp, body, http.StatusOK)
	f.issue(t, f.admin, map[string]any{"email": "ken@example.com"})
}

// On a store with a revocation feed (PostgreSQL), a token revoked through
// one replica is refused by another at once, not only once its cache
// entry expires: the clock does not move here. The other replica starts
// listening in the background, so a revocation made before it listens
// goes unheard: the check is repeated with fresh tokens until one is
// heard, within a bound.
func TestRevocationReachesOtherReplicasAtOnce(t *testing.T) {
	f := newTokenFixture(t)
	if _, ok := f.st.(store.RevocationFeed); !ok {
		t.Skip("the store has no revocation feed: TestRevokeToken covers the cache's TTL")
	}
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go f.twoServer.FollowRevocations(ctx)
	deadline := time.Now().Add(30 * time.Second)
	for n := 0; ; n++ {
		token, id := f.issue(t, f.ken, map[string]any{"email": "ken@example.com", "label": fmt.Sprint("laptop ", n)})
		two := f.two.WithToken(token)
		resp, body := two.JSON("GET", "/api/v1/me", nil)
		mustStatus(t, resp, body, http.StatusOK) // cached on two from now on
		resp, body = f.ken.JSON("DELETE", fmt.Sprintf("/api/v1/tokens/%d", id), nil)
		mustStatus(t, resp, body, http.StatusOK)
		for try := time.Now().Add(time.Second); time.Now().Before(try); runtime.Gosched() {
			if resp, _ := two.JSON("GET", "/api/v1/me", nil); resp.StatusCode == http.StatusUnauthorized {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d revocations through one replica, none refused by the other before its cache expired", n+1)
		}
	}
}
