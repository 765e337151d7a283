package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// ClaimTicket assigns an active ticket nobody holds to the actor. The
// check and the assignment run in one immediate transaction, which holds
// the database's write lock from its start: of two claims at once, the
// second sees the first one's holder.
func (s *Store) ClaimTicket(ctx context.Context, actor store.Actor, id int64) (t support.Ticket, err error) {
	err = s.write(ctx, func(tx *txn, now time.Time) error {
		cur, err := ticket(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkActive(cur, "claimed"); err != nil {
			return err
		}
		switch cur.Assignee {
		case "":
			t, _, err = s.claim(ctx, tx, now, actor, id, cur.Status, 0, "")
			return err
		case actor.Email:
			t = cur
			return nil
		}
		return heldBy(cur)
	})
	return t, err
}

// claim assigns ticket id, active, held by nobody and in status, to the
// actor, opens it if new, and returns it with the clock that breaches
// next. With a limit, it claims nothing and returns sql.ErrNoRows when the
// actor holds that many active tickets already. via, when set, says which
// command claimed it.
func (s *Store) claim(ctx context.Context, tx *txn, now time.Time, actor store.Actor, id int64, status string, limit int, via string) (t support.Ticket, clock string, err error) {
	next := status
	if next == "new" {
		next = "open"
	}
	query, args := claimUpdate, []any{actor.ID, now.UnixMilli(), next, now.UnixMilli(), id}
	if limit > 0 {
		query, args = claimUpdateWithin, append(args, actor.ID, limit)
	}
	args = append(args, actor.Email) // the assignee RETURNING names
	if t, err = scanTicketWith(tx.QueryRowContext(ctx, query, args...), &clock); err != nil {
		return t, "", err
	}
	before, after := claimChange{}, claimChange{Assignee: actor.Email, Via: via}
	if next != status {
		before.Status, after.Status = status, next
	}
	// Taking a ticket moves no SLA clock (new and open run alike): the
	// stored breach stands, and the writer saves recomputing it.
	return t, clock, event(ctx, tx, now, actor, entityTicket, id, kindClaimed, before, after)
}

// claimUpdate claims a ticket and returns it as ticketColumns and its next
// breach clock read it; RETURNING has no joins, so the account's name comes
// from a subquery and the assignee's email is the last argument.
// claimUpdateWithin claims only within a work-in-progress limit.
var (
	claimUpdate = `UPDATE tickets SET assignee_id = ?, assigned_at = ?, status = ?, version = version + 1, updated_at = ?
WHERE id = ? RETURNING ` + strings.NewReplacer(
		"t.", "",
		"COALESCE(a.name, '')", "coalesce((SELECT name FROM accounts WHERE id = account_id), '')",
		"COALESCE(u.email, '')", "?",
	).Replace(ticketColumns) + `, next_breach_clock`
	claimUpdateWithin = strings.Replace(claimUpdate, "WHERE id = ?", "WHERE id = ? AND ("+holdingQuery+") < ?", 1)
)

// claimChange is a side of a claim's event. Its fields are in the order
// of a map's keys, as other events have them; a struct encodes faster.
type claimChange struct {
	Assignee string `json:"assignee"`
	Status   string `json:"status,omitempty"`
	Via      string `json:"via,omitempty"`
}

// ReleaseTicket unassigns an active ticket. Its holder may release it, and
// so may a lead or an admin.
func (s *Store) ReleaseTicket(ctx context.Context, actor store.Actor, id int64, reason string) (t support.Ticket, err error) {
	reason = strings.TrimSpace(reason)
	err = s.write(ctx, func(tx *txn, now time.Time) error {
		cur, err := ticket(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := checkActive(cur, "released"); err != nil {
			return err
		}
		if cur.Assignee == "" {
			return &support.ValidationError{Field: "assignee", Message: fmt.Sprintf("ticket %d is not claimed by anyone: there is nothing to release", id)}
		}
		if err := checkHoldMove(ctx, tx, actor, cur, ""); err != nil {
			return err
		}
		t = cur
		t.Assignee, t.AssignedAt = "", nil
		t.Version, t.UpdatedAt = cur.Version+1, now
		if _, err := tx.ExecContext(ctx,
			`UPDATE tickets SET assignee_id = NULL, assigned_at = NULL, version = ?, updated_at = ? WHERE id = ?`,
			t.Version, now.UnixMilli(), id); err != nil {
			return err
		}
		after := map[string]any{"assignee": ""}
		if reason != "" {
			after["reason"] = reason
		}
		return event(ctx, tx, now, actor, entityTicket, t.ID, kindReleased, map[string]any{"assignee": cur.Assignee}, after)
	})
	return t, err
}

// checkHoldMove refuses to have the actor move a ticket from its holder to
// next (nobody, when empty) unless the actor holds it, or is a lead or an
// admin: an engineer takes a ticket someone holds only when it is given to
// them. It runs in the write's transaction, so that nobody takes a ticket
// someone claimed meanwhile.
func checkHoldMove(ctx context.Context, q queryer, actor store.Actor, cur support.Ticket, next string) error {
	if cur.Assignee == "" || cur.Assignee == actor.Email || cur.Assignee == next {
		return nil
	}
	u, err := userWhere(ctx, q, "id = ?", actor.ID, "user "+actor.Email)
	if err != nil {
		return err
	}
	switch {
	case u.Role == "lead" || u.Role == "admin":
		return nil
	case next == "":
		return fmt.Errorf("ticket %d is held by %s: only they, a lead or an admin can release it: %w", cur.ID, cur.Assignee, support.ErrForbidden)
	}
	return heldBy(cur)
}

// heldBy is the conflict of taking t from its holder.
func heldBy(t support.Ticket) *support.ClaimConflictError {
	conflict := &support.ClaimConflictError{TicketID: t.ID, Holder: t.Assignee}
	if t.AssignedAt != nil {
		conflict.Since = *t.AssignedAt
	}
	return conflict
}

// checkActive refuses to have a ticket that is no longer worked claimed or
// released.
func checkActive(t support.Ticket, verb string) error {
	if slices.Contains(support.ActiveStatuses, t.Status) {
		return nil
	}
	return &support.ValidationError{Field: "status", Message: fmt.Sprintf("ticket %d is %s: only active tickets can be %s", t.ID, t.Status, verb)}
}

// SkipTicket records that the actor passes on a ticket; skipping it again
// replaces the reason. The ticket itself does not change.
func (s *Store) SkipTicket(ctx context.Context, actor store.Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return &support.ValidationError{Field: "reason", Message: "a skip needs a reason: say why you pass on the ticket"}
	}
	return s.write(ctx, func(tx *txn, now time.Time) error {
		if _, err := ticket(ctx, tx, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO skips (user_id, ticket_id, reason, at) VALUES (?, ?, ?, ?)
			ON CONFLICT (user_id, ticket_id) DO UPDATE SET reason = excluded.reason, at = excluded.at`,
			actor.ID, id, reason, now.UnixMilli()); err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityTicket, id, kindSkipped, nil, map[string]any{"reason": reason})
	})
}
