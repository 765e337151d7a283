package server

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/supctl/supctl/pkg/support"
)

func (s *Server) queueStats(w http.ResponseWriter, r *http.Request) {
	var queues []support.Queue
	if raw := r.URL.Query().Get("names"); raw != "" {
		for _, name := range strings.Split(raw, ",") {
			q, err := support.ParseQueue(strings.TrimSpace(name))
			if err != nil {
				writeProblem(w, r, badRequestField("names", err.Error()))
				return
			}
			queues = append(queues, q)
		}
	}
	stats, err := s.svc.QueueStats(r.Context(), currentUser(r), queues)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"queues": stats})
}

func (s *Server) queueTickets(w http.ResponseWriter, r *http.Request) {
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
	tickets, err := s.svc.QueueTickets(r.Context(), currentUser(r), q, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"tickets": tickets})
}

func (s *Server) claimTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.svc.ClaimTicket(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeTicket(w, http.StatusOK, t)
}

func (s *Server) nextTicket(w http.ResponseWriter, r *http.Request) {
	var req support.NextRequest
	if _, err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	pick, err := s.svc.NextTicket(r.Context(), currentUser(r), req)
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

// reasonedAction reads what skip and release share: the ticket id and a
// JSON body with a reason.
func reasonedAction(r *http.Request) (id int64, reason string, err error) {
	var req struct {
		Reason string `json:"reason"`
	}
	if id, err = pathID(r); err != nil {
		return 0, "", err
	}
	_, err = readJSON(r, &req)
	return id, req.Reason, err
}

func (s *Server) skipTicket(w http.ResponseWriter, r *http.Request) {
	id, reason, err := reasonedAction(r)
	if err == nil {
		err = s.svc.SkipTicket(r.Context(), currentUser(r), id, reason)
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
	t, err := s.svc.ReleaseTicket(r.Context(), currentUser(r), id, reason)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeTicket(w, http.StatusOK, t)
}
