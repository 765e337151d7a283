package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/pressly/goose/v3"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/supctl/supctl/pkg/store/migrations"
)

// schemaVersion is the user_version of a fully migrated database. Checking
// it costs one pragma, so an up-to-date database opens without goose, which
// would read its version table and parse every migration file.
var schemaVersion = migrations.Count(migrations.SQLite)

// busyTimeout is how long a statement waits for another connection's lock.
const busyTimeout = 5 * time.Second

var errMigrating = errors.New("migrating its schema")

// migrate brings the schema up to date unless user_version says it is.
//
// The first opens of a new file race: SQLite fails the switch to WAL at
// once, without waiting, when another connection holds a lock, and two
// goose runs may both try the first migration. The loser retries, within
// the busy timeout, and finds the winner's work done.
func migrate(ctx context.Context, db *sql.DB) error {
	deadline := time.Now().Add(busyTimeout)
	for wait := time.Millisecond; ; wait = min(2*wait, 100*time.Millisecond) {
		err := migrateOnce(ctx, db)
		if err == nil || !(errors.Is(err, errMigrating) || isBusy(err)) || time.Now().After(deadline) {
			return err
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return err
		}
	}
}

func migrateOnce(ctx context.Context, db *sql.DB) error {
	v, err := userVersion(ctx, db)
	if err != nil || v == schemaVersion {
		return err
	}
	if v > schemaVersion {
		return fmt.Errorf("its schema version %d is newer than this program's %d: upgrade supctl", v, schemaVersion)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db, migrations.SQLite)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("%w: %w", errMigrating, err)
	}
	_, err = db.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", schemaVersion))
	return err
}

func userVersion(ctx context.Context, q queryer) (int, error) {
	var v int
	err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v)
	return v, err
}

func isBusy(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_BUSY
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
