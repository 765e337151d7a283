// Package embedded runs the API server in-process over a local SQLite file,
// so a profile with api_url "embedded" works with no server at all. The CLI
// still speaks HTTP to it: requests go through an http.RoundTripper that
// calls the server's handler directly, so every command takes the same
// code path as against a remote server.
package embedded

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/store/sqlite"
)

// BaseURL is the address the API client uses for an embedded backend; the
// host name is never resolved.
const BaseURL = "http://embedded.supctl"

// Options say which database to open and as whom.
type Options struct {
	Path string // the SQLite file
	User string // the profile's user; every request acts as this user
	// Demo fills a new database with the demo data set instead of
	// bootstrapping User as its admin.
	Demo bool
	// ReadOnly opens an existing database without the right to change it,
	// and never creates one: shell completion reads through it.
	ReadOnly bool
	Now      func() time.Time
}

// Backend is an open embedded server.
type Backend struct {
	handler http.Handler
	close   func() error
}

// Open opens (creating on first use) the database at opts.Path and returns
// a backend acting as opts.User.
func Open(ctx context.Context, opts Options) (*Backend, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	engine := clocks.Default()
	if opts.ReadOnly {
		st, err := sqlite.Open(ctx, opts.Path, sqlite.ReadOnly())
		if err != nil {
			return nil, err
		}
		return newBackend(st, engine, opts), nil
	}
	if err := os.MkdirAll(filepath.Dir(opts.Path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data directory: %w", err)
	}
	if _, err := os.Stat(opts.Path); errors.Is(err, os.ErrNotExist) {
		if err := create(ctx, opts); err != nil {
			return nil, err
		}
	}
	st, err := sqlite.Open(ctx, opts.Path, sqlite.WithClock(opts.Now), sqlite.WithBreachFunc(engine.Breach))
	if err != nil {
		return nil, err
	}
	return newBackend(st, engine, opts), nil
}

func newBackend(st *sqlite.Store, engine *clocks.Engine, opts Options) *Backend {
	srv := server.New(st, nil, server.WithClock(opts.Now), server.WithClocks(engine))
	return &Backend{handler: srv.HandlerAs(opts.User), close: st.Close}
}

// create builds a new database in a temporary file and links it into
// place, so no process ever sees a half-filled one; when two processes race
// on first use, the first link wins and the other's copy is discarded.
func create(ctx context.Context, opts Options) error {
	f, err := os.CreateTemp(filepath.Dir(opts.Path), filepath.Base(opts.Path)+".new-*")
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", opts.Path, err)
	}
	tmp := f.Name()
	f.Close()
	defer removeDB(tmp)
	clock := &demo.Clock{}
	st, err := sqlite.Open(ctx, tmp, sqlite.WithClock(clock.Now), sqlite.WithBreachFunc(clocks.Default().Breach))
	if err != nil {
		return err
	}
	if opts.Demo {
		err = demo.Seed(ctx, st, clock, opts.Now())
	} else {
		_, err = server.Bootstrap(ctx, st, opts.User)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", opts.Path, err)
	}
	if err := os.Link(tmp, opts.Path); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("cannot create %s: %w", opts.Path, err)
	}
	return nil
}

// Reset deletes the database at path with its WAL files.
func Reset(path string) error {
	return removeDB(path)
}

func removeDB(path string) error {
	var first error
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
	}
	return first
}

// Client is an HTTP client whose requests are served in-process.
func (b *Backend) Client() *http.Client {
	return &http.Client{Transport: roundTripper{b.handler}}
}

// Close closes the database.
func (b *Backend) Close() error { return b.close() }

type roundTripper struct{ h http.Handler }

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	w := &responseWriter{header: http.Header{}, status: http.StatusOK}
	if req.Body == nil {
		req.Body = http.NoBody
	}
	rt.h.ServeHTTP(w, req)
	return &http.Response{
		Status:        strconv.Itoa(w.status) + " " + http.StatusText(w.status),
		StatusCode:    w.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        w.header,
		Body:          io.NopCloser(&w.body),
		ContentLength: int64(w.body.Len()),
		Request:       req,
	}, nil
}

// responseWriter buffers a handler's answer.
type responseWriter struct {
	header      http.Header
	body        bytes.Buffer
	status      int
	wroteHeader bool
}

func (w *responseWriter) Header() http.Header { return w.header }

func (w *responseWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
}

func (w *responseWriter) Write(p []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	return w.body.Write(p)
}
