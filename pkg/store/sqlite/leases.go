package sqlite

import (
	"context"
	"time"
)

// TakeLease takes, renews or keeps out of a lease in one upsert.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (held bool, err error) {
	err = s.write(ctx, func(t *txn, _ time.Time) error {
		res, err := t.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
			WHERE leases.holder = excluded.holder OR leases.expires_at <= ?`,
			name, holder, now.Add(ttl).UnixMilli(), now.UnixMilli())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		held = n > 0
		return err
	})
	return held, err
}

// DropLease ends holder's lease of name.
func (s *Store) DropLease(ctx context.Context, name, holder string) error {
	return s.write(ctx, func(t *txn, _ time.Time) error {
		_, err := t.ExecContext(ctx, `DELETE FROM leases WHERE name = ? AND holder = ?`, name, holder)
		return err
	})
}
