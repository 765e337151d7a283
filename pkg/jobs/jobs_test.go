package jobs_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/jobs"
	"github.com/supctl/supctl/pkg/store/storetest"
)

// The tests run on SQLite and again on PostgreSQL when it is set.
func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

var start = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// counter is a job that counts its runs.
func counter(n *int) jobs.Job {
	return jobs.Job{Name: "count", Run: func(context.Context) error { *n++; return nil }}
}

// Of two processes, one runs the jobs; when it dies (stops renewing), the
// other runs them once the lease has expired, and not before.
func TestOneRunnerAtATimeAndTakeover(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	var ranA, ranB int
	a := jobs.NewRunner(st, clock.Now, nil, counter(&ranA))
	b := jobs.NewRunner(st, clock.Now, nil, counter(&ranB))
	for range 3 {
		if !a.Round(t.Context()) || b.Round(t.Context()) {
			t.Fatal("with a leading, b ran the jobs, or a did not")
		}
		clock.Advance(5 * time.Second)
	}
	// a dies: it no longer renews.
	clock.Advance(jobs.TTL - 5*time.Second - time.Millisecond)
	if b.Round(t.Context()) {
		t.Fatal("b ran the jobs before a's lease expired")
	}
	clock.Advance(time.Millisecond)
	if !b.Round(t.Context()) {
		t.Fatal("b did not take over once a's lease expired")
	}
	if ranA != 3 || ranB != 1 {
		t.Errorf("runs: a %d, b %d; want 3 and 1", ranA, ranB)
	}
}

// A runner that stops gives the lease up: the next process takes over at
// its next round, without waiting for the lease to expire.
func TestStoppedRunnerHandsOver(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	ranA := make(chan struct{}, 1)
	a := jobs.NewRunner(st, clock.Now, nil, jobs.Job{Name: "signal", Run: func(context.Context) error {
		ranA <- struct{}{}
		return nil
	}})
	var ranB int
	b := jobs.NewRunner(st, clock.Now, nil, counter(&ranB))
	ctx, cancel := context.WithCancel(t.Context())
	ticks := make(chan time.Time)
	stopped := make(chan struct{})
	go func() {
		a.Run(ctx, ticks)
		close(stopped)
	}()
	ticks <- start
	<-ranA
	cancel()
	<-stopped
	if !b.Round(t.Context()) || ranB != 1 {
		t.Error("b did not take over from a runner that stopped")
	}
}
