package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

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

// InsertAccount stores an organisation; names are unique.
func (t *txn) InsertAccount(ctx context.Context, a support.Account) (int64, error) {
	res, err := t.ExecContext(ctx,
		`INSERT INTO accounts (name, kind, partner_id, plan, region, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		a.Name, a.Kind, nullID(a.PartnerID), a.Plan, a.Region, a.CreatedAt.UnixMilli())
	if isUnique(err) {
		return 0, fmt.Errorf("account %s: %w", a.Name, support.ErrDuplicate)
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
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

// Account finds an account by id in the transaction.
func (t *txn) Account(ctx context.Context, id int64) (support.Account, error) {
	return account(ctx, t, id)
}

// ListAccounts returns every account in creation order.
func (s *Store) ListAccounts(ctx context.Context) ([]support.Account, error) {
	return queryAll(ctx, s.reads, scanAccount, `SELECT `+accountColumns+` FROM accounts ORDER BY id`)
}
