package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// State is a ticket for LoadStates: what it was opened with, when, and
// the state later changes would have left.
type State struct {
	support.NewTicket // normalized
	// Created is when it was opened: the instant of its created event, and
	// its creation and update time.
	Created time.Time
	// Status is its status; empty leaves it new.
	Status string
	// Assignee is the email of the user who holds it, since Created;
	// empty for nobody.
	Assignee string
	// Breach is its next breach, stored as it is; nil: no clock runs.
	Breach *support.Breach
}

// LoadStates adds tickets to st as Load does, each created by actor at
// its own Created with its created event, then gives each its status,
// assignee and next breach, at version 1, with no event for them. Like
// Load it writes through the store alone, many to a transaction, and
// returns their ids. It lets benchmarks fill a store with a history's
// outcome without making the history.
func LoadStates(t testing.TB, st store.Store, actor store.Actor, tickets []State) []int64 {
	t.Helper()
	ctx := t.Context()
	ids := make([]int64, 0, len(tickets))
	for batch := range slices.Chunk(tickets, loadBatch) {
		var batchIDs []int64
		err := st.InTx(ctx, func(tx store.Tx, _ time.Time) error {
			batchIDs = batchIDs[:0] // InTx may run fn more than once
			for _, s := range batch {
				id, err := tx.InsertTicket(ctx, s.NewTicket, s.Created)
				if err != nil {
					return err
				}
				tk, err := tx.Ticket(ctx, id)
				if err != nil {
					return err
				}
				c := support.Change{Entity: support.EntityTicket, EntityID: id, Kind: support.EventCreated, After: tk}
				if err := tx.Record(ctx, actor, s.Created, c); err != nil {
					return err
				}
				if (s.Status != "" && s.Status != tk.Status) || s.Assignee != "" {
					if s.Status != "" {
						tk.Status = s.Status
					}
					if s.Assignee != "" {
						at := s.Created
						tk.Assignee, tk.AssignedAt = s.Assignee, &at
					}
					if err := tx.SaveTicket(ctx, tk); err != nil {
						return err
					}
				}
				if s.Breach != nil {
					if err := tx.SetBreach(ctx, id, s.Breach); err != nil {
						return err
					}
				}
				batchIDs = append(batchIDs, id)
			}
			return nil
		})
		if err != nil {
			t.Fatalf("loading tickets: %v", err)
		}
		ids = append(ids, batchIDs...)
	}
	return ids
}
