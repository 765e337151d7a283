package sqlite

import (
	"context"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// breachKey is a ticket's sort key by next breach: the instant in unix ms,
// or the largest integer when no clock runs, so such tickets sort last.
// The schema's queue and breach indexes are on this very expression.
const (
	breachKey = "coalesce(t.next_breach_at, 9223372036854775807)"
	noBreach  = 1<<63 - 1
)

// active selects the tickets of support.ActiveStatuses, spelled with
// literals because SQLite uses a partial index only for a query that
// repeats the index's condition.
var active = "t.status IN ('" + strings.Join(support.ActiveStatuses, "', '") + "')"

// changed appends an event to ticket t's history and then, when the store
// has a BreachFunc, computes t's next breach from t, which must be the
// ticket as now stored, and that history. It stores the breach in the row
// and in t.
func (s *Store) changed(ctx context.Context, tx *txn, now time.Time, actor store.Actor, t *support.Ticket, kind string, before, after any) error {
	if err := event(ctx, tx, now, actor, entityTicket, t.ID, kind, before, after); err != nil {
		return err
	}
	if s.breach == nil {
		return nil
	}
	return s.refreshBreach(ctx, tx, t)
}

func (s *Store) refreshBreach(ctx context.Context, tx *txn, t *support.Ticket) error {
	var acct *support.Account
	if t.AccountID != 0 {
		a, err := account(ctx, tx, t.AccountID)
		if err != nil {
			return err
		}
		acct = &a
	}
	evs, err := events(ctx, tx, entityTicket, t.ID)
	if err != nil {
		return err
	}
	b, ok := s.breach(*t, acct, evs)
	t.NextBreach = nil
	if ok {
		at := fromMillis(b.At.UnixMilli())
		t.NextBreach = &at
	} else {
		b.Clock = ""
	}
	_, err = tx.ExecContext(ctx, `UPDATE tickets SET next_breach_at = ?, next_breach_clock = ? WHERE id = ?`,
		millisOrNull(t.NextBreach), b.Clock, t.ID)
	return err
}

// refreshBatch is how many tickets RefreshBreaches recomputes per
// transaction, so that other writers wait for one batch at most.
const refreshBatch = 200

// RefreshBreaches recomputes the next breach of every active ticket, for
// when what the BreachFunc knows changed (a policy, a holiday) or a
// database predates it. It returns how many tickets it visited; without a
// BreachFunc it does nothing.
func (s *Store) RefreshBreaches(ctx context.Context) (int, error) {
	if s.breach == nil {
		return 0, nil
	}
	visited := 0
	for after := int64(0); ; {
		var batch []support.Ticket
		err := s.write(ctx, func(tx *txn, _ time.Time) error {
			var err error
			batch, err = queryAll(ctx, tx, scanTicket,
				ticketSelect+` WHERE t.id > ? AND `+active+` ORDER BY t.id LIMIT ?`, after, refreshBatch)
			for i := range batch {
				if err == nil {
					err = s.refreshBreach(ctx, tx, &batch[i])
				}
			}
			return err
		})
		if err != nil {
			return visited, err
		}
		visited += len(batch)
		if len(batch) < refreshBatch {
			return visited, nil
		}
		after = batch[len(batch)-1].ID
	}
}
