// Package sqlite is the SQLite backend of store.Store, used by embedded mode
// and by small single-server installs. It uses the pure-Go modernc.org/sqlite
// driver so the binary builds without cgo.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	sqlite "modernc.org/sqlite" // also registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/supctl/supctl/pkg/store"
)

// Store is a store.Store over one SQLite file. Reads run concurrently on a
// pool of connections; writes queue for one goroutine, so that no write of
// this process ever spins in SQLite's busy handler, and share transactions
// under load (see write).
type Store struct {
	db      *sql.DB
	reads   *readDB
	wconn   *sql.Conn     // the connection every write runs on
	ckpt    *checkpointer // nil when read-only, and then does nothing
	now     func() time.Time
	held    time.Duration // how long the writer has kept the write lock without a pause
	wake    chan struct{} // tells the writer a write is queued; holds at most one
	stop    chan struct{} // closed by Close
	stopped chan struct{} // closed by the writer once it has run the last write

	mu     sync.Mutex
	queue  []*job // writes waiting for the writer
	closed bool

	closeOnce sync.Once
	closeErr  error
}

var _ store.Store = (*Store)(nil)

// Option configures Open.
type Option func(*options)

type options struct {
	now      func() time.Time
	readOnly bool
	log      *slog.Logger
}

// WithLogger sets where Open reports what it repaired, such as a database
// file others could read.
func WithLogger(log *slog.Logger) Option {
	return func(o *options) { o.log = log }
}

// WithClock sets the source of every timestamp the store writes.
func WithClock(now func() time.Time) Option {
	return func(o *options) { o.now = now }
}

// ReadOnly opens an existing, migrated database without the right to change
// it; it never creates or migrates one.
func ReadOnly() Option {
	return func(o *options) { o.readOnly = true }
}

// The sqlite: URLs of store.Open name a file: sqlite:/var/lib/supctl/server.db.
func init() {
	store.Register("sqlite", "sqlite:PATH", func(ctx context.Context, url string, o store.Options) (store.Store, error) {
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			return nil, fmt.Errorf("%q names no file: use sqlite:PATH", url)
		}
		opts := []Option{WithClock(o.Now), WithLogger(o.Log)}
		if o.ReadOnly {
			opts = append(opts, ReadOnly())
		}
		st, err := Open(ctx, path, opts...)
		if err != nil {
			return nil, err // not a typed nil in the interface
		}
		return st, nil
	})
}

// maxConns bounds the pool: enough for concurrent readers next to the
// writer's and the checkpointer's connections, few enough that each
// connection's pragmas run once and stay warm.
const maxConns = 8

// Open opens the database at path, creating the file and its directory if
// missing and bringing the schema up to date.
func Open(ctx context.Context, path string, opts ...Option) (*Store, error) {
	o := options{now: time.Now}
	for _, opt := range opts {
		opt(&o)
	}
	if !o.readOnly {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return nil, openError(path, err)
		}
		if err := restrictModes(path, o.log); err != nil {
			return nil, openError(path, err)
		}
	}
	db, err := sql.Open("sqlite", dsn(path, o.readOnly))
	if err != nil {
		return nil, openError(path, err)
	}
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &Store{db: db, reads: newReadDB(db), now: o.now,
		wake: make(chan struct{}, 1), stop: make(chan struct{}), stopped: make(chan struct{})}
	if o.readOnly {
		err = checkSchema(ctx, db)
	} else {
		err = migrate(ctx, db)
	}
	if err == nil {
		s.wconn, err = writeConn(ctx, db)
	}
	if err == nil && !o.readOnly {
		var c *sql.Conn
		if c, err = db.Conn(ctx); err == nil {
			s.ckpt = startCheckpointer(c)
		}
	}
	if err != nil {
		db.Close()
		return nil, openError(path, osReason(path, o.readOnly, err))
	}
	go s.writes()
	return s, nil
}

// maxMode is the most a database file may allow: its owner reads and
// writes, its group at most reads. SQLite gives the log files the mode of
// the database.
const maxMode fs.FileMode = 0o640

// restrictModes creates the database file 0600 if it is missing, before
// SQLite would create it with the umask's mode, and takes from an existing
// one and its log files any permission beyond maxMode, saying so.
func restrictModes(path string, log *slog.Logger) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&^maxMode == 0 {
			continue
		}
		mode := fi.Mode().Perm() & maxMode
		if err := os.Chmod(p, mode); err != nil {
			return err
		}
		if log != nil {
			log.Warn("database file was readable or writable by others; permissions restricted", "file", p, "was", fi.Mode().Perm().String(), "now", mode.String())
		}
	}
	return nil
}

// ErrDamaged is wrapped by the errors of a database file that is not a
// SQLite database or whose pages are corrupt.
var ErrDamaged = errors.New("the database file is damaged")

// damaged marks an error as ErrDamaged without changing its message.
type damaged struct{ error }

func (d damaged) Is(target error) bool { return target == ErrDamaged }
func (d damaged) Unwrap() error        { return d.error }

// IsDamaged reports whether err comes from a damaged database file.
func IsDamaged(err error) bool {
	if errors.Is(err, ErrDamaged) {
		return true
	}
	var e *sqlite.Error
	if errors.As(err, &e) {
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return true
		}
	}
	// The store wraps some errors as text.
	msg := err.Error()
	return strings.Contains(msg, "database disk image is malformed") || strings.Contains(msg, "file is not a database")
}

func openError(path string, err error) error {
	if IsDamaged(err) && !errors.Is(err, ErrDamaged) {
		err = damaged{err}
	}

	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err // the path is already in our message
	}
	return fmt.Errorf("cannot open database %s: %w", path, err)
}

// osReason replaces SQLite's "unable to open database file" with the
// operating system's reason, such as "permission denied" or "is a
// directory", found by opening the file the same way.
func osReason(path string, readOnly bool, err error) error {
	var e *sqlite.Error
	if !errors.As(err, &e) || e.Code()&0xff != sqlite3.SQLITE_CANTOPEN {
		return err
	}
	flag := os.O_RDWR | os.O_CREATE
	if readOnly {
		flag = os.O_RDONLY
	}
	f, oserr := os.OpenFile(path, flag, 0o600)
	if oserr != nil {
		return oserr
	}
	f.Close()
	return err
}

// dsn builds a file: URI so that any character may appear in path.
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Add("_pragma", fmt.Sprintf("busy_timeout(%d)", busyTimeout.Milliseconds()))
	q.Add("_pragma", "foreign_keys(on)")
	// Savepoints journal the pages they change (see write); in memory
	// that costs no system call.
	q.Add("_pragma", "temp_store(memory)")
	if readOnly {
		q.Set("mode", "ro")
		q.Add("_pragma", "query_only(on)")
	} else {
		q.Add("_pragma", "journal_mode(wal)")
		q.Add("_pragma", "synchronous(normal)")
		q.Set("_txlock", "immediate")
	}
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) && !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive path: file:/C:/x.db
	}
	return "file:" + (&url.URL{Path: p}).EscapedPath() + "?" + q.Encode()
}

// Close closes the database once the writes already queued have run;
// later calls wait for the first and return what it did.
func (s *Store) Close() error {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		s.mu.Unlock()
		close(s.stop)
		<-s.stopped
		s.reads.close()
		s.ckpt.close()
		s.wconn.Close()
		s.closeErr = s.db.Close()
	})
	return s.closeErr
}

// writerCache is the page cache of the write connection, in KiB. Writes run
// on one connection, whose cache then stays warm: another connection's
// cache would have to reread every page a write changed.
const writerCache = 32 << 10

// writeConn opens the write connection. It does not wait for the write lock
// in SQLite's busy handler, which sleeps up to 100 ms between tries, but
// fails at once and lets write wait (see lockPoll). It leaves checkpoints to
// the checkpointer.
func writeConn(ctx context.Context, db *sql.DB) (*sql.Conn, error) {
	c, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	for _, pragma := range []string{fmt.Sprintf("cache_size = -%d", writerCache), "busy_timeout = 0", "wal_autocheckpoint = 0",
		fmt.Sprintf("journal_size_limit = %d", walLimit)} {
		if _, err := c.ExecContext(ctx, "PRAGMA "+pragma); err != nil {
			c.Close()
			return nil, err
		}
	}
	return c, nil
}

// stamp is the store's clock at the precision the schema keeps.
func (s *Store) stamp() time.Time { return fromMillis(s.now().UnixMilli()) }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// timeOrNil reads an optional time column.
func timeOrNil(ms sql.NullInt64) *time.Time {
	if !ms.Valid {
		return nil
	}
	t := fromMillis(ms.Int64)
	return &t
}

// millisOrNull writes an optional time column.
func millisOrNull(t *time.Time) sql.NullInt64 {
	if t == nil {
		return sql.NullInt64{}
	}
	return sql.NullInt64{Int64: t.UnixMilli(), Valid: true}
}
