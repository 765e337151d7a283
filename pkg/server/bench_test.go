package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
)

// benchServer is the API over the demo data set, with a token for its
// admin.
func benchServer(b *testing.B) (http.Handler, string) {
	b.Helper()
	ctx := context.Background()
	clock := &demo.Clock{}
	st, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "bench.db"), sqlite.WithClock(clock.Now))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := demo.Seed(ctx, st, clock, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		b.Fatal(err)
	}
	issued, err := server.IssueToken(ctx, st, store.Actor{}, demo.AdminUser, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return server.New(st, nil).Handler(), issued.Token
}

func benchGet(b *testing.B, h http.Handler, token, path string) {
	b.Helper()
	b.ReportAllocs()
	for b.Loop() {
		req := httptest.NewRequest("GET", path, nil)
		req.Header.Set("Authorization", "Bearer "+token)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
		}
	}
}

func BenchmarkGetTicket(b *testing.B) {
	h, token := benchServer(b)
	benchGet(b, h, token, fmt.Sprintf("/api/v1/tickets/%d", 42))
}

func BenchmarkListTickets(b *testing.B) {
	h, token := benchServer(b)
	for _, c := range []struct{ name, query string }{
		{"default-50", "limit=50"},
		{"open-S1S2-spark", "status=new,open&severity=S1,S2&division=spark&limit=50"},
		{"search-ja", "q=%E3%83%9F%E3%83%A9%E3%83%BC%E3%83%AA%E3%83%B3%E3%82%B0&limit=50"},
	} {
		b.Run(c.name, func(b *testing.B) { benchGet(b, h, token, "/api/v1/tickets?"+c.query) })
	}
}
