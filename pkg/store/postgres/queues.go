package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// pickOrder is the order of a queue, as support.QueueHead.Before has it.
const pickOrder = breachKey + ", t.severity, t.created_at, t.id"

// queueWhere selects the tickets waiting in q.
func queueWhere(w *where, q support.Queue) {
	w.add("t.assignee_id IS NULL")
	w.add(active)
	w.add("t.region = " + w.arg(q.Region))
	w.add("t.division = " + w.arg(q.Division))
	if q.Language != "" {
		w.add("t.language = " + w.arg(q.Language))
	}
}

// QueueTickets lists the tickets waiting in q, in pick order.
func (s *Store) QueueTickets(ctx context.Context, q support.Queue, limit int) ([]support.Ticket, error) {
	if limit <= 0 {
		limit = support.DefaultLimit
	}
	w := &where{}
	queueWhere(w, q)
	return queryAll(ctx, s.pool, scanTicket, ticketSelect+w.String()+" ORDER BY "+pickOrder+" LIMIT "+w.arg(min(limit, support.MaxLimit)), w.args...)
}

// QueueStats summarises each queue as of now, in the order given.
func (s *Store) QueueStats(ctx context.Context, queues []support.Queue, now time.Time) ([]support.QueueStat, error) {
	out := make([]support.QueueStat, 0, len(queues))
	for _, q := range queues {
		st := support.QueueStat{Queue: q.Name()}
		w := &where{}
		at := w.arg(now.UnixMilli())
		queueWhere(w, q)
		var oldest, first *int64
		err := s.pool.QueryRow(ctx, `SELECT count(*), min(t.created_at), min(`+breachKey+`), count(*) FILTER (WHERE `+breachKey+` <= `+at+`)
			FROM tickets t`+w.String(), w.args...).Scan(&st.Unassigned, &oldest, &first, &st.Breached)
		if err != nil {
			return nil, err
		}
		st.OldestAt = timeOrNil(oldest)
		if first != nil {
			st.NextBreach = breachInstant(*first)
		}
		out = append(out, st)
	}
	return out, nil
}

// breachInstant is a breach key as an instant, nil for store.NoBreach.
func breachInstant(key int64) *time.Time {
	if key == store.NoBreach {
		return nil
	}
	at := fromMillis(key)
	return &at
}

// QueueHeads reads the head of each of queues for u in one statement: a
// lateral subquery per queue takes its first ticket in pick order. In a
// transaction it locks the heads and skips tickets other transactions
// hold locked (FOR UPDATE SKIP LOCKED), so that picks on several replicas
// at once each get a ticket of their own and none waits for another.
func (t *txn) QueueHeads(ctx context.Context, u support.User, queues []support.Queue) ([]support.QueueHead, error) {
	w := &where{}
	var rows []string
	for i, q := range queues {
		if !u.TakesDivision(q.Division) {
			continue
		}
		rows = append(rows, "("+w.arg(i)+"::int, "+w.arg(q.Region)+"::text, "+w.arg(q.Division)+"::text, "+w.arg(q.Language)+"::text)")
	}
	if len(rows) == 0 {
		return nil, nil
	}
	conds := []string{"t.assignee_id IS NULL", active, "t.region = q.region", "t.division = q.division",
		"(q.language = '' OR t.language = q.language)",
		"NOT EXISTS (SELECT 1 FROM skips k WHERE k.user_id = " + w.arg(u.ID) + " AND k.ticket_id = t.id)"}
	if len(u.Languages) > 0 {
		conds = append(conds, "t.language = ANY("+w.arg(u.Languages)+")")
	}
	query := `SELECT h.id, h.breach, h.severity, h.created_at, h.status, q.i
		FROM (VALUES ` + strings.Join(rows, ", ") + `) AS q(i, region, division, language)
		CROSS JOIN LATERAL (SELECT t.id, ` + breachKey + ` AS breach, t.severity, t.created_at, t.status
			FROM tickets t WHERE ` + strings.Join(conds, " AND ") + `
			ORDER BY ` + pickOrder + ` LIMIT 1` + t.forUpdate("FOR UPDATE OF t SKIP LOCKED") + `) AS h`
	return queryAll(ctx, t.q, func(row pgx.Row) (support.QueueHead, error) {
		var h support.QueueHead
		var breach, created int64
		err := row.Scan(&h.TicketID, &breach, &h.Severity, &created, &h.Status, &h.Queue)
		h.BreachAt, h.CreatedAt = breachInstant(breach), fromMillis(created)
		return h, err
	}, query, w.args...)
}

// holdingQuery counts the active tickets the user $1 holds.
var holdingQuery = `SELECT count(*) FROM tickets t WHERE t.assignee_id = $1 AND ` + active

// Holding counts the active tickets a user holds.
func (t *txn) Holding(ctx context.Context, userID int64) (int, error) {
	var n int
	return n, t.q.QueryRow(ctx, holdingQuery, userID).Scan(&n)
}

// Assign gives an unassigned ticket to a user in one UPDATE: the
// condition on assignee_id is the compare-and-set, and the one on the
// user's holding count the work-in-progress guard.
func (t *txn) Assign(ctx context.Context, a store.Assignment) (support.Ticket, string, bool, error) {
	query := `UPDATE tickets t SET assignee_id = $1, assigned_at = $2, status = $3, version = t.version + 1, updated_at = $2
		FROM tickets old LEFT JOIN accounts a ON a.id = old.account_id LEFT JOIN users u ON u.id = $1
		WHERE t.id = $4 AND old.id = t.id AND t.assignee_id IS NULL`
	args := []any{a.To.ID, a.At.UnixMilli(), a.Status, a.TicketID}
	if a.MaxHolding > 0 {
		query += ` AND (` + holdingQuery + `) < $5`
		args = append(args, a.MaxHolding)
	}
	query += ` RETURNING ` + ticketColumns + `, t.next_breach_clock`
	var clock string
	tk, err := scanTicketWith(t.writeRow(ctx, query, args...), &clock)
	if err == pgx.ErrNoRows {
		return tk, "", false, nil
	}
	return tk, clock, err == nil, err
}

// BreachClock reads a ticket with the clock that breaches next.
func (t *txn) BreachClock(ctx context.Context, id int64) (support.Ticket, string, error) {
	var clock string
	tk, err := scanTicketWith(t.q.QueryRow(ctx, `SELECT `+ticketColumns+`, t.next_breach_clock FROM tickets t`+ticketJoins+` WHERE t.id = $1`, id), &clock)
	return tk, clock, err
}

// PutSkip records that a user passes on a ticket; skipping it again
// replaces the reason.
func (t *txn) PutSkip(ctx context.Context, userID, ticketID int64, reason string, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO skips (user_id, ticket_id, reason, at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (user_id, ticket_id) DO UPDATE SET reason = excluded.reason, at = excluded.at`, userID, ticketID, reason, at.UnixMilli())
	return err
}
