package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// breachKey is a ticket's sort key by next breach: the instant in unix ms,
// or the largest integer when no clock runs, so such tickets sort last.
// The schema's queue and breach indexes are on this very expression
// (9223372036854775807 is store.NoBreach).
const breachKey = "coalesce(t.next_breach_at, 9223372036854775807)"

// breachInstant is a breach key as an instant, nil for store.NoBreach.
func breachInstant(key int64) *time.Time {
	if key == store.NoBreach {
		return nil
	}
	at := fromMillis(key)
	return &at
}

// active selects the tickets of support.ActiveStatuses, spelled with
// literals because SQLite uses a partial index only for a query that
// repeats the index's condition.
var active = "t.status IN ('" + strings.Join(support.ActiveStatuses, "', '") + "')"

// SetBreach stores a ticket's next breach.
func (t *txn) SetBreach(ctx context.Context, id int64, b *support.Breach) error {
	var at sql.NullInt64
	var clock string
	if b != nil {
		at, clock = sql.NullInt64{Int64: b.At.UnixMilli(), Valid: true}, b.Clock
	}
	_, err := t.ExecContext(ctx, `UPDATE tickets SET next_breach_at = ?, next_breach_clock = ? WHERE id = ?`, at, clock, id)
	return err
}

// ActiveTickets lists active tickets after afterID, by id.
func (t *txn) ActiveTickets(ctx context.Context, afterID int64, limit int) ([]support.Ticket, error) {
	return queryAll(ctx, t, scanTicket, ticketSelect+` WHERE t.id > ? AND `+active+` ORDER BY t.id LIMIT ?`, afterID, limit)
}
