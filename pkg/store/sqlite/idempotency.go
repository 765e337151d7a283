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

// Resource types an idempotency key can stand for. A key is spent on one
// kind of write: reusing it for another is a mismatch.
const (
	resourceTicket  = "ticket"
	resourceComment = "comment"
)

// replay looks up idem for the actor inside the writing transaction. It
// returns the id of the resource the key made, and whether there was one.
func replay(ctx context.Context, tx *txn, actor store.Actor, idem store.Idempotency, resource string) (int64, bool, error) {
	if idem.Key == "" {
		return 0, false, nil
	}
	var fingerprint, typ string
	var id int64
	err := tx.QueryRowContext(ctx,
		`SELECT fingerprint, resource_type, resource_id FROM idempotency_keys WHERE user_id = ? AND key = ?`,
		actor.ID, idem.Key).Scan(&fingerprint, &typ, &id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	if fingerprint != idem.Fingerprint || typ != resource {
		return 0, false, fmt.Errorf("idempotency key %q: %w", idem.Key, support.ErrIdempotencyMismatch)
	}
	return id, true, nil
}

// remember spends idem on the resource just made, in the same transaction.
func remember(ctx context.Context, tx *txn, at time.Time, actor store.Actor, idem store.Idempotency, resource string, id int64) error {
	if idem.Key == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx,
		`INSERT INTO idempotency_keys (user_id, key, fingerprint, resource_type, resource_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		actor.ID, idem.Key, idem.Fingerprint, resource, id, at.UnixMilli())
	return err
}
