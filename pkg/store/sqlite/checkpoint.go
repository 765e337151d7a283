package sqlite

import (
	"context"
	"database/sql"
	"time"
)

// checkpointPause is the least time between two checkpoints: long enough
// that a page written over and over is copied once in a while, not at every
// commit; short enough that the log stays small.
const checkpointPause = 100 * time.Millisecond

// checkpointer copies committed pages from the write-ahead log back into the
// database file, on a connection of its own. SQLite would otherwise do it
// in whichever commit crosses wal_autocheckpoint, and that commit, with
// every write batched in it, would wait for the copy and its fsyncs.
type checkpointer struct {
	conn      *sql.Conn
	committed chan struct{} // a commit since the last checkpoint; holds at most one
	stop      chan struct{}
	done      chan struct{}
	// after, when set, learns how many pages the log held and how many
	// of them are copied, after each checkpoint.
	after func(logged, copied int)
}

func startCheckpointer(conn *sql.Conn) *checkpointer {
	c := &checkpointer{conn: conn, committed: make(chan struct{}, 1), stop: make(chan struct{}), done: make(chan struct{})}
	go c.run()
	return c
}

// notify tells the checkpointer that a transaction committed. It never
// blocks: commits that come while one is pending add nothing.
func (c *checkpointer) notify() {
	if c == nil {
		return
	}
	select {
	case c.committed <- struct{}{}:
	default:
	}
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.committed:
		case <-c.stop:
			return
		}
		// PASSIVE copies what it can without waiting on readers or the
		// writer; what readers still need is copied next time, even if no
		// commit comes. A failure, such as a full disk, leaves the log
		// longer and the data intact.
		var busy, logged, copied int
		err := c.conn.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logged, &copied)
		if err == nil && copied < logged {
			c.notify()
		}
		if err == nil && c.after != nil {
			c.after(logged, copied)
		}
		select {
		case <-time.After(checkpointPause):
		case <-c.stop:
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
