package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/pressly/goose/v3"

	"github.com/supctl/supctl/pkg/store/migrations"
)

// schemaVersion is the user_version of a fully migrated database. Checking
// it costs one pragma, so an up-to-date database opens without goose, which
// would read its version table and parse every migration file.
var schemaVersion = migrations.Count(migrations.SQLite)

func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

// migrate brings the schema up to date unless user_version says it is.
func migrate(ctx context.Context, path string, db *sql.DB) error {
	v, err := userVersion(ctx, db)
	if err != nil {
		return err
	}
	if v == schemaVersion {
		return nil
	}
	if v > schemaVersion {
		return fmt.Errorf("its schema version %d is newer than this program's %d: upgrade supctl", v, schemaVersion)
	}
	return migrateLocked(ctx, path)
}

// migrateLocked runs goose on a one-connection pool that holds SQLite's
// write lock from start to end: two processes opening a new database at
// once would otherwise both apply the first migration. The second waits,
// then finds the schema current. Closing the pool releases the lock.
func migrateLocked(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	// In exclusive locking mode a lock once taken is kept; the empty write
	// transaction takes the write lock.
	for _, q := range []string{"PRAGMA locking_mode = EXCLUSIVE", "BEGIN IMMEDIATE", "COMMIT"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	if v, err := userVersion(ctx, db); err != nil || v == schemaVersion {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.SQLite)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating its schema: %w", err)
	}
	_, err = db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
	return err
}

// checkSchema refuses a database a read-only store cannot migrate.
func checkSchema(ctx context.Context, db *sql.DB) error {
	v, err := userVersion(ctx, db)
	if err != nil {
		return err
	}
	if v != schemaVersion {
		return fmt.Errorf("its schema version is %d, not %d: open it once for writing to migrate it", v, schemaVersion)
	}
	return nil
}
