package servertest_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/support"
)

// recorder is a testing.TB that collects errors instead of failing, so a
// test can assert that the client reports a contract breach.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

var created = time.Date(2025, 3, 4, 1, 15, 0, 0, time.UTC)

// fakeServer answers a few paths correctly and a few wrongly on purpose.
func fakeServer() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /api/v1/me", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" {
			writeProblem(w, http.StatusUnauthorized, "unauthenticated")
			return
		}
		writeJSON(w, http.StatusOK, support.User{ID: 1, Email: "ken@example.com", Name: "Ken", Role: "engineer",
			Region: "apac-jp", Tier: "frontline", CreatedAt: created})
	})
	// Wrong: users lack every field but id and email.
	mux.HandleFunc("GET /api/v1/users", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"users": []map[string]any{{"id": 1, "email": "ken@example.com"}}})
	})
	// Wrong without a token: answers anyone.
	mux.HandleFunc("GET /api/v1/accounts", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]any{"accounts": []support.Account{}})
	})
	// Wrong for every ticket but 42: no ETag header.
	mux.HandleFunc("GET /api/v1/tickets/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "42" {
			w.Header().Set("ETag", `"1"`)
		}
		writeJSON(w, http.StatusOK, support.Ticket{ID: 42, Subject: "hive down", Status: "open", Severity: "S1",
			Division: "sql", Region: "apac-jp", Language: "ja", Channel: "portal", RequesterKind: "internal",
			Tier: "frontline", Tags: []string{}, Version: 1, CreatedAt: created, UpdatedAt: created})
	})
	// Wrong: a 404 whose type is not not-found.
	mux.HandleFunc("GET /api/v1/accounts/{id}", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, "forbidden")
	})
	mux.HandleFunc("POST /api/v1/tickets", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusUnprocessableEntity, "validation")
	})
	// Wrong: a status the contract does not document.
	mux.HandleFunc("GET /api/v1/tickets", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusTeapot, "internal")
	})
	mux.HandleFunc("/plain", http.NotFound)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeProblem(w, http.StatusNotFound, "not-found")
	})
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeProblem(w http.ResponseWriter, status int, slug string) {
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"type": "urn:supctl:problem:" + slug, "title": http.StatusText(status), "status": status, "detail": slug,
	})
}

func TestClientReportsContractBreaches(t *testing.T) {
	get := func(path string) func(*servertest.Client) {
		return func(c *servertest.Client) { c.JSON(http.MethodGet, path, nil) }
	}
	authed := func(path string) func(*servertest.Client) {
		return func(c *servertest.Client) { c.WithToken("sup_TEST").JSON(http.MethodGet, path, nil) }
	}
	unvalidated := func(method, path, body string) func(*servertest.Client) {
		return func(c *servertest.Client) {
			req := httptest.NewRequest(method, path, strings.NewReader(body))
			req.Header.Set("Authorization", "Bearer sup_TEST")
			req.Header.Set("Content-Type", "application/json")
			c.DoUnvalidatedRequest(req)
		}
	}
	cases := []struct {
		name    string
		send    func(*servertest.Client)
		wantErr string // empty when the exchange keeps the contract
	}{
		{"open health check", get("/healthz"), ""},
		{"signed-in user", authed("/api/v1/me"), ""},
		{"401 without a token", get("/api/v1/me"), ""},
		{"response body missing fields", authed("/api/v1/users"), "200 response breaks the API contract"},
		{"no 401 without a token", get("/api/v1/accounts"), "without a bearer token answered 200, want 401"},
		{"correct list", authed("/api/v1/accounts"), ""},
		{"ticket with its ETag", authed("/api/v1/tickets/42"), ""},
		{"missing ETag", authed("/api/v1/tickets/7"), `response header "ETag" missing`},
		{"problem of the wrong type", authed("/api/v1/accounts/3"), `Error at "/type"`},
		{"undocumented status", authed("/api/v1/tickets"), "418 response breaks the API contract"},
		{"undocumented path", authed("/api/v1/nowhere"), "is not in the API contract"},
		{"undocumented method", func(c *servertest.Client) {
			c.WithToken("sup_TEST").JSON(http.MethodDelete, "/api/v1/me", nil)
		}, "is not in the API contract"},
		{"request body breaks the schema", func(c *servertest.Client) {
			c.WithToken("sup_TEST").JSON(http.MethodPost, "/api/v1/tickets", map[string]string{
				"subject": "hive down", "division": "sql", "region": "apac-jp", "severity": "S9",
			})
		}, "request breaks the API contract"},
		{"malformed body sent on purpose", unvalidated(http.MethodPost, "/api/v1/tickets", "{"), ""},
		{"unknown path answered with a problem", unvalidated(http.MethodGet, "/nowhere", ""), ""},
		{"unknown path answered with text", unvalidated(http.MethodGet, "/plain", ""), "is not a problem document"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &recorder{TB: t}
			tc.send(servertest.NewValidatingClient(rec, fakeServer()))
			if tc.wantErr == "" {
				if len(rec.errors) != 0 {
					t.Errorf("reported %q, want no error", rec.errors)
				}
				return
			}
			if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], tc.wantErr) {
				t.Errorf("reported %q, want one error containing %q", rec.errors, tc.wantErr)
			}
		})
	}
}

func TestJSONReturnsTheBodyAndSendsHeaders(t *testing.T) {
	c := servertest.NewValidatingClient(t, fakeServer())
	resp, body := c.JSON(http.MethodGet, "/api/v1/me", nil, "Authorization", "Bearer sup_TEST")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200: %s", resp.StatusCode, body)
	}
	var u support.User
	if err := json.Unmarshal(body, &u); err != nil || u.Email != "ken@example.com" {
		t.Errorf("body = %s (%v), want the signed-in user", body, err)
	}
	again, err := io.ReadAll(resp.Body)
	if err != nil || string(again) != string(body) {
		t.Errorf("resp.Body = %q (%v), want the returned body %q", again, err, body)
	}
}

func TestDoHandsTheBodyToTheHandler(t *testing.T) {
	var got string
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got = string(b)
		writeProblem(w, http.StatusUnprocessableEntity, "validation")
	})
	const body = `{"subject":"hive down","division":"sql","region":"apac-jp","requester_kind":"internal"}`
	req := httptest.NewRequest(http.MethodPost, "/api/v1/tickets", strings.NewReader(body))
	req.Header.Set("Authorization", "Bearer sup_TEST")
	req.Header.Set("Content-Type", "application/json")
	servertest.NewValidatingClient(t, h).Do(req)
	if got != body {
		t.Errorf("handler read %q, want the request body %q", got, body)
	}
}
