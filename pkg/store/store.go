// Package store defines the storage interface of the server. Every backend
// (store/sqlite, later store/postgres) passes the one contract suite in
// store/storetest, so the server cannot tell them apart.
package store

import (
	"context"

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

	// CreateToken stores the hash of a new bearer token for userID.
	CreateToken(ctx context.Context, actor Actor, userID int64, hash []byte, label string) error
	// UserByTokenHash finds the owner of a token.
	UserByTokenHash(ctx context.Context, hash []byte) (support.User, error)

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

	Close() error
}
