package sqlite

import (
	"context"
	"database/sql"
	"os"
	"time"
)

// checkpointPause is the least time between two checkpoints: long enough
// that a page written over and over is copied once in a while, not at every
// commit; short enough that the log stays small.
const checkpointPause = 100 * time.Millisecond

// A PASSIVE checkpoint copies pages back but never rewinds the log while a
// reader still reads from it, and under steady load one always does: the
// log then only grows (107 MB beside a 7 MB database after 6,000
// comments). So the size of the log file, not the time, decides two more
// steps:
//
//   - while a commit leaves it walSoftLimit long or longer, the
//     checkpointer copies the log back without pausing (PASSIVE: writes go
//     on meanwhile);
//   - once a commit leaves it walLimit long or longer, the writer empties
//     it before its next transaction (TRUNCATE, which waits for the
//     readers of the old log and copies what is left). The writer runs it
//     on its own connection: when another connection rewinds the log, the
//     writer's next transaction finds it changed and drops its page cache,
//     which it must then read back page by page.
//
// The log therefore stays under walLimit plus one transaction's pages
// (maxBatch writes), whatever the load, unless a reader holds its snapshot
// longer than walWait. journal_size_limit (see writeConn) trims a log that
// SQLite rewinds on its own to the same size.
const (
	walLimit     = 8 << 20
	walSoftLimit = walLimit / 2
)

// walWait is how long a TRUNCATE checkpoint waits for readers of the old
// log and for another process's writer, as long as any other wait for a
// lock (busyTimeout). Readers of this process take microseconds to
// milliseconds; one that holds its snapshot longer, such as another
// process's, delays the writer's next try until the log has grown by
// walLimit/4.
const walWait = busyTimeout

// checkpointer copies committed pages from the write-ahead log back into the
// database file, on a connection of its own. SQLite would otherwise do it
// in whichever commit crosses wal_autocheckpoint, and that commit, with
// every write batched in it, would wait for the copy and its fsyncs.
type checkpointer struct {
	conn    *sql.Conn
	walPath string        // the log's file; "" when unknown, and then only PASSIVE runs
	wakeup  chan struct{} // a commit since the last checkpoint; holds at most one
	soon    chan struct{} // the log passed walSoftLimit; holds at most one
	stop    chan struct{}
	done    chan struct{}
	// retryAt is the log size at which the writer waits for a TRUNCATE:
	// walLimit, or more after one that a reader kept from completing, so
	// that a long reader does not stall every commit. Only the writer's
	// goroutine uses it.
	retryAt int64
	// grown tells bound that a transaction committed since it last ran.
	// Only the writer's goroutine uses it.
	grown bool
	// after, when set, learns how many pages the log held and how many
	// of them are copied, after each checkpoint.
	after func(logged, copied int)
}

// checkpointResult is what PRAGMA wal_checkpoint answers.
type checkpointResult struct {
	busy, logged, copied int
	err                  error
}

// complete tells whether the checkpoint did all it was asked.
func (r checkpointResult) complete() bool { return r.err == nil && r.busy == 0 }

func startCheckpointer(conn *sql.Conn) *checkpointer {
	c := &checkpointer{conn: conn, wakeup: make(chan struct{}, 1), soon: make(chan struct{}, 1),
		stop: make(chan struct{}), done: make(chan struct{}), retryAt: walLimit}
	ctx := context.Background()
	var file string
	if err := conn.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err == nil && file != "" {
		c.walPath = file + "-wal"
	}
	go c.run()
	return c
}

// committed is called by the writer after each commit: it wakes the
// background checkpointer, and bound will look at the log.
func (c *checkpointer) committed() {
	if c == nil {
		return
	}
	c.grown = true
	signal(c.wakeup)
}

// bound is called by the writer between transactions, with its
// connection, and keeps the log under walLimit (see walSoftLimit).
func (c *checkpointer) bound(w *sql.Conn) {
	if c == nil || !c.grown {
		return
	}
	c.grown = false
	if c.walPath == "" {
		return
	}
	fi, err := os.Stat(c.walPath)
	switch {
	case err != nil || fi.Size() < walSoftLimit:
	case fi.Size() < c.retryAt:
		signal(c.soon)
	case truncate(w).complete():
		c.retryAt = walLimit
	default:
		c.retryAt = fi.Size() + walLimit/4
	}
}

// signal sends on a channel that holds at most one signal, without
// blocking: signals that come while one is pending add nothing.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// notify tells the checkpointer that a transaction committed.
func (c *checkpointer) notify() {
	if c != nil {
		signal(c.wakeup)
	}
}

func (c *checkpointer) checkpoint(mode string) checkpointResult {
	r := checkpoint(c.conn, mode)
	if r.err == nil && c.after != nil {
		c.after(r.logged, r.copied)
	}
	return r
}

func checkpoint(conn *sql.Conn, mode string) checkpointResult {
	var r checkpointResult
	r.err = conn.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint("+mode+")").Scan(&r.busy, &r.logged, &r.copied)
	return r
}

// truncate empties the log with a TRUNCATE checkpoint on the write
// connection w, trying again every lockPoll while readers of the old log,
// the checkpointer or another process keep it from completing, for up to
// walWait. It waits itself: w does not wait in SQLite's busy handler (see
// writeConn), which sleeps 1, 2, 5, 10 ms... between tries, where readers
// take microseconds.
func truncate(w *sql.Conn) checkpointResult {
	deadline := time.Now().Add(walWait)
	for {
		r := checkpoint(w, "TRUNCATE")
		if r.complete() || r.err != nil && !isBusy(r.err) || time.Now().After(deadline) {
			return r
		}
		time.Sleep(lockPoll)
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.wakeup:
		case <-c.soon:
		case <-c.stop:
			return
		}
		// PASSIVE copies what it can without waiting on readers or the
		// writer; what readers still need is copied next time, even if no
		// commit comes. A failure, such as a full disk, leaves the log
		// longer and the data intact.
		if r := c.checkpoint("PASSIVE"); r.err == nil && r.copied < r.logged {
			c.notify()
		}
		// A log past walSoftLimit is copied again without a pause.
		pause := time.NewTimer(checkpointPause)
		select {
		case <-pause.C:
		case <-c.soon:
			pause.Stop()
			signal(c.wakeup)
		case <-c.stop:
			pause.Stop()
			return
		}
	}
}

// close stops the checkpointer and gives its connection back to the pool.
// Closing the database checkpoints what is left.
func (c *checkpointer) close() {
	if c == nil {
		return
	}
	close(c.stop)
	<-c.done
	c.conn.Close()
}
