package cmdtest

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
)

// StallTimeout is the client timeout of StallingClient: the stalled
// request ends when the client gives up, so it only has to be short.
const StallTimeout = 50 * time.Millisecond

// StallingClient is a client of backend through an HTTP server that
// forwards every request, but holds back the answer to the first write
// until the client gives up (its timeout is StallTimeout): the write is
// applied and the client never learns it. Later requests are answered.
// It returns the client and the number of writes forwarded so far.
func StallingClient(t testing.TB, backend *api.Client) (*api.Client, *atomic.Int32) {
	t.Helper()
	var writes atomic.Int32
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := api.Request{Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone()}
		if len(body) > 0 {
			req.Body = bytes.NewReader(body)
		}
		first := false
		if r.Method != http.MethodGet {
			first = writes.Add(1) == 1
		}
		resp, data, err := backend.Raw(r.Context(), req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		if first {
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(data)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	return api.New(srv.URL, &http.Client{Timeout: StallTimeout}, "").WithProfile("stalling"), &writes
}
