package sqlite

import (
	"context"
	"database/sql"
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
