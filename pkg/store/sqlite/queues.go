package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"sync"
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
	if err := req.Validate(); err != nil {
		return support.Pick{}, err
	}
	var pick support.Pick
	var err error
	if req.DryRun {
		pick, err = s.pick(ctx, nil, actor, req, s.stamp())
	} else {
		err = s.write(ctx, func(tx *txn, now time.Time) (err error) {
			pick, err = s.pick(ctx, tx, actor, req, now)
			return err
		})
	}
	if err != nil {
		return support.Pick{}, err
	}
	return pick, nil
}

// pick chooses the actor's next ticket, and claims it in tx unless tx is
// nil, for a dry run. A claim reads the actor's skills and limit in its own
// transaction: an admin's change to them applies to the next pick. A dry
// run reads as of each of its statements, so what it shows may be taken
// before the actor asks for it.
func (s *Store) pick(ctx context.Context, tx *txn, actor store.Actor, req support.NextRequest, now time.Time) (support.Pick, error) {
	var q queryer = s.reads
	if tx != nil {
		q = tx
	}
	u, err := skills(ctx, q, actor)
	if err != nil {
		return support.Pick{}, err
	}
	h, err := firstHead(ctx, q, u, req)
	if errors.Is(err, support.ErrNothingToPick) && !req.Force {
		// Nothing waits, or the actor is at their limit: say which.
		err = cmp.Or(checkWIP(ctx, q, u), err)
	}
	if err != nil {
		return support.Pick{}, err
	}
	c := candidate{key: h.breach, queue: req.Queues[h.queue].Name()}
	if tx == nil {
		// A dry run claims nothing, but tells an actor at their limit so.
		if !req.Force {
			err = checkWIP(ctx, q, u)
		}
		if err == nil {
			c.ticket, err = scanTicketWith(q.QueryRowContext(ctx, pickedTicket, h.id), &c.clock)
		}
	} else {
		limit := wipLimit(u)
		if req.Force {
			limit = 0
		}
		c.ticket, c.clock, err = s.claim(ctx, tx, now, actor, h.id, h.status, limit, "queue next")
		if errors.Is(err, sql.ErrNoRows) {
			// The limit held the claim back.
			err = cmp.Or(checkWIP(ctx, q, u), err)
		}
	}
	if err != nil {
		return support.Pick{}, err
	}
	return c.pick(now, tx != nil), nil
}

// pickedTicket reads a ticket with the clock that breaches next.
const pickedTicket = `SELECT ` + ticketColumns + `, t.next_breach_clock FROM tickets t` + ticketJoins + ` WHERE t.id = ?`

// candidate is the ticket a pick chose, with what the reason for it needs.
type candidate struct {
	ticket support.Ticket
	key    int64 // breachKey
	clock  string
	queue  string
}

// head is the first ticket of a queue for an actor, as the queue's index
// has it.
type head struct {
	id, breach, created int64
	severity, status    string
	queue               int // its position in the request
}

// before tells whether h comes before o in pick order.
func (h head) before(o head) bool {
	return cmp.Or(cmp.Compare(h.breach, o.breach), cmp.Compare(h.severity, o.severity),
		cmp.Compare(h.created, o.created), cmp.Compare(h.id, o.id)) < 0
}

// firstHead finds u's next ticket: the first in pick order of the heads of
// the queues, each narrowed to u's skills and to tickets they have not
// skipped. It returns support.ErrNothingToPick when there is none.
func firstHead(ctx context.Context, q queryer, u support.User, req support.NextRequest) (head, error) {
	query, args := headsQuery(u, req.Queues)
	if query == "" {
		return head{}, support.ErrNothingToPick
	}
	heads, err := queryAll(ctx, q, func(row scanner) (head, error) {
		var h head
		return h, row.Scan(&h.id, &h.breach, &h.severity, &h.created, &h.status, &h.queue)
	}, query, args...)
	if err != nil {
		return head{}, err
	}
	if len(heads) == 0 {
		return head{}, support.ErrNothingToPick
	}
	first := heads[0]
	for _, h := range heads[1:] {
		if h.before(first) {
			first = h
		}
	}
	return first, nil
}

// headsQuery reads the head of each of queues for u, by the queue's index
// alone; each row names its queue by position in queues. The query is
// empty when none of the queues is in u's divisions.
//
// Its text depends only on its shape (see headsShape), so that building it
// costs no more than its arguments: it runs inside the writer.
func headsQuery(u support.User, queues []support.Queue) (string, []any) {
	var args []any
	shape := headsShape{languages: len(u.Languages)}
	for i, q := range queues {
		if len(u.Divisions) > 0 && !slices.Contains(u.Divisions, q.Division) {
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
		w.add("t.language IN (" + strings.TrimSuffix(strings.Repeat("?, ", shape.languages), ", ") + ")")
	}
	w.add("NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = ? AND k.ticket_id = t.id)")
	head := `SELECT * FROM (SELECT t.id, ` + breachKey + `, t.severity, t.created_at, t.status, ?
		FROM tickets t` + w.String() + ` ORDER BY ` + pickOrder + ` LIMIT 1)`
	return strings.Repeat(head+" UNION ALL ", shape.heads-1) + head
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

// pick is the Pick of c, its reason said at now with the instant in
// RFC 3339.
func (c candidate) pick(now time.Time, claimed bool) support.Pick {
	p := support.Pick{Ticket: c.ticket, Queue: c.queue, Claimed: claimed}
	if c.key != noBreach {
		at := fromMillis(c.key)
		p.BreachAt, p.Clock = &at, c.clock
	}
	p.Reason = p.Describe(now, func(t time.Time) string { return t.UTC().Format(time.RFC3339) })
	return p
}
