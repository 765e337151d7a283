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
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
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
	// Stderr receives the cause of a request that failed inside the
	// server, which the client only sees as an internal error (default
	// os.Stderr).
	Stderr io.Writer
}

// Backend is an open embedded server.
type Backend struct {
	handler http.Handler
	log     *failureHandler
	close   func() error
}

// ErrEmpty is wrapped by the error of a database file of 0 bytes: a new
// database is never linked into place empty, so its data was lost.
var ErrEmpty = errors.New("the database file is empty (0 bytes)")

// ErrInterrupted is wrapped by the error of a creation stopped by a signal
// that did not end the process.
var ErrInterrupted = errors.New("interrupted")

// Open opens (creating on first use) the database at opts.Path and returns
// a backend acting as opts.User.
func Open(ctx context.Context, opts Options) (*Backend, error) {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	url := "sqlite:" + opts.Path
	if opts.ReadOnly {
		if err := checkNotEmpty(opts.Path); err != nil {
			return nil, err
		}
		st, err := store.Open(ctx, url, store.Options{ReadOnly: true})
		if err != nil {
			return nil, err
		}
		return newBackend(st, opts), nil
	}
	if err := os.MkdirAll(filepath.Dir(opts.Path), 0o700); err != nil {
		return nil, fmt.Errorf("cannot create the data directory: %w", err)
	}
	sqlite.RemoveStale(opts.Path)
	if _, err := os.Stat(opts.Path); errors.Is(err, os.ErrNotExist) {
		if err := create(ctx, opts); err != nil {
			return nil, err
		}
	} else if err := checkNotEmpty(opts.Path); err != nil {
		return nil, err
	}
	st, err := store.Open(ctx, url, store.Options{Now: opts.Now})
	if err != nil {
		return nil, err
	}
	return newBackend(st, opts), nil
}

// checkNotEmpty refuses a database file of 0 bytes, which SQLite would take
// for a new database with no users at all.
func checkNotEmpty(path string) error {
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() && fi.Size() == 0 {
		return fmt.Errorf("cannot open database %s: %w", path, ErrEmpty)
	}
	return nil
}

func newBackend(st store.Store, opts Options) *Backend {
	log := &failureHandler{w: opts.Stderr, path: opts.Path, demo: opts.Demo}
	svc := service.New(st, service.WithClock(opts.Now), service.WithClocks(clocks.Default()))
	srv := server.New(svc, slog.New(log), server.WithClock(opts.Now))
	return &Backend{handler: srv.HandlerAs(opts.User), log: log, close: st.Close}
}

// create builds the new database with sqlite.Create, so no process ever
// sees a half-filled one; when two processes race on first use, the first
// link wins and the other's copy is discarded. An interrupt (Ctrl-C) or
// SIGTERM while it fills stops the filling, removes the temporary files and
// then ends the process the way the signal would have.
func create(ctx context.Context, opts Options) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	sigs := make(chan os.Signal, 1)
	for _, sig := range []os.Signal{os.Interrupt, syscall.SIGTERM} {
		// One the process ignores (as a shell's background job
		// ignores SIGINT) stays ignored.
		if !signal.Ignored(sig) {
			signal.Notify(sigs, sig)
		}
	}
	var caught os.Signal
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		select {
		case caught = <-sigs:
			cancel()
		case <-ctx.Done():
		}
	}()
	clock := &demo.Clock{}
	_, err := sqlite.Create(ctx, opts.Path, false, func(st *sqlite.Store) error {
		svc := service.New(st, service.WithClock(clock.Now), service.WithClocks(clocks.Default()))
		if opts.Demo {
			return demo.Seed(ctx, svc, clock, opts.Now())
		}
		_, err := svc.Bootstrap(ctx, opts.User)
		return err
	}, sqlite.WithClock(clock.Now))
	cancel()
	<-watched
	signal.Stop(sigs)
	if caught != nil {
		reraise(caught)
		return fmt.Errorf("%w while creating %s", ErrInterrupted, opts.Path)
	}
	return err
}

// reraise delivers sig to the process again now that no handler catches
// it, so that it ends as it would have without one (the shell's 130 for
// Ctrl-C).
func reraise(sig os.Signal) {
	if p, err := os.FindProcess(os.Getpid()); err == nil && p.Signal(sig) == nil {
		// The signal arrives asynchronously: give it time to. If it
		// does not end the process, the caller reports the interrupt.
		time.Sleep(100 * time.Millisecond)
	}
}

// Advice says what to do about a damaged or emptied database: rebuild the
// demo one, restore any other from a backup.
func Advice(path string, demo bool) string {
	if demo {
		return "run `supctl demo reset` to rebuild the demo data (changes made to it are lost)"
	}
	return fmt.Sprintf("restore %s from a backup, or move it away to start a new database", path)
}

// Reset deletes the database at path with its WAL files, and the temporary
// databases interrupted first runs left next to it.
func Reset(path string) error {
	return sqlite.Remove(path)
}

// Client is an HTTP client whose requests are served in-process.
func (b *Backend) Client() *http.Client {
	return &http.Client{Transport: roundTripper{b.handler, b.log}}
}

// Close closes the database.
func (b *Backend) Close() error { return b.close() }

type roundTripper struct {
	h   http.Handler
	log *failureHandler
}

func (rt roundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	w := &responseWriter{header: http.Header{}, status: http.StatusOK}
	if req.Body == nil {
		req.Body = http.NoBody
	}
	c := &cause{}
	rt.h.ServeHTTP(w, req.WithContext(context.WithValue(req.Context(), causeKey{}, c)))
	rt.log.explain(w, c)
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
