package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// pickOrder is the order of a queue: earliest breach (none last), most
// severe, longest waiting, and the id to break ties, as
// support.QueueHead.Before has it.
const pickOrder = breachKey + ", t.severity, t.created_at, t.id"

// queueWhere selects the tickets waiting in q.
func queueWhere(q support.Queue) *where {
	w := &where{}
	w.add("t.assignee_id IS NULL")
	w.add(active)
	w.add("t.region = ?", q.Region)
	w.add("t.division = ?", q.Division)
	if q.Language != "" {
		w.add("t.language = ?", q.Language)
	}
	return w
}

// QueueTickets lists the tickets waiting in q, in pick order.
func (s *Store) QueueTickets(ctx context.Context, q support.Queue, limit int) ([]support.Ticket, error) {
	if limit <= 0 {
		limit = support.DefaultLimit
	}
	query, args := queueQuery(q, min(limit, support.MaxLimit))
	return queryAll(ctx, s.reads, scanTicket, query, args...)
}

func queueQuery(q support.Queue, limit int) (string, []any) {
	w := queueWhere(q)
	return ticketSelect + w.String() + " ORDER BY " + pickOrder + " LIMIT ?", append(w.args, limit)
}

// QueueStats summarises each queue as of now, in the order given.
func (s *Store) QueueStats(ctx context.Context, queues []support.Queue, now time.Time) ([]support.QueueStat, error) {
	out := make([]support.QueueStat, 0, len(queues))
	for _, q := range queues {
		st := support.QueueStat{Queue: q.Name()}
		var oldest, first sql.NullInt64
		query, args := statsQuery(q, now)
		err := s.reads.QueryRowContext(ctx, query, args...).Scan(&st.Unassigned, &oldest, &first, &st.Breached)
		if err != nil {
			return nil, err
		}
		st.OldestAt = timeOrNil(oldest)
		if first.Valid {
			st.NextBreach = breachInstant(first.Int64)
		}
		out = append(out, st)
	}
	return out, nil
}

// statsQuery counts the tickets waiting in q, and finds the oldest, the
// first breach key, and how many have breached by now.
func statsQuery(q support.Queue, now time.Time) (string, []any) {
	w := queueWhere(q)
	return `SELECT count(*), min(t.created_at), min(` + breachKey + `), coalesce(sum(` + breachKey + ` <= ?), 0) FROM tickets t` +
		w.String(), append([]any{now.UnixMilli()}, w.args...)
}

// BreachClock reads a ticket with the clock that breaches next.
func (t *txn) BreachClock(ctx context.Context, id int64) (support.Ticket, string, error) {
	var clock string
	tk, err := scanTicketWith(t.QueryRowContext(ctx, `SELECT `+ticketColumns+`, t.next_breach_clock FROM tickets t`+ticketJoins+` WHERE t.id = ?`, id), &clock)
	return tk, clock, err
}

// QueueHeads reads the head of each of queues for u, by the queue's index
// alone.
func (t *txn) QueueHeads(ctx context.Context, u support.User, queues []support.Queue) ([]support.QueueHead, error) {
	query, args := headsQuery(u, queues)
	if query == "" {
		return nil, nil
	}
	return queryAll(ctx, t, func(row scanner) (support.QueueHead, error) {
		var h support.QueueHead
		var breach, created int64
		err := row.Scan(&h.TicketID, &breach, &h.Severity, &created, &h.Status, &h.Queue)
		h.BreachAt, h.CreatedAt = breachInstant(breach), fromMillis(created)
		return h, err
	}, query, args...)
}

// headsQuery reads the head of each of queues for u; each row names its
// queue by position in queues. The query is empty when none of the queues
// is in u's divisions.
//
// Its text depends only on its shape (see headsShape), so that building it
// costs no more than its arguments: it runs inside the writer.
func headsQuery(u support.User, queues []support.Queue) (string, []any) {
	var args []any
	shape := headsShape{languages: len(u.Languages)}
	for i, q := range queues {
		if !u.TakesDivision(q.Division) {
			continue
		}
		shape.heads++
		args = append(args, i, q.Region, q.Division, q.Language, q.Language)
		for _, l := range u.Languages {
			args = append(args, l)
		}
		args = append(args, u.ID)
	}
	if shape.heads == 0 {
		return "", nil
	}
	return headsQueries.text(shape), args
}

// headsShape is what the text of a heads query depends on: how many queues
// it looks at, and how many languages the actor speaks (none: any).
type headsShape struct{ heads, languages int }

// headsTexts remembers the text of each shape of heads query: a request
// names at most support.MaxQueues queues, and a user speaks few languages.
type headsTexts struct {
	mu    sync.Mutex
	texts map[headsShape]string
}

var headsQueries = headsTexts{texts: map[headsShape]string{}}

func (p *headsTexts) text(shape headsShape) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	text, ok := p.texts[shape]
	if !ok {
		text = shape.build()
		p.texts[shape] = text
	}
	return text
}

func (shape headsShape) build() string {
	// Region and division are arguments, and so is the queue's language,
	// which may be empty: any.
	w := &where{conds: queueWhere(support.Queue{}).conds}
	w.add("(? = '' OR t.language = ?)")
	if shape.languages > 0 {
		w.add("t.language IN (" + placeholders(shape.languages) + ")")
	}
	w.add("NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = ? AND k.ticket_id = t.id)")
	head := `SELECT * FROM (SELECT t.id, ` + breachKey + `, t.severity, t.created_at, t.status, ?
		FROM tickets t` + w.String() + ` ORDER BY ` + pickOrder + ` LIMIT 1)`
	return strings.Repeat(head+" UNION ALL ", shape.heads-1) + head
}

// Holding counts the active tickets a user holds.
func (t *txn) Holding(ctx context.Context, userID int64) (int, error) {
	var n int
	return n, t.QueryRowContext(ctx, holdingQuery, userID).Scan(&n)
}

// holdingQuery counts the active tickets a user holds.
var holdingQuery = `SELECT count(*) FROM tickets t WHERE t.assignee_id = ? AND ` + active
