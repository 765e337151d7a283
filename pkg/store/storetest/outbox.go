package storetest

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// enqueue writes messages of topic in one transaction, which fails with
// fail when it is not nil.
func (e *env) enqueue(topic string, payloads []any, fail error) error {
	return e.st.InTx(e.ctx, func(tx store.Tx, now time.Time) error {
		for _, p := range payloads {
			if err := tx.Enqueue(e.ctx, topic, p, now); err != nil {
				return err
			}
		}
		return fail
	})
}

func (e *env) due(limit int) []store.Message {
	e.t.Helper()
	due, err := e.st.DueMessages(e.ctx, e.clock.Now(), limit)
	if err != nil {
		e.t.Fatal(err)
	}
	return due
}

func topicsOf(ms []store.Message) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Topic + ":" + string(m.Payload)
	}
	return out
}

func testOutbox(t *testing.T, e *env) {
	// A message is written with its change, or not at all.
	failed := errors.New("the change failed")
	if err := e.enqueue("tracker.bug", []any{map[string]int{"ticket": 1}}, failed); !errors.Is(err, failed) {
		t.Fatalf("failing transaction: %v", err)
	}
	wantEqual(t, "messages of a failed change", len(e.due(10)), 0)

	created := e.clock.Now()
	if err := e.enqueue("tracker.bug", []any{map[string]int{"ticket": 1}, map[string]int{"ticket": 2}}, nil); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(time.Second)
	if err := e.enqueue("mail", []any{"hello"}, nil); err != nil {
		t.Fatal(err)
	}
	due := e.due(10)
	wantEqual(t, "due, oldest first", topicsOf(due), []string{`tracker.bug:{"ticket":1}`, `tracker.bug:{"ticket":2}`, `mail:"hello"`})
	first := due[0]
	wantEqual(t, "first message", store.Message{ID: first.ID, Topic: "tracker.bug", Payload: json.RawMessage(`{"ticket":1}`),
		CreatedAt: created, NextAttemptAt: created}, first)
	wantEqual(t, "limit", topicsOf(e.due(2)), topicsOf(due[:2]))

	// Delivered: never handed out again.
	if err := e.st.Delivered(e.ctx, first.ID, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "after a delivery", topicsOf(e.due(10)), topicsOf(due[1:]))

	// Failed: counted, and due again at its retry time, not before.
	retry := e.clock.Now().Add(time.Minute)
	if err := e.st.Failed(e.ctx, due[1].ID, "tracker answered 503", retry); err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "after a failure", topicsOf(e.due(10)), topicsOf(due[2:]))
	e.clock.Advance(time.Minute)
	again := e.due(10)
	wantEqual(t, "at the retry time", topicsOf(again), []string{`tracker.bug:{"ticket":2}`, `mail:"hello"`})
	wantEqual(t, "failed message", again[0].Attempts, 1)
	wantEqual(t, "failed message's error", again[0].LastError, "tracker answered 503")
	wantEqual(t, "failed message's next attempt", again[0].NextAttemptAt, retry)
}
