package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sync"
)

// maxStmts bounds the statement cache. ListTickets builds one query shape
// per combination of filters, so the shapes in use are few but unbounded.
const maxStmts = 256

// readDB is a queryer over the pool that prepares each distinct query once:
// SQLite spends longer parsing a ticket lookup than running it.
type readDB struct {
	db    *sql.DB
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

func newReadDB(db *sql.DB) *readDB {
	return &readDB{db: db, stmts: map[string]*sql.Stmt{}}
}

// stmt returns the prepared query, or nil when the cache is full.
func (r *readDB) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if st, ok := r.stmts[query]; ok || len(r.stmts) >= maxStmts {
		return st, nil
	}
	st, err := r.db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	r.stmts[query] = st
	return st, nil
}

func (r *readDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := r.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return r.db.QueryContext(ctx, query, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (r *readDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := r.stmt(ctx, query)
	if st == nil || err != nil {
		// Unprepared, the query reports its own error through the row.
		return r.db.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// close closes the prepared statements.
func (r *readDB) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, st := range r.stmts {
		st.Close()
	}
	clear(r.stmts)
}

// txn is a transaction whose queries reuse the store's prepared
// statements, bound to the transaction's connection: a claim runs a dozen
// statements, and parsing them would cost more than running them. A txn
// without tx is a view (Store.View): it reads through the pool and
// refuses writes.
//
// Its statements run under its own context, whatever context a caller
// passes: interrupting a statement would roll back the whole transaction,
// which holds other callers' writes too (see write).
type txn struct {
	ctx   context.Context
	tx    *sql.Tx
	stmts *readDB
}

// errView fails a write asked of a view.
var errView = errors.New("a read-only view cannot write")

// stmt returns the prepared query for this transaction, or nil when the
// cache is full.
func (t *txn) stmt(query string) (*sql.Stmt, error) {
	st, err := t.stmts.stmt(t.ctx, query)
	if st == nil || err != nil {
		return nil, err
	}
	return t.tx.StmtContext(t.ctx, st), nil
}

func (t *txn) ExecContext(_ context.Context, query string, args ...any) (sql.Result, error) {
	if t.tx == nil {
		return nil, errView
	}
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t.tx.ExecContext(t.ctx, query, args...)
	}
	return st.ExecContext(t.ctx, args...)
}

func (t *txn) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if t.tx == nil {
		return t.stmts.QueryContext(ctx, query, args...)
	}
	st, err := t.stmt(query)
	if err != nil {
		return nil, err
	}
	if st == nil {
		return t.tx.QueryContext(t.ctx, query, args...)
	}
	return st.QueryContext(t.ctx, args...)
}

func (t *txn) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if t.tx == nil {
		return t.stmts.QueryRowContext(ctx, query, args...)
	}
	st, err := t.stmt(query)
	if st == nil || err != nil {
		// Unprepared, the query reports its own error through the row.
		return t.tx.QueryRowContext(t.ctx, query, args...)
	}
	return st.QueryRowContext(t.ctx, args...)
}
