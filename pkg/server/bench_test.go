package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// benchServer is the API over the demo data set, with a token for its
// admin.
func benchServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	clock := &demo.Clock{}
	_, svc := backend(b, clock.Now, service.WithClock(clock.Now))
	if err := demo.Seed(ctx, svc, clock, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: demo.AdminUser, Label: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	return server.New(svc, nil).Handler(), issued.Token
}

func benchGet(b *testing.B, h http.Handler, token, path string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}

func BenchmarkGetTicket(b *testing.B) {
	h, token := benchServer(b)
	benchGet(b, h, token, fmt.Sprintf("/api/v1/tickets/%d", 42))
}

// BenchmarkMe is the cheapest authenticated request: mostly the bearer
// token check, which is served from the token cache.
func BenchmarkMe(b *testing.B) {
	h, token := benchServer(b)
	benchGet(b, h, token, "/api/v1/me")
}

func BenchmarkListTickets(b *testing.B) {
	h, token := benchServer(b)
	for _, c := range []struct{ name, query string }{
		{"default-50", "limit=50"},
		{"open-S1S2-spark", "status=new,open&severity=S1,S2&division=spark&limit=50"},
		{"search-ja", "q=%E3%83%9F%E3%83%A9%E3%83%BC%E3%83%AA%E3%83%B3%E3%82%B0&limit=50"},
	} {
		b.Run(c.name, func(b *testing.B) { benchGet(b, h, token, "/api/v1/tickets?"+c.query) })
	}
}

// loader is the actor of the tickets benchmarks load: nobody signed in.
var loader = store.Actor{Email: "system"}

// withBreaches sets in each of tickets the next breach that engine
// computes from it (accounts by id) and its created event alone, as a
// service with that engine would keep it, and returns tickets.
func withBreaches(tb testing.TB, engine *clocks.Engine, accounts map[int64]support.Account, tickets []storetest.State) []storetest.State {
	tb.Helper()
	for i, s := range tickets {
		t := support.Ticket{Subject: s.Subject, Status: s.Status, Severity: s.Severity, Division: s.Division,
			Region: s.Region, Language: s.Language, AccountID: s.AccountID, CreatedAt: s.Created}
		after, err := json.Marshal(t)
		if err != nil {
			tb.Fatal(err)
		}
		var account *support.Account
		if a, ok := accounts[s.AccountID]; ok {
			account = &a
		}
		if b, ok := engine.Breach(t, account, []support.Event{{Kind: support.EventCreated, At: s.Created, After: json.RawMessage(after)}}); ok {
			tickets[i].Breach = &b
		}
	}
	return tickets
}

// bigNow is the instant the 100,000-ticket store is read at: just after
// its newest ticket.
var bigNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// bigServer is the API, on a clock stopped at bigNow, over a store of
// 100,000 tickets (see buildBig), with an engineer's token. Each
// benchmark builds its own: a store from storetest lasts as long as its
// benchmark.
func bigServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	now := func() time.Time { return bigNow }
	engine := clocks.Default()
	st, svc := backend(b, now, service.WithClock(now), service.WithClocks(engine))
	token := buildBig(b, st, svc, engine)
	return server.New(svc, nil, server.WithClock(now)).Handler(), token
}

// buildBig fills st with 50 engineers, a premium and a standard customer
// in each region, and the tickets of organisation, with their breaches as
// engine computes them; it returns the first engineer's token.
func buildBig(b *testing.B, st store.Store, svc *service.Service, engine *clocks.Engine) string {
	b.Helper()
	ctx := b.Context()
	engineers := make([]string, 50)
	for i := range engineers {
		u, err := svc.CreateUser(ctx, service.System, support.User{Email: fmt.Sprintf("engineer%02d@example.com", i),
			Role: support.RoleEngineer, Region: support.Regions.Values()[i%6], Tier: "frontline"})
		if err != nil {
			b.Fatal(err)
		}
		engineers[i] = u.Email
	}
	issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: "engineer00@example.com", Label: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	accounts := map[int64]support.Account{}
	var customers []int64 // by region, then plan
	for _, region := range support.Regions.Values() {
		for _, plan := range []string{"premium", "standard"} {
			a, err := svc.CreateAccount(ctx, service.System, support.Account{Name: region + " " + plan, Kind: "customer", Plan: plan, Region: region})
			if err != nil {
				b.Fatal(err)
			}
			accounts[a.ID] = a
			customers = append(customers, a.ID)
		}
	}
	storetest.LoadStates(b, st, loader, withBreaches(b, engine, accounts, organisation(100_000, engineers, customers)))
	return issued.Token
}

// organisation is n tickets shaped like a support organisation's history,
// opened every 30 s up to bigNow: 60% closed, 10% solved, 15% active and
// held, 15% waiting in the 24 queues. Each region's tickets alternate
// between its premium and standard customer (customers: two per region,
// in support.Regions order). Never answered, most active tickets older than
// a few days have breached.
func organisation(n int, engineers []string, customers []int64) []storetest.State {
	out := make([]storetest.State, n)
	for i := range out {
		region := i % 6
		s := storetest.State{
			NewTicket: support.NewTicket{
				Subject:  fmt.Sprintf("ticket %d: NameNode failover", i),
				Severity: support.Severities.Values()[i%4], Region: support.Regions.Values()[region],
				Division: support.Divisions.Values()[(i/6)%4], Language: "en", Channel: "portal",
				RequesterKind: "customer", AccountID: customers[2*region+(i/24)%2],
			},
			Created: bigNow.Add(-time.Duration(n-i) * 30 * time.Second),
		}
		if i%7 == 0 {
			s.Language = "ja"
		}
		switch r := i % 20; {
		case r < 12:
			s.Status, s.Assignee = "closed", engineers[i%len(engineers)]
		case r < 14:
			s.Status, s.Assignee = "solved", engineers[i%len(engineers)]
		case r < 17:
			s.Status, s.Assignee = []string{"open", "pending_customer", "pending_engineering"}[r-14], engineers[i%len(engineers)]
		default:
			s.Status = []string{"new", "open", "on_hold"}[r-17]
		}
		out[i] = s
	}
	return out
}

func BenchmarkQueueList100k(b *testing.B) {
	h, token := bigServer(b)
	benchGet(b, h, token, "/api/v1/queues")
}

func BenchmarkListByBreach100k(b *testing.B) {
	h, token := bigServer(b)
	benchGet(b, h, token, "/api/v1/tickets?sort=breach&status=new,open,pending_customer,pending_engineering,on_hold&limit=50")
}
