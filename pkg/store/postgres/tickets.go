package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/supctl/supctl/pkg/support"
)

// ticketColumns and ticketJoins read tickets with the names their ids
// refer to; ticketSelect is the whole query.
const (
	ticketColumns = `t.id, t.subject, t.description, t.status, t.severity, t.division, t.region,
	t.language, t.channel, t.requester_kind, t.requester_name, t.requester_email, t.account_id,
	COALESCE(a.name, ''), COALESCE(u.email, ''), t.tier, t.tam, t.product_version, t.environment,
	t.tags, t.assigned_at, t.next_breach_at, t.version, t.created_at, t.updated_at`
	ticketJoins = `
LEFT JOIN accounts a ON a.id = t.account_id
LEFT JOIN users u ON u.id = t.assignee_id`
	ticketSelect = `SELECT ` + ticketColumns + `
FROM tickets t` + ticketJoins
)

func scanTicket(row pgx.Row) (support.Ticket, error) { return scanTicketWith(row) }

// scanTicketWith scans a row of ticketColumns followed by the columns of
// extra.
func scanTicketWith(row pgx.Row, extra ...any) (support.Ticket, error) {
	var t support.Ticket
	var account, assigned, breach *int64
	var tags []byte
	var created, updated int64
	err := row.Scan(append([]any{&t.ID, &t.Subject, &t.Description, &t.Status, &t.Severity, &t.Division, &t.Region,
		&t.Language, &t.Channel, &t.RequesterKind, &t.RequesterName, &t.RequesterEmail, &account,
		&t.AccountName, &t.Assignee, &t.Tier, &t.TAM, &t.ProductVersion, &t.Environment,
		&tags, &assigned, &breach, &t.Version, &created, &updated}, extra...)...)
	if err != nil {
		return t, err
	}
	if account != nil {
		t.AccountID = *account
	}
	t.CreatedAt, t.UpdatedAt = fromMillis(created), fromMillis(updated)
	t.AssignedAt, t.NextBreach = timeOrNil(assigned), timeOrNil(breach)
	t.Tags = []string{}
	return t, json.Unmarshal(tags, &t.Tags)
}

func ticket(ctx context.Context, q querier, id int64, lock string) (support.Ticket, error) {
	t, err := scanTicket(q.QueryRow(ctx, ticketSelect+` WHERE t.id = $1`+lock, id))
	return t, notFound(err, fmt.Sprintf("ticket %d", id))
}

// Ticket finds a ticket by id.
func (s *Store) Ticket(ctx context.Context, id int64) (support.Ticket, error) {
	return ticket(ctx, s.pool, id, "")
}

// Ticket reads a ticket in the transaction and locks its row: nobody else
// changes it before the transaction ends.
func (t *txn) Ticket(ctx context.Context, id int64) (support.Ticket, error) {
	return ticket(ctx, t.q, id, t.forUpdate("FOR UPDATE OF t"))
}

// InsertTicket stores a new ticket as new, frontline, version 1.
func (t *txn) InsertTicket(ctx context.Context, n support.NewTicket, at time.Time) (int64, error) {
	tags, err := stringsJSON(n.Tags)
	if err != nil {
		return 0, err
	}
	var id int64
	err = t.writeRow(ctx, `INSERT INTO tickets (subject, description, status, severity, division,
		region, language, channel, requester_kind, requester_name, requester_email, account_id, tier,
		product_version, environment, tags, version, created_at, updated_at, search_text)
		VALUES ($1, $2, 'new', $3, $4, $5, $6, $7, $8, $9, $10, $11, 'frontline', $12, $13, $14, 1, $15, $15, $16) RETURNING id`,
		n.Subject, n.Description, n.Severity, n.Division, n.Region, n.Language, n.Channel,
		n.RequesterKind, n.RequesterName, n.RequesterEmail, idOrNil(n.AccountID),
		n.ProductVersion, n.Environment, tags, at.UnixMilli(), support.SearchText(n.Subject, n.Description)).Scan(&id)
	return id, err
}

// SaveTicket writes the fields a ticket's update can change.
func (t *txn) SaveTicket(ctx context.Context, tk support.Ticket) error {
	tags, err := stringsJSON(tk.Tags)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `UPDATE tickets SET subject = $1, status = $2, severity = $3, tier = $4,
		assignee_id = (SELECT id FROM users WHERE lower(email) = lower($5)), assigned_at = $6, tags = $7, version = $8, updated_at = $9,
		search_text = $10 WHERE id = $11`,
		tk.Subject, tk.Status, tk.Severity, tk.Tier, tk.Assignee, millisOrNil(tk.AssignedAt),
		tags, tk.Version, tk.UpdatedAt.UnixMilli(), support.SearchText(tk.Subject, tk.Description), tk.ID)
	return err
}

// TouchTicket sets a ticket's update time.
func (t *txn) TouchTicket(ctx context.Context, id int64, at time.Time) error {
	_, err := t.exec(ctx, `UPDATE tickets SET updated_at = $1 WHERE id = $2`, at.UnixMilli(), id)
	return err
}

// SetBreach stores a ticket's next breach.
func (t *txn) SetBreach(ctx context.Context, id int64, b *support.Breach) error {
	var at *int64
	var clock string
	if b != nil {
		ms := b.At.UnixMilli()
		at, clock = &ms, b.Clock
	}
	_, err := t.exec(ctx, `UPDATE tickets SET next_breach_at = $1, next_breach_clock = $2 WHERE id = $3`, at, clock, id)
	return err
}

// ActiveTickets lists active tickets after afterID, by id.
func (t *txn) ActiveTickets(ctx context.Context, afterID int64, limit int) ([]support.Ticket, error) {
	return queryAll(ctx, t.q, scanTicket, ticketSelect+` WHERE t.id > $1 AND `+active+` ORDER BY t.id LIMIT $2`+t.forUpdate("FOR UPDATE OF t"), afterID, limit)
}

const commentColumns = `id, ticket_id, author, body, internal, from_requester, created_at`

func scanComment(row pgx.Row) (support.Comment, error) {
	var c support.Comment
	var created int64
	err := row.Scan(&c.ID, &c.TicketID, &c.Author, &c.Body, &c.Internal, &c.FromRequester, &created)
	c.CreatedAt = fromMillis(created)
	return c, err
}

// InsertComment stores a reply or note.
func (t *txn) InsertComment(ctx context.Context, c support.Comment, authorID int64) (int64, error) {
	var id int64
	err := t.writeRow(ctx, `INSERT INTO comments (ticket_id, author_id, author, body, internal, from_requester, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.TicketID, idOrNil(authorID), c.Author, c.Body, c.Internal, c.FromRequester, c.CreatedAt.UnixMilli()).Scan(&id)
	return id, err
}

// Comment finds a comment by id.
func (t *txn) Comment(ctx context.Context, id int64) (support.Comment, error) {
	c, err := scanComment(t.q.QueryRow(ctx, `SELECT `+commentColumns+` FROM comments WHERE id = $1`, id))
	return c, notFound(err, fmt.Sprintf("comment %d", id))
}

// ListComments returns a ticket's comments oldest first, without internal
// notes unless includeInternal.
func (s *Store) ListComments(ctx context.Context, ticketID int64, includeInternal bool) ([]support.Comment, error) {
	if _, err := s.Ticket(ctx, ticketID); err != nil {
		return nil, err
	}
	return queryAll(ctx, s.pool, scanComment,
		`SELECT `+commentColumns+` FROM comments WHERE ticket_id = $1 AND ($2 OR NOT internal) ORDER BY id`, ticketID, includeInternal)
}
