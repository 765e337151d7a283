package sqlite

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

const commentColumns = `id, ticket_id, author, body, internal, from_requester, created_at`

func scanComment(row scanner) (support.Comment, error) {
	var c support.Comment
	var created int64
	err := row.Scan(&c.ID, &c.TicketID, &c.Author, &c.Body, &c.Internal, &c.FromRequester, &created)
	c.CreatedAt = fromMillis(created)
	return c, err
}

// AddComment adds a reply or note and touches the ticket's update time; the
// ticket's version is unchanged, so it does not invalidate an edit in
// progress.
func (s *Store) AddComment(ctx context.Context, actor store.Actor, ticketID int64, nc support.NewComment, idem store.Idempotency) (c support.Comment, replayed bool, err error) {
	err = s.write(ctx, func(tx *txn, now time.Time) error {
		id, found, err := replay(ctx, tx, actor, idem, resourceComment)
		if err != nil {
			return err
		}
		if found {
			replayed = true
			c, err = scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
			return err
		}
		t, err := ticket(ctx, tx, ticketID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tickets SET updated_at = ? WHERE id = ?`, now.UnixMilli(), ticketID); err != nil {
			return err
		}
		t.UpdatedAt = now
		c = support.Comment{TicketID: ticketID, Author: actor.Email, Body: nc.Body, Internal: nc.Internal, FromRequester: nc.FromRequester, CreatedAt: now}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO comments (ticket_id, author_id, author, body, internal, from_requester, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			ticketID, nullID(actor.ID), c.Author, c.Body, c.Internal, c.FromRequester, now.UnixMilli())
		if err != nil {
			return err
		}
		if c.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		after := map[string]any{"comment_id": c.ID, "internal": c.Internal, "from_requester": c.FromRequester}
		if err := s.changed(ctx, tx, now, actor, &t, kindCommented, nil, after); err != nil {
			return err
		}
		return remember(ctx, tx, now, actor, idem, resourceComment, c.ID)
	})
	return c, replayed, err
}

// ListComments returns a ticket's comments oldest first, without internal
// notes unless includeInternal.
func (s *Store) ListComments(ctx context.Context, ticketID int64, includeInternal bool) ([]support.Comment, error) {
	if _, err := ticket(ctx, s.reads, ticketID); err != nil {
		return nil, err
	}
	return queryAll(ctx, s.reads, scanComment,
		`SELECT `+commentColumns+` FROM comments WHERE ticket_id = ? AND (? OR NOT internal) ORDER BY id`,
		ticketID, includeInternal)
}
