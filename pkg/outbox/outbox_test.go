package outbox_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/outbox"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
)

var start = time.Date(2026, 12, 4, 9, 0, 0, 0, time.UTC)

// enqueue writes one message of topic per payload, in one transaction.
func enqueue(t *testing.T, st store.Store, topic string, payloads ...any) {
	t.Helper()
	err := st.InTx(t.Context(), func(tx store.Tx, now time.Time) error {
		for _, p := range payloads {
			if err := tx.Enqueue(t.Context(), topic, p, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// recorder is a Deliverer that keeps what it was given and fails while
// failing is set.
type recorder struct {
	got     []string
	failing error
}

func (r *recorder) deliver(_ context.Context, m store.Message) error {
	if r.failing != nil {
		return r.failing
	}
	r.got = append(r.got, string(m.Payload))
	return nil
}

func drain(t *testing.T, w *outbox.Worker, wantDelivered, wantFailed int) {
	t.Helper()
	delivered, failed, err := w.Drain(t.Context())
	if err != nil || delivered != wantDelivered || failed != wantFailed {
		t.Errorf("Drain = %d delivered, %d failed, %v; want %d, %d", delivered, failed, err, wantDelivered, wantFailed)
	}
}

func TestDeliversOnceInOrder(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	w := outbox.NewWorker(st, clock.Now, nil)
	bugs := &recorder{}
	w.Handle("tracker.bug", bugs.deliver)
	enqueue(t, st, "tracker.bug", 1, 2, 3)
	drain(t, w, 3, 0)
	drain(t, w, 0, 0)
	if want := []string{"1", "2", "3"}; !slices.Equal(bugs.got, want) {
		t.Errorf("delivered %v, want %v", bugs.got, want)
	}
}

// A failed delivery waits its backoff, doubling, and is delivered once
// the system answers again; nothing is lost meanwhile.
func TestRetriesWithBackoff(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	w := outbox.NewWorker(st, clock.Now, nil)
	bugs := &recorder{failing: errors.New("503 from the tracker")}
	w.Handle("tracker.bug", bugs.deliver)
	enqueue(t, st, "tracker.bug", "DEV-1")

	drain(t, w, 0, 1)
	clock.Advance(outbox.MinBackoff - time.Millisecond)
	drain(t, w, 0, 0) // not due yet
	clock.Advance(time.Millisecond)
	drain(t, w, 0, 1)
	clock.Advance(outbox.MinBackoff)
	drain(t, w, 0, 0) // the second wait is twice as long
	clock.Advance(outbox.MinBackoff)
	bugs.failing = nil
	drain(t, w, 1, 0)
	if want := []string{`"DEV-1"`}; !slices.Equal(bugs.got, want) {
		t.Errorf("delivered %v, want %v", bugs.got, want)
	}
}

// A topic nobody handles waits, as a failure, for a deployment that does.
func TestUnhandledTopicWaits(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	enqueue(t, st, "tracker.jira", "DEV-2")
	drain(t, outbox.NewWorker(st, clock.Now, nil), 0, 1)
	clock.Advance(outbox.MinBackoff)
	later := outbox.NewWorker(st, clock.Now, nil)
	jira := &recorder{}
	later.Handle("tracker.jira", jira.deliver)
	drain(t, later, 1, 0)
}

// A delivery that hangs holds up no write: the worker runs outside any
// transaction.
func TestSlowDeliveryBlocksNoWrite(t *testing.T) {
	clock := storetest.NewClock(start)
	st := storetest.Open(t, clock.Now)
	w := outbox.NewWorker(st, clock.Now, nil)
	delivering, release := make(chan struct{}), make(chan struct{})
	w.Handle("tracker.bug", func(context.Context, store.Message) error {
		close(delivering)
		<-release
		return nil
	})
	enqueue(t, st, "tracker.bug", "DEV-3")
	done := make(chan error, 1)
	go func() {
		_, _, err := w.Drain(t.Context())
		done <- err
	}()
	<-delivering
	enqueue(t, st, "tracker.bug", "DEV-4") // would wait forever behind a delivery inside a write
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

func TestBackoff(t *testing.T) {
	for attempts, want := range map[int]time.Duration{
		1: outbox.MinBackoff, 2: 2 * outbox.MinBackoff, 3: 4 * outbox.MinBackoff, 9: 2560 * time.Second, 10: outbox.MaxBackoff, 100: outbox.MaxBackoff,
	} {
		if got := outbox.Backoff(attempts); got != want {
			t.Errorf("Backoff(%d) = %s, want %s", attempts, got, want)
		}
	}
}
