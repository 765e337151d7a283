package migrations_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite"

	"github.com/supctl/supctl/pkg/store/migrations"
	// The store registers the SQL functions migrations call.
	_ "github.com/supctl/supctl/pkg/store/sqlite"
)

// Versions must run 1..N without gaps: stores read Count as the latest
// version.
func TestNumbering(t *testing.T) {
	names, err := fs.Glob(migrations.SQLite, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	if len(names) == 0 || migrations.Count(migrations.SQLite) != len(names) {
		t.Fatalf("Count = %d, files = %v", migrations.Count(migrations.SQLite), names)
	}
	for i, name := range names {
		var v int
		if _, err := fmt.Sscanf(name, "%05d_", &v); err != nil || v != i+1 {
			t.Errorf("file %s: want version %d (named %05d_...)", name, i+1, i+1)
		}
	}
}

func TestSQLiteUpDownUp(t *testing.T) {
	ctx := context.Background()
	db, err := sql.Open("sqlite", filepath.Join(t.TempDir(), "m.db")+"?_pragma=foreign_keys(on)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	latest := int64(migrations.Count(migrations.SQLite))
	for _, step := range []func() error{
		func() error { _, err := p.Up(ctx); return err },
		func() error { _, err := p.DownTo(ctx, 0); return err },
		func() error { _, err := p.Up(ctx); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	v, err := p.GetDBVersion(ctx)
	if err != nil || v != latest {
		t.Fatalf("version = %d, %v; want %d", v, err, latest)
	}
	for _, table := range []string{"users", "tokens", "accounts", "tickets", "comments", "events", "idempotency_keys", "skips"} {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", table).Scan(&n); err != nil || n != 1 {
			t.Errorf("table %s: count %d, %v", table, n, err)
		}
	}
}
