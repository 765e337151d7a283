// Package outbox delivers what changes announce to outside systems, such
// as a bug tracker. A change writes its message into the outbox in its own
// transaction (store.LogTx.Enqueue); a Worker, outside any transaction,
// hands each message to the Deliverer of its topic and retries a failed
// delivery later. So a tracker that is slow or gone never blocks or fails
// a write, and a message is never lost: it stays due until delivered.
// The server drains the outbox in each round of its background jobs
// (pkg/jobs), on one replica at a time.
// Delivery is at least once: a Deliverer must tolerate a message twice
// (a crash between delivering and marking it), for instance by keying
// what it creates by the message's id.
package outbox

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// A Deliverer sends one message to its outside system. An error leaves
// the message due again after a backoff.
type Deliverer func(ctx context.Context, m store.Message) error

// Retry delays: the first retry after MinBackoff, doubling with each
// failure, at most MaxBackoff.
const (
	MinBackoff = 10 * time.Second
	MaxBackoff = time.Hour
)

// batch is how many due messages one pass reads.
const batch = 100

// Worker delivers due messages by topic.
type Worker struct {
	store   store.Outbox
	now     func() time.Time
	log     *slog.Logger
	deliver map[string]Deliverer
}

// NewWorker returns a worker over st with no topics; now is its clock and
// log, if not nil, where it reports failed deliveries.
func NewWorker(st store.Outbox, now func() time.Time, log *slog.Logger) *Worker {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Worker{store: st, now: now, log: log, deliver: map[string]Deliverer{}}
}

// Handle makes d deliver the messages of topic.
func (w *Worker) Handle(topic string, d Deliverer) { w.deliver[topic] = d }

// Backoff is how long a message waits after its attempts-th failure.
func Backoff(attempts int) time.Duration {
	d := MinBackoff
	for range attempts - 1 {
		if d *= 2; d >= MaxBackoff {
			return MaxBackoff
		}
	}
	return d
}

// Drain delivers the messages due now, once each, oldest first, and
// reports how many it delivered and how many failed. A message of a topic
// nobody handles fails as any other, so that it waits for a deployment
// that handles it.
func (w *Worker) Drain(ctx context.Context) (delivered, failed int, err error) {
	for {
		due, err := w.store.DueMessages(ctx, w.now(), batch)
		if err != nil {
			return delivered, failed, err
		}
		for _, m := range due {
			if err := w.attempt(ctx, m); err != nil {
				failed++
				attempts := m.Attempts + 1
				w.log.WarnContext(ctx, "outbox delivery failed", "id", m.ID, "topic", m.Topic, "attempts", attempts, "err", err)
				if err := w.store.Failed(ctx, m.ID, err.Error(), w.now().Add(Backoff(attempts))); err != nil {
					return delivered, failed, err
				}
				continue
			}
			delivered++
			if err := w.store.Delivered(ctx, m.ID, w.now()); err != nil {
				return delivered, failed, err
			}
		}
		if len(due) < batch || ctx.Err() != nil {
			return delivered, failed, ctx.Err()
		}
	}
}

// attempt hands m to its topic's Deliverer.
func (w *Worker) attempt(ctx context.Context, m store.Message) error {
	d, ok := w.deliver[m.Topic]
	if !ok {
		return fmt.Errorf("no deliverer for topic %q", m.Topic)
	}
	return d(ctx, m)
}
