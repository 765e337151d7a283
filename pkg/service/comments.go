package service

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// ListComments returns the comments of a ticket me may see, without
// internal notes unless me may read them.
func (s *Service) ListComments(ctx context.Context, me support.User, id int64) ([]support.Comment, error) {
	t, err := s.Ticket(ctx, me, id)
	if err != nil {
		return nil, err
	}
	comments, err := s.store.ListComments(ctx, t.ID, me.Can(support.SeeInternal))
	if comments == nil {
		comments = []support.Comment{}
	}
	return comments, err
}

// AddComment adds a reply or note and touches the ticket's update time;
// the ticket's version is unchanged, so it does not invalidate an edit in
// progress. With an idempotency key already spent on the same request it
// returns the first comment and reports replayed.
func (s *Service) AddComment(ctx context.Context, me support.User, ticketID int64, n support.NewComment, idem store.Idempotency) (c support.Comment, replayed bool, err error) {
	if err := me.Check(support.Reply); err != nil {
		return c, false, err
	}
	if _, err := s.Ticket(ctx, me, ticketID); err != nil {
		return c, false, err
	}
	if err := n.Normalize(); err != nil {
		return c, false, err
	}
	if n.Internal {
		if err := me.Check(support.SeeInternal); err != nil {
			return c, false, err
		}
	}
	if me.SpeaksForRequester() {
		n.FromRequester = true
	}
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		c, replayed, err = replay(ctx, tx, me, idem, resourceComment, tx.Comment)
		if err != nil || replayed {
			return err
		}
		t, err := tx.Ticket(ctx, ticketID)
		if err != nil {
			return err
		}
		if err := tx.TouchTicket(ctx, ticketID, now); err != nil {
			return err
		}
		t.UpdatedAt = now
		c = support.Comment{TicketID: ticketID, Author: me.Email, Body: n.Body, Internal: n.Internal, FromRequester: n.FromRequester, CreatedAt: now}
		if c.ID, err = tx.InsertComment(ctx, c, me.ID); err != nil {
			return err
		}
		after := support.Commented{CommentID: c.ID, Internal: c.Internal, FromRequester: c.FromRequester}
		if err := s.changed(ctx, tx, me, now, &t, support.EventCommented, nil, after); err != nil {
			return err
		}
		return spend(ctx, tx, me, idem, resourceComment, c.ID, now)
	})
	return c, replayed, err
}
