package sqlite_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pressly/goose/v3"

	_ "modernc.org/sqlite"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/migrations"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// system is who makes the tests' changes.
var system = support.User{Email: "system", Role: support.RoleAdmin}

// svc is the service over s, which makes its changes.
func svc(s store.Store, opts ...service.Option) *service.Service { return service.New(s, opts...) }

func open(t testing.TB, path string, opts ...sqlite.Option) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(t.Context(), path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T, o storetest.Options) store.Store {
			return open(t, filepath.Join(t.TempDir(), "supctl.db"), sqlite.WithClock(o.Now))
		},
	})
}

// rawDB opens the file beside the store, to look at what goose left.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestOpenSkipsMigrationsWhenCurrent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a", "b", "supctl.db") // directories are created
	open(t, path).Close()
	db := rawDB(t, path)
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != migrations.Count(migrations.SQLite) {
		t.Fatalf("user_version = %d, %v; want %d", v, err, migrations.Count(migrations.SQLite))
	}
	// Without its version table goose would recreate it and fail on the
	// existing tables, so a clean second open proves goose did not run.
	if _, err := db.Exec("DROP TABLE goose_db_version"); err != nil {
		t.Fatal(err)
	}
	open(t, path).Close()
	var n int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name = 'goose_db_version'").Scan(&n); err != nil || n != 0 {
		t.Errorf("goose_db_version exists again (%d, %v): the second open ran goose", n, err)
	}
}

func TestOpenOddPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "my dir?#%20", "supctl.db")
	s := open(t, path)
	if _, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "admin@example.com", Role: "admin", Region: "apac-jp"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database is not at the path given: %v", err)
	}
	if n, err := open(t, path).CountUsers(t.Context()); err != nil || n != 1 {
		t.Errorf("reopened: %d users, %v; want 1", n, err)
	}
}

func TestOpenMigratesWhenBehind(t *testing.T) {
	path := filepath.Join(t.TempDir(), "supctl.db")
	open(t, path).Close()
	db := rawDB(t, path)
	if _, err := db.Exec("PRAGMA user_version = 0"); err != nil {
		t.Fatal(err)
	}
	open(t, path).Close() // goose finds nothing to apply and the version is restored
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil || v != migrations.Count(migrations.SQLite) {
		t.Errorf("user_version = %d, %v; want %d", v, err, migrations.Count(migrations.SQLite))
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "supctl.db")
	open(t, path).Close()
	if _, err := rawDB(t, path).Exec("PRAGMA user_version = 999"); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(t.Context(), path)
	if err == nil || !strings.Contains(err.Error(), "upgrade supctl") {
		t.Errorf("error %v, want one telling to upgrade supctl", err)
	}
}

func TestOpenErrorNamesPath(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	notDB := filepath.Join(dir, "garbage.db")
	if err := os.WriteFile(notDB, []byte(strings.Repeat("not a database ", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		path   string
		opts   []sqlite.Option
		reason string
	}{
		{filepath.Join(file, "supctl.db"), nil, "not a directory"},
		{dir, nil, "is a directory"},
		{notDB, nil, "file is not a database"},
		{filepath.Join(dir, "missing.db"), []sqlite.Option{sqlite.ReadOnly()}, "no such file or directory"},
	}
	for _, c := range cases {
		_, err := sqlite.Open(t.Context(), c.path, c.opts...)
		want := "cannot open database " + c.path + ": " + c.reason
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Open(%s) = %v, want an error starting %q", c.path, err, want)
		}
	}
}

// Two processes opening a new database at once must both succeed; separate
// stores share no locks, as separate processes would not.
func TestConcurrentFirstOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "supctl.db")
	errs := make(chan error, 4)
	for range cap(errs) {
		go func() {
			s, err := sqlite.Open(context.Background(), path)
			if err == nil {
				err = s.Close()
			}
			errs <- err
		}()
	}
	for range cap(errs) {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestReadOnly(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "supctl.db")
	if _, err := sqlite.Open(t.Context(), path, sqlite.ReadOnly()); err == nil {
		t.Fatal("read-only open of a missing file succeeded")
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("read-only open created the file: %v", err)
	}

	rw := open(t, path)
	admin, err := svc(rw).CreateUser(t.Context(), system, support.User{Email: "admin@example.com", Role: "admin", Region: "apac-jp"})
	if err != nil {
		t.Fatal(err)
	}
	rw.Close() // completion runs with no writer about
	ro := open(t, path, sqlite.ReadOnly())
	if got, err := ro.UserByEmail(t.Context(), admin.Email); err != nil || got.ID != admin.ID {
		t.Errorf("read-only lookup = %+v, %v", got, err)
	}
	if _, err := svc(ro).CreateUser(t.Context(), system, support.User{Email: "x@example.com", Role: "admin", Region: "apac-jp"}); err == nil {
		t.Error("read-only store accepted a write")
	}
}

// seeded opens a store with n tickets spread over regions, severities and
// time, for benchmarks.
func seeded(b *testing.B, n int) *sqlite.Store {
	clock := storetest.NewClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	s := open(b, filepath.Join(b.TempDir(), "bench.db"), sqlite.WithClock(clock.Now))
	ctx := b.Context()
	admin, err := svc(s).CreateUser(ctx, system, support.User{Email: "admin@example.com", Role: "admin", Region: "apac-jp"})
	if err != nil {
		b.Fatal(err)
	}
	actor := admin
	for i := range n {
		clock.Advance(time.Minute)
		_, _, err := svc(s).CreateTicket(ctx, actor, support.NewTicket{
			Subject:  fmt.Sprintf("ticket %d: NameNode failover", i),
			Severity: support.Severities.Values()[i%4], Division: support.Divisions.Values()[i%4],
			Region: support.Regions.Values()[i%6], Language: "en", Channel: "portal",
			RequesterKind: "internal", Tags: []string{"hdfs"},
		}, service.Idempotency{})
		if err != nil {
			b.Fatal(err)
		}
	}
	return s
}

func BenchmarkListTickets(b *testing.B) {
	s := seeded(b, 5000)
	filters := map[string]support.TicketFilter{
		"updated":       {},
		"severity":      {Sort: "severity"},
		"region+status": {Regions: []string{"apac-jp"}, Statuses: []string{"new"}},
		"search":        {Search: "ticket 4999:"},
		"limit-1000":    {Limit: support.MaxLimit},
	}
	for name, f := range filters {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListTickets(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkGetTicket(b *testing.B) {
	s := seeded(b, 5000)
	id := int64(1)
	for b.Loop() {
		if _, err := s.Ticket(b.Context(), id); err != nil {
			b.Fatal(err)
		}
		id = id%5000 + 1
	}
}

// BenchmarkOpen is the cost of opening a current database, which the CLI
// pays on every command in embedded mode.
func BenchmarkOpen(b *testing.B) {
	path := filepath.Join(b.TempDir(), "supctl.db")
	open(b, path).Close()
	for b.Loop() {
		s, err := sqlite.Open(b.Context(), path)
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// A database from before search_text has its tickets folded by the
// migration that adds it, so an upgrade finds them by any width and case.
func TestSearchTextBackfill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "supctl.db")
	db := rawDB(t, path)
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.UpTo(t.Context(), 6); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO tickets (subject, description, status, severity, division, region, language,
		channel, requester_kind, tier, version, created_at, updated_at)
		VALUES ('ＮａｍｅＮｏｄｅ down', 'ｶﾞﾍﾞｰｼﾞ', 'new', 'S1', 'core', 'apac-jp', 'ja', 'portal', 'customer', 'frontline', 1, 0, 0)`); err != nil {
		t.Fatal(err)
	}
	s := open(t, path)
	for _, q := range []string{"namenode DOWN", "ガベージ"} {
		page, err := s.ListTickets(t.Context(), support.TicketFilter{Search: q})
		if err != nil || len(page.Tickets) != 1 {
			t.Errorf("search %q after the upgrade: %d tickets, %v; want the old one", q, len(page.Tickets), err)
		}
	}
}
