package view

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// guard is the context a test's server waits under instead of forever: it
// ends a little before the test binary's deadline, so that a request
// that never gets its turn fails the test instead of hanging it.
func guard(t *testing.T) context.Context {
	t.Helper()
	deadline, ok := t.Deadline()
	if !ok {
		return t.Context()
	}
	ctx, cancel := context.WithDeadline(t.Context(), deadline.Add(-5*time.Second))
	t.Cleanup(cancel)
	return ctx
}

// proxy is a server in front of the demo backend of f: handle answers
// each request, and forward passes one on to the backend. f is pointed at
// the server.
func proxy(t *testing.T, f *cmdutil.Factory, handle func(w http.ResponseWriter, r *http.Request, forward func())) {
	t.Helper()
	backend, err := f.APIClient()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		handle(w, r, func() {
			resp, data, err := backend.Raw(r.Context(), api.Request{Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone()})
			cmdtest.Relay(w, resp, data, err)
		})
	}))
	t.Cleanup(srv.Close)
	client := api.New(srv.URL, srv.Client(), "")
	f.APIClient = func() (*api.Client, error) { return client, nil }
}

// await reports whether wait returned before ctx ended.
func await(ctx context.Context, wait func()) bool {
	done := make(chan struct{})
	go func() { wait(); close(done) }()
	select {
	case <-done:
		return true
	case <-ctx.Done():
		return false
	}
}

// serverError answers a request with a problem of the API.
func serverError(w http.ResponseWriter, detail string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = io.WriteString(w, `{"type":"urn:supctl:problem:internal","title":"Internal Server Error","status":500,"detail":"`+detail+`"}`)
}

// suffix is what a request's path names after the ticket: "", "comments",
// "sla" or "events".
func suffix(r *http.Request, id int64) string {
	return strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, "/api/v1/tickets/"+strconv.FormatInt(id, 10)), "/")
}

// TestViewRequestsAtOnce: the view's requests are all in flight together.
// The server holds every request until all those the view needs have
// arrived; made one after another, the first would wait for the others
// forever (until the guard gives up on it).
func TestViewRequestsAtOnce(t *testing.T) {
	for _, c := range []struct {
		args []string
		want []string // the requests, by suffix
	}{
		{[]string{"--comments", "--history"}, []string{"", "comments", "events", "sla"}},
		{[]string{"--comments"}, []string{"", "comments", "sla"}},
		{[]string{}, []string{"", "sla"}},
		{[]string{"--json", "id,status"}, []string{"", "sla"}},
		{[]string{"--json", "id,comments"}, []string{"", "comments", "sla"}},
	} {
		t.Run(strings.Join(append([]string{"view"}, c.args...), " "), func(t *testing.T) {
			f, io := cmdtest.Factory(t, false)
			tk := ticketWithNotes(t, f)
			wait := guard(t)
			var mu sync.Mutex
			var got []string
			all := make(chan struct{})
			proxy(t, f, func(w http.ResponseWriter, r *http.Request, forward func()) {
				mu.Lock()
				got = append(got, suffix(r, tk.ID))
				if len(got) == len(c.want) {
					close(all)
				}
				n := len(got)
				mu.Unlock()
				if n > len(c.want) {
					forward() // one too many: the check below names it
					return
				}
				select {
				case <-all:
					forward()
				case <-wait.Done():
					http.Error(w, "the other requests of the view never came", http.StatusGatewayTimeout)
				}
			})
			if err := cmdtest.Run(NewCmdView(f, nil), append([]string{shared.Ref(tk.ID)}, c.args...)...); err != nil {
				t.Fatal(err)
			}
			mu.Lock()
			defer mu.Unlock()
			slices.Sort(got)
			if !slices.Equal(got, c.want) {
				t.Errorf("requests %q, want %q", got, c.want)
			}
			if !strings.Contains(io.Out.String(), strconv.FormatInt(tk.ID, 10)) {
				t.Errorf("the view lacks the ticket:\n%s", io.Out.String())
			}
		})
	}
}

// TestViewMissingTicketWinsOverFailingSiblings: when the ticket is not
// found, the view says so, though its other requests failed too and
// answered first.
func TestViewMissingTicketWinsOverFailingSiblings(t *testing.T) {
	const id = 99999999
	f, _ := cmdtest.Factory(t, false)
	backend, _ := f.APIClient()
	_, want := backend.Ticket(t.Context(), id)
	var wantHTTP *api.HTTPError
	if !errors.As(want, &wantHTTP) || wantHTTP.StatusCode != http.StatusNotFound {
		t.Fatalf("the demo backend answers ticket %d with %v, want a 404", id, want)
	}
	wait := guard(t)
	// Every request waits for all four to arrive; then the others fail,
	// and the ticket's answer comes once they have.
	var arrived, failed sync.WaitGroup
	arrived.Add(4)
	failed.Add(3)
	proxy(t, f, func(w http.ResponseWriter, r *http.Request, forward func()) {
		arrived.Done()
		if !await(wait, arrived.Wait) {
			http.Error(w, "the other requests of the view never came", http.StatusGatewayTimeout)
			return
		}
		if s := suffix(r, id); s != "" {
			defer failed.Done()
			serverError(w, "the "+s+" are unavailable")
			return
		}
		if !await(wait, failed.Wait) {
			http.Error(w, "the other requests never failed", http.StatusGatewayTimeout)
			return
		}
		forward()
	})
	err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(id), "--comments", "--history")
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusNotFound || err.Error() != want.Error() {
		t.Fatalf("err = %v, want the ticket's 404: %v", err, want)
	}
	if got, want := cmdutil.CodeOf(err), cmdutil.CodeOf(want); got != want {
		t.Errorf("exit %d, want %d", got, want)
	}
}

// TestViewFailingRequestCancelsTheOthers: when the SLA request fails, the
// comments and events requests still waiting are cancelled, and the error
// is the SLA's, not a cancellation's.
func TestViewFailingRequestCancelsTheOthers(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	tk := ticketWithNotes(t, f)
	wait := guard(t)
	cancelled := map[string]chan struct{}{"comments": make(chan struct{}), "events": make(chan struct{})}
	// The SLA request fails once all four have arrived: none of the
	// others can be cancelled before it is on the server.
	var arrived sync.WaitGroup
	arrived.Add(4)
	proxy(t, f, func(w http.ResponseWriter, r *http.Request, forward func()) {
		arrived.Done()
		if !await(wait, arrived.Wait) {
			http.Error(w, "the other requests of the view never came", http.StatusGatewayTimeout)
			return
		}
		switch s := suffix(r, tk.ID); s {
		case "":
			forward()
		case "sla":
			serverError(w, "the SLA clocks are unavailable")
		default:
			select {
			case <-r.Context().Done():
				close(cancelled[s])
			case <-wait.Done():
				http.Error(w, "the "+s+" request was never cancelled", http.StatusGatewayTimeout)
			}
		}
	})
	err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments", "--history")
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusInternalServerError || err.Error() != "the SLA clocks are unavailable" {
		t.Fatalf("err = %v, want the SLA request's", err)
	}
	// The client gave up on the waiting requests; their handlers see it
	// once the server notices the closed connections.
	for _, s := range []string{"comments", "events"} {
		select {
		case <-cancelled[s]:
		case <-wait.Done():
			t.Errorf("the %s request was not cancelled", s)
		}
	}
}
