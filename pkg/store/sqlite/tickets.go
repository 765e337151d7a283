package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"time"

	"github.com/supctl/supctl/pkg/store"
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

// CreateTicket opens a ticket as new, frontline, version 1.
func (s *Store) CreateTicket(ctx context.Context, actor store.Actor, n support.NewTicket, idem store.Idempotency) (t support.Ticket, replayed bool, err error) {
	err = s.write(ctx, func(tx *txn, now time.Time) error {
		id, found, err := replay(ctx, tx, actor, idem, resourceTicket)
		if err != nil {
			return err
		}
		if found {
			replayed = true
			t, err = ticket(ctx, tx, id)
			return err
		}
		if n.AccountID != 0 {
			if err := checkAccount(ctx, tx, "account_id", n.AccountID, ""); err != nil {
				return err
			}
		}
		tags, err := stringsJSON(n.Tags)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO tickets (subject, description, status, severity, division,
			region, language, channel, requester_kind, requester_name, requester_email, account_id, tier,
			product_version, environment, tags, version, created_at, updated_at, search_text)
			VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, ?, 'frontline', ?, ?, ?, 1, ?, ?, ?)`,
			n.Subject, n.Description, n.Severity, n.Division, n.Region, n.Language, n.Channel,
			n.RequesterKind, n.RequesterName, n.RequesterEmail, nullID(n.AccountID),
			n.ProductVersion, n.Environment, tags, now.UnixMilli(), now.UnixMilli(),
			support.SearchText(n.Subject, n.Description))
		if err != nil {
			return err
		}
		if id, err = res.LastInsertId(); err != nil {
			return err
		}
		if t, err = ticket(ctx, tx, id); err != nil {
			return err
		}
		if err := s.changed(ctx, tx, now, actor, &t, kindCreated, nil, t); err != nil {
			return err
		}
		return remember(ctx, tx, now, actor, idem, resourceTicket, id)
	})
	return t, replayed, err
}

// UpdateTicket applies p under the domain rules. A patch that changes
// nothing writes nothing and leaves the version as it was.
func (s *Store) UpdateTicket(ctx context.Context, actor store.Actor, id int64, p support.TicketPatch) (t support.Ticket, err error) {
	err = s.write(ctx, func(tx *txn, now time.Time) error {
		cur, err := ticket(ctx, tx, id)
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
			u, err := userWhere(ctx, tx, "email = ?", next.Assignee, "user "+next.Assignee)
			if errors.Is(err, support.ErrNotFound) {
				return &support.ValidationError{Field: "assignee", Message: fmt.Sprintf("no user has the email %s", next.Assignee)}
			}
			if err != nil {
				return err
			}
			next.Assignee = u.Email
		}
		if err := checkHoldMove(ctx, tx, actor, cur, next.Assignee); err != nil {
			return err
		}
		before, after, err := changes(cur, next)
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
		tags, err := stringsJSON(next.Tags)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE tickets SET subject = ?, status = ?, severity = ?, tier = ?,
			assignee_id = (SELECT id FROM users WHERE email = ?), assigned_at = ?, tags = ?, version = ?, updated_at = ?,
			search_text = ? WHERE id = ?`,
			next.Subject, next.Status, next.Severity, next.Tier, next.Assignee, millisOrNull(next.AssignedAt),
			tags, next.Version, now.UnixMilli(), support.SearchText(next.Subject, next.Description), id); err != nil {
			return err
		}
		t = next
		return s.changed(ctx, tx, now, actor, &t, kindUpdated, before, after)
	})
	return t, err
}

// changes lists the fields, by their JSON names, that differ between two
// states of a ticket: the before and after of its update event.
func changes(prev, next support.Ticket) (before, after map[string]any, err error) {
	p, err := fields(prev)
	if err != nil {
		return nil, nil, err
	}
	n, err := fields(next)
	if err != nil {
		return nil, nil, err
	}
	before, after = map[string]any{}, map[string]any{}
	for k := range p {
		if _, ok := n[k]; !ok {
			n[k] = nil // dropped by omitempty
		}
	}
	for k, v := range n {
		if !reflect.DeepEqual(p[k], v) {
			before[k], after[k] = p[k], v
		}
	}
	return before, after, nil
}

func fields(t support.Ticket) (map[string]any, error) {
	data, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(data, &m)
}
