package server_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/support"
)

// benchServer is the API over the demo data set, with a token for its
// admin.
func benchServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	clock := &demo.Clock{}
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.WithClock(clock.Now))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := demo.Seed(ctx, st, clock, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	issued, err := server.IssueToken(ctx, st, store.Actor{}, demo.AdminUser, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return server.New(st, nil).Handler(), issued.Token
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

// seeded is a ticket as seedTickets writes it: what it was opened with,
// and the state later changes would have left.
type seeded struct {
	support.NewTicket // normalized
	Status            string
	Assignee          int64 // user id; 0 for nobody
	Created           time.Time
}

// seedTickets inserts tickets into the migrated database at path, which
// no store may have open, in one transaction of raw SQL, far faster than
// the API could open them. Each gets its created event and the next breach
// that clocks.Default computes from it (accounts by id), as a store with
// that breach func would keep. It returns the tickets' ids.
func seedTickets(tb testing.TB, path string, accounts map[int64]support.Account, tickets []seeded) []int64 {
	tb.Helper()
	ctx := tb.Context()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, `INSERT INTO tickets (subject, description, status, severity, division,
		region, language, channel, requester_kind, requester_name, requester_email, account_id, assignee_id,
		assigned_at, tier, tags, next_breach_at, next_breach_clock, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), ?, 'frontline', '[]', ?, ?, 1, ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	created, err := tx.PrepareContext(ctx, `INSERT INTO events (entity_type, entity_id, actor, kind, after, at)
		VALUES ('ticket', ?, 'system', 'created', ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	engine := clocks.Default()
	ids := make([]int64, len(tickets))
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
		var breach, assigned any
		b, ok := engine.Breach(t, account, []support.Event{{Kind: "created", At: s.Created, After: json.RawMessage(after)}})
		if ok {
			breach = b.At.UnixMilli()
		}
		if s.Assignee != 0 {
			assigned = s.Created.UnixMilli()
		}
		at := s.Created.UnixMilli()
		res, err := insert.ExecContext(ctx, s.Subject, s.Description, s.Status, s.Severity, s.Division, s.Region,
			s.Language, s.Channel, s.RequesterKind, s.RequesterName, s.RequesterEmail, s.AccountID, s.Assignee,
			assigned, breach, b.Clock, at, at)
		if err != nil {
			tb.Fatal(err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			tb.Fatal(err)
		}
		if _, err := created.ExecContext(ctx, ids[i], string(after), at); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return ids
}

// bigNow is the instant the 100,000-ticket database is read at: just
// after its newest ticket.
var bigNow = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// big is the 100,000-ticket database, built on first use once per test
// binary, in a directory TestMain removes; benchmarks only read it.
var big struct {
	once  sync.Once
	dir   string
	path  string
	token string // an engineer's
	err   error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// bigServer is the API, on a clock stopped at bigNow, over the
// 100,000-ticket database, with an engineer's token.
func bigServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	big.once.Do(func() { big.err = buildBig(b) })
	if big.err != nil {
		b.Fatal(big.err)
	}
	now := func() time.Time { return bigNow }
	engine := clocks.Default()
	st, err := sqlite.Open(b.Context(), big.path, sqlite.WithClock(now), sqlite.WithBreachFunc(engine.Breach))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return server.New(st, nil, server.WithClocks(engine), server.WithClock(now)).Handler(), big.token
}

// buildBig makes the 100,000-ticket database: 50 engineers, a premium and a
// standard customer in each region, and the tickets of organisation.
func buildBig(b *testing.B) error {
	var err error
	if big.dir, err = os.MkdirTemp("", "supctl-server-bench-"); err != nil {
		return err
	}
	big.path = filepath.Join(big.dir, "big.db")
	ctx := b.Context()
	st, err := sqlite.Open(ctx, big.path, sqlite.WithClock(func() time.Time { return bigNow }))
	if err != nil {
		return err
	}
	defer st.Close()
	system := store.Actor{Email: "system"}
	engineers := make([]int64, 50)
	for i := range engineers {
		u, err := st.CreateUser(ctx, system, support.User{Email: fmt.Sprintf("engineer%02d@example.com", i),
			Role: "engineer", Region: support.Regions.Values()[i%6], Tier: "frontline"})
		if err != nil {
			return err
		}
		engineers[i] = u.ID
	}
	issued, err := server.IssueToken(ctx, st, system, "engineer00@example.com", "bench")
	if err != nil {
		return err
	}
	big.token = issued.Token
	accounts := map[int64]support.Account{}
	var customers []int64 // by region, then plan
	for _, region := range support.Regions.Values() {
		for _, plan := range []string{"premium", "standard"} {
			a, err := st.CreateAccount(ctx, system, support.Account{Name: region + " " + plan, Kind: "customer", Plan: plan, Region: region})
			if err != nil {
				return err
			}
			accounts[a.ID] = a
			customers = append(customers, a.ID)
		}
	}
	if err := st.Close(); err != nil {
		return err
	}
	seedTickets(b, big.path, accounts, organisation(100_000, engineers, customers))
	return nil
}

// organisation is n tickets shaped like a support organisation's history,
// opened every 30 s up to bigNow: 60% closed, 10% solved, 15% active and
// held, 15% waiting in the 24 queues. Each region's tickets alternate
// between its premium and standard customer (customers: two per region,
// in support.Regions order). Never answered, most active tickets older than
// a few days have breached.
func organisation(n int, engineers, customers []int64) []seeded {
	out := make([]seeded, n)
	for i := range out {
		region := i % 6
		s := seeded{
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
