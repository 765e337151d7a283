package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Me is the signed-in user.
func (c *Client) Me(ctx context.Context) (support.User, error) {
	var u support.User
	return u, c.get(ctx, "/api/v1/me", &u)
}

// TicketQuery encodes a support.TicketFilter as the list endpoint's query.
func TicketQuery(f support.TicketFilter) url.Values {
	q := url.Values{}
	setList := func(key string, vs []string) {
		if len(vs) > 0 {
			q.Set(key, strings.Join(vs, ","))
		}
	}
	setList("status", f.Statuses)
	setList("severity", f.Severities)
	setList("division", f.Divisions)
	setList("region", f.Regions)
	setList("language", f.Languages)
	if f.Assignee != "" {
		q.Set("assignee", f.Assignee)
	}
	if f.AccountID != 0 {
		q.Set("account_id", strconv.FormatInt(f.AccountID, 10))
	}
	if f.Search != "" {
		q.Set("q", f.Search)
	}
	if f.Sort != "" {
		q.Set("sort", f.Sort)
	}
	if f.Limit != 0 {
		q.Set("limit", strconv.Itoa(f.Limit))
	}
	if f.Cursor != "" {
		q.Set("cursor", f.Cursor)
	}
	setList("tag", f.Tags)
	if f.Count {
		q.Set("count", "true")
	}
	for param, at := range map[string]*time.Time{"breach_by": f.BreachBy, "breach_after": f.BreachAfter, "updated_since": f.UpdatedSince} {
		if at != nil {
			q.Set(param, at.UTC().Format(time.RFC3339Nano))
		}
	}
	return q
}

// ListTickets returns one page of tickets.
func (c *Client) ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error) {
	var page support.TicketPage
	err := c.get(ctx, "/api/v1/tickets?"+TicketQuery(f).Encode(), &page)
	return page, err
}

// ListAllTickets follows cursors until limit tickets are read or the list
// ends; limit <= 0 reads one server-default page.
func (c *Client) ListAllTickets(ctx context.Context, f support.TicketFilter, limit int) ([]support.Ticket, error) {
	var out []support.Ticket
	for {
		f.Limit = min(max(limit-len(out), 0), support.MaxLimit)
		page, err := c.ListTickets(ctx, f)
		if err != nil {
			return nil, err
		}
		out = append(out, page.Tickets...)
		if page.NextCursor == "" || limit <= 0 || len(out) >= limit {
			return out, nil
		}
		f.Cursor = page.NextCursor
	}
}

// Ticket fetches one ticket.
func (c *Client) Ticket(ctx context.Context, id int64) (support.Ticket, error) {
	var t support.Ticket
	return t, c.get(ctx, fmt.Sprintf("/api/v1/tickets/%d", id), &t)
}

// CreateTicket opens a ticket. The idempotency key makes a retry safe.
func (c *Client) CreateTicket(ctx context.Context, n support.NewTicket, idempotencyKey string) (support.Ticket, error) {
	t, _, err := c.CreateTicketReplayed(ctx, n, idempotencyKey)
	return t, err
}

// CreateTicketReplayed is CreateTicket that also says whether the answer
// is a replay: the ticket the key's first request opened.
func (c *Client) CreateTicketReplayed(ctx context.Context, n support.NewTicket, idempotencyKey string) (t support.Ticket, replayed bool, err error) {
	r := Request{Method: http.MethodPost, Path: "/api/v1/tickets", Body: n, Header: idempotencyHeader(idempotencyKey), Expect: []int{http.StatusCreated}}
	resp, err := c.write(ctx, r, &t, "the new ticket", func() bool { return t.ID != 0 })
	return t, isReplay(resp, err), err
}

// UpdateTicket applies p; with p.Version set, a stale write fails with 409.
func (c *Client) UpdateTicket(ctx context.Context, id int64, p support.TicketPatch) (support.Ticket, error) {
	var t support.Ticket
	r := Request{Method: http.MethodPatch, Path: fmt.Sprintf("/api/v1/tickets/%d", id), Body: p, Expect: []int{http.StatusOK}}
	if p.Version != nil {
		r.SafeRetry = fmt.Sprintf("sending it again with version %d is safe: if the first was applied, the ticket is past that version and nothing is written twice", *p.Version)
	}
	_, err := c.write(ctx, r, &t, "the updated ticket", func() bool { return t.ID == id })
	return t, err
}

// Comments lists a ticket's thread, oldest first.
func (c *Client) Comments(ctx context.Context, id int64) ([]support.Comment, error) {
	var out struct {
		Comments []support.Comment `json:"comments"`
	}
	return out.Comments, c.get(ctx, fmt.Sprintf("/api/v1/tickets/%d/comments", id), &out)
}

// Events returns the history of a ticket, oldest first. Partners are
// refused it (403): the history is internal.
func (c *Client) Events(ctx context.Context, id int64) ([]support.Event, error) {
	var out struct {
		Events []support.Event `json:"events"`
	}
	return out.Events, c.get(ctx, fmt.Sprintf("/api/v1/tickets/%d/events", id), &out)
}

// AddComment posts a public reply or, with Internal, a note. The
// idempotency key makes a retry safe.
func (c *Client) AddComment(ctx context.Context, id int64, n support.NewComment, idempotencyKey string) (support.Comment, error) {
	cm, _, err := c.AddCommentReplayed(ctx, id, n, idempotencyKey)
	return cm, err
}

// AddCommentReplayed is AddComment that also says whether the answer is a
// replay: the comment the key's first request posted.
func (c *Client) AddCommentReplayed(ctx context.Context, id int64, n support.NewComment, idempotencyKey string) (cm support.Comment, replayed bool, err error) {
	r := Request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tickets/%d/comments", id), Body: n, Header: idempotencyHeader(idempotencyKey), Expect: []int{http.StatusCreated}}
	resp, err := c.write(ctx, r, &cm, "the new comment", func() bool { return cm.ID != 0 })
	return cm, isReplay(resp, err), err
}

// isReplay reports whether a write's answer is the one its
// Idempotency-Key's first request got.
func isReplay(resp *http.Response, err error) bool {
	return err == nil && resp != nil && resp.Header.Get("Idempotent-Replayed") == "true"
}

func idempotencyHeader(key string) http.Header {
	if key == "" {
		return nil
	}
	return http.Header{IdempotencyKey: {key}}
}

// TicketSLA fetches a ticket's SLA clocks as of now.
func (c *Client) TicketSLA(ctx context.Context, id int64) (support.TicketSLA, error) {
	var out support.TicketSLA
	return out, c.get(ctx, fmt.Sprintf("/api/v1/tickets/%d/sla", id), &out)
}
