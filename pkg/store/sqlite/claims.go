package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Assign gives an unassigned ticket to a user in one UPDATE: the
// condition on assignee_id is the compare-and-set, and the one on the
// user's holding count the work-in-progress guard.
func (t *txn) Assign(ctx context.Context, a store.Assignment) (support.Ticket, string, bool, error) {
	query, args := assignUpdate, []any{a.To.ID, a.At.UnixMilli(), a.Status, a.At.UnixMilli(), a.TicketID}
	if a.MaxHolding > 0 {
		query, args = assignUpdateWithin, append(args, a.To.ID, a.MaxHolding)
	}
	args = append(args, a.To.Email) // the assignee RETURNING names
	var clock string
	tk, err := scanTicketWith(t.QueryRowContext(ctx, query, args...), &clock)
	if errors.Is(err, sql.ErrNoRows) {
		return tk, "", false, nil
	}
	return tk, clock, err == nil, err
}

// assignUpdate assigns a ticket and returns it as ticketColumns read it,
// with its next breach clock. RETURNING has no joins: the account's name
// comes from a subquery, and the assignee's email is an argument.
// assignUpdateWithin assigns only within a work-in-progress limit.
var (
	assignSet       = `UPDATE tickets SET assignee_id = ?, assigned_at = ?, status = ?, version = version + 1, updated_at = ?`
	assignReturning = ` RETURNING id, subject, description, status, severity, division, region,
	language, channel, requester_kind, requester_name, requester_email, account_id,
	coalesce((SELECT name FROM accounts WHERE id = account_id), ''), ?, tier, tam, product_version, environment,
	tags, assigned_at, next_breach_at, version, created_at, updated_at, next_breach_clock`
	assignUpdate       = assignSet + ` WHERE id = ? AND assignee_id IS NULL` + assignReturning
	assignUpdateWithin = assignSet + ` WHERE id = ? AND assignee_id IS NULL AND (` + holdingQuery + `) < ?` + assignReturning
)

// PutSkip records that a user passes on a ticket; skipping it again
// replaces the reason.
func (t *txn) PutSkip(ctx context.Context, userID, ticketID int64, reason string, at time.Time) error {
	_, err := t.ExecContext(ctx, `INSERT INTO skips (user_id, ticket_id, reason, at) VALUES (?, ?, ?, ?)
		ON CONFLICT (user_id, ticket_id) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
		userID, ticketID, reason, at.UnixMilli())
	return err
}
