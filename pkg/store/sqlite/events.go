package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Entity types and kinds of the events this store writes. Comments and
// token grants are recorded on their ticket and user, so one entity's
// history is one query.
const (
	entityUser    = "user"
	entityAccount = "account"
	entityTicket  = "ticket"

	kindCreated      = "created"
	kindUpdated      = "updated"
	kindCommented    = "commented"
	kindTokenCreated = "token_created"
	kindTokenRevoked = "token_revoked"
	kindClaimed      = "claimed"
	kindReleased     = "released"
	kindSkipped      = "skipped"
)

// event appends one change to the log inside the writing transaction.
// before and after are stored as JSON; nil stores NULL.
func event(ctx context.Context, tx *txn, at time.Time, actor store.Actor, entityType string, entityID int64, kind string, before, after any) error {
	b, err := jsonOrNull(before)
	if err != nil {
		return err
	}
	a, err := jsonOrNull(after)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx,
		`INSERT INTO events (entity_type, entity_id, actor_id, actor, kind, before, after, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		entityType, entityID, nullID(actor.ID), actor.Email, kind, b, a, at.UnixMilli())
	return err
}

func jsonOrNull(v any) (sql.NullString, error) {
	if v == nil {
		return sql.NullString{}, nil
	}
	data, err := json.Marshal(v)
	return sql.NullString{String: string(data), Valid: true}, err
}

// ListEvents returns the history of one entity, oldest first. Before and
// After hold json.RawMessage, or nil when the change has no such side.
func (s *Store) ListEvents(ctx context.Context, entityType string, entityID int64) ([]support.Event, error) {
	return events(ctx, s.reads, entityType, entityID)
}

func events(ctx context.Context, q queryer, entityType string, entityID int64) ([]support.Event, error) {
	return queryAll(ctx, q, scanEvent,
		`SELECT id, entity_type, entity_id, actor, kind, before, after, at FROM events
		 WHERE entity_type = ? AND entity_id = ? ORDER BY id`, entityType, entityID)
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
