// Package server serves the supctl HTTP API (docs/api/openapi.yaml) over a
// store.Store. The same handler runs behind `supctl serve` and in-process
// behind the CLI's embedded mode.
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"path"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// MaxBodyBytes bounds every request body; larger ones get 413.
const MaxBodyBytes = 1 << 20

// MaxHeaderBytes bounds a request's headers; larger ones get 431.
// Serve lets net/http read up to ListenMaxHeaderBytes, so that the handler,
// not net/http's plain-text answer, refuses those between the two.
const (
	MaxHeaderBytes       = 64 << 10
	ListenMaxHeaderBytes = 1 << 20
)

// Server holds the API's dependencies.
type Server struct {
	svc    *service.Service
	log    *slog.Logger
	now    func() time.Time
	tokens tokenCache
	// storageFull is set while writes fail for want of storage: from an
	// answer of 507 until a write succeeds.
	storageFull atomic.Bool
}

// Option configures a Server.
type Option func(*Server)

// WithClock sets the clock by which the server judges tokens' expiry and
// caches them (tests pin it).
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// New returns a server of svc's use cases. A nil logger discards logs.
func New(svc *service.Service, log *slog.Logger, opts ...Option) *Server {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s := &Server{svc: svc, log: log, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Handler is the whole API for callers that present bearer tokens.
func (s *Server) Handler() http.Handler {
	return s.recoverer(s.logRequests(s.routes(s.authenticate)))
}

// HandlerAs serves every request as the user with that email, with no
// token: the CLI's embedded mode, where the caller owns the database.
func (s *Server) HandlerAs(email string) http.Handler {
	return s.recoverer(s.routes(func(next http.HandlerFunc) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			u, err := s.svc.UserByEmail(r.Context(), email)
			if err != nil {
				p := newProblem(http.StatusUnauthorized, "unknown-user", "no user "+email+" in the embedded database: set the profile's user to an existing one")
				if !errors.Is(err, support.ErrNotFound) {
					p = problemFor(err, s.log, r)
				}
				writeProblem(w, r, p)
				return
			}
			next(w, r.WithContext(withUser(r.Context(), u)))
		}
	}))
}

type middleware func(http.HandlerFunc) http.HandlerFunc

func (s *Server) routes(auth middleware) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", s.ready)
	for pattern, h := range s.api() {
		mux.HandleFunc(pattern, auth(h))
	}
	return refuseMalformed(limitBodies(muxErrorsAsProblems(mux)))
}

// api is the table of the API's routes under /api/v1: method and path
// pattern, as http.ServeMux reads them, to handler. Every route has an
// operation in docs/api/openapi.yaml (see TestRoutesMatchTheSpec).
//
// A route whose use case needs an action of the caller's role says so
// with requires, so that a caller who may not gets 403 before anything
// they sent is read; the service checks again, for its other callers.
func (s *Server) api() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /api/v1/me":                                 s.me,
		"GET /api/v1/users":                              requires(support.ListUsers, s.listUsers),
		"POST /api/v1/users":                             requires(support.ManageUsers, s.createUser),
		"GET /api/v1/tokens":                             s.listTokens,
		"POST /api/v1/tokens":                            s.createToken,
		"DELETE /api/v1/tokens/current":                  s.revokeCurrentToken,
		"DELETE /api/v1/tokens/{id}":                     s.revokeToken,
		"GET /api/v1/accounts":                           s.listAccounts,
		"POST /api/v1/accounts":                          requires(support.AddAccounts, s.createAccount),
		"GET /api/v1/accounts/{id}":                      s.getAccount,
		"GET /api/v1/tickets":                            s.listTickets,
		"POST /api/v1/tickets":                           requires(support.OpenTicket, s.createTicket),
		"GET /api/v1/tickets/{id}":                       s.getTicket,
		"PATCH /api/v1/tickets/{id}":                     requires(support.EditTicket, s.updateTicket),
		"GET /api/v1/tickets/{id}/comments":              s.listComments,
		"POST /api/v1/tickets/{id}/comments":             requires(support.Reply, s.addComment),
		"GET /api/v1/tickets/{id}/events":                requires(support.ReadHistory, s.listEvents),
		"GET /api/v1/tickets/{id}/sla":                   s.ticketSLA,
		"POST /api/v1/tickets/{id}/claim":                requires(support.TakeTickets, s.claimTicket),
		"POST /api/v1/tickets/{id}/skip":                 requires(support.TakeTickets, s.skipTicket),
		"POST /api/v1/tickets/{id}/release":              requires(support.TakeTickets, s.releaseTicket),
		"GET /api/v1/queues":                             requires(support.ReadQueues, s.queueStats),
		"POST /api/v1/queues/next":                       requires(support.TakeTickets, s.nextTicket),
		"GET /api/v1/queues/{region}/{division}/tickets": requires(support.ReadQueues, s.queueTickets),
	}
}

// requires answers 403 to a caller whose role does not allow a.
func requires(a support.Action, next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := currentUser(r).Check(a); err != nil {
			writeProblem(w, r, forbidden(err.Error()))
			return
		}
		next(w, r)
	}
}

func (s *Server) ready(w http.ResponseWriter, r *http.Request) {
	if s.storageFull.Load() {
		writeProblem(w, r, newProblem(http.StatusServiceUnavailable, "storage-full", "writes fail: the server's storage is full"))
		return
	}
	if err := s.svc.Ready(r.Context()); err != nil {
		s.log.ErrorContext(r.Context(), "not ready", "err", err)
		writeProblem(w, r, newProblem(http.StatusServiceUnavailable, "unavailable", "the database is not answering"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
}

// authenticate resolves the bearer token to a user, refusing unknown,
// revoked and expired tokens, and records when the token was last used,
// at most once per support.LastUsedResolution.
func (s *Server) authenticate(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		scheme, token, _ := strings.Cut(r.Header.Get("Authorization"), " ")
		if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" { // the scheme is case-insensitive (RFC 9110)
			writeProblem(w, r, newProblem(http.StatusUnauthorized, "unauthenticated", "missing bearer token: send Authorization: Bearer <token>"))
			return
		}
		hash := service.HashToken(strings.TrimSpace(token))
		now := s.now()
		u, tok, ok := s.tokens.get(hash, now)
		if !ok {
			var err error
			u, tok, err = s.svc.Authenticate(r.Context(), hash)
			if errors.Is(err, support.ErrNotFound) {
				writeProblem(w, r, newProblem(http.StatusUnauthorized, "unauthenticated", "invalid or revoked token"))
				return
			}
			if err != nil {
				s.fail(w, r, err)
				return
			}
			s.tokens.put(hash, u, tok, now)
		}
		if tok.Expired(now) {
			writeProblem(w, r, newProblem(http.StatusUnauthorized, "token-expired",
				"the token expired at "+tok.ExpiresAt.UTC().Format(time.RFC3339)+": sign in with a new one"))
			return
		}
		if s.tokens.touchDue(hash, now) {
			if _, err := s.svc.TouchToken(r.Context(), tok.ID); err != nil {
				s.log.WarnContext(r.Context(), "cannot record token use", "token_id", tok.ID, "err", err)
			}
		}
		next(w, r.WithContext(withToken(withUser(r.Context(), u), tok)))
	}
}

// muxErrorsAsProblems turns the plain-text 404 and 405 answers of
// http.ServeMux (unknown path, wrong method) into problem documents. A path
// that is not in its clean form ("//", "/./", "/../") is not found either:
// the mux would redirect it with an HTML page.
func muxErrorsAsProblems(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if clean := cleanPath(r.URL.Path); clean != r.URL.Path {
			writeProblem(w, r, newProblem(http.StatusNotFound, "not-found", "no such endpoint: "+r.Method+" "+r.URL.Path+" (paths are used as they are: did you mean "+clean+"?)"))
			return
		}
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		rec := &muxErrorRecorder{header: http.Header{}}
		mux.ServeHTTP(rec, r)
		if allow := rec.header.Get("Allow"); rec.status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", allow)
			writeProblem(w, r, newProblem(http.StatusMethodNotAllowed, "method-not-allowed", r.Method+" is not allowed on "+r.URL.Path+"; allowed: "+allow))
			return
		}
		writeProblem(w, r, newProblem(http.StatusNotFound, "not-found", "no such endpoint: "+r.Method+" "+r.URL.Path))
	})
}

// muxErrorRecorder keeps the status and headers of the mux's own error
// answers and drops their text.
type muxErrorRecorder struct {
	header http.Header
	status int
}

func (m *muxErrorRecorder) Header() http.Header         { return m.header }
func (m *muxErrorRecorder) WriteHeader(code int)        { m.status = code }
func (m *muxErrorRecorder) Write(p []byte) (int, error) { return len(p), nil }

// cleanPath is p without empty, "." and ".." elements, keeping a final
// slash, as http.ServeMux cleans it.
func cleanPath(p string) string {
	if p == "" {
		return "/"
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean
}

// refuseMalformed answers, as problems, requests net/http lets through but
// the handlers would misread: a query string that url.ParseQuery refuses,
// such as one with more than 10,000 parameters (r.URL.Query would drop
// every filter), and headers over MaxHeaderBytes.
func refuseMalformed(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if n := headerBytes(r); n > MaxHeaderBytes {
			writeProblem(w, r, newProblem(http.StatusRequestHeaderFieldsTooLarge, "headers-too-large",
				fmt.Sprintf("the request's headers take %d bytes; the limit is %d", n, MaxHeaderBytes)))
			return
		}
		if r.URL.RawQuery != "" {
			if _, err := url.ParseQuery(r.URL.RawQuery); err != nil {
				writeProblem(w, r, badRequest("malformed query string: "+err.Error()))
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// headerBytes is about what the request's headers took on the wire. The
// request line is not counted: a long query is bounded by its number of
// parameters instead, and by ListenMaxHeaderBytes.
func headerBytes(r *http.Request) int {
	n := len("Host: \r\n") + len(r.Host)
	for k, vs := range r.Header {
		for _, v := range vs {
			n += len(k) + len(": \r\n") + len(v)
		}
	}
	return n
}

// limitBodies caps request bodies so an oversized upload gets 413 instead
// of filling memory.
func limitBodies(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > MaxBodyBytes {
			writeProblem(w, r, newProblem(http.StatusRequestEntityTooLarge, "payload-too-large", "request body is larger than 1 MiB"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				writeProblem(w, r, newProblem(http.StatusInternalServerError, "internal", "internal server error"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		switch {
		case rec.status == http.StatusInsufficientStorage:
			s.storageFull.Store(true)
		case rec.status < 300 && r.Method != http.MethodGet && r.Method != http.MethodHead:
			s.storageFull.Store(false)
		}
		msg := "request"
		if rec.status == statusClientClosed {
			msg = "request abandoned by the client"
		}
		s.log.InfoContext(r.Context(), msg, "method", r.Method, "path", r.URL.Path, "status", rec.status,
			"duration_ms", float64(time.Since(start).Microseconds())/1000)
	})
}

type userKey struct{}

func withUser(ctx context.Context, u support.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

func currentUser(r *http.Request) support.User {
	u, _ := r.Context().Value(userKey{}).(support.User)
	return u
}
