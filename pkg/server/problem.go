package server

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// problem is an RFC 9457 problem detail. Type is stable: clients branch on it.
type problem struct {
	Type           string `json:"type"`
	Title          string `json:"title"`
	Status         int    `json:"status"`
	Detail         string `json:"detail"`
	Instance       string `json:"instance,omitempty"`
	Field          string `json:"field,omitempty"`
	CurrentVersion int    `json:"current_version,omitempty"`
	// Holder and Since name who holds a ticket a claim lost.
	Holder string     `json:"holder,omitempty"`
	Since  *time.Time `json:"since,omitempty"`
}

func newProblem(status int, slug, detail string) *problem {
	return &problem{Type: "urn:supctl:problem:" + slug, Title: http.StatusText(status), Status: status, Detail: detail}
}

func (p *problem) Error() string { return p.Detail }

// statusClientClosed is the status logged for a request whose client
// went away before its answer (nginx's 499); no client ever sees it.
const statusClientClosed = 499

func clientClosed() *problem {
	p := newProblem(statusClientClosed, "client-closed-request", "the client closed the request before its answer")
	p.Title = "Client Closed Request"
	return p
}

func badRequest(detail string) *problem {
	return newProblem(http.StatusBadRequest, "invalid-request", detail)
}
func forbidden(detail string) *problem { return newProblem(http.StatusForbidden, "forbidden", detail) }

// problemFor maps a domain or store error to the problem the client sees.
// Unknown errors are logged and answered with a bare 500; an error that
// only says the client gave up is a 499, which logRequests logs as such.
func problemFor(err error, log *slog.Logger, r *http.Request) *problem {
	var p *problem
	var verr *support.ValidationError
	var conflict *support.ConflictError
	var claimed *support.ClaimConflictError
	var wip *support.WIPLimitError
	switch {
	case errors.As(err, &claimed):
		p := newProblem(http.StatusConflict, "conflict", claimed.Error())
		since := claimed.Since.UTC()
		p.Holder, p.Since = claimed.Holder, &since
		return p
	case errors.As(err, &wip):
		return newProblem(http.StatusConflict, "conflict", wip.Error())
	case errors.As(err, &p):
		return p
	case errors.As(err, &verr):
		p := newProblem(http.StatusUnprocessableEntity, "validation", verr.Message)
		p.Field = verr.Field
		return p
	case errors.As(err, &conflict):
		p := newProblem(http.StatusConflict, "conflict", "the ticket changed since it was read: read it again and retry")
		p.CurrentVersion = conflict.Current
		return p
	case errors.Is(err, support.ErrNotFound):
		return newProblem(http.StatusNotFound, "not-found", err.Error())
	case errors.Is(err, support.ErrForbidden):
		return newProblem(http.StatusForbidden, "forbidden", err.Error())
	case errors.Is(err, support.ErrDuplicate):
		return newProblem(http.StatusConflict, "conflict", err.Error())
	case errors.Is(err, support.ErrIdempotencyMismatch):
		return newProblem(http.StatusConflict, "idempotency-mismatch", "the Idempotency-Key was already used for a different request: use a new key")
	case errors.Is(err, support.ErrStorageFull):
		log.ErrorContext(r.Context(), "storage full", "method", r.Method, "path", r.URL.Path, "err", err)
		return newProblem(http.StatusInsufficientStorage, "storage-full", "the server's storage is full, so nothing was saved: free disk space on the server, then send the request again")
	case r.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)):
		// The client went away (timeout, Ctrl-C): nobody reads this answer,
		// and nothing failed on the server's side.
		return clientClosed()
	default:
		log.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path, "err", err)
		return newProblem(http.StatusInternalServerError, "internal", "internal server error")
	}
}

func writeProblem(w http.ResponseWriter, r *http.Request, p *problem) {
	p.Instance = r.URL.Path
	w.Header().Set("Content-Type", "application/problem+json")
	w.WriteHeader(p.Status)
	_ = json.NewEncoder(w).Encode(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// fail answers the request with the problem err maps to.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	writeProblem(w, r, problemFor(err, s.log, r))
}
