package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

const accountColumns = `id, name, kind, partner_id, plan, region, created_at`

func scanAccount(row scanner) (support.Account, error) {
	var a support.Account
	var partner sql.NullInt64
	var created int64
	err := row.Scan(&a.ID, &a.Name, &a.Kind, &partner, &a.Plan, &a.Region, &created)
	a.PartnerID, a.CreatedAt = partner.Int64, fromMillis(created)
	return a, err
}

// CreateAccount adds an organisation; names are unique. A customer's
// PartnerID must name a partner account.
func (s *Store) CreateAccount(ctx context.Context, actor store.Actor, a support.Account) (support.Account, error) {
	err := s.write(ctx, func(tx *txn, now time.Time) error {
		a.CreatedAt = now
		if a.PartnerID != 0 {
			p, err := account(ctx, tx, a.PartnerID)
			if errors.Is(err, support.ErrNotFound) {
				return &support.ValidationError{Field: "partner_id", Message: fmt.Sprintf("partner account %d does not exist", a.PartnerID)}
			}
			if err != nil {
				return err
			}
			if p.Kind != "partner" {
				return &support.ValidationError{Field: "partner_id", Message: fmt.Sprintf("account %d (%s) is not a partner", p.ID, p.Name)}
			}
		}
		res, err := tx.ExecContext(ctx,
			`INSERT INTO accounts (name, kind, partner_id, plan, region, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
			a.Name, a.Kind, nullID(a.PartnerID), a.Plan, a.Region, now.UnixMilli())
		if isUnique(err) {
			return fmt.Errorf("account %s: %w", a.Name, support.ErrDuplicate)
		}
		if err != nil {
			return err
		}
		if a.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityAccount, a.ID, kindCreated, nil, a)
	})
	return a, err
}

// Account finds an account by id.
func (s *Store) Account(ctx context.Context, id int64) (support.Account, error) {
	return account(ctx, s.reads, id)
}

func account(ctx context.Context, q queryer, id int64) (support.Account, error) {
	a, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("account %d: %w", id, support.ErrNotFound)
	}
	return a, err
}

// checkAccount turns a reference to a missing account, or, when kind is
// set, to an account of another kind, into a validation error on field
// rather than a foreign key failure or a partner user of a customer.
func checkAccount(ctx context.Context, q queryer, field string, id int64, kind string) error {
	a, err := account(ctx, q, id)
	switch {
	case errors.Is(err, support.ErrNotFound):
		return &support.ValidationError{Field: field, Message: fmt.Sprintf("account %d does not exist", id)}
	case err == nil && kind != "" && a.Kind != kind:
		return &support.ValidationError{Field: field, Message: fmt.Sprintf("account %d (%s) is a %s, not a %s", id, a.Name, a.Kind, kind)}
	}
	return err
}

// ListAccounts returns every account in creation order.
func (s *Store) ListAccounts(ctx context.Context) ([]support.Account, error) {
	return queryAll(ctx, s.reads, scanAccount, `SELECT `+accountColumns+` FROM accounts ORDER BY id`)
}
