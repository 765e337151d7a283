package sqlite

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// A database with no room left, made so for real with max_page_count on
// the write connection: every write fails with support.ErrStorageFull,
// alone or batched with others, none is half kept, and once there is room
// again writes succeed and every write that was acknowledged is there,
// after a reopen too.
func TestStorageFull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "full.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { s.Close() }()
	n := support.NewTicket{Subject: "disk full", Division: "core", Region: "apac-jp", RequesterKind: "internal"}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	tk, _, err := svc(s).CreateTicket(t.Context(), system, n, service.Idempotency{})
	if err != nil {
		t.Fatal(err)
	}
	var pages int
	if err := s.wconn.QueryRowContext(t.Context(), "PRAGMA page_count").Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.wconn.ExecContext(t.Context(), fmt.Sprintf("PRAGMA max_page_count = %d", pages+2)); err != nil {
		t.Fatal(err)
	}

	var (
		mu    sync.Mutex
		acked = map[string]bool{}
		full  int
	)
	comment := func(body string) {
		_, _, err := svc(s).AddComment(t.Context(), system, tk.ID, support.NewComment{Body: body}, service.Idempotency{})
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err == nil:
			acked[body] = true
		case errors.Is(err, support.ErrStorageFull):
			full++
		default:
			t.Errorf("comment %q: %v, want nil or support.ErrStorageFull", body[:12], err)
		}
	}
	filler := strings.Repeat("x", 2000)
	for i := 0; full == 0 && i < 200; i++ {
		comment(fmt.Sprintf("alone %04d %s", i, filler))
	}
	if full == 0 {
		t.Fatal("200 comments of 2 KB fit in two spare pages")
	}
	// Batched: writes queued together share a transaction (see write).
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() { comment(fmt.Sprintf("batch %04d %s", i, filler)) })
	}
	wg.Wait()
	if full < 2 {
		t.Errorf("%d writes failed as full; want the first past the limit and the batched ones", full)
	}

	// Room again.
	if _, err := s.wconn.ExecContext(t.Context(), "PRAGMA max_page_count = 1073741823"); err != nil {
		t.Fatal(err)
	}
	full = 0
	comment("after " + filler)
	if full != 0 || !acked["after "+filler] {
		t.Fatal("a write still fails once there is room")
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if s, err = Open(t.Context(), path); err != nil {
		t.Fatal(err)
	}
	comments, err := s.ListComments(t.Context(), tk.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	kept := map[string]bool{}
	for _, c := range comments {
		kept[c.Body] = true
		if !acked[c.Body] {
			t.Errorf("comment %q is stored but its write failed", c.Body[:12])
		}
	}
	for body := range acked {
		if !kept[body] {
			t.Errorf("acknowledged comment %q is lost", body[:12])
		}
	}
}
