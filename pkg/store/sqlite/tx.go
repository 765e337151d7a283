package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/supctl/supctl/pkg/store"
)

// queryer is what both *sql.DB and *sql.Tx offer, so a lookup can run
// inside a write or on its own.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

// queryAll runs a query and scans every row; an empty result is an empty,
// non-nil slice so it encodes as [].
func queryAll[T any](ctx context.Context, q queryer, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// isUnique reports whether err is a UNIQUE or PRIMARY KEY violation.
func isUnique(err error) bool {
	var e *sqlite.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

// nullID stores a zero id as NULL, for optional references.
func nullID(id int64) sql.NullInt64 { return sql.NullInt64{Int64: id, Valid: id != 0} }

// InTx runs fn as one of the writer's queued writes (see write): in a
// transaction, and in a savepoint of it when it shares the transaction
// with others.
func (s *Store) InTx(ctx context.Context, fn func(tx store.Tx, now time.Time) error) error {
	return s.write(ctx, func(t *txn, now time.Time) error { return fn(t, now) })
}

// View runs fn over the read pool. Each of its queries reads the latest
// commit, as the server's reads do: a view that needs one snapshot across
// queries asks for a transaction instead.
func (s *Store) View(ctx context.Context, fn func(tx store.Tx) error) error {
	return fn(&txn{ctx: ctx, stmts: s.reads})
}
