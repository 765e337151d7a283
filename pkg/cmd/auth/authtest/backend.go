package authtest

import (
	"net/http/httptest"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// Backend is a real server over a fresh database, listening on a local
// port, with a clock the test moves for the server and its store.
// ken@example.com, an engineer, holds three tokens: KenToken (issued two
// days before the clock starts, used a minute before), "handoff cron"
// (expiring in 90 days, never used) and "old laptop" (expired an hour
// before the clock starts). The admin, admin@example.com, holds AdminToken.
type Backend struct {
	URL                  string
	Clock                *storetest.Clock
	AdminToken, KenToken string
	// KenTokenIDs are the ids of ken's tokens, in the order above.
	KenTokenIDs  []int64
	AdminTokenID int64
}

// NewBackend starts a Backend whose clock stands at now; it is stopped
// when the test ends.
func NewBackend(t testing.TB, now time.Time) *Backend {
	t.Helper()
	ctx := t.Context()
	clock := storetest.NewClock(now.Add(-48 * time.Hour))
	svc := service.New(storetest.Open(t, clock.Now), service.WithClock(clock.Now))
	b := &Backend{Clock: clock}
	var err error
	if b.AdminToken, err = svc.Bootstrap(ctx, "admin@example.com"); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(server.New(svc, nil, server.WithClock(clock.Now)).Handler())
	t.Cleanup(srv.Close)
	b.URL = srv.URL
	admin := b.Client(b.AdminToken)
	issued, err := admin.CreateUser(ctx, support.NewUser{Email: "ken@example.com", Name: "Ken Sato", Role: "engineer", Region: "apac-jp"})
	if err != nil {
		t.Fatal(err)
	}
	b.KenToken = issued.Token
	b.KenTokenIDs = append(b.KenTokenIDs, issued.TokenID)
	expiresSoon := now.Add(-time.Hour)
	expiresLater := now.Add(90 * 24 * time.Hour)
	for _, n := range []api.NewToken{{Label: "handoff cron", ExpiresAt: &expiresLater}, {Label: "old laptop", ExpiresAt: &expiresSoon}} {
		n.Email = "ken@example.com"
		issued, err := admin.CreateToken(ctx, n)
		if err != nil {
			t.Fatal(err)
		}
		b.KenTokenIDs = append(b.KenTokenIDs, issued.TokenID)
	}
	list, err := admin.Tokens(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	b.AdminTokenID = list.Tokens[0].ID
	clock.Advance(48*time.Hour - time.Minute)
	if _, err := b.Client(b.KenToken).Me(ctx); err != nil {
		t.Fatal(err)
	}
	clock.Advance(time.Minute)
	return b
}

// Client is an API client of the backend that sends token.
func (b *Backend) Client(token string) *api.Client {
	return api.New(b.URL, nil, token)
}

// ClientFunc is Client as a Factory's APIClient.
func (b *Backend) ClientFunc(token string) func() (*api.Client, error) {
	return func() (*api.Client, error) { return b.Client(token), nil }
}
