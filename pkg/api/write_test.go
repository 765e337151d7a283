package api_test

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/support"
)

// Every write carries an Idempotency-Key: the caller's, or a new one per
// call; reads carry none.
func TestWritesCarryIdempotencyKey(t *testing.T) {
	var mu sync.Mutex
	keys := map[string]string{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		keys[r.Method+" "+r.URL.Path] = r.Header.Get("Idempotency-Key")
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet:
			_, _ = w.Write([]byte(`{"id":1}`))
		case strings.HasSuffix(r.URL.Path, "/claim"):
			_, _ = w.Write([]byte(`{"id":1}`))
		default:
			w.WriteHeader(http.StatusCreated)
			_, _ = w.Write([]byte(`{"id":9}`))
		}
	}))
	defer srv.Close()
	c := api.New(srv.URL, nil, "")
	if _, err := c.Ticket(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Claim(t.Context(), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddComment(t.Context(), 1, support.NewComment{Body: "x"}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateTicket(t.Context(), support.NewTicket{Subject: "x"}, "mine"); err != nil {
		t.Fatal(err)
	}
	if k := keys["GET /api/v1/tickets/1"]; k != "" {
		t.Errorf("a read carried key %q", k)
	}
	claim, comment := keys["POST /api/v1/tickets/1/claim"], keys["POST /api/v1/tickets/1/comments"]
	if len(claim) != 36 || len(comment) != 36 || claim == comment {
		t.Errorf("made-up keys %q and %q, want two UUIDs", claim, comment)
	}
	if k := keys["POST /api/v1/tickets"]; k != "mine" {
		t.Errorf("the caller's key was sent as %q", k)
	}
}

// A write whose answer does not come within the client's timeout is a
// *TransportError that knows it timed out, what was sent and with which
// key, and says it got no answer.
func TestTimedOutWrite(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	c := api.New(srv.URL, &http.Client{Timeout: 20 * time.Millisecond}, "").WithProfile("tokyo")
	_, err := c.Claim(t.Context(), 7)
	var te *api.TransportError
	if !errors.As(err, &te) || !te.TimedOut() || !te.IsWrite() {
		t.Fatalf("error %#v, want a timed-out write", err)
	}
	if te.Method != http.MethodPost || te.Path != "/api/v1/tickets/7/claim" || len(te.Key) != 36 || !strings.Contains(te.SafeRetry, "claiming it again is safe") {
		t.Errorf("%+v", te)
	}
	if want := "no answer from " + srv.URL + " (profile tokyo) within 20ms"; err.Error() != want {
		t.Errorf("message %q, want %q", err, want)
	}
	_, err = c.Ticket(t.Context(), 7)
	if !errors.As(err, &te) || !te.TimedOut() || te.IsWrite() {
		t.Errorf("read: %v", err)
	}
}
