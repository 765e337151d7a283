package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// orders are the ORDER BY of each sort; the id breaks ties so that keyset
// pagination never skips or repeats a row.
var orders = map[string]string{
	"updated":  "t.updated_at DESC, t.id DESC",
	"created":  "t.created_at DESC, t.id DESC",
	"severity": "t.severity ASC, t.created_at DESC, t.id DESC",
	"breach":   breachKey + " ASC, t.id ASC",
}

// ListTickets returns one page of the tickets f selects. Pages are cut by
// keyset, never by offset, so a page costs the same at any depth.
func (s *Store) ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error) {
	sort := f.Sort
	if sort == "" {
		sort = "updated"
	}
	if _, ok := orders[sort]; !ok {
		return support.TicketPage{}, fmt.Errorf("no order %q to list tickets by", sort)
	}
	limit := min(f.Limit, support.MaxLimit)
	if limit <= 0 {
		limit = support.DefaultLimit
	}
	// One row past the page tells whether there is a next one.
	query, args, err := listQuery(f, sort, limit+1)
	if err != nil {
		return support.TicketPage{}, err
	}
	tickets, err := queryAll(ctx, s.reads, scanTicket, query, args...)
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
		err := s.reads.QueryRowContext(ctx, `SELECT count(*) FROM tickets t LEFT JOIN accounts a ON a.id = t.account_id`+w.String(), w.args...).Scan(&n)
		if err != nil {
			return support.TicketPage{}, err
		}
		page.Total = &n
	}
	return page, nil
}

// listQuery selects up to limit tickets of f in the order of sort.
func listQuery(f support.TicketFilter, sort string, limit int) (string, []any, error) {
	w := filterWhere(f)
	if f.Cursor != "" {
		c, err := store.DecodeCursor(f.Cursor, sort)
		if err != nil {
			return "", nil, err
		}
		switch sort {
		case "updated":
			w.add("(t.updated_at, t.id) < (?, ?)", c.At, c.ID)
		case "created":
			w.add("(t.created_at, t.id) < (?, ?)", c.At, c.ID)
		case "severity":
			w.add("(t.severity > ? OR (t.severity = ? AND (t.created_at, t.id) < (?, ?)))", c.Severity, c.Severity, c.At, c.ID)
		case "breach":
			// The redundant first term is a range the index can seek to.
			w.add(breachKey+" >= ? AND ("+breachKey+" > ? OR t.id > ?)", c.At, c.At, c.ID)
		}
	}
	return ticketSelect + w.String() + " ORDER BY " + orders[sort] + " LIMIT ?", append(w.args, limit), nil
}

// filterWhere is the condition of f on tickets t joined to accounts a,
// the cursor aside.
func filterWhere(f support.TicketFilter) *where {
	w := &where{}
	w.in("t.status", f.Statuses)
	w.in("t.severity", f.Severities)
	w.in("t.division", f.Divisions)
	w.in("t.region", f.Regions)
	w.in("t.language", f.Languages)
	switch f.Assignee {
	case "":
	case support.Unassigned:
		w.add("t.assignee_id IS NULL")
	default:
		w.add("t.assignee_id = (SELECT id FROM users WHERE email = ?)", f.Assignee)
	}
	if f.AccountID != 0 {
		w.add("t.account_id = ?", f.AccountID)
	}
	if f.Search != "" {
		w.add("instr(t.search_text, ?) > 0", support.SearchFold(f.Search))
	}
	if len(f.Tags) > 0 {
		args := make([]any, len(f.Tags))
		for i, tag := range f.Tags {
			args[i] = tag
		}
		w.add("EXISTS (SELECT 1 FROM json_each(t.tags) WHERE json_each.value IN ("+placeholders(len(f.Tags))+"))", args...)
	}
	if f.UpdatedSince != nil {
		w.add("t.updated_at >= ?", f.UpdatedSince.UnixMilli())
	}
	// Both bounds are on the breach index's expression, so that a list by
	// breach seeks to its range; a ticket with no running clock has the
	// largest key, after any instant and never at or before one.
	if f.BreachAfter != nil {
		w.add(breachKey+" > ?", f.BreachAfter.UnixMilli())
	}
	if f.BreachBy != nil {
		w.add(breachKey+" <= ?", f.BreachBy.UnixMilli())
	}
	if f.VisibleTo != 0 {
		w.add("(t.account_id = ? OR a.partner_id = ?)", f.VisibleTo, f.VisibleTo)
	}
	return w
}

// placeholders is n comma-separated question marks.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

// where collects AND-ed conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

// in adds col IN (values), or nothing when values is empty.
func (w *where) in(col string, values []string) {
	if len(values) == 0 {
		return
	}
	args := make([]any, len(values))
	for i, v := range values {
		args[i] = v
	}
	w.add(col+" IN ("+placeholders(len(values))+")", args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}
