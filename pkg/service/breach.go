package service

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// changed appends an event to ticket t's history and then, when the
// service has a BreachFunc, computes t's next breach from t, which must be
// the ticket as now stored, and that history. It stores the breach and
// sets it in t.
func (s *Service) changed(ctx context.Context, tx store.Tx, me support.User, now time.Time, t *support.Ticket, kind support.EventKind, before, after any) error {
	c := support.Change{Entity: support.EntityTicket, EntityID: t.ID, Kind: kind, Before: before, After: after}
	if err := record(ctx, tx, me, now, c); err != nil {
		return err
	}
	if s.breach == nil {
		return nil
	}
	return s.refreshBreach(ctx, tx, t)
}

func (s *Service) refreshBreach(ctx context.Context, tx store.Tx, t *support.Ticket) error {
	var acct *support.Account
	if t.AccountID != 0 {
		a, err := tx.Account(ctx, t.AccountID)
		if err != nil {
			return err
		}
		acct = &a
	}
	evs, err := tx.Events(ctx, support.EntityTicket, t.ID)
	if err != nil {
		return err
	}
	b, ok := s.breach(*t, acct, evs)
	t.NextBreach = nil
	var stored *support.Breach
	if ok {
		b.At = time.UnixMilli(b.At.UnixMilli()).UTC() // as precise as stores keep times
		t.NextBreach, stored = &b.At, &b
	}
	return tx.SetBreach(ctx, t.ID, stored)
}

// refreshBatch is how many tickets RefreshBreaches recomputes per
// transaction, so that other writers wait for one batch at most.
const refreshBatch = 200

// RefreshBreaches recomputes the next breach of every active ticket, for
// when what the BreachFunc knows changed (a policy, a holiday) or a
// database predates it. It returns how many tickets it visited; without a
// BreachFunc it does nothing.
func (s *Service) RefreshBreaches(ctx context.Context) (int, error) {
	if s.breach == nil {
		return 0, nil
	}
	visited := 0
	for after := int64(0); ; {
		var batch []support.Ticket
		err := s.store.InTx(ctx, func(tx store.Tx, _ time.Time) error {
			var err error
			batch, err = tx.ActiveTickets(ctx, after, refreshBatch)
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
