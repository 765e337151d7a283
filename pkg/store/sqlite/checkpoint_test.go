package sqlite

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// walBound is the most the write-ahead log may hold at any time: walLimit,
// past which a commit waits for the log to be emptied, and the pages of the
// one transaction that crossed it.
const walBound = walLimit + 2<<20

// The log stays under walBound through 10,000 writes of about 500 bytes
// while readers keep reading: a PASSIVE checkpoint never rewinds a log that
// readers are using, and the log used to grow to about 18 KB a write.
// What decides a checkpoint here is the size of the log, not the time, so
// the run does not depend on the machine's speed.
func TestLogBoundedUnderLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "wal.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n := support.NewTicket{Subject: "a long conversation", Division: "core", Region: "apac-jp", RequesterKind: "internal"}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	tk, _, err := svc(s).CreateTicket(t.Context(), system, n, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}

	const writes, writers = 10_000, 8
	body := strings.Repeat("The nightly job failed again with the same stack trace. ", 9) // about 500 bytes
	var next, largest atomic.Int64
	var writing sync.WaitGroup
	var reading sync.WaitGroup
	done := make(chan struct{})
	for range 2 {
		reading.Go(func() {
			for {
				select {
				case <-done:
					return
				default:
				}
				if _, err := s.Ticket(t.Context(), tk.ID); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range writers {
		writing.Go(func() {
			for next.Add(1) <= writes {
				if _, _, err := svc(s).AddComment(t.Context(), system, tk.ID, support.NewComment{Body: body}, service.Idempotency{}); err != nil {
					t.Error(err)
					return
				}
				if fi, err := os.Stat(path + "-wal"); err == nil {
					for old := largest.Load(); fi.Size() > old && !largest.CompareAndSwap(old, fi.Size()); old = largest.Load() {
					}
				}
			}
		})
	}
	writing.Wait()
	close(done)
	reading.Wait()

	t.Logf("the log peaked at %.2f MiB over %d writes", mib(largest.Load()), writes)
	if got := largest.Load(); got > walBound {
		t.Errorf("the log reached %.1f MiB over %d writes; want at most %.1f MiB", mib(got), writes, mib(walBound))
	}
	comments, err := s.ListComments(t.Context(), tk.ID, true)
	if err != nil || len(comments) != writes {
		t.Errorf("ListComments = %d comments, %v; want %d", len(comments), err, writes)
	}
}

func mib(n int64) float64 { return float64(n) / (1 << 20) }
