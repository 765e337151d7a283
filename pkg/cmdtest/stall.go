package cmdtest

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
)

// StallTimeout is the timeout of StallingClient, a safety net: its first
// write times out as soon as the server has applied it.
const StallTimeout = time.Minute

// StallingClient is a client of backend through an HTTP server that
// forwards every request to it, but never answers the first write: once
// backend has applied that write, the client gives up on it with a
// timeout, as it would after --timeout. The write is applied and the
// client never learns it; later requests are answered. It returns the
// client and the number of writes that reached the server.
func StallingClient(t testing.TB, backend *api.Client) (*api.Client, *atomic.Int32) {
	t.Helper()
	var writes atomic.Int32
	applied, release := make(chan struct{}), make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		req := api.Request{Method: r.Method, Path: r.URL.RequestURI(), Header: r.Header.Clone()}
		if len(body) > 0 {
			req.Body = bytes.NewReader(body)
		}
		first := r.Method != http.MethodGet && writes.Add(1) == 1
		resp, data, err := backend.Raw(context.WithoutCancel(r.Context()), req)
		if first {
			close(applied)
			select {
			case <-r.Context().Done():
			case <-release:
			}
			return
		}
		Relay(w, resp, data, err)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	hc := &http.Client{Timeout: StallTimeout, Transport: &stallTransport{rt: http.DefaultTransport, applied: applied}}
	return api.New(srv.URL, hc, "").WithProfile("stalling"), &writes
}

// stallTransport gives up on the first write, with a timeout, once the
// server says it has applied it.
type stallTransport struct {
	rt      http.RoundTripper
	applied <-chan struct{}
	writes  atomic.Int32
}

func (s *stallTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodGet || s.writes.Add(1) != 1 {
		return s.rt.RoundTrip(req)
	}
	ctx, cancel := context.WithCancel(req.Context())
	defer cancel()
	go func() {
		resp, err := s.rt.RoundTrip(req.WithContext(ctx))
		if err == nil {
			resp.Body.Close()
		}
	}()
	select {
	case <-s.applied:
		return nil, timeoutError{}
	case <-req.Context().Done():
		return nil, req.Context().Err()
	}
}

// timeoutError is what a transport returns when its deadline passes.
type timeoutError struct{}

func (timeoutError) Error() string   { return "timeout awaiting response headers" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// Relay writes to w a backend's answer as api.Client.Raw returned it, or
// a 502 naming err.
func Relay(w http.ResponseWriter, resp *http.Response, data []byte, err error) {
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	for k, v := range resp.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = w.Write(data)
}
