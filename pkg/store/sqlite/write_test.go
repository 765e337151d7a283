package sqlite

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// system is who makes the tests' changes.
var system = support.User{Email: "system", Role: support.RoleAdmin}

// svc is the service over s, which makes its changes.
func svc(s *Store) *service.Service { return service.New(s) }

func openTest(t *testing.T) *Store {
	t.Helper()
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "write.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// holdWriter keeps the writer busy in a write of its own until release is
// called, so that writes queue meanwhile.
func holdWriter(t *testing.T, s *Store) (release func()) {
	t.Helper()
	started, hold, done := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		done <- s.write(t.Context(), func(*txn, time.Time) error {
			close(started)
			<-hold
			return nil
		})
	}()
	<-started
	return func() {
		close(hold)
		if err := <-done; err != nil {
			t.Errorf("holding write: %v", err)
		}
	}
}

// waitQueued returns once n writes wait for the writer.
func waitQueued(s *Store, n int) {
	for {
		s.mu.Lock()
		queued := len(s.queue)
		s.mu.Unlock()
		if queued == n {
			return
		}
		runtime.Gosched()
	}
}

// Writes queued together share a transaction; one that fails after making
// changes, by returning an error or by panicking, must leave no trace and
// must not fail the others; its caller gets the error or the panic.
func TestQueuedWritesFailAlone(t *testing.T) {
	errFailed := errors.New("failed after its insert")
	for name, fail := range map[string]func() error{
		"error": func() error { return errFailed },
		"panic": func() error { panic(errFailed) },
	} {
		t.Run(name, func(t *testing.T) {
			s := openTest(t)
			emails := []string{"a@example.com", "failing@example.com", "b@example.com"}
			errs := make(chan error, len(emails))
			release := holdWriter(t, s)
			for _, email := range emails {
				go func() {
					defer func() {
						if v := recover(); v != nil {
							errs <- v.(error)
						}
					}()
					errs <- s.write(t.Context(), func(tx *txn, now time.Time) error {
						if _, err := tx.ExecContext(t.Context(), `INSERT INTO users (email, role, created_at) VALUES (?, 'engineer', ?)`,
							email, now.UnixMilli()); err != nil {
							return err
						}
						if strings.HasPrefix(email, "failing") {
							return fail()
						}
						return nil
					})
				}()
			}
			waitQueued(s, len(emails))
			release() // the three join the holding write's transaction
			var failed int
			for range emails {
				if err := <-errs; errors.Is(err, errFailed) {
					failed++
				} else if err != nil {
					t.Errorf("write: %v", err)
				}
			}
			if failed != 1 {
				t.Errorf("%d writes failed, want 1", failed)
			}
			// The writer goes on.
			if _, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "c@example.com", Role: "engineer", Region: "apac-jp"}); err != nil {
				t.Fatalf("a write after the failed one: %v", err)
			}
			users, err := s.ListUsers(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, u := range users {
				got = append(got, u.Email)
			}
			slices.Sort(got)
			if want := []string{"a@example.com", "b@example.com", "c@example.com"}; !slices.Equal(got, want) {
				t.Errorf("users = %v, want %v", got, want)
			}
		})
	}
}

// A write queued while a transaction runs joins it and shares its commit.
func TestQueuedWriteJoinsRunningTransaction(t *testing.T) {
	s := openTest(t)
	txs := make(chan *txn, 2)
	record := func(tx *txn, _ time.Time) error {
		txs <- tx
		return nil
	}
	joined := make(chan error, 1)
	err := s.write(t.Context(), func(tx *txn, now time.Time) error {
		go func() { joined <- s.write(t.Context(), record) }()
		waitQueued(s, 1)
		return record(tx, now)
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := <-joined; err != nil {
		t.Fatal(err)
	}
	if first, second := <-txs, <-txs; first != second {
		t.Error("the queued write ran in a transaction of its own")
	}
}

// A write that runs alone, with no savepoint, must leave no trace either.
func TestLoneWriteFailsWithoutTrace(t *testing.T) {
	s := openTest(t)
	errFailed := errors.New("failed after its insert")
	err := s.write(t.Context(), func(tx *txn, now time.Time) error {
		if _, err := tx.ExecContext(t.Context(), `INSERT INTO users (email, role, created_at) VALUES ('lone@example.com', 'engineer', ?)`,
			now.UnixMilli()); err != nil {
			return err
		}
		return errFailed
	})
	if !errors.Is(err, errFailed) {
		t.Fatalf("write: %v, want %v", err, errFailed)
	}
	users, err := s.ListUsers(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 0 {
		t.Errorf("users = %+v, want none", users)
	}
}

// A write whose context ends while it waits is withdrawn and never runs.
func TestQueuedWriteWithdrawn(t *testing.T) {
	s := openTest(t)
	release := holdWriter(t, s)
	ctx, cancel := context.WithCancel(t.Context())
	errs := make(chan error, 1)
	go func() {
		_, err := svc(s).CreateUser(ctx, system, support.User{Email: "late@example.com", Role: "engineer", Region: "apac-jp"})
		errs <- err
	}()
	waitQueued(s, 1)
	cancel()
	if err := <-errs; !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled write: error %v, want context.Canceled", err)
	}
	waitQueued(s, 0)
	release()
	if _, err := s.UserByEmail(t.Context(), "late@example.com"); !errors.Is(err, support.ErrNotFound) {
		t.Errorf("withdrawn write took place: lookup error %v", err)
	}
}

// Without a BreachFunc no ticket has a breach, and there is none to
// refresh.
func TestNoBreachFunc(t *testing.T) {
	s := openTest(t)
	n := support.NewTicket{Subject: "no clock", Division: "core", Region: "apac-jp", RequesterKind: "internal"}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	tk, _, err := svc(s).CreateTicket(t.Context(), system, n, service.Idempotency{})
	if err != nil || tk.NextBreach != nil {
		t.Fatalf("CreateTicket = breach %v, %v; want none", tk.NextBreach, err)
	}
	if n, err := svc(s).RefreshBreaches(t.Context()); n != 0 || err != nil {
		t.Errorf("RefreshBreaches = %d, %v; want 0, nil", n, err)
	}
}

// The checkpointer copies the log back into the database while the store
// is open: commits no longer do, and without it the log would only grow.
func TestCheckpointsWhileOpen(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "checkpoint.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	type checkpoint struct{ logged, copied int }
	done := make(chan checkpoint, 1)
	// Set before the first write, whose commit wakes the checkpointer.
	s.ckpt.after = func(logged, copied int) {
		select {
		case done <- checkpoint{logged, copied}:
		default:
		}
	}
	if _, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "ken@example.com", Role: "engineer", Region: "apac-jp"}); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-done:
		if c.logged == 0 || c.copied != c.logged {
			t.Errorf("checkpoint copied %d of %d pages; want all of them, and some", c.copied, c.logged)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no checkpoint within 10 s of a commit")
	}
}

// Closing waits for the writes already queued; a write asked of a closed
// store fails at once instead of waiting for a writer that is gone.
func TestWriteAfterClose(t *testing.T) {
	s := openTest(t)
	release := holdWriter(t, s)
	queued := make(chan error, 1)
	go func() {
		_, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "queued@example.com", Role: "engineer", Region: "apac-jp"})
		queued <- err
	}()
	waitQueued(s, 1)
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	release()
	if err := <-queued; err != nil {
		t.Errorf("write queued before Close: %v", err)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "late@example.com", Role: "engineer", Region: "apac-jp"}); !errors.Is(err, errClosed) {
		t.Errorf("write after Close: error %v, want %v", err, errClosed)
	}
}
