package server

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/supctl/supctl/pkg/support"
)

// parseTicketFilter reads the list endpoint's query; bad values are 400s
// naming the parameter.
func parseTicketFilter(q url.Values) (support.TicketFilter, error) {
	f := support.TicketFilter{
		Assignee: strings.ToLower(strings.TrimSpace(q.Get("assignee"))),
		Search:   strings.TrimSpace(q.Get("q")),
		Sort:     q.Get("sort"),
		Cursor:   q.Get("cursor"),
	}
	lists := []struct {
		param string
		enum  support.Enum
		dst   *[]string
	}{
		{"status", support.Statuses, &f.Statuses},
		{"severity", support.Severities, &f.Severities},
		{"division", support.Divisions, &f.Divisions},
		{"region", support.Regions, &f.Regions},
		{"language", support.Languages, &f.Languages},
	}
	for _, l := range lists {
		if q.Get(l.param) == "" {
			continue
		}
		for _, v := range strings.Split(q.Get(l.param), ",") {
			v = strings.TrimSpace(v)
			if err := l.enum.Check(l.param, v); err != nil {
				return f, badRequestField(l.param, err.Error())
			}
			if !slices.Contains(*l.dst, v) {
				*l.dst = append(*l.dst, v)
			}
		}
	}
	if n := utf8.RuneCountInString(f.Search); n > support.MaxSearch {
		return f, badRequestField("q", fmt.Sprintf("the search text has %d characters: search for at most %d", n, support.MaxSearch))
	}
	if f.Sort != "" {
		if err := support.TicketSorts.Check("sort", f.Sort); err != nil {
			return f, badRequestField("sort", err.Error())
		}
	}
	if raw := q.Get("limit"); raw != "" {
		n, err := strconv.Atoi(raw)
		if err != nil || n < 1 || n > support.MaxLimit {
			return f, badRequestField("limit", fmt.Sprintf("invalid limit %q: use 1 to %d", raw, support.MaxLimit))
		}
		f.Limit = n
	}
	for _, p := range []struct {
		param string
		dst   **time.Time
	}{{"breach_by", &f.BreachBy}, {"breach_after", &f.BreachAfter}, {"updated_since", &f.UpdatedSince}} {
		if raw := q.Get(p.param); raw != "" {
			at, err := time.Parse(time.RFC3339, raw)
			if err != nil {
				return f, badRequestField(p.param, fmt.Sprintf("invalid %s %q: use an RFC 3339 instant such as 2026-11-27T09:00:00Z", p.param, raw))
			}
			*p.dst = &at
		}
	}
	if raw := q.Get("tag"); raw != "" {
		tags, err := support.NormalizeTags(strings.Split(raw, ","))
		if err != nil {
			return f, badRequestField("tag", err.Error())
		}
		f.Tags = tags
	}
	switch raw := q.Get("count"); raw {
	case "", "false":
	case "true":
		f.Count = true
	default:
		return f, badRequestField("count", fmt.Sprintf("invalid count %q: use true or false", raw))
	}
	if raw := q.Get("account_id"); raw != "" {
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil || n < 1 {
			return f, badRequestField("account_id", fmt.Sprintf("invalid account_id %q", raw))
		}
		f.AccountID = n
	}
	return f, nil
}

func badRequestField(field, detail string) *problem {
	p := badRequest(detail)
	p.Field = field
	return p
}

func (s *Server) listTickets(w http.ResponseWriter, r *http.Request) {
	f, err := parseTicketFilter(r.URL.Query())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.svc.ListTickets(r.Context(), currentUser(r), f)
	var invalid *support.ValidationError
	if errors.As(err, &invalid) {
		err = badRequestField(invalid.Field, invalid.Message)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page)
}

func writeTicket(w http.ResponseWriter, status int, t support.Ticket) {
	w.Header().Set("ETag", etag(t.Version))
	writeJSON(w, status, t)
}

func etag(version int) string { return `"` + strconv.Itoa(version) + `"` }

func (s *Server) getTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, err := s.svc.Ticket(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeTicket(w, http.StatusOK, t)
}

func (s *Server) createTicket(w http.ResponseWriter, r *http.Request) {
	var n support.NewTicket
	body, err := readJSON(r, &n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	key, err := idempotency(r, body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, replayed, err := s.svc.CreateTicket(r.Context(), currentUser(r), n, key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	w.Header().Set("Location", fmt.Sprintf("/api/v1/tickets/%d", t.ID))
	writeTicket(w, http.StatusCreated, t)
}

func (s *Server) updateTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var p support.TicketPatch
	if _, err := readJSON(r, &p); err != nil {
		s.fail(w, r, err)
		return
	}
	ifMatch := strings.TrimSpace(r.Header.Get("If-Match"))
	if ifMatch != "" && ifMatch != "*" { // "*": whatever version is current
		v, err := parseETag(ifMatch)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if p.Version != nil && *p.Version != v {
			writeProblem(w, r, badRequestField("If-Match", fmt.Sprintf("If-Match says version %d, the body's version %d: send one of them", v, *p.Version)))
			return
		}
		p.Version = &v
	}
	t, err := s.svc.UpdateTicket(r.Context(), currentUser(r), id, p)
	if err != nil {
		prob := problemFor(err, s.log, r)
		if ifMatch != "" && prob.Status == http.StatusConflict && prob.CurrentVersion != 0 {
			prob.Status, prob.Type, prob.Title = http.StatusPreconditionFailed, "urn:supctl:problem:precondition-failed", http.StatusText(http.StatusPreconditionFailed)
		}
		writeProblem(w, r, prob)
		return
	}
	writeTicket(w, http.StatusOK, t)
}

// parseETag reads the version an If-Match header names. A weak ETag never
// matches, as If-Match compares strongly (RFC 9110): it is refused as stale.
func parseETag(h string) (int, error) {
	if strings.HasPrefix(h, "W/") {
		return 0, newProblem(http.StatusPreconditionFailed, "precondition-failed",
			"If-Match compares strongly, and a weak ETag never matches: send the ticket's ETag as it came, e.g. \"3\"")
	}
	unquoted, err := strconv.Unquote(h)
	v, _ := strconv.Atoi(unquoted)
	if err != nil || v <= 0 {
		return 0, badRequestField("If-Match", "invalid If-Match header: send the ETag of the ticket, e.g. \"3\", or *")
	}
	return v, nil
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	comments, err := s.svc.ListComments(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"comments": comments})
}

func (s *Server) addComment(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var n support.NewComment
	body, err := readJSON(r, &n)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	idem, err := idempotency(r, body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	c, replayed, err := s.svc.AddComment(r.Context(), currentUser(r), id, n, idem)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if replayed {
		w.Header().Set("Idempotent-Replayed", "true")
	}
	writeJSON(w, http.StatusCreated, c)
}

func (s *Server) listEvents(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	events, err := s.svc.ListEvents(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"events": events})
}

func (s *Server) ticketSLA(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	clocks, err := s.svc.TicketSLA(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, clocks)
}
