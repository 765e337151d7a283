package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// Spent finds what a user spent an idempotency key on.
func (t *txn) Spent(ctx context.Context, userID int64, key string) (store.Spent, bool, error) {
	var s store.Spent
	err := t.QueryRowContext(ctx,
		`SELECT fingerprint, resource_type, resource_id FROM idempotency_keys WHERE user_id = ? AND key = ?`,
		userID, key).Scan(&s.Fingerprint, &s.Resource, &s.ID)
	if errors.Is(err, sql.ErrNoRows) {
		return s, false, nil
	}
	return s, err == nil, err
}

// Spend records a key as spent on the resource just made.
func (t *txn) Spend(ctx context.Context, userID int64, idem store.Idempotency, resource string, id int64, at time.Time) error {
	_, err := t.ExecContext(ctx,
		`INSERT INTO idempotency_keys (user_id, key, fingerprint, resource_type, resource_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		userID, idem.Key, idem.Fingerprint, resource, id, at.UnixMilli())
	return err
}
