package api_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/support"
)

const token = "sup_SECRET0123456789"

// recorder is a server that records every request it gets and answers
// each as the API answers a read or a write that worked, so that a
// client following a redirect to it would see success.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []string // "METHOD path auth=<Authorization>"
}

func newRecorder(t *testing.T) *recorder {
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, fmt.Sprintf("%s %s auth=%s", req.Method, req.URL.Path, req.Header.Get("Authorization")))
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if req.Method == http.MethodPost {
			w.WriteHeader(http.StatusCreated)
		}
		_, _ = io.WriteString(w, `{"id":1,"version":1,"subject":"x"}`)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) requests() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.seen...)
}

// redirector answers every request with status and a Location on target.
func redirector(t *testing.T, status int, target string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.Redirect(w, req, target+req.URL.RequestURI(), status)
	}))
	t.Cleanup(srv.Close)
	return srv
}

var redirects = []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect}

// writes are the calls of ticket create, comment and update.
var writes = map[string]func(*api.Client) error{
	"create": func(c *api.Client) error {
		_, err := c.CreateTicket(context.Background(), support.NewTicket{Subject: "x"}, "key-1")
		return err
	},
	"comment": func(c *api.Client) error {
		_, err := c.AddComment(context.Background(), 1, support.NewComment{Body: "x"}, "key-2")
		return err
	},
	"update": func(c *api.Client) error {
		_, err := c.UpdateTicket(context.Background(), 1, support.TicketPatch{})
		return err
	},
}

// A write behind a redirect (an http:// address behind a proxy that sends
// everything to https://) fails naming the target, and the target, another
// origin, gets nothing: no write turned into a GET, no token.
func TestWriteBehindRedirectIsNotDone(t *testing.T) {
	for _, status := range redirects {
		for name, write := range writes {
			t.Run(fmt.Sprintf("%d %s", status, name), func(t *testing.T) {
				target := newRecorder(t)
				front := redirector(t, status, target.URL)
				err := write(api.New(front.URL, nil, token).WithProfile("tokyo"))
				var re *api.RedirectError
				if !errors.As(err, &re) {
					t.Fatalf("error %v (%T), want a *api.RedirectError", err, err)
				}
				if re.StatusCode != status || !strings.HasPrefix(re.Location, target.URL+"/api/v1/tickets") || re.Profile != "tokyo" {
					t.Errorf("RedirectError %+v, want status %d to %s", re, status, target.URL)
				}
				if !strings.Contains(err.Error(), target.URL) || !strings.Contains(err.Error(), "nothing was written") {
					t.Errorf("message %q names neither the target nor the outcome", err)
				}
				if got := target.requests(); len(got) != 0 {
					t.Errorf("the redirect's target got %q", got)
				}
			})
		}
	}
}

// A read follows a redirect within its origin, with the token, but not to
// another origin, even the same host on another port.
func TestReadRedirects(t *testing.T) {
	t.Run("same origin", func(t *testing.T) {
		var auth []string
		mux := http.NewServeMux()
		mux.HandleFunc("GET /old/api/v1/me", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "/api/v1/me", http.StatusMovedPermanently)
		})
		mux.HandleFunc("GET /api/v1/me", func(w http.ResponseWriter, r *http.Request) {
			auth = append(auth, r.Header.Get("Authorization"))
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"id":7,"email":"ken@example.com"}`)
		})
		srv := httptest.NewServer(mux)
		defer srv.Close()
		me, err := api.New(srv.URL+"/old", nil, token).Me(context.Background())
		if err != nil || me.Email != "ken@example.com" {
			t.Fatalf("Me = %+v, %v", me, err)
		}
		if len(auth) != 1 || auth[0] != "Bearer "+token {
			t.Errorf("Authorization after the redirect: %q", auth)
		}
	})
	for _, status := range redirects {
		t.Run(fmt.Sprintf("%d to another port", status), func(t *testing.T) {
			target := newRecorder(t)
			front := redirector(t, status, target.URL)
			_, err := api.New(front.URL, nil, token).Me(context.Background())
			var re *api.RedirectError
			if !errors.As(err, &re) || re.Write() {
				t.Fatalf("error %v, want a *api.RedirectError of a read", err)
			}
			if got := re.TargetOrigin(); got != mustOrigin(t, target.URL) {
				t.Errorf("TargetOrigin = %q, want %q", got, mustOrigin(t, target.URL))
			}
			if got := target.requests(); len(got) != 0 {
				t.Errorf("the other origin got %q", got)
			}
		})
	}
}

// Go's own client sends the Authorization header on to the same host on
// another port: the reason the client refuses cross-origin redirects
// itself instead of relying on it.
func TestGoKeepsAuthorizationOnAnotherPort(t *testing.T) {
	target := newRecorder(t)
	front := redirector(t, http.StatusFound, target.URL)
	req, _ := http.NewRequest(http.MethodGet, front.URL+"/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	got := target.requests()
	if len(got) != 1 || !strings.HasSuffix(got[0], "auth=Bearer "+token) {
		t.Fatalf("target got %q; if Go now drops the header across ports, this test can go", got)
	}
}

// A redirect with no Location is an error too, not an empty success.
func TestRedirectWithoutLocation(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusFound)
	}))
	defer srv.Close()
	_, err := api.New(srv.URL, nil, token).CreateTicket(context.Background(), support.NewTicket{}, "")
	var re *api.RedirectError
	if !errors.As(err, &re) || re.Location != "" || err.Error() != "POST /api/v1/tickets answered 302, a redirect to nowhere (no Location); nothing was written" {
		t.Fatalf("error %v, want a *api.RedirectError without a location", err)
	}
}

// A write succeeds only on the answer the spec promises for it: its
// status, JSON, and the thing written in it.
func TestWriteNeedsThePromisedAnswer(t *testing.T) {
	cases := []struct {
		name        string
		status      int
		contentType string
		body        string
		ok          bool
	}{
		{"the API's answer", http.StatusCreated, "application/json", `{"id":42,"version":1}`, true},
		{"a proxy's HTML page", http.StatusOK, "text/html", `<html>welcome</html>`, false},
		{"JSON with no ticket", http.StatusCreated, "application/json", `{}`, false},
		{"another 2xx", http.StatusOK, "application/json", `{"id":42,"version":1}`, false},
		{"no body", http.StatusCreated, "application/json", ``, false},
		{"JSON labelled as text", http.StatusCreated, "text/plain", `{"id":42}`, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", c.contentType)
				w.WriteHeader(c.status)
				_, _ = io.WriteString(w, c.body)
			}))
			defer srv.Close()
			tk, err := api.New(srv.URL, nil, token).CreateTicket(context.Background(), support.NewTicket{Subject: "x"}, "")
			if c.ok {
				if err != nil || tk.ID != 42 {
					t.Fatalf("CreateTicket = %d, %v; want 42", tk.ID, err)
				}
				return
			}
			var ue *api.UnexpectedResponseError
			if !errors.As(err, &ue) {
				t.Fatalf("error %v (%T), want a *api.UnexpectedResponseError", err, err)
			}
			if !strings.Contains(err.Error(), "201 with the new ticket in JSON") || !strings.Contains(err.Error(), "may not have been written") {
				t.Errorf("message %q", err)
			}
		})
	}
}

// queue next's 204 (nothing to pick) is a success with no body.
func TestNextNothingToPick(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	_, ok, err := api.New(srv.URL, nil, token).Next(context.Background(), support.NextRequest{})
	if err != nil || ok {
		t.Fatalf("Next = %v, %v; want nothing picked and no error", ok, err)
	}
}

func TestOrigin(t *testing.T) {
	for in, want := range map[string]string{
		"https://Support.Example.com":          "https://support.example.com:443",
		"https://support.example.com:443/x":    "https://support.example.com:443",
		"http://support.example.com":           "http://support.example.com:80",
		"http://127.0.0.1:7420":                "http://127.0.0.1:7420",
		"http://[::1]:7420/api":                "http://[::1]:7420",
		"HTTPS://support.example.com:8443?q=1": "https://support.example.com:8443",
	} {
		if got := mustOrigin(t, in); got != want {
			t.Errorf("OriginOf(%q) = %q, want %q", in, got, want)
		}
	}
	if _, err := api.OriginOf("localhost:7420"); err == nil {
		t.Error("OriginOf(localhost:7420) has no error")
	}
}

func mustOrigin(t *testing.T, raw string) string {
	t.Helper()
	o, err := api.OriginOf(raw)
	if err != nil {
		t.Fatal(err)
	}
	return o
}
