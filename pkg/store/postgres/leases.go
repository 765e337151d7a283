package postgres

import (
	"context"
	"time"
)

// TakeLease takes, renews or keeps out of a lease in one upsert.
func (s *Store) TakeLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error) {
	tag, err := s.pool.Exec(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, $3)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.holder = excluded.holder OR leases.expires_at <= $4`,
		name, holder, now.Add(ttl).UnixMilli(), now.UnixMilli())
	return tag.RowsAffected() > 0, err
}

// DropLease ends holder's lease of name.
func (s *Store) DropLease(ctx context.Context, name, holder string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM leases WHERE name = $1 AND holder = $2`, name, holder)
	return err
}
