package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Record appends one change to the log inside the writing transaction.
// Its sides are stored as JSON; nil stores NULL.
func (t *txn) Record(ctx context.Context, actor store.Actor, at time.Time, c support.Change) error {
	b, err := jsonOrNull(c.Before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(c.After)
	if err != nil {
		return err
	}
	_, err = t.ExecContext(ctx,
		`INSERT INTO events (entity_type, entity_id, actor_id, actor, kind, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Entity, c.EntityID, nullID(actor.ID), actor.Email, c.Kind, b, a, at.UnixMilli())
	return err
}

func jsonOrNull(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	data, err := json.Marshal(v)
	return sql.NullString{String: string(data), Valid: true}, err
}

// ListEvents returns the history of one entity, oldest first.
func (s *Store) ListEvents(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error) {
	return events(ctx, s.reads, entity, id)
}

// Events is ListEvents inside the transaction.
func (t *txn) Events(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error) {
	return events(ctx, t, entity, id)
}

func events(ctx context.Context, q queryer, entity support.EntityType, id int64) ([]support.Event, error) {
	return queryAll(ctx, q, scanEvent,
		`SELECT id, entity_type, entity_id, actor, kind, before, after, at FROM events
		 WHERE entity_type = ? AND entity_id = ? ORDER BY id`, entity, id)
}

func scanEvent(row scanner) (support.Event, error) {
	var e support.Event
	var before, after sql.NullString
	var at int64
	err := row.Scan(&e.ID, &e.EntityType, &e.EntityID, &e.Actor, &e.Kind, &before, &after, &at)
	e.Before, e.After, e.At = rawOrNil(before), rawOrNil(after), fromMillis(at)
	return e, err
}

// rawOrNil keeps a NULL side a nil interface, so `omitempty` drops it.
func rawOrNil(s sql.NullString) any {
	if !s.Valid {
		return nil
	}
	return json.RawMessage(s.String)
}
