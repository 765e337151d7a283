package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/supctl/supctl/pkg/support"
)

// QueueStats summarises the named queues; none means every queue.
func (c *Client) QueueStats(ctx context.Context, queues []support.Queue) ([]support.QueueStat, error) {
	q := url.Values{}
	if len(queues) > 0 {
		names := make([]string, len(queues))
		for i, qu := range queues {
			names[i] = qu.Name()
		}
		q.Set("names", strings.Join(names, ","))
	}
	var out struct {
		Queues []support.QueueStat `json:"queues"`
	}
	return out.Queues, c.get(ctx, "/api/v1/queues?"+q.Encode(), &out)
}

// QueueTickets lists a queue's waiting tickets in pick order.
func (c *Client) QueueTickets(ctx context.Context, queue support.Queue, limit int) ([]support.Ticket, error) {
	q := url.Values{"limit": {strconv.Itoa(limit)}}
	if queue.Language != "" {
		q.Set("language", queue.Language)
	}
	var out struct {
		Tickets []support.Ticket `json:"tickets"`
	}
	path := fmt.Sprintf("/api/v1/queues/%s/%s/tickets?%s", url.PathEscape(queue.Region), url.PathEscape(queue.Division), q.Encode())
	return out.Tickets, c.get(ctx, path, &out)
}

// Claim assigns a waiting ticket to the caller; a lost race is a 409 whose
// problem names the holder.
func (c *Client) Claim(ctx context.Context, id int64) (support.Ticket, error) {
	var t support.Ticket
	r := Request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tickets/%d/claim", id), Expect: []int{http.StatusOK},
		SafeRetry: "claiming it again is safe: a ticket you already hold is returned as it is"}
	_, err := c.write(ctx, r, &t, "the claimed ticket", func() bool { return t.ID == id })
	return t, err
}

// Next picks, and unless req.DryRun claims, the caller's next ticket. ok is
// false when there is nothing to pick.
func (c *Client) Next(ctx context.Context, req support.NextRequest) (pick support.Pick, ok bool, err error) {
	r := Request{Method: http.MethodPost, Path: "/api/v1/queues/next", Body: req, Expect: []int{http.StatusOK, http.StatusNoContent}}
	resp, err := c.write(ctx, r, &pick, "the picked ticket", func() bool { return pick.Ticket.ID != 0 })
	if err != nil {
		return pick, false, err
	}
	return pick, resp.StatusCode != http.StatusNoContent, nil
}

// Skip records that the caller passes on a ticket.
func (c *Client) Skip(ctx context.Context, id int64, reason string) error {
	r := Request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tickets/%d/skip", id), Body: map[string]string{"reason": reason}, Expect: []int{http.StatusNoContent}}
	_, err := c.write(ctx, r, nil, "", func() bool { return true })
	return err
}

// Release unassigns a ticket.
func (c *Client) Release(ctx context.Context, id int64, reason string) (support.Ticket, error) {
	var t support.Ticket
	r := Request{Method: http.MethodPost, Path: fmt.Sprintf("/api/v1/tickets/%d/release", id), Body: map[string]string{"reason": reason}, Expect: []int{http.StatusOK}}
	_, err := c.write(ctx, r, &t, "the released ticket", func() bool { return t.ID == id })
	return t, err
}
