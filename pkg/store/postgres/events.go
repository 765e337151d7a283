package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Record appends one change to the log inside the writing transaction.
func (t *txn) Record(ctx context.Context, actor store.Actor, at time.Time, c support.Change) error {
	b, err := jsonOrNil(c.Before)
	if err != nil {
		return err
	}
	a, err := jsonOrNil(c.After)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO events (entity_type, entity_id, actor_id, actor, kind, before, after, at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		string(c.Entity), c.EntityID, idOrNil(actor.ID), actor.Email, string(c.Kind), b, a, at.UnixMilli())
	return err
}

func jsonOrNil(v any) (*string, error) {
	if v == nil {
		return nil, nil
	}
	data, err := json.Marshal(v)
	s := string(data)
	return &s, err
}

// ListEvents returns the history of one entity, oldest first.
func (s *Store) ListEvents(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error) {
	return events(ctx, s.pool, entity, id)
}

// Events is ListEvents inside the transaction.
func (t *txn) Events(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error) {
	return events(ctx, t.q, entity, id)
}

func events(ctx context.Context, q querier, entity support.EntityType, id int64) ([]support.Event, error) {
	return queryAll(ctx, q, scanEvent, `SELECT id, entity_type, entity_id, actor, kind, before, after, at FROM events
		WHERE entity_type = $1 AND entity_id = $2 ORDER BY id`, string(entity), id)
}

func scanEvent(row pgx.Row) (support.Event, error) {
	var e support.Event
	var entity, kind string
	var before, after *string
	var at int64
	err := row.Scan(&e.ID, &entity, &e.EntityID, &e.Actor, &kind, &before, &after, &at)
	e.EntityType, e.Kind = support.EntityType(entity), support.EventKind(kind)
	e.Before, e.After, e.At = rawOrNil(before), rawOrNil(after), fromMillis(at)
	return e, err
}

// rawOrNil keeps a NULL side a nil interface, so `omitempty` drops it.
func rawOrNil(s *string) any {
	if s == nil {
		return nil
	}
	return json.RawMessage(*s)
}

// Spent finds what a user spent an idempotency key on.
func (t *txn) Spent(ctx context.Context, userID int64, key string) (store.Spent, bool, error) {
	var s store.Spent
	err := t.q.QueryRow(ctx, `SELECT fingerprint, resource_type, resource_id FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
		userID, key).Scan(&s.Fingerprint, &s.Resource, &s.ID)
	if err == pgx.ErrNoRows {
		return s, false, nil
	}
	return s, err == nil, err
}

// Spend records a key as spent on the resource just made. Another
// replica spending the same key at once makes this insert wait for its
// commit and then fail, and InTx runs the write again: it then finds the
// key spent and replays.
func (t *txn) Spend(ctx context.Context, userID int64, idem store.Idempotency, resource string, id int64, at time.Time) error {
	_, err := t.exec(ctx, `INSERT INTO idempotency_keys (user_id, key, fingerprint, resource_type, resource_id, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, userID, idem.Key, idem.Fingerprint, resource, id, at.UnixMilli())
	return err
}

// Enqueue adds a message to the outbox in the change's transaction.
func (t *txn) Enqueue(ctx context.Context, topic string, payload any, at time.Time) error {
	data, err := json.Marshal(payload)
	if err != nil {
		return err
	}
	_, err = t.exec(ctx, `INSERT INTO outbox (topic, payload, created_at, next_attempt_at) VALUES ($1, $2, $3, $3)`,
		topic, string(data), at.UnixMilli())
	return err
}

// DueMessages returns undelivered messages due at now, oldest first.
func (s *Store) DueMessages(ctx context.Context, now time.Time, limit int) ([]store.Message, error) {
	return queryAll(ctx, s.pool, func(row pgx.Row) (store.Message, error) {
		var m store.Message
		var payload string
		var created, next int64
		err := row.Scan(&m.ID, &m.Topic, &payload, &m.Attempts, &m.LastError, &created, &next)
		m.Payload, m.CreatedAt, m.NextAttemptAt = json.RawMessage(payload), fromMillis(created), fromMillis(next)
		return m, err
	}, `SELECT id, topic, payload, attempts, last_error, created_at, next_attempt_at FROM outbox
		WHERE delivered_at IS NULL AND next_attempt_at <= $1 ORDER BY id LIMIT $2`, now.UnixMilli(), limit)
}

// Delivered marks a message done.
func (s *Store) Delivered(ctx context.Context, id int64, at time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET delivered_at = $1 WHERE id = $2`, at.UnixMilli(), id)
	return err
}

// Failed records a failed delivery and when to try again.
func (s *Store) Failed(ctx context.Context, id int64, reason string, retryAt time.Time) error {
	_, err := s.pool.Exec(ctx, `UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`,
		reason, retryAt.UnixMilli(), id)
	return err
}
