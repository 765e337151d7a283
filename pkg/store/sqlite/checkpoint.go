package sqlite

import (
	"context"
	"database/sql"
	"os"
	"strconv"
	"time"
)

// checkpointPause is the least time between two checkpoints: long enough
// that a page written over and over is copied once in a while, not at every
// commit; short enough that the log stays small.
const checkpointPause = 100 * time.Millisecond

// walLimit bounds the write-ahead log, in bytes. A PASSIVE checkpoint copies
// pages back but never rewinds the log while a reader still reads from it,
// and under steady load one always does: the log then only grows (107 MB
// beside a 7 MB database after 6,000 comments). So once a commit leaves the
// log file walLimit long or longer, the writer waits for a TRUNCATE
// checkpoint, which waits for those readers, copies what is left and
// empties the file. The log therefore stays under walLimit plus one
// transaction's pages (maxBatch writes), whatever the load, unless a reader
// holds its snapshot longer than walWait.
const walLimit = 8 << 20

// walWait is how long a TRUNCATE checkpoint waits for readers of the old
// log and for another process's writer, as long as any other wait for a
// lock (busyTimeout). Readers of this process take microseconds to
// milliseconds; one that holds its snapshot longer, such as another
// process's, delays the next try until the log has grown by walLimit/4.
const walWait = busyTimeout

// checkpointer copies committed pages from the write-ahead log back into the
// database file, on a connection of its own. SQLite would otherwise do it
// in whichever commit crosses wal_autocheckpoint, and that commit, with
// every write batched in it, would wait for the copy and its fsyncs.
type checkpointer struct {
	conn    *sql.Conn
	walPath string        // the log's file; "" when unknown, and then only PASSIVE runs
	wakeup  chan struct{} // a commit since the last checkpoint; holds at most one
	full    chan chan checkpointResult
	stop    chan struct{}
	done    chan struct{}
	// retryAt is the log size at which the writer asks for the next
	// TRUNCATE: walLimit, or more after one that a reader kept from
	// completing, so that a long reader does not stall every commit.
	// Only the writer's goroutine uses it.
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
	c := &checkpointer{conn: conn, wakeup: make(chan struct{}, 1), full: make(chan chan checkpointResult),
		stop: make(chan struct{}), done: make(chan struct{}), retryAt: walLimit}
	ctx := context.Background()
	var file string
	if err := conn.QueryRowContext(ctx, "SELECT file FROM pragma_database_list WHERE name = 'main'").Scan(&file); err == nil && file != "" {
		c.walPath = file + "-wal"
	}
	// TRUNCATE waits in SQLite's busy handler; PASSIVE never does.
	_, _ = conn.ExecContext(ctx, "PRAGMA busy_timeout = "+strconv.FormatInt(walWait.Milliseconds(), 10))
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
	c.notify()
}

// bound is called by the writer between transactions. Once the log has
// passed walLimit it waits for the log to be emptied: the size of the file,
// not the time, decides, so the bound holds however fast writes come.
func (c *checkpointer) bound() {
	if c == nil || !c.grown {
		return
	}
	c.grown = false
	if c.walPath == "" {
		return
	}
	fi, err := os.Stat(c.walPath)
	if err != nil || fi.Size() < c.retryAt {
		return
	}
	if c.truncate().complete() {
		c.retryAt = walLimit
	} else {
		c.retryAt = fi.Size() + walLimit/4
	}
}

// truncate has the checkpointer run a TRUNCATE checkpoint now and returns
// its result.
func (c *checkpointer) truncate() checkpointResult {
	reply := make(chan checkpointResult, 1)
	select {
	case c.full <- reply:
		return <-reply
	case <-c.done:
		return checkpointResult{busy: 1}
	}
}

// notify tells the checkpointer that a transaction committed. It never
// blocks: commits that come while one is pending add nothing.
func (c *checkpointer) notify() {
	if c == nil {
		return
	}
	select {
	case c.wakeup <- struct{}{}:
	default:
	}
}

func (c *checkpointer) checkpoint(mode string) checkpointResult {
	var r checkpointResult
	r.err = c.conn.QueryRowContext(context.Background(), "PRAGMA wal_checkpoint("+mode+")").Scan(&r.busy, &r.logged, &r.copied)
	if r.err == nil && c.after != nil {
		c.after(r.logged, r.copied)
	}
	return r
}

func (c *checkpointer) run() {
	defer close(c.done)
	for {
		select {
		case <-c.wakeup:
		case reply := <-c.full:
			reply <- c.checkpoint("TRUNCATE")
			continue
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
		pause := time.NewTimer(checkpointPause)
	wait:
		for {
			select {
			case <-pause.C:
				break wait
			case reply := <-c.full:
				reply <- c.checkpoint("TRUNCATE")
			case <-c.stop:
				pause.Stop()
				return
			}
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
