package sqlite

import (
	"context"
	"encoding/json"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// Enqueue adds a message to the outbox in the change's transaction.
func (t *txn) Enqueue(ctx context.Context, topic string, payload any, at time.Time) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx, `INSERT INTO outbox (topic, payload, created_at, next_attempt_at) VALUES (?, ?, ?, ?)`,
		topic, string(data), at.UnixMilli(), at.UnixMilli())
	return err
}

// DueMessages returns undelivered messages due at now, oldest first.
func (s *Store) DueMessages(ctx context.Context, now time.Time, limit int) ([]store.Message, error) {
	return queryAll(ctx, s.reads, func(row scanner) (store.Message, error) {
		var m store.Message
		var payload string
		var created, next int64
		err := row.Scan(&m.ID, &m.Topic, &payload, &m.Attempts, &m.LastError, &created, &next)
		m.Payload, m.CreatedAt, m.NextAttemptAt = json.RawMessage(payload), fromMillis(created), fromMillis(next)
		return m, err
	}, `SELECT id, topic, payload, attempts, last_error, created_at, next_attempt_at FROM outbox
		WHERE delivered_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`, now.UnixMilli(), limit)
}

// Delivered marks a message done.
func (s *Store) Delivered(ctx context.Context, id int64, at time.Time) error {
	return s.write(ctx, func(t *txn, _ time.Time) error {
		_, err := t.ExecContext(ctx, `UPDATE outbox SET delivered_at = ? WHERE id = ?`, at.UnixMilli(), id)
		return err
	})
}

// Failed records a failed delivery and when to try again.
func (s *Store) Failed(ctx context.Context, id int64, reason string, retryAt time.Time) error {
	return s.write(ctx, func(t *txn, _ time.Time) error {
		_, err := t.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`,
			reason, retryAt.UnixMilli(), id)
		return err
	})
}
