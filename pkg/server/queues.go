package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/supctl/supctl/pkg/support"
)

// canReadQueues refuses partners: a queue holds every account's waiting
// tickets, and a partner may see only its customers'.
func canReadQueues(u support.User) error {
	if u.Role == "partner" {
		return forbidden("partners cannot read queues, which hold every account's tickets: list your customers' with GET /api/v1/tickets")
	}
	return nil
}

func (s *Server) queueStats(w http.ResponseWriter, r *http.Request) {
	if err := canReadQueues(currentUser(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	queues := support.AllQueues()
	if raw := r.URL.Query().Get("names"); raw != "" {
		queues = queues[:0]
		for _, name := range strings.Split(raw, ",") {
			q, err := support.ParseQueue(strings.TrimSpace(name))
			if err != nil {
				writeProblem(w, r, badRequestField("names", err.Error()))
				return
			}
			queues = append(queues, q)
		}
	}
	stats, err := s.store.QueueStats(r.Context(), queues, s.now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"queues": stats})
}

func (s *Server) queueTickets(w http.ResponseWriter, r *http.Request) {
	if err := canReadQueues(currentUser(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	name := r.PathValue("region") + "/" + r.PathValue("division")
	if lang := r.URL.Query().Get("language"); lang != "" {
		name += "/" + lang
	}
	q, err := support.ParseQueue(name)
	if err != nil {
		writeProblem(w, r, badRequestField("queue", err.Error()))
		return
	}
	limit := support.DefaultLimit
	if raw := r.URL.Query().Get("limit"); raw != "" {
		if limit, err = strconv.Atoi(raw); err != nil || limit < 1 || limit > support.MaxLimit {
			writeProblem(w, r, badRequestField("limit", fmt.Sprintf("invalid limit %q: use 1 to %d", raw, support.MaxLimit)))
			return
		}
	}
	tickets, err := s.store.QueueTickets(r.Context(), q, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if tickets == nil {
		tickets = []support.Ticket{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"tickets": tickets})
}

// canWork refuses roles that cannot take tickets.
func canWork(u support.User) error {
	switch u.Role {
	case "engineer", "lead", "admin":
		return nil
	}
	return forbidden("the " + u.Role + " role cannot take tickets")
}

func (s *Server) claimTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = canWork(currentUser(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.store.ClaimTicket(r.Context(), actor(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeTicket(w, http.StatusOK, t)
}

func (s *Server) nextTicket(w http.ResponseWriter, r *http.Request) {
	var req support.NextRequest
	_, err := readJSON(r, &req)
	if err == nil {
		err = canWork(currentUser(r))
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pick, err := s.store.NextTicket(r.Context(), actor(r), req)
	if errors.Is(err, support.ErrNothingToPick) {
		w.WriteHeader(http.StatusNoContent)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, pick)
}

// reasonedAction reads what skip and release share: the ticket id, a JSON
// body with a reason, and a caller who may take tickets.
func reasonedAction(r *http.Request) (id int64, reason string, err error) {
	var req struct {
		Reason string `json:"reason"`
	}
	if id, err = pathID(r); err != nil {
		return 0, "", err
	}
	if _, err = readJSON(r, &req); err != nil {
		return 0, "", err
	}
	return id, req.Reason, canWork(currentUser(r))
}

func (s *Server) skipTicket(w http.ResponseWriter, r *http.Request) {
	id, reason, err := reasonedAction(r)
	if err == nil {
		err = s.store.SkipTicket(r.Context(), actor(r), id, reason)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) releaseTicket(w http.ResponseWriter, r *http.Request) {
	id, reason, err := reasonedAction(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.store.ReleaseTicket(r.Context(), actor(r), id, reason)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeTicket(w, http.StatusOK, t)
}
