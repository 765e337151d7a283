// Package service holds the use cases of the API: each method checks the
// caller against the policy (support.User.Can), applies the domain rules
// of pkg/support, and reads and writes through the store, a write in one
// transaction (store.Transactor.InTx) that also records its event and,
// for anything an outside system must hear of, an outbox message. The
// HTTP handlers decode a request, call one method, and encode its result.
package service

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Service runs the use cases over a store.
type Service struct {
	store  store.Store
	now    func() time.Time
	clocks *clocks.Engine
	// breach computes the next breach a change stores; nil stores none.
	breach support.BreachFunc
}

// Option configures a Service.
type Option func(*Service)

// WithClock sets the clock of what the service decides by the time, such
// as a token's expiry; the store stamps changes with its own.
func WithClock(now func() time.Time) Option { return func(s *Service) { s.now = now } }

// WithClocks sets the SLA engine behind ticket clocks, and makes every
// change store the ticket's next breach as the engine computes it.
func WithClocks(e *clocks.Engine) Option {
	return func(s *Service) { s.clocks, s.breach = e, e.Breach }
}

// WithBreach makes every change store the ticket's next breach as f
// computes it; tests give a fake whose rules they know.
func WithBreach(f support.BreachFunc) Option { return func(s *Service) { s.breach = f } }

// New returns the service over st. Without WithClocks, ticket clocks
// follow the built-in policies and changes store no breach.
func New(st store.Store, opts ...Option) *Service {
	s := &Service{store: st, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if s.clocks == nil {
		s.clocks = clocks.Default()
	}
	return s
}

// Ready reports whether the store answers.
func (s *Service) Ready(ctx context.Context) error {
	_, err := s.store.CountUsers(ctx)
	return err
}

// record appends a change by me to its entity's history.
func record(ctx context.Context, tx store.Tx, me support.User, at time.Time, c support.Change) error {
	return tx.Record(ctx, store.ActorOf(me), at, c)
}

// Idempotency identifies a retried write: the same key for the same
// request returns the first result and does nothing twice.
type Idempotency = store.Idempotency
