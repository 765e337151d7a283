package storetest

import (
	"errors"
	"fmt"
	"sync"
	"testing"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

func testIdempotentCreate(t *testing.T, e *env) {
	key := service.Idempotency{Key: "k-1", Fingerprint: "fp-1"}
	first, replayed, err := e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(), key)
	if err != nil || replayed {
		t.Fatalf("first create: replayed %v, %v", replayed, err)
	}
	again, replayed, err := e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(), key)
	if err != nil || !replayed {
		t.Fatalf("retry: replayed %v, %v; want the first ticket replayed", replayed, err)
	}
	wantEqual(t, "replayed ticket", again, first)

	_, _, err = e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(), service.Idempotency{Key: "k-1", Fingerprint: "fp-2"})
	wantIs(t, "key reused for another request", err, support.ErrIdempotencyMismatch)
	_, _, err = e.s.AddComment(e.ctx, e.as(e.ken), first.ID, support.NewComment{Body: "hi"}, key)
	wantIs(t, "ticket key reused for a comment", err, support.ErrIdempotencyMismatch)
	wantEqual(t, "tickets after retries", ids(e.all(support.TicketFilter{})), []int64{first.ID})
	wantEqual(t, "events after retries", len(e.events("ticket", first.ID)), 1)

	// Keys belong to their user; no key means no deduplication.
	other, replayed, err := e.s.CreateTicket(e.ctx, e.as(e.ana), e.newTicket(), key)
	if err != nil || replayed || other.ID == first.ID {
		t.Errorf("same key, other user: ticket %d replayed %v, %v; want a new ticket", other.ID, replayed, err)
	}
	a, b := e.ticket(), e.ticket()
	if a.ID == b.ID {
		t.Errorf("two creates without a key made one ticket")
	}
}

func testIdempotentComment(t *testing.T, e *env) {
	tk := e.ticket()
	key := service.Idempotency{Key: "c-1", Fingerprint: "fp-1"}
	body := support.NewComment{Body: "Restarting the ZKFC fixed it."}
	first, replayed, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, body, key)
	if err != nil || replayed {
		t.Fatalf("first comment: replayed %v, %v", replayed, err)
	}
	again, replayed, err := e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, body, key)
	if err != nil || !replayed {
		t.Fatalf("retry: replayed %v, %v; want the first comment replayed", replayed, err)
	}
	wantEqual(t, "replayed comment", again, first)
	_, _, err = e.s.AddComment(e.ctx, e.as(e.ken), tk.ID, support.NewComment{Body: "other"}, service.Idempotency{Key: "c-1", Fingerprint: "fp-2"})
	wantIs(t, "key reused for another comment", err, support.ErrIdempotencyMismatch)
	_, _, err = e.s.CreateTicket(e.ctx, e.as(e.ken), e.newTicket(), key)
	wantIs(t, "comment key reused for a ticket", err, support.ErrIdempotencyMismatch)

	comments, err := e.st.ListComments(e.ctx, tk.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "comments after retries", comments, []support.Comment{first})
	wantEqual(t, "events after retries", len(e.events("ticket", tk.ID)), 2)
}

// concurrently runs fn n times at once and returns each call's error.
func concurrently(n int, fn func(i int) error) []error {
	errs := make([]error, n)
	var ready, done sync.WaitGroup
	ready.Add(1)
	for i := range n {
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Wait()
			errs[i] = fn(i)
		}()
	}
	ready.Done()
	done.Wait()
	return errs
}

func testConcurrentIdempotentCreate(t *testing.T, e *env) {
	const n = 32
	key := service.Idempotency{Key: "burst", Fingerprint: "fp"}
	nt := e.newTicket()
	made := make([]support.Ticket, n)
	replays := make([]bool, n)
	errs := concurrently(n, func(i int) (err error) {
		made[i], replays[i], err = e.s.CreateTicket(e.ctx, e.as(e.ken), nt, key)
		return err
	})
	fresh := 0
	for i := range n {
		if errs[i] != nil {
			t.Fatalf("call %d: %v", i, errs[i])
		}
		if !replays[i] {
			fresh++
		}
		if made[i].ID != made[0].ID {
			t.Errorf("call %d made ticket %d, call 0 made %d", i, made[i].ID, made[0].ID)
		}
	}
	wantEqual(t, "calls that created", fresh, 1)
	wantEqual(t, "tickets", len(e.all(support.TicketFilter{})), 1)
}

func testConcurrentUpdates(t *testing.T, e *env) {
	const n = 32
	tk := e.ticket()
	errs := concurrently(n, func(i int) error {
		_, err := e.s.UpdateTicket(e.ctx, e.as(e.ken), tk.ID, support.TicketPatch{Subject: ptr(fmt.Sprintf("subject %d", i)), Version: ptr(1)})
		return err
	})
	won := 0
	for i, err := range errs {
		var conflict *support.ConflictError
		switch {
		case err == nil:
			won++
		case errors.As(err, &conflict):
			if conflict.Current != 2 || conflict.Wanted != 1 {
				t.Errorf("call %d: %+v, want Current 2, Wanted 1", i, conflict)
			}
		default:
			t.Errorf("call %d: %v, want success or a conflict", i, err)
		}
	}
	wantEqual(t, "updates that won", won, 1)
	wantEqual(t, "final version", e.get(tk.ID).Version, 2)
	wantEqual(t, "events", len(e.events("ticket", tk.ID)), 2)
}
