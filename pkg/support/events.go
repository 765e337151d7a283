package support

import (
	"encoding/json"
	"reflect"
	"time"
)

// EntityType names what an event is about. Comments and token grants are
// recorded on their ticket and user, so one entity's history is one query.
type EntityType string

// The entities with a history.
const (
	EntityUser    EntityType = "user"
	EntityAccount EntityType = "account"
	EntityTicket  EntityType = "ticket"
)

// EventKind names a change. Each kind's Before and After hold the payload
// types below; readers decode them with DecodeSide.
type EventKind string

// The kinds of change, with what their sides hold.
const (
	// EventCreated: After is the new User, Account or Ticket.
	EventCreated EventKind = "created"
	// EventUpdated: Before and After are the FieldChanges of a ticket.
	EventUpdated EventKind = "updated"
	// EventCommented: After is a Commented.
	EventCommented EventKind = "commented"
	// EventClaimed: Before and After are ClaimSides.
	EventClaimed EventKind = "claimed"
	// EventReleased: Before and After are ReleaseSides.
	EventReleased EventKind = "released"
	// EventSkipped: After is a Skipped.
	EventSkipped EventKind = "skipped"
	// EventTokenCreated: After is a TokenGrant, on the owner's history.
	EventTokenCreated EventKind = "token_created"
	// EventTokenRevoked: Before is a TokenGrant, on the owner's history.
	EventTokenRevoked EventKind = "token_revoked"
)

// Change is an event to record: what changed, how, and the actor.
type Change struct {
	Entity   EntityType
	EntityID int64
	Kind     EventKind
	Before   any // nil: no such side
	After    any
}

// Commented is the After of a comment's event on its ticket.
type Commented struct {
	CommentID     int64 `json:"comment_id"`
	Internal      bool  `json:"internal"`
	FromRequester bool  `json:"from_requester"`
}

// ClaimSide is a side of a claim's event. Its fields are in the order of a
// map's keys, as other events have them; a struct encodes faster.
type ClaimSide struct {
	Assignee string `json:"assignee"`
	Status   string `json:"status,omitempty"`
	Via      string `json:"via,omitempty"`
}

// ReleaseSide is a side of a release's event.
type ReleaseSide struct {
	Assignee string `json:"assignee"`
	Reason   string `json:"reason,omitempty"`
}

// Skipped is the After of a skip's event.
type Skipped struct {
	Reason string `json:"reason"`
}

// TokenGrant is what a token's events record of it: never the hash.
type TokenGrant struct {
	ID        int64      `json:"id"`
	Label     string     `json:"label"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// FieldChanges is a side of a ticket's update: the fields that changed,
// by their JSON names, with their values on that side.
type FieldChanges map[string]any

// ClockFields is what the SLA clocks read of a ticket's created or updated
// event: the status and severity it set, when it set them.
type ClockFields struct {
	Status   *string `json:"status"`
	Severity *string `json:"severity"`
}

// DecodeSide reads an event's side, stored as JSON or held as a value,
// into T. A missing side is T's zero value.
func DecodeSide[T any](side any) (T, error) {
	var out T
	if side == nil {
		return out, nil
	}
	raw, ok := side.(json.RawMessage)
	if ok && len(raw) == 0 {
		return out, nil
	}
	if !ok {
		var err error
		if raw, err = json.Marshal(side); err != nil {
			return out, err
		}
	}
	return out, json.Unmarshal(raw, &out)
}

// Diff is the before and after of an update from prev to next: the
// fields, by their JSON names, that differ. Both are empty when nothing
// changed.
func Diff(prev, next Ticket) (before, after FieldChanges, err error) {
	p, err := fieldsOf(prev)
	if err != nil {
		return nil, nil, err
	}
	n, err := fieldsOf(next)
	if err != nil {
		return nil, nil, err
	}
	before, after = FieldChanges{}, FieldChanges{}
	for k := range p {
		if _, ok := n[k]; !ok {
			n[k] = nil // dropped by omitempty
		}
	}
	for k, v := range n {
		if !reflect.DeepEqual(p[k], v) {
			before[k], after[k] = p[k], v
		}
	}
	return before, after, nil
}

func fieldsOf(t Ticket) (map[string]any, error) {
	data, err := json.Marshal(t)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	return m, json.Unmarshal(data, &m)
}
