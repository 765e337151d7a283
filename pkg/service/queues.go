package service

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// QueueStats summarises the queues named (all of them when none is) as
// of now.
func (s *Service) QueueStats(ctx context.Context, me support.User, queues []support.Queue) ([]support.QueueStat, error) {
	if err := me.Check(support.ReadQueues); err != nil {
		return nil, err
	}
	if len(queues) == 0 {
		queues = support.AllQueues()
	}
	return s.store.QueueStats(ctx, queues, s.now())
}

// QueueTickets lists the tickets waiting in q, in pick order.
func (s *Service) QueueTickets(ctx context.Context, me support.User, q support.Queue, limit int) ([]support.Ticket, error) {
	if err := me.Check(support.ReadQueues); err != nil {
		return nil, err
	}
	tickets, err := s.store.QueueTickets(ctx, q, limit)
	if tickets == nil {
		tickets = []support.Ticket{}
	}
	return tickets, err
}

// ClaimTicket assigns an active, unassigned ticket to me in one
// compare-and-set, opening it if new. A ticket someone else holds is a
// *support.ClaimConflictError naming them; claiming one's own ticket
// again returns it unchanged; a solved or closed ticket is a
// *support.ValidationError.
func (s *Service) ClaimTicket(ctx context.Context, me support.User, id int64) (t support.Ticket, err error) {
	if err := me.Check(support.TakeTickets); err != nil {
		return t, err
	}
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		cur, err := tx.Ticket(ctx, id)
		if err != nil {
			return err
		}
		if err := cur.CheckActive("claimed"); err != nil {
			return err
		}
		switch cur.Assignee {
		case "":
			var ok bool
			t, _, ok, err = claim(ctx, tx, me, now, cur.ID, cur.Status, 0, "")
			if err == nil && !ok {
				return s.lostTo(ctx, tx, id)
			}
			return err
		case me.Email:
			t = cur
			return nil
		}
		return support.HeldBy(cur)
	})
	return t, err
}

// lostTo is the conflict of a claim that lost ticket id to whoever took it
// first in another transaction.
func (s *Service) lostTo(ctx context.Context, tx store.Tx, id int64) error {
	cur, err := tx.Ticket(ctx, id)
	if err != nil {
		return err
	}
	return support.HeldBy(cur)
}

// claim assigns ticket id, active, held by nobody and in status, to me, opens it if new,
// and records the claim; via, when set, says which command claimed it.
// With a limit, it claims nothing and ok is false when me holds that many
// active tickets already, or when someone took the ticket first.
func claim(ctx context.Context, tx store.Tx, me support.User, now time.Time, id int64, status string, limit int, via string) (t support.Ticket, clock string, ok bool, err error) {
	next := support.ClaimedStatus(status)
	t, clock, ok, err = tx.Assign(ctx, store.Assignment{TicketID: id, To: store.ActorOf(me), Status: next, At: now, Via: via, MaxHolding: limit})
	if err != nil || !ok {
		return t, "", ok, err
	}
	before, after := support.ClaimSide{}, support.ClaimSide{Assignee: me.Email, Via: via}
	if next != status {
		before.Status, after.Status = status, next
	}
	// Taking a ticket moves no SLA clock (new and open run alike): the
	// stored breach stands, and the write saves recomputing it.
	c := support.Change{Entity: support.EntityTicket, EntityID: t.ID, Kind: support.EventClaimed, Before: before, After: after}
	return t, clock, true, record(ctx, tx, me, now, c)
}

// NextTicket picks the first ticket, in pick order, of the requested
// queues that matches me's skills and that me has not skipped, and unless
// req.DryRun claims it in the same transaction. Errors:
// *support.WIPLimitError (unless req.Force), support.ErrNothingToPick.
func (s *Service) NextTicket(ctx context.Context, me support.User, req support.NextRequest) (pick support.Pick, err error) {
	if err := me.Check(support.TakeTickets); err != nil {
		return pick, err
	}
	if err := req.Validate(); err != nil {
		return pick, err
	}
	if req.DryRun {
		err = s.store.View(ctx, func(tx store.Tx) (err error) {
			pick, err = s.pick(ctx, tx, me, req, s.now(), false)
			return err
		})
	} else {
		err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) (err error) {
			pick, err = s.pick(ctx, tx, me, req, now, true)
			return err
		})
	}
	return pick, err
}

// pick chooses me's next ticket, and claims it in tx when claiming. It
// reads me's skills and limit in tx: an admin's change to them applies to
// the next pick.
func (s *Service) pick(ctx context.Context, tx store.Tx, me support.User, req support.NextRequest, now time.Time, claiming bool) (support.Pick, error) {
	u, err := tx.UserByID(ctx, me.ID)
	if err != nil {
		return support.Pick{}, err
	}
	heads, err := tx.QueueHeads(ctx, u, req.Queues)
	if err != nil {
		return support.Pick{}, err
	}
	limit := u.WIPLimitOrDefault()
	h, found := support.FirstHead(heads)
	if !found {
		if !req.Force {
			// Nothing waits, or u is at their limit: say which.
			if err := checkWIP(ctx, tx, u.ID, limit); err != nil {
				return support.Pick{}, err
			}
		}
		return support.Pick{}, support.ErrNothingToPick
	}
	queue := req.Queues[h.Queue].Name()
	var t support.Ticket
	var clock string
	if !claiming {
		// A dry run claims nothing, but tells someone at their limit so.
		if !req.Force {
			err = checkWIP(ctx, tx, u.ID, limit)
		}
		if err == nil {
			t, clock, err = tx.BreachClock(ctx, h.TicketID)
		}
	} else {
		var ok bool
		t, clock, ok, err = claim(ctx, tx, u, now, h.TicketID, h.Status, limitUnless(req.Force, limit), "queue next")
		if err == nil && !ok {
			// The limit held the claim back.
			err = cmp.Or(checkWIP(ctx, tx, u.ID, limit), fmt.Errorf("ticket %d was taken first: ask again", h.TicketID))
		}
	}
	if err != nil {
		return support.Pick{}, err
	}
	return support.NewPick(t, queue, h.BreachAt, clock, claiming, now), nil
}

// limitUnless is limit, or none when forced.
func limitUnless(force bool, limit int) int {
	if force {
		return 0
	}
	return limit
}

// checkWIP refuses more work to a user who holds as many active tickets
// as their limit.
func checkWIP(ctx context.Context, tx store.Tx, userID int64, limit int) error {
	holding, err := tx.Holding(ctx, userID)
	if err != nil {
		return err
	}
	return support.CheckWIP(holding, limit)
}

// SkipTicket records that me passes on a ticket, with a reason; skipping
// it again replaces the reason. NextTicket no longer offers it to them.
func (s *Service) SkipTicket(ctx context.Context, me support.User, id int64, reason string) error {
	if err := me.Check(support.TakeTickets); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &support.ValidationError{Field: "reason", Message: "a skip needs a reason: say why you pass on the ticket"}
	}
	return s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		if _, err := tx.Ticket(ctx, id); err != nil {
			return err
		}
		if err := tx.PutSkip(ctx, me.ID, id, reason, now); err != nil {
			return err
		}
		return record(ctx, tx, me, now, support.Change{Entity: support.EntityTicket, EntityID: id, Kind: support.EventSkipped, After: support.Skipped{Reason: reason}})
	})
}

// ReleaseTicket unassigns an active ticket me holds, with an optional
// reason. A lead or an admin may release anyone's; others get
// support.ErrForbidden.
func (s *Service) ReleaseTicket(ctx context.Context, me support.User, id int64, reason string) (t support.Ticket, err error) {
	if err := me.Check(support.TakeTickets); err != nil {
		return t, err
	}
	reason = strings.TrimSpace(reason)
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		cur, err := tx.Ticket(ctx, id)
		if err != nil {
			return err
		}
		if err := cur.CheckActive("released"); err != nil {
			return err
		}
		if cur.Assignee == "" {
			return &support.ValidationError{Field: "assignee", Message: fmt.Sprintf("ticket %d is not claimed by anyone: there is nothing to release", id)}
		}
		if err := checkHoldMove(ctx, tx, me, cur, ""); err != nil {
			return err
		}
		t = cur
		t.Assignee, t.AssignedAt = "", nil
		t.Version, t.UpdatedAt = cur.Version+1, now
		if err := tx.SaveTicket(ctx, t); err != nil {
			return err
		}
		c := support.Change{Entity: support.EntityTicket, EntityID: t.ID, Kind: support.EventReleased,
			Before: support.ReleaseSide{Assignee: cur.Assignee}, After: support.ReleaseSide{Reason: reason}}
		return record(ctx, tx, me, now, c)
	})
	return t, err
}
