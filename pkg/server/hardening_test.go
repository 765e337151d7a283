package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// mustProblem checks that a raw response is a problem document of the
// given status and type.
func mustProblem(t *testing.T, resp *http.Response, status int, typ string) map[string]any {
	t.Helper()
	body, _ := io.ReadAll(resp.Body)
	if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Errorf("Content-Type %q, want application/problem+json: %s", ct, body)
	}
	var p map[string]any
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, body)
	}
	if resp.StatusCode != status || p["type"] != "urn:supctl:problem:"+typ || p["status"] != float64(status) {
		t.Errorf("%d %s, want %d %s", resp.StatusCode, body, status, typ)
	}
	return p
}

// Input the server used to accept, changing it or dropping part of it
// unseen: it is refused, naming the field when there is one.
func TestQuestionableInputRefused(t *testing.T) {
	f := newFixture(t)
	tok := token(t, f)
	raw := func(method, target, contentType, body string) *http.Response {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		req.Header.Set("Authorization", "Bearer "+tok)
		return f.api.DoUnvalidatedRequest(req)
	}
	ticket := `{"subject":"x","division":"core","region":"apac-jp","requester_kind":"internal"}`
	for _, ct := range []string{"application/json; charset", "application/json;;=", "application/json; charset=latin1"} {
		t.Run("Content-Type "+ct, func(t *testing.T) {
			mustProblem(t, raw("POST", "/api/v1/tickets", ct, ticket), http.StatusUnsupportedMediaType, "unsupported-media-type")
		})
	}
	for _, c := range []struct{ name, body, field string }{
		{"a raw invalid byte", `{"subject":"caf` + "\xe9" + `","division":"core","region":"apac-jp","requester_kind":"internal"}`, "subject"},
		{"an unpaired surrogate", `{"subject":"x","description":"\ud800 broken","division":"core","region":"apac-jp","requester_kind":"internal"}`, "description"},
		{"in a list", `{"subject":"x","division":"core","region":"apac-jp","requester_kind":"internal","tags":["ok","b` + "\xff" + `d"]}`, "tags[1]"},
		{"in a field name", `{"subject":"x","` + "\xc0" + `":1}`, "\xc0"},
	} {
		t.Run("invalid UTF-8, "+c.name, func(t *testing.T) {
			p := mustProblem(t, raw("POST", "/api/v1/tickets", "application/json", c.body), http.StatusBadRequest, "invalid-request")
			if c.field != "\xc0" && p["field"] != c.field {
				t.Errorf("field %v, want %q", p["field"], c.field)
			}
		})
	}
	t.Run("10,001 query parameters", func(t *testing.T) {
		// Past url.ParseQuery's limit every parameter was dropped, the
		// filters with them, and the whole list came back.
		q := "severity=S1" + strings.Repeat("&x=1", 10_000)
		mustProblem(t, raw("GET", "/api/v1/tickets?"+q, "", ""), http.StatusBadRequest, "invalid-request")
	})
	t.Run("a malformed query", func(t *testing.T) {
		mustProblem(t, raw("GET", "/api/v1/tickets?severity=S1&%zz", "", ""), http.StatusBadRequest, "invalid-request")
	})
	for _, email := range []string{"nul\x00@example.com", "bell\a@example.com", "rlo\u202e@moc.elpmaxe"} {
		t.Run(fmt.Sprintf("email %q", email), func(t *testing.T) {
			resp, body := f.admin.JSON("POST", "/api/v1/users", map[string]any{"email": email, "role": "engineer", "region": "apac-jp"})
			mustStatus(t, resp, body, http.StatusUnprocessableEntity)
			n := sparkTicket(f.customer.ID)
			n.RequesterEmail = email
			resp, body = f.engineer.JSON("POST", "/api/v1/tickets", n)
			mustStatus(t, resp, body, http.StatusUnprocessableEntity)
			if !bytes.Contains(body, []byte(`"field":"requester_email"`)) {
				t.Errorf("%s, want the field requester_email", body)
			}
		})
	}
	// What is still fine: a charset of UTF-8 in any case, escaped pairs.
	resp := raw("POST", "/api/v1/tickets", "application/json; charset=UTF-8", `{"subject":"\ud83d\ude00 ok","division":"core","region":"apac-jp","requester_kind":"internal"}`)
	if resp.StatusCode != http.StatusCreated {
		body, _ := io.ReadAll(resp.Body)
		t.Errorf("a valid ticket: %d %s", resp.StatusCode, body)
	}
}

// Paths that are not in their clean form are not found, in a problem
// document: http.ServeMux would redirect them with an HTML page.
func TestUncleanPathsAreProblems(t *testing.T) {
	h := server.New(emptyService(t), nil).Handler()
	for _, path := range []string{"//api/v1/me", "/api/v1/../healthz", "/api/./v1/me", "/api//v1/tickets", "/healthz/.."} {
		t.Run(path, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.URL.Path, req.RequestURI = path, path
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			mustProblem(t, rec.Result(), http.StatusNotFound, "not-found")
			if loc := rec.Header().Get("Location"); loc != "" {
				t.Errorf("Location %q: no redirect wanted", loc)
			}
		})
	}
}

// Headers over the limit are refused with a problem document, through a
// real listener: net/http's own 431 is plain text.
func TestOversizedHeadersAreProblems(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	served := make(chan error, 1)
	go func() {
		served <- server.Serve(ctx, ln, server.New(emptyService(t), nil).Handler(), slog.New(slog.DiscardHandler), time.Second)
	}()
	defer func() {
		cancel()
		if err := <-served; err != nil {
			t.Error(err)
		}
	}()
	req, _ := http.NewRequest("GET", "http://"+ln.Addr().String()+"/healthz", nil)
	req.Header.Set("X-Big", strings.Repeat("b", 70<<10))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	mustProblem(t, resp, http.StatusRequestHeaderFieldsTooLarge, "headers-too-large")
}

// logBuffer is a logger's output, safe for the server's goroutines.
type logBuffer struct {
	mu  chan struct{}
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu <- struct{}{}
	defer func() { <-l.mu }()
	return l.buf.Write(p)
}

// A client that gives up (a timeout, Ctrl-C) is logged as such, as a 499
// at level info, not as a failed request at level error.
func TestClientGoneIsNotAnError(t *testing.T) {
	svc := emptyService(t)
	tok := bootstrap(t, svc)
	logs := &logBuffer{mu: make(chan struct{}, 1)}
	h := server.New(svc, slog.New(slog.NewJSONHandler(logs, nil))).Handler()
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "/api/v1/tickets", nil)
	req.Header.Set("Authorization", "Bearer "+tok)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != 499 {
		t.Errorf("status %d, want 499", rec.Code)
	}
	out := logs.buf.String()
	if strings.Contains(out, `"level":"ERROR"`) || !strings.Contains(out, `"status":499`) {
		t.Errorf("logged\n%s\nwant a 499 and no error", out)
	}
}

// fullStore is a store whose writes fail for want of space while full is
// set, as the SQLite store's do on a full disk: every transaction that
// may write fails, reads work.
type fullStore struct {
	store.Store
	full atomic.Bool
}

func (s *fullStore) InTx(ctx context.Context, fn func(tx store.Tx, now time.Time) error) error {
	if s.full.Load() {
		return fmt.Errorf("write: %w: database or disk is full (13)", support.ErrStorageFull)
	}
	return s.Store.InTx(ctx, fn)
}

// A full disk is a 507 with its own problem type, /readyz says not ready
// while writes fail, and once there is room again writes succeed and
// nothing acknowledged is missing.
func TestStorageFullIsAProblem(t *testing.T) {
	st := &fullStore{Store: storetest.Open(t, nil)}
	svc := service.New(st)
	tok := bootstrap(t, svc)
	c := servertest.NewValidatingClient(t, server.New(svc, nil).Handler()).WithToken(tok)
	resp, body := c.JSON("POST", "/api/v1/tickets", support.NewTicket{Subject: "disk", Division: "core", Region: "apac-jp", RequesterKind: "internal"})
	mustStatus(t, resp, body, http.StatusCreated)
	var tk support.Ticket
	decode(t, body, &tk)
	comments := fmt.Sprintf("/api/v1/tickets/%d/comments", tk.ID)
	resp, body = c.JSON("POST", comments, support.NewComment{Body: "before"})
	mustStatus(t, resp, body, http.StatusCreated)

	st.full.Store(true)
	resp, body = c.JSON("POST", comments, support.NewComment{Body: "lost"})
	mustStatus(t, resp, body, http.StatusInsufficientStorage)
	if typ := problemType(t, body); typ != "urn:supctl:problem:storage-full" {
		t.Errorf("problem type %s", typ)
	}
	resp, body = c.JSON("GET", "/readyz", nil)
	mustStatus(t, resp, body, http.StatusServiceUnavailable)
	if typ := problemType(t, body); typ != "urn:supctl:problem:storage-full" {
		t.Errorf("readyz problem type %s", typ)
	}
	resp, body = c.JSON("GET", "/api/v1/tickets/"+fmt.Sprint(tk.ID), nil)
	mustStatus(t, resp, body, http.StatusOK)

	st.full.Store(false)
	resp, body = c.JSON("POST", comments, support.NewComment{Body: "after"})
	mustStatus(t, resp, body, http.StatusCreated)
	resp, body = c.JSON("GET", "/readyz", nil)
	mustStatus(t, resp, body, http.StatusOK)
	resp, body = c.JSON("GET", comments, nil)
	mustStatus(t, resp, body, http.StatusOK)
	var list struct {
		Comments []support.Comment `json:"comments"`
	}
	decode(t, body, &list)
	var bodies []string
	for _, cm := range list.Comments {
		bodies = append(bodies, cm.Body)
	}
	if strings.Join(bodies, ",") != "before,after" {
		t.Errorf("comments %q, want before and after", bodies)
	}
}
