package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

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

func scanTicket(row scanner) (support.Ticket, error) { return scanTicketWith(row) }

// scanTicketWith scans a row of ticketColumns followed by the columns of
// extra.
func scanTicketWith(row scanner, extra ...any) (support.Ticket, error) {
	var t support.Ticket
	var account sql.NullInt64
	var tags string
	var assigned, breach sql.NullInt64
	var created, updated int64
	err := row.Scan(append([]any{&t.ID, &t.Subject, &t.Description, &t.Status, &t.Severity, &t.Division, &t.Region,
		&t.Language, &t.Channel, &t.RequesterKind, &t.RequesterName, &t.RequesterEmail, &account,
		&t.AccountName, &t.Assignee, &t.Tier, &t.TAM, &t.ProductVersion, &t.Environment,
		&tags, &assigned, &breach, &t.Version, &created, &updated}, extra...)...)
	if err != nil {
		return t, err
	}
	t.AccountID, t.CreatedAt, t.UpdatedAt = account.Int64, fromMillis(created), fromMillis(updated)
	t.AssignedAt, t.NextBreach = timeOrNil(assigned), timeOrNil(breach)
	t.Tags, err = stringList(tags)
	return t, err
}

func ticket(ctx context.Context, q queryer, id int64) (support.Ticket, error) {
	t, err := scanTicket(q.QueryRowContext(ctx, ticketSelect+` WHERE t.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return t, fmt.Errorf("ticket %d: %w", id, support.ErrNotFound)
	}
	return t, err
}

// Ticket finds a ticket by id.
func (s *Store) Ticket(ctx context.Context, id int64) (support.Ticket, error) {
	return ticket(ctx, s.reads, id)
}

// Ticket reads a ticket in the transaction. The writer holds the
// database's write lock from the transaction's start: nobody else changes
// the ticket before it ends.
func (t *txn) Ticket(ctx context.Context, id int64) (support.Ticket, error) {
	return ticket(ctx, t, id)
}

// stringsJSON encodes a list of strings, such as tags, as a JSON array,
// never null.
func stringsJSON(list []string) (string, error) {
	data, err := json.Marshal(nonNil(list))
	return string(data), err
}

// nonNil is list, or an empty list for nil, so that it encodes as [].
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// InsertTicket stores a new ticket as new, frontline, version 1.
func (t *txn) InsertTicket(ctx context.Context, n support.NewTicket, at time.Time) (int64, error) {
	tags, err := stringsJSON(n.Tags)
	if err != nil {
		return 0, err
	}
	res, err := t.ExecContext(ctx, `INSERT INTO tickets (subject, description, status, severity, division,
		region, language, channel, requester_kind, requester_name, requester_email, account_id, tier,
		product_version, environment, tags, version, created_at, updated_at, search_text)
		VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'frontline', ?, ?, ?, 1, ?, ?, ?)`,
		n.Subject, n.Description, n.Severity, n.Division, n.Region, n.Language, n.Channel,
		n.RequesterKind, n.RequesterName, n.RequesterEmail, nullID(n.AccountID),
		n.ProductVersion, n.Environment, tags, at.UnixMilli(), at.UnixMilli(),
		support.SearchText(n.Subject, n.Description))
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// SaveTicket writes the fields a ticket's update can change.
func (t *txn) SaveTicket(ctx context.Context, tk support.Ticket) error {
	tags, err := stringsJSON(tk.Tags)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `UPDATE tickets SET subject = ?, status = ?, severity = ?, tier = ?,
		assignee_id = (SELECT id FROM users WHERE email = ?), assigned_at = ?, tags = ?, version = ?, updated_at = ?,
		search_text = ? WHERE id = ?`,
		tk.Subject, tk.Status, tk.Severity, tk.Tier, tk.Assignee, millisOrNull(tk.AssignedAt),
		tags, tk.Version, tk.UpdatedAt.UnixMilli(), support.SearchText(tk.Subject, tk.Description), tk.ID)
	return err
}

// TouchTicket sets a ticket's update time.
func (t *txn) TouchTicket(ctx context.Context, id int64, at time.Time) error {
	_, err := t.ExecContext(ctx, `UPDATE tickets SET updated_at = ? WHERE id = ?`, at.UnixMilli(), id)
	return err
}
