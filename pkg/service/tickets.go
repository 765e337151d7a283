package service

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Resources an idempotency key can stand for. A key is spent on one kind
// of write: reusing it for another is a mismatch.
const (
	resourceTicket  = "ticket"
	resourceComment = "comment"
)

// Ticket reads a ticket me may see; others' tickets are missing to a
// partner, so that it cannot probe for them.
func (s *Service) Ticket(ctx context.Context, me support.User, id int64) (support.Ticket, error) {
	t, err := s.store.Ticket(ctx, id)
	if err != nil {
		return t, err
	}
	return t, s.checkVisible(ctx, me, t)
}

func (s *Service) checkVisible(ctx context.Context, me support.User, t support.Ticket) error {
	if _, limited := me.VisibleAccount(); !limited {
		return nil
	}
	var partner int64
	if t.AccountID != 0 {
		a, err := s.store.Account(ctx, t.AccountID)
		if err != nil {
			return err
		}
		partner = a.PartnerID
	}
	if !me.CanSeeTicket(t, partner) {
		return fmt.Errorf("ticket %d: %w", t.ID, support.ErrNotFound)
	}
	return nil
}

// ListTickets returns one page of the tickets f selects among those me
// may see.
func (s *Service) ListTickets(ctx context.Context, me support.User, f support.TicketFilter) (support.TicketPage, error) {
	if f.Sort != "" {
		if err := support.TicketSorts.Check("sort", f.Sort); err != nil {
			return support.TicketPage{}, err
		}
	}
	org, limited := me.VisibleAccount()
	if limited && org == 0 {
		return support.TicketPage{Tickets: []support.Ticket{}}, nil
	}
	f.VisibleTo = org
	page, err := s.store.ListTickets(ctx, f)
	if page.Tickets == nil {
		page.Tickets = []support.Ticket{}
	}
	return page, err
}

// CreateTicket opens a ticket as new, frontline, version 1. With an
// idempotency key already spent on the same request it returns the first
// ticket and reports replayed.
func (s *Service) CreateTicket(ctx context.Context, me support.User, n support.NewTicket, idem store.Idempotency) (t support.Ticket, replayed bool, err error) {
	if err := me.Check(support.OpenTicket); err != nil {
		return t, false, err
	}
	if err := n.Normalize(); err != nil {
		return t, false, err
	}
	if org, limited := me.VisibleAccount(); limited && n.AccountID != org {
		// A partner opens tickets for itself and the customers it serves.
		a, err := s.store.Account(ctx, n.AccountID)
		if err != nil || a.PartnerID != org {
			return t, false, &support.ValidationError{Field: "account_id", Message: fmt.Sprintf("account %d is not served by your organisation", n.AccountID)}
		}
	}
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		t, replayed, err = replay(ctx, tx, me, idem, resourceTicket, tx.Ticket)
		if err != nil || replayed {
			return err
		}
		if n.AccountID != 0 {
			if err := checkAccount(ctx, tx, "account_id", n.AccountID, ""); err != nil {
				return err
			}
		}
		id, err := tx.InsertTicket(ctx, n, now)
		if err != nil {
			return err
		}
		if t, err = tx.Ticket(ctx, id); err != nil {
			return err
		}
		if err := s.changed(ctx, tx, me, now, &t, support.EventCreated, nil, t); err != nil {
			return err
		}
		return spend(ctx, tx, me, idem, resourceTicket, id, now)
	})
	return t, replayed, err
}

// UpdateTicket applies p under the domain rules when the ticket is still
// at p.Version (if set); otherwise it returns a *support.ConflictError. A
// patch that changes nothing writes nothing and leaves the version as it
// was.
func (s *Service) UpdateTicket(ctx context.Context, me support.User, id int64, p support.TicketPatch) (t support.Ticket, err error) {
	if err := me.Check(support.EditTicket); err != nil {
		return t, err
	}
	if p.Assignee != nil && *p.Assignee != "" && !strings.EqualFold(*p.Assignee, me.Email) {
		if err := me.Check(support.AssignToOthers); err != nil {
			return t, err
		}
	}
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		cur, err := tx.Ticket(ctx, id)
		if err != nil {
			return err
		}
		if p.Version != nil && *p.Version != cur.Version {
			return &support.ConflictError{Current: cur.Version, Wanted: *p.Version}
		}
		next, err := p.Apply(cur)
		if err != nil {
			return err
		}
		if next.Assignee != "" && next.Assignee != cur.Assignee {
			u, err := tx.UserByEmail(ctx, next.Assignee)
			if errors.Is(err, support.ErrNotFound) {
				return &support.ValidationError{Field: "assignee", Message: fmt.Sprintf("no user has the email %s", next.Assignee)}
			}
			if err != nil {
				return err
			}
			next.Assignee = u.Email
		}
		if err := checkHoldMove(ctx, tx, me, cur, next.Assignee); err != nil {
			return err
		}
		before, after, err := support.Diff(cur, next)
		if err != nil || len(after) == 0 {
			t = cur
			return err
		}
		next.Version, next.UpdatedAt = cur.Version+1, now
		if next.Assignee != cur.Assignee {
			next.AssignedAt = nil
			if next.Assignee != "" {
				next.AssignedAt = &now
			}
		}
		if err := tx.SaveTicket(ctx, next); err != nil {
			return err
		}
		t = next
		return s.changed(ctx, tx, me, now, &t, support.EventUpdated, before, after)
	})
	return t, err
}

// checkHoldMove refuses to have me move a ticket from its holder to next
// (nobody, when empty) unless me holds it, or may take others' work: an
// engineer takes a ticket someone holds only when it is given to them. It
// reads me's role in the write's transaction, so that a role taken away
// meanwhile counts.
func checkHoldMove(ctx context.Context, tx store.Tx, me support.User, cur support.Ticket, next string) error {
	if cur.Assignee == "" || cur.Assignee == me.Email || cur.Assignee == next {
		return nil
	}
	u, err := tx.UserByID(ctx, me.ID)
	if err != nil {
		return err
	}
	switch {
	case u.Can(support.TakeOthersWork):
		return nil
	case next == "":
		return fmt.Errorf("ticket %d is held by %s: only they, a lead or an admin can release it: %w", cur.ID, cur.Assignee, support.ErrForbidden)
	}
	return support.HeldBy(cur)
}

// checkAccount turns a reference to a missing account, or, when kind is
// set, to an account of another kind, into a validation error on field
// rather than a foreign key failure or a partner user of a customer.
func checkAccount(ctx context.Context, tx store.Tx, field string, id int64, kind string) error {
	a, err := tx.Account(ctx, id)
	switch {
	case errors.Is(err, support.ErrNotFound):
		return &support.ValidationError{Field: field, Message: fmt.Sprintf("account %d does not exist", id)}
	case err == nil && kind != "" && a.Kind != kind:
		return &support.ValidationError{Field: field, Message: fmt.Sprintf("account %d (%s) is a %s, not a %s", id, a.Name, a.Kind, kind)}
	}
	return err
}

// ListEvents returns a ticket's history, which is internal.
func (s *Service) ListEvents(ctx context.Context, me support.User, id int64) ([]support.Event, error) {
	if err := me.Check(support.ReadHistory); err != nil {
		return nil, err
	}
	t, err := s.Ticket(ctx, me, id)
	if err != nil {
		return nil, err
	}
	events, err := s.store.ListEvents(ctx, support.EntityTicket, t.ID)
	if events == nil {
		events = []support.Event{}
	}
	return events, err
}

// TicketSLA computes a ticket's SLA clocks as of now.
func (s *Service) TicketSLA(ctx context.Context, me support.User, id int64) (support.TicketSLA, error) {
	t, err := s.Ticket(ctx, me, id)
	if err != nil {
		return support.TicketSLA{}, err
	}
	var account *support.Account
	if t.AccountID != 0 {
		a, err := s.store.Account(ctx, t.AccountID)
		if err != nil {
			return support.TicketSLA{}, err
		}
		account = &a
	}
	events, err := s.store.ListEvents(ctx, support.EntityTicket, t.ID)
	if err != nil {
		return support.TicketSLA{}, err
	}
	result, err := s.clocks.Compute(t, account, events, s.now())
	if err != nil {
		return support.TicketSLA{}, err
	}
	return result.Wire(t.ID), nil
}

// replay looks up idem for me inside the writing transaction. When the
// key was spent on the same request, it returns the resource the key made,
// read with load, and found; the key spent on another request is
// support.ErrIdempotencyMismatch.
func replay[T any](ctx context.Context, tx store.Tx, me support.User, idem store.Idempotency, resource string,
	load func(context.Context, int64) (T, error)) (made T, found bool, err error) {
	if idem.Key == "" {
		return made, false, nil
	}
	spent, found, err := tx.Spent(ctx, me.ID, idem.Key)
	if err != nil || !found {
		return made, false, err
	}
	if spent.Fingerprint != idem.Fingerprint || spent.Resource != resource {
		return made, false, fmt.Errorf("idempotency key %q: %w", idem.Key, support.ErrIdempotencyMismatch)
	}
	made, err = load(ctx, spent.ID)
	return made, err == nil, err
}

// spend spends idem on the resource just made, in the same transaction.
func spend(ctx context.Context, tx store.Tx, me support.User, idem store.Idempotency, resource string, id int64, at time.Time) error {
	if idem.Key == "" {
		return nil
	}
	return tx.Spend(ctx, me.ID, idem, resource, id, at)
}
