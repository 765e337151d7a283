package sqlite

import (
	"context"
	"time"
)

// A job is one write waiting for its turn.
type job struct {
	ctx  context.Context
	fn   func(tx *txn, now time.Time) error
	err  error
	done chan struct{} // closed once err is final
}

// maxBatch bounds how many writes share a transaction, and so how long one
// transaction holds the database's write lock.
const maxBatch = 64

// Sharing the database with another process, such as a second `supctl
// serve`: SQLite queues nobody for its write lock, and a process that
// writes without pause would keep it from the others. So the write
// connection waits for the lock in Go, trying again every lockPoll, and
// the slot's holders, once they have kept the lock through writeQuantum
// of back-to-back batches, pause for lockYield, which lets a waiting
// process in. A write gives up after lockWait.
const (
	lockPoll     = 250 * time.Microsecond
	writeQuantum = 25 * time.Millisecond
	lockYield    = time.Millisecond
	lockWait     = 30 * time.Second
)

// write runs fn in a transaction and commits its changes when it succeeds.
// now, the time of the change, is read once the database's write lock is
// held, so that times follow the order of commits, across processes too.
//
// Writers of this process queue in Go, where they honour ctx, instead of in
// SQLite's busy handler. Whoever takes the write slot runs every queued
// write in one transaction, each in a savepoint so that a write that fails
// leaves no trace: a commit is the costly part of a write, and under load
// many writes share one (group commit). A write that has started runs to
// its end even if ctx ends meanwhile.
//
// While another process holds the database's write lock the transaction
// waits for it, so that a busy database slows callers down but does not
// fail them, until lockWait has passed.
func (s *Store) write(ctx context.Context, fn func(tx *txn, now time.Time) error) error {
	j := &job{ctx: ctx, fn: fn, done: make(chan struct{})}
	s.mu.Lock()
	s.queue = append(s.queue, j)
	s.mu.Unlock()
	select {
	case s.writer <- struct{}{}:
		// The job is queued, or done by the slot's previous holder.
		for !isClosed(j.done) {
			s.runQueued()
		}
		<-s.writer
	case <-j.done:
	case <-ctx.Done():
		if s.withdraw(j) {
			return ctx.Err()
		}
		<-j.done
	}
	return j.err
}

func isClosed(c chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

// withdraw takes j off the queue if no writer has taken it yet.
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

// runQueued runs the oldest queued jobs in one transaction; the caller
// holds the write slot.
func (s *Store) runQueued() {
	s.mu.Lock()
	n := min(len(s.queue), maxBatch)
	batch := append([]*job(nil), s.queue[:n]...)
	s.queue = append(s.queue[:0], s.queue[n:]...)
	s.mu.Unlock()
	if s.held >= writeQuantum {
		time.Sleep(lockYield)
		s.held = 0
	}
	s.runBatch(batch)
	s.mu.Lock()
	if len(s.queue) == 0 {
		s.held = 0 // nobody takes the lock right back
	}
	s.mu.Unlock()
	for _, j := range batch {
		close(j.done)
	}
}

// runBatch runs jobs in one transaction, retried while another process
// holds the database's write lock, and sets each job's error.
func (s *Store) runBatch(jobs []*job) {
	deadline := time.Now().Add(lockWait)
	for {
		var live []*job
		for _, j := range jobs {
			if j.err = j.ctx.Err(); j.err == nil {
				live = append(live, j)
			}
		}
		if len(live) == 0 {
			return
		}
		err := s.tryBatch(live)
		if err == nil {
			return
		}
		if !isBusy(err) || time.Now().After(deadline) {
			for _, j := range live {
				if j.err == nil {
					j.err = err
				}
			}
			return
		}
		time.Sleep(lockPoll)
	}
}

// tryBatch runs jobs in one transaction and commits it. Each job's own
// failure is its error; the error returned, such as a failed commit or a
// busy database, fails every job that has none.
func (s *Store) tryBatch(jobs []*job) error {
	ctx := context.Background() // see txn
	tx, err := s.wconn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	begun := time.Now()
	defer func() { s.held += time.Since(begun) }()
	t := &txn{ctx: ctx, tx: tx, stmts: s.reads}
	for _, j := range jobs {
		if err := s.runJob(t, j); err != nil {
			tx.Rollback()
			return err
		}
	}
	return tx.Commit()
}

// runJob runs one job in a savepoint, which is rolled back if it fails. It
// returns an error only when the transaction is no longer usable.
func (s *Store) runJob(t *txn, j *job) error {
	if _, err := t.ExecContext(t.ctx, "SAVEPOINT job"); err != nil {
		return err
	}
	if j.err = j.fn(t, s.stamp()); j.err != nil {
		if isBusy(j.err) {
			return j.err
		}
		if _, err := t.ExecContext(t.ctx, "ROLLBACK TO job"); err != nil {
			return err
		}
	}
	_, err := t.ExecContext(t.ctx, "RELEASE job")
	return err
}
