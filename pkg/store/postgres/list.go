package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// breachKey is a ticket's sort key by next breach (store.NoBreach when no
// clock runs); the breach and queue indexes are on this very expression.
const breachKey = "coalesce(t.next_breach_at, 9223372036854775807)"

// active selects the tickets of support.ActiveStatuses, spelled with
// literals so that the planner matches the partial queue index.
var active = "t.status IN ('" + strings.Join(support.ActiveStatuses, "', '") + "')"

// orders are the ORDER BY of each sort; the id breaks ties so that keyset
// pagination never skips or repeats a row.
var orders = map[string]string{
	"updated":  "t.updated_at DESC, t.id DESC",
	"created":  "t.created_at DESC, t.id DESC",
	"severity": "t.severity ASC, t.created_at DESC, t.id DESC",
	"breach":   breachKey + " ASC, t.id ASC",
}

// where collects AND-ed conditions and numbers their arguments $1, $2, ...
// in the order they are added.
type where struct {
	conds []string
	args  []any
}

// arg adds an argument and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

func (w *where) add(cond string) { w.conds = append(w.conds, cond) }

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// ListTickets returns one page of the tickets f selects, cut by keyset.
func (s *Store) ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error) {
	sort := f.Sort
	if sort == "" {
		sort = "updated"
	}
	order, ok := orders[sort]
	if !ok {
		return support.TicketPage{}, fmt.Errorf("no order %q to list tickets by", sort)
	}
	limit := min(f.Limit, support.MaxLimit)
	if limit <= 0 {
		limit = support.DefaultLimit
	}
	w := filterWhere(f)
	if f.Cursor != "" {
		c, err := store.DecodeCursor(f.Cursor, sort)
		if err != nil {
			return support.TicketPage{}, err
		}
		switch sort {
		case "updated":
			w.add("(t.updated_at, t.id) < (" + w.arg(c.At) + ", " + w.arg(c.ID) + ")")
		case "created":
			w.add("(t.created_at, t.id) < (" + w.arg(c.At) + ", " + w.arg(c.ID) + ")")
		case "severity":
			sev := w.arg(c.Severity)
			w.add("(t.severity > " + sev + " OR (t.severity = " + sev + " AND (t.created_at, t.id) < (" + w.arg(c.At) + ", " + w.arg(c.ID) + ")))")
		case "breach":
			at := w.arg(c.At)
			w.add("(" + breachKey + ", t.id) > (" + at + ", " + w.arg(c.ID) + ")")
		}
	}
	// One row past the page tells whether there is a next one.
	query := ticketSelect + w.String() + " ORDER BY " + order + " LIMIT " + w.arg(limit+1)
	tickets, err := queryAll(ctx, s.pool, scanTicket, query, w.args...)
	if err != nil {
		return support.TicketPage{}, err
	}
	page := support.TicketPage{Tickets: tickets}
	if len(tickets) > limit {
		page.Tickets = tickets[:limit]
		page.NextCursor = store.CursorAfter(sort, page.Tickets[limit-1]).Encode()
	}
	if f.Count {
		w := filterWhere(f)
		var n int
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM tickets t LEFT JOIN accounts a ON a.id = t.account_id`+w.String(), w.args...).Scan(&n); err != nil {
			return support.TicketPage{}, err
		}
		page.Total = &n
	}
	return page, nil
}

// filterWhere is the condition of f on tickets t joined to accounts a,
// the cursor aside.
func filterWhere(f support.TicketFilter) *where {
	w := &where{}
	for _, in := range []struct {
		col    string
		values []string
	}{{"t.status", f.Statuses}, {"t.severity", f.Severities}, {"t.division", f.Divisions}, {"t.region", f.Regions}, {"t.language", f.Languages}} {
		if len(in.values) > 0 {
			w.add(in.col + " = ANY(" + w.arg(in.values) + ")")
		}
	}
	switch f.Assignee {
	case "":
	case support.Unassigned:
		w.add("t.assignee_id IS NULL")
	default:
		w.add("t.assignee_id = (SELECT id FROM users WHERE lower(email) = lower(" + w.arg(f.Assignee) + "))")
	}
	if f.AccountID != 0 {
		w.add("t.account_id = " + w.arg(f.AccountID))
	}
	if f.Search != "" {
		w.add("strpos(t.search_text, " + w.arg(support.SearchFold(f.Search)) + ") > 0")
	}
	if len(f.Tags) > 0 {
		w.add("t.tags ?| " + w.arg(f.Tags))
	}
	if f.UpdatedSince != nil {
		w.add("t.updated_at >= " + w.arg(f.UpdatedSince.UnixMilli()))
	}
	// A ticket with no running clock has the largest key, after any
	// instant and never at or before one.
	if f.BreachAfter != nil {
		w.add(breachKey + " > " + w.arg(f.BreachAfter.UnixMilli()))
	}
	if f.BreachBy != nil {
		w.add(breachKey + " <= " + w.arg(f.BreachBy.UnixMilli()))
	}
	if f.VisibleTo != 0 {
		org := w.arg(f.VisibleTo)
		w.add("(t.account_id = " + org + " OR a.partner_id = " + org + ")")
	}
	return w
}
