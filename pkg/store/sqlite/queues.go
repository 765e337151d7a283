package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// pickOrder is the order of a queue: earliest breach (none last), most
// severe, longest waiting, and the id to break ties.
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
		if first.Int64 != noBreach {
			st.NextBreach = timeOrNil(first)
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

// NextTicket picks the first ticket in pick order across req.Queues that
// suits the actor, and claims it in the same transaction unless req.DryRun.
func (s *Store) NextTicket(ctx context.Context, actor store.Actor, req support.NextRequest) (support.Pick, error) {
	if len(req.Queues) == 0 {
		return support.Pick{}, &support.ValidationError{Field: "queues", Message: "no queue to pick from: name at least one, e.g. apac-jp/spark"}
	}
	// The actor's skills and limit are read before taking the writer: they
	// need no transaction, and the writer is what every claim waits for.
	u, err := userWhere(ctx, s.reads, "id = ?", actor.ID, "user "+actor.Email)
	if err != nil {
		return support.Pick{}, err
	}
	var pick support.Pick
	p := newPicker(u, req)
	pickIn := func(q queryer, now time.Time) error {
		c, err := p.choose(ctx, q)
		if err != nil {
			return err
		}
		pick.Ticket, pick.Queue, pick.Reason = c.ticket, c.queue, c.reason(now)
		return nil
	}
	if req.DryRun {
		err = pickIn(s.reads, s.stamp())
	} else {
		err = s.write(ctx, func(tx *txn, now time.Time) error {
			if err := pickIn(tx, now); err != nil {
				return err
			}
			var err error
			pick.Ticket, err = s.claim(ctx, tx, now, actor, pick.Ticket, "queue next")
			pick.Claimed = true
			return err
		})
	}
	if err != nil {
		return support.Pick{}, err
	}
	return pick, nil
}

// candidate is the ticket a pick chose, with what the reason for it needs.
type candidate struct {
	ticket support.Ticket
	key    int64 // breachKey
	clock  string
	queue  string
}

// picker is an actor's pick with its query, built before the pick takes
// the writer, which every claim waits for.
type picker struct {
	u     support.User
	req   support.NextRequest
	query string // empty when none of the queues is in u's divisions
	args  []any
}

func newPicker(u support.User, req support.NextRequest) picker {
	query, args := pickQuery(u, req)
	return picker{u: u, req: req, query: query, args: args}
}

// choose finds the actor's next ticket: within their work-in-progress limit
// unless forced, the first in pick order of the heads of the queues, each
// narrowed to the actor's skills and to tickets they have not skipped.
func (p picker) choose(ctx context.Context, q queryer) (candidate, error) {
	var c candidate
	var queue int
	err := sql.ErrNoRows
	if p.query != "" {
		c.ticket, err = scanTicketWith(q.QueryRowContext(ctx, p.query, p.args...), &c.key, &c.clock, &queue)
	}
	if errors.Is(err, sql.ErrNoRows) {
		// Nothing waits, or the actor is at their limit: say which.
		if !p.req.Force {
			if err := checkWIP(ctx, q, p.u); err != nil {
				return candidate{}, err
			}
		}
		return candidate{}, support.ErrNothingToPick
	}
	if err != nil {
		return candidate{}, err
	}
	c.queue = p.req.Queues[queue].Name()
	return c, nil
}

// pickQuery reads the whole ticket headsQuery chooses, in one statement:
// the pick is read once, and inside the writer. Unless forced, it finds
// none for an actor at their work-in-progress limit. CROSS JOIN keeps
// SQLite from reordering the join, so the one head is found first.
func pickQuery(u support.User, req support.NextRequest) (string, []any) {
	heads, args := headsQuery(u, req.Queues)
	if heads == "" {
		return "", nil
	}
	query := `SELECT ` + ticketColumns + `, h.breach, t.next_breach_clock, h.queue
FROM (` + heads + `) h CROSS JOIN tickets t ON t.id = h.id` + ticketJoins
	if req.Force {
		return query, args
	}
	return query + ` WHERE (` + holdingQuery + `) < ?`, append(args, u.ID, wipLimit(u))
}

// headsQuery takes the head of each of queues for u, by its index alone,
// and keeps the first; its row names its queue by position in queues. The
// query is empty when none of the queues is in u's divisions.
func headsQuery(u support.User, queues []support.Queue) (string, []any) {
	var heads []string
	var args []any
	for i, queue := range queues {
		if len(u.Divisions) > 0 && !slices.Contains(u.Divisions, queue.Division) {
			continue
		}
		w := queueWhere(queue)
		w.in("t.language", u.Languages)
		w.add("NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = ? AND k.ticket_id = t.id)", u.ID)
		heads = append(heads, `SELECT * FROM (SELECT t.id, `+breachKey+` AS breach, t.severity,
			t.created_at, ? AS queue FROM tickets t`+w.String()+` ORDER BY `+pickOrder+` LIMIT 1)`)
		args = append(append(args, i), w.args...)
	}
	if len(heads) == 0 {
		return "", nil
	}
	return strings.Join(heads, " UNION ALL ") + ` ORDER BY breach, severity, created_at, id LIMIT 1`, args
}

// checkWIP refuses more work to a user who holds as many active tickets as
// their limit.
func checkWIP(ctx context.Context, q queryer, u support.User) error {
	limit := wipLimit(u)
	var holding int
	if err := q.QueryRowContext(ctx, holdingQuery, u.ID).Scan(&holding); err != nil {
		return err
	}
	if holding >= limit {
		return &support.WIPLimitError{Holding: holding, Limit: limit}
	}
	return nil
}

// wipLimit is how many active tickets u may hold.
func wipLimit(u support.User) int { return cmp.Or(u.WIPLimit, support.DefaultWIPLimit) }

// holdingQuery counts the active tickets a user holds.
var holdingQuery = `SELECT count(*) FROM tickets t WHERE t.assignee_id = ? AND ` + active

// reason says in one line why c comes first, e.g. "earliest SLA breach in
// apac-jp/spark: first response due 2026-11-27T10:00:00Z; S2; waiting 3h".
func (c candidate) reason(now time.Time) string {
	waiting := "waiting " + age(now.Sub(c.ticket.CreatedAt))
	if c.key == noBreach {
		return fmt.Sprintf("no SLA clock running in %s; %s; %s", c.queue, c.ticket.Severity, waiting)
	}
	at := fromMillis(c.key)
	state := "due"
	if !at.After(now) {
		state = "breached at"
	}
	return fmt.Sprintf("earliest SLA breach in %s: %s %s %s; %s; %s",
		c.queue, cmp.Or(c.clock, "SLA"), state, at.Format(time.RFC3339), c.ticket.Severity, waiting)
}

// age is a duration in its largest whole unit: 45m, 3h, 5d.
func age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(max(d, 0).Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
}
