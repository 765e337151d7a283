// Package postgres is the PostgreSQL backend of store.Store, for a shared
// server of several `supctl serve` replicas. It uses pgx's pool directly
// (no ORM), keeps the same tables, instants (unix milliseconds) and rules
// of storage as store/sqlite, and passes the same contract suite.
//
// URLs are PostgreSQL connection URLs: postgres://user@host:5432/db. The
// pool's size and the statement timeout come from the URL
// (pool_max_conns=10, statement_timeout=5000), as do other run-time
// parameters such as search_path.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

func init() {
	open := func(ctx context.Context, url string, o store.Options) (store.Store, error) {
		st, err := Open(ctx, url, o)
		if err != nil {
			return nil, err // not a typed nil in the interface
		}
		return st, nil
	}
	store.Register("postgres", "postgres://USER@HOST/DB", open)
	store.Register("postgresql", "postgresql://USER@HOST/DB", open)
}

// Store is a store.Store over a PostgreSQL database.
type Store struct {
	pool *pgxpool.Pool
	now  func() time.Time
	log  *slog.Logger
}

var _ store.Store = (*Store)(nil)

// Open connects to the database url names and brings its schema up to
// date; a schema newer than this program knows is refused.
func Open(ctx context.Context, url string, o store.Options) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("invalid database URL: %w", err)
	}
	if o.ReadOnly {
		cfg.ConnConfig.RuntimeParams["default_transaction_read_only"] = "on"
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, openError(cfg, err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, openError(cfg, err)
	}
	s := &Store{pool: pool, now: o.Now, log: o.Log}
	if o.ReadOnly {
		err = s.checkSchema(ctx)
	} else {
		err = s.migrate(ctx)
	}
	if err != nil {
		pool.Close()
		return nil, openError(cfg, err)
	}
	return s, nil
}

func openError(cfg *pgxpool.Config, err error) error {
	return fmt.Errorf("cannot open database %s@%s:%d/%s: %w", cfg.ConnConfig.User, cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
}

// Close closes the pool once the queries running have ended.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// stamp is the store's clock at the precision the schema keeps.
func (s *Store) stamp() time.Time { return fromMillis(s.now().UnixMilli()) }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// timeOrNil reads an optional time column.
func timeOrNil(ms *int64) *time.Time {
	if ms == nil {
		return nil
	}
	t := fromMillis(*ms)
	return &t
}

// millisOrNil writes an optional time column.
func millisOrNil(t *time.Time) *int64 {
	if t == nil {
		return nil
	}
	ms := t.UnixMilli()
	return &ms
}

// idOrNil stores a zero id as NULL, for optional references.
func idOrNil(id int64) *int64 {
	if id == 0 {
		return nil
	}
	return &id
}

// maxAttempts bounds how often InTx runs a transaction that lost a
// conflict with another one.
const maxAttempts = 10

// InTx runs fn in a transaction and commits it. A transaction that loses
// to a concurrent one (a serialization failure, a deadlock, or a second
// use of the same idempotency key, which the first one's commit makes
// visible) runs again from the start, as the interface allows.
func (s *Store) InTx(ctx context.Context, fn func(tx store.Tx, now time.Time) error) error {
	for attempt := 1; ; attempt++ {
		err := s.runTx(ctx, fn)
		if err == nil || attempt == maxAttempts || !retryable(err) || ctx.Err() != nil {
			return classify(err)
		}
	}
}

func (s *Store) runTx(ctx context.Context, fn func(tx store.Tx, now time.Time) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(context.WithoutCancel(ctx))
	if err := fn(&txn{q: tx, lock: true}, s.stamp()); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// View runs fn with reads on the pool, each its own snapshot.
func (s *Store) View(ctx context.Context, fn func(tx store.Tx) error) error {
	return fn(&txn{q: s.pool, readOnly: true})
}

// retryable reports whether a transaction failed only because another one
// won a race with it.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "40001", "40P01": // serialization_failure, deadlock_detected
			return true
		case "23505": // unique_violation
			return pe.ConstraintName == "idempotency_keys_pkey"
		}
	}
	return false
}

// classify wraps the errors callers branch on in the store's shared
// errors: a full disk is support.ErrStorageFull.
func classify(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "53100" || pe.Code == "53200") { // disk_full, out_of_memory
		return fmt.Errorf("%w: %v", support.ErrStorageFull, err)
	}
	return err
}

// isUnique reports whether err is a unique violation.
func isUnique(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// notFound turns no row into support.ErrNotFound naming what.
func notFound(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("%s: %w", what, support.ErrNotFound)
	}
	return err
}

// querier is what a transaction and the pool both offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// txn is a store.Tx: a transaction (lock: its reads of a row to change
// lock it), or a view on the pool that refuses writes.
type txn struct {
	q        querier
	lock     bool
	readOnly bool
}

// errView fails a write asked of a view.
var errView = errors.New("a read-only view cannot write")

func (t *txn) exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	if t.readOnly {
		return pgconn.CommandTag{}, errView
	}
	return t.q.Exec(ctx, sql, args...)
}

// writeRow runs a statement that changes rows and returns one, such as an
// INSERT ... RETURNING.
func (t *txn) writeRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if t.readOnly {
		return errRow{errView}
	}
	return t.q.QueryRow(ctx, sql, args...)
}

// errRow is a row whose scan fails with err.
type errRow struct{ err error }

func (r errRow) Scan(...any) error { return r.err }

// forUpdate is the locking clause of a read of rows the transaction may
// change: none in a view.
func (t *txn) forUpdate(clause string) string {
	if !t.lock {
		return ""
	}
	return " " + clause
}

// queryAll runs a query and scans every row; an empty result is an empty,
// non-nil slice so it encodes as [].
func queryAll[T any](ctx context.Context, q querier, scan func(pgx.Row) (T, error), sql string, args ...any) ([]T, error) {
	rows, err := q.Query(ctx, sql, args...)
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
