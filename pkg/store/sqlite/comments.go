package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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

// InsertComment stores a reply or note.
func (t *txn) InsertComment(ctx context.Context, c support.Comment, authorID int64) (int64, error) {
	res, err := t.ExecContext(ctx,
		`INSERT INTO comments (ticket_id, author_id, author, body, internal, from_requester, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		c.TicketID, nullID(authorID), c.Author, c.Body, c.Internal, c.FromRequester, c.CreatedAt.UnixMilli())
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// Comment finds a comment by id.
func (t *txn) Comment(ctx context.Context, id int64) (support.Comment, error) {
	c, err := scanComment(t.QueryRowContext(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, fmt.Errorf("comment %d: %w", id, support.ErrNotFound)
	}
	return c, err
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
