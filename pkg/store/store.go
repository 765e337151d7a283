// Package store defines the storage interface of the server. Every backend
// (store/sqlite, later store/postgres) passes the one contract suite in
// store/storetest, so the server cannot tell them apart.
package store

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Actor is the user on whose behalf a change is made; it is written to the
// change's event.
type Actor struct {
	ID    int64
	Email string
}

// Idempotency identifies a retried write. A zero Key means none was given.
// Fingerprint is a digest of the request: the same key with another
// fingerprint is refused with support.ErrIdempotencyMismatch.
type Idempotency struct {
	Key         string
	Fingerprint string
}

// Store is what the server needs from storage. Every change appends an
// event in the same transaction. Lookups of missing rows return an error
// wrapping support.ErrNotFound.
type Store interface {
	// CreateUser adds a user; a taken email is support.ErrDuplicate.
	CreateUser(ctx context.Context, actor Actor, u support.User) (support.User, error)
	UserByEmail(ctx context.Context, email string) (support.User, error)
	ListUsers(ctx context.Context) ([]support.User, error)
	CountUsers(ctx context.Context) (int, error)

	// CreateToken stores the hash of a new bearer token and returns its
	// record. A user who holds support.MaxLiveTokens unexpired tokens gets
	// an error wrapping support.ErrTooManyTokens.
	CreateToken(ctx context.Context, actor Actor, n NewToken) (support.Token, error)
	// TokenByHash finds a token and its owner, expired or not: whether an
	// expired token is refused is the caller's rule.
	TokenByHash(ctx context.Context, hash []byte) (support.User, support.Token, error)
	// ListTokens lists a user's tokens, expired ones included, oldest first.
	ListTokens(ctx context.Context, userID int64) ([]support.Token, error)
	// RevokeToken deletes a token and records it on its owner's history.
	// With ownerID other than 0, a token of someone else is
	// support.ErrNotFound, as a missing one is.
	RevokeToken(ctx context.Context, actor Actor, id, ownerID int64) (support.Token, error)
	// TouchToken sets a token's last-used time to now unless it is less
	// than support.LastUsedResolution old, and reports whether it wrote.
	TouchToken(ctx context.Context, id int64) (bool, error)

	CreateAccount(ctx context.Context, actor Actor, a support.Account) (support.Account, error)
	Account(ctx context.Context, id int64) (support.Account, error)
	ListAccounts(ctx context.Context) ([]support.Account, error)

	// CreateTicket opens a ticket; n must be normalized. With an idempotency
	// key already used for the same request it returns the first ticket and
	// reports replayed.
	CreateTicket(ctx context.Context, actor Actor, n support.NewTicket, idem Idempotency) (t support.Ticket, replayed bool, err error)
	Ticket(ctx context.Context, id int64) (support.Ticket, error)
	ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error)
	// UpdateTicket applies p when the ticket is still at p.Version (if set);
	// otherwise it returns a *support.ConflictError.
	UpdateTicket(ctx context.Context, actor Actor, id int64, p support.TicketPatch) (support.Ticket, error)

	AddComment(ctx context.Context, actor Actor, ticketID int64, c support.NewComment, idem Idempotency) (cm support.Comment, replayed bool, err error)
	ListComments(ctx context.Context, ticketID int64, includeInternal bool) ([]support.Comment, error)
	ListEvents(ctx context.Context, entityType string, entityID int64) ([]support.Event, error)

	// ClaimTicket assigns an active, unassigned ticket to the actor in one
	// compare-and-set, opening it if new. A ticket someone else holds is a
	// *support.ClaimConflictError naming them; claiming one's own ticket
	// again returns it unchanged; a solved or closed ticket is a
	// *support.ValidationError.
	ClaimTicket(ctx context.Context, actor Actor, id int64) (support.Ticket, error)
	// NextTicket picks the first ticket, in pick order, of the requested
	// queues that matches the actor's skills and that they have not
	// skipped, and unless DryRun claims it in the same transaction.
	// Errors: *support.WIPLimitError (unless Force), support.ErrNothingToPick.
	NextTicket(ctx context.Context, actor Actor, req support.NextRequest) (support.Pick, error)
	// SkipTicket records that the actor passes on a ticket, with a reason;
	// NextTicket no longer offers it to them.
	SkipTicket(ctx context.Context, actor Actor, id int64, reason string) error
	// ReleaseTicket unassigns an active ticket the actor holds (a lead or
	// admin may release anyone's; others get support.ErrForbidden), with an
	// optional reason.
	ReleaseTicket(ctx context.Context, actor Actor, id int64, reason string) (support.Ticket, error)
	// QueueTickets lists a queue's unassigned active tickets in pick order:
	// earliest breach instant (none last), then severity, then age.
	QueueTickets(ctx context.Context, q support.Queue, limit int) ([]support.Ticket, error)
	// QueueStats summarises each queue as of now, in the order given.
	QueueStats(ctx context.Context, queues []support.Queue, now time.Time) ([]support.QueueStat, error)
	// RefreshBreaches recomputes the next breach of every active ticket,
	// for when what the store's BreachFunc knows has changed, and returns
	// how many tickets it visited.
	RefreshBreaches(ctx context.Context) (int, error)

	Close() error
}

// NewToken is a token to store: its owner, the hash of the token (never
// the token), a label, and when it expires (nil: never).
type NewToken struct {
	UserID    int64
	Hash      []byte
	Label     string
	ExpiresAt *time.Time
}

// Breach is a ticket's next SLA breach: when, and which clock breaches.
type Breach struct {
	At time.Time
	// Clock names the clock in words, such as "first response"; it goes
	// into the reason `queue next` gives for a pick.
	Clock string
}

// BreachFunc computes a ticket's next SLA breach from the ticket, its
// account (nil for an internal request) and its history, oldest event
// first; ok is false when no clock runs. A store calls it inside every
// write transaction that can move a clock (create, update, comment) and
// keeps the result, so that lists and queues can sort by it. Claims and
// releases cannot move one: new and open tickets run their clocks alike.
type BreachFunc func(t support.Ticket, account *support.Account, events []support.Event) (b Breach, ok bool)
