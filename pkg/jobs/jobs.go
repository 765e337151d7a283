// Package jobs runs the server's background work (the SLA refresher, the
// outbox worker) on one process at a time, however many serve a
// database: each round, a process takes or renews a lease in the store
// and runs the jobs only while it holds it. When the holder dies, its
// lease expires and another process takes over at its next round, within
// TTL plus one round.
package jobs

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"os"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// Lease is the name of the lease the background jobs run under.
const Lease = "background-jobs"

// TTL is how long a lease holds without renewal: several rounds, so that
// a slow round does not hand the jobs over.
const TTL = 15 * time.Second

// A Job is one piece of background work, run each round its process
// leads; an error is logged and the job runs again next round.
type Job struct {
	Name string
	Run  func(ctx context.Context) error
}

// Runner runs jobs while its process holds the lease.
type Runner struct {
	leases store.Leases
	holder string
	now    func() time.Time
	log    *slog.Logger
	jobs   []Job
	leads  bool
}

// NewRunner returns a runner of jobs under leases, on the clock now; its
// holder name tells the process in the lease table.
func NewRunner(leases store.Leases, now func() time.Time, log *slog.Logger, jobs ...Job) *Runner {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	host, _ := os.Hostname()
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	holder := host + "/" + hex.EncodeToString(b)
	return &Runner{leases: leases, holder: holder, now: now, log: log, jobs: jobs}
}

// Round takes or renews the lease and, if this process holds it, runs
// every job once. It reports whether it ran them.
func (r *Runner) Round(ctx context.Context) bool {
	held, err := r.leases.TakeLease(ctx, Lease, r.holder, r.now(), TTL)
	if err != nil {
		r.log.ErrorContext(ctx, "cannot take the background jobs' lease", "err", err)
		held = false
	}
	if held != r.leads {
		r.leads = held
		r.log.InfoContext(ctx, "background jobs", "running_here", held, "holder", r.holder)
	}
	if !held {
		return false
	}
	for _, j := range r.jobs {
		if err := j.Run(ctx); err != nil && ctx.Err() == nil {
			r.log.ErrorContext(ctx, "background job failed", "job", j.Name, "err", err)
		}
	}
	return true
}

// Run runs a round at every tick until ctx ends, and then gives the
// lease up, so that another process takes over without waiting for it to
// expire.
func (r *Runner) Run(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			if r.leads {
				_ = r.leases.DropLease(context.WithoutCancel(ctx), Lease, r.holder)
			}
			return
		case <-ticks:
			r.Round(ctx)
		}
	}
}
