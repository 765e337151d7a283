// Package authtest has a fake backend for the tests of the auth commands.
package authtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Token is the token the fake backend accepts.
const Token = "sup_GOODTOKEN0123456789ABCDEFGHIJ"

// User is who Token belongs to.
var User = support.User{
	ID: 7, Email: "ken@example.com", Name: "Ken Sato", Role: "engineer", Region: "apac-jp", Tier: "frontline",
	CreatedAt: time.Date(2025, 1, 6, 0, 0, 0, 0, time.UTC),
}

// NewServer answers GET /api/v1/me with User for Token and 401 for any
// other token; it is closed when the test ends.
func NewServer(t testing.TB) *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/me", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer "+Token {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"type":"urn:supctl:problem:unauthenticated","title":"Unauthorized","status":401,"detail":"invalid or revoked token"}`))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(User)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}
