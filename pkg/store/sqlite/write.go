package sqlite

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"runtime/debug"
	"time"

	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/supctl/supctl/pkg/support"
)

// A job is one write waiting for its turn.
type job struct {
	ctx      context.Context
	fn       func(tx *txn, now time.Time) error
	err      error
	panicked *writePanic   // what fn panicked with, if it did
	done     chan struct{} // closed once err is final
}

// run calls the job's fn. A panic in it, such as one in a breach function
// given to the store, fails the job alone, not the writer and every write
// after it: write panics with it again in the caller's goroutine.
func (j *job) run(t *txn, now time.Time) (err error) {
	defer func() {
		if v := recover(); v != nil {
			j.panicked = &writePanic{value: v, stack: debug.Stack()}
			err = j.panicked
		}
	}()
	return j.fn(t, now)
}

// writePanic is a panic in a write, with the writer's stack at the time.
type writePanic struct {
	value any
	stack []byte
}

func (p *writePanic) Error() string {
	return fmt.Sprintf("panic in a write: %v\n\n%s", p.value, p.stack)
}

// Unwrap is what the write panicked with, when that is an error.
func (p *writePanic) Unwrap() error {
	err, _ := p.value.(error)
	return err
}

// A batch is the writes that share a transaction. Each waits for the
// commit, so the first ones of a long batch wait for all the others. A
// batch takes half the writes queued when it starts, at least minBatch and
// at most maxBatch: when a few callers keep the writer busy, a short batch
// lets its first ones go while the writer goes on with the rest (eight
// clients claim 6-15% more tickets a second in batches of up to 4 than of
// up to 64); when many are queued, a long one shares a commit among more.
// maxBatch also bounds how long a transaction holds the write lock.
const (
	minBatch = 4
	maxBatch = 64
)

// Sharing the database with another process, such as a second `supctl
// serve`: SQLite queues nobody for its write lock, and a process that
// writes without pause would keep it from the others. So the write
// connection waits for the lock in Go, trying again every lockPoll, and
// the writer, once it has kept the lock through writeQuantum of
// back-to-back batches, pauses for lockYield, which lets a waiting process
// in. A write gives up after lockWait.
const (
	lockPoll     = 250 * time.Microsecond
	writeQuantum = 25 * time.Millisecond
	lockYield    = time.Millisecond
	lockWait     = 30 * time.Second
)

// errClosed fails the writes asked of a closed store.
var errClosed = errors.New("the database is closed")

// write runs fn in a transaction and commits its changes when it succeeds.
// now, the time of the change, is read once the database's write lock is
// held, so that times follow the order of commits, across processes too.
//
// Writes of this process queue in Go, where they honour ctx, instead of in
// SQLite's busy handler. One goroutine, the writer, runs the queued writes
// in batches (see minBatch), one transaction each, joined by those queued
// while it runs, each in a savepoint so that a write that fails leaves no
// trace: a commit is the costly part of a write, and under load many
// writes share one (group commit). A write that has started runs to its
// end even if ctx ends meanwhile. A write whose fn panics fails alone, and
// write panics with the same value in the caller's goroutine.
//
// While another process holds the database's write lock the transaction
// waits for it, so that a busy database slows callers down but does not
// fail them, until lockWait has passed.
func (s *Store) write(ctx context.Context, fn func(tx *txn, now time.Time) error) error {
	j := &job{ctx: ctx, fn: fn, done: make(chan struct{})}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return errClosed
	}
	s.queue = append(s.queue, j)
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default: // the writer is awake already
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		if s.withdraw(j) {
			return ctx.Err()
		}
		<-j.done
	}
	if j.panicked != nil {
		panic(j.panicked)
	}
	return classify(j.err)
}

// classify wraps the errors callers branch on in the store's shared
// errors: a full disk or database is support.ErrStorageFull.
func classify(err error) error {
	if isFull(err) {
		return fmt.Errorf("%w: %v", support.ErrStorageFull, err)
	}
	return err
}

// isFull reports whether err is SQLite's SQLITE_FULL: the disk, or the
// database's max_page_count, has no room for the pages a write needs.
func isFull(err error) bool {
	var e *sqlite.Error
	return errors.As(err, &e) && e.Code()&0xff == sqlite3.SQLITE_FULL
}

// writes is the writer: it runs queued writes until the store closes, and
// then those still queued. It runs batch after batch while writes are
// queued, so that a busy store never waits for a goroutine to be scheduled
// between two of them.
func (s *Store) writes() {
	defer close(s.stopped)
	for stopping := false; ; {
		for s.pending() {
			s.runQueued()
		}
		if stopping {
			return
		}
		select {
		case <-s.wake:
		case <-s.stop:
			stopping = true
		}
	}
}

// pending tells whether writes are queued.
func (s *Store) pending() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.queue) > 0
}

// withdraw takes j off the queue if the writer has not taken it yet.
func (s *Store) withdraw(j *job) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, q := range s.queue {
		if q == j {
			s.queue = append(s.queue[:i], s.queue[i+1:]...)
			return true
		}
	}
	return false
}

// runQueued runs the oldest queued jobs in one transaction.
func (s *Store) runQueued() {
	s.mu.Lock()
	limit := min(max(len(s.queue)/2, minBatch), maxBatch)
	s.mu.Unlock()
	batch := s.dequeue(limit)
	if s.held >= writeQuantum {
		time.Sleep(lockYield)
		s.held = 0
	}
	batch = s.runBatch(batch, limit)
	s.mu.Lock()
	if len(s.queue) == 0 {
		s.held = 0 // nobody takes the lock right back
	}
	s.mu.Unlock()
	for _, j := range batch {
		close(j.done)
	}
	// After the answers, before the next transaction: a log past its
	// bound is emptied before it grows further.
	s.ckpt.bound(s.wconn)
}

// dequeue takes up to n of the oldest queued jobs.
func (s *Store) dequeue(n int) []*job {
	s.mu.Lock()
	defer s.mu.Unlock()
	n = min(len(s.queue), n)
	jobs := append([]*job(nil), s.queue[:n]...)
	s.queue = append(s.queue[:0], s.queue[n:]...)
	return jobs
}

// runBatch runs jobs in one transaction of at most limit jobs, retried
// while another process holds the database's write lock, and sets each
// job's error. It returns jobs with those that joined the transaction (see
// tryBatch).
func (s *Store) runBatch(jobs []*job, limit int) []*job {
	deadline := time.Now().Add(lockWait)
	for {
		var live []*job
		for _, j := range jobs {
			if j.err = j.ctx.Err(); j.err == nil {
				live = append(live, j)
			}
		}
		if len(live) == 0 {
			return jobs
		}
		more, err := s.tryBatch(live, limit)
		jobs = append(jobs, more...)
		if err == nil {
			return jobs
		}
		if !isBusy(err) || time.Now().After(deadline) {
			for _, j := range append(live, more...) {
				if j.err == nil {
					j.err = err
				}
			}
			return jobs
		}
		time.Sleep(lockPoll)
	}
}

// tryBatch runs jobs in one transaction and commits it. Jobs queued while
// it runs join the transaction, up to limit in all, and are returned: they
// share its commit instead of waiting to commit on their own. Each job's
// own failure is its error; the error returned, such as a failed commit or
// a busy database, fails every job that has none.
func (s *Store) tryBatch(jobs []*job, limit int) (more []*job, err error) {
	ctx := context.Background() // see txn
	tx, err := s.wconn.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	begun := time.Now()
	defer func() { s.held += time.Since(begun) }()
	t := &txn{ctx: ctx, tx: tx, stmts: s.reads}
	if len(jobs) == 1 {
		// A lone job needs no savepoint: when it fails, rolling back the
		// transaction undoes just the job.
		j := jobs[0]
		if j.err = j.run(t, s.stamp()); j.err != nil {
			tx.Rollback()
			if isBusy(j.err) {
				return nil, j.err
			}
			return nil, nil
		}
	} else if err := s.runJobs(t, jobs); err != nil {
		return nil, err
	}
	for n := len(jobs); n < limit; {
		// Callers about to queue a write may be runnable but waiting for
		// a thread: yielding lets them queue in time to join.
		runtime.Gosched()
		next := s.dequeue(limit - n)
		if len(next) == 0 {
			break
		}
		more, n = append(more, next...), n+len(next)
		if err := s.runJobs(t, next); err != nil {
			return more, err
		}
	}
	if err := tx.Commit(); err != nil {
		return more, err
	}
	s.ckpt.committed()
	return more, nil
}

// runJobs runs jobs in turn, each in its savepoint, skipping those whose
// context has ended. When the transaction is no longer usable it rolls it
// back and returns the error.
func (s *Store) runJobs(t *txn, jobs []*job) error {
	for _, j := range jobs {
		if j.err = j.ctx.Err(); j.err != nil {
			continue
		}
		if err := s.runJob(t, j); err != nil {
			t.tx.Rollback()
			return err
		}
	}
	return nil
}

// runJob runs one job in a savepoint, which is rolled back if it fails. It
// returns an error only when the transaction is no longer usable.
func (s *Store) runJob(t *txn, j *job) error {
	if _, err := t.ExecContext(t.ctx, "SAVEPOINT job"); err != nil {
		return err
	}
	if j.err = j.run(t, s.stamp()); j.err != nil {
		// SQLite may have rolled back the whole transaction on a full
		// disk: the jobs before this one are undone too.
		if isBusy(j.err) || isFull(j.err) {
			return j.err
		}
		if _, err := t.ExecContext(t.ctx, "ROLLBACK TO job"); err != nil {
			return err
		}
	}
	_, err := t.ExecContext(t.ctx, "RELEASE job")
	return err
}
