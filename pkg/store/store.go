// Package store defines the storage of the server, split by concern and
// composed into Store. It holds no rule: the use cases of pkg/service
// decide, in transactions the store runs (Store.InTx), what to read and
// write. Every backend (store/sqlite, store/postgres) passes the one
// contract suite in store/storetest, so the service cannot tell them
// apart.
package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Actor is the user on whose behalf a change is made; it is written to the
// change's event.
type Actor struct {
	ID    int64
	Email string
}

// ActorOf is the actor of the changes u makes.
func ActorOf(u support.User) Actor { return Actor{ID: u.ID, Email: u.Email} }

// Idempotency identifies a retried write. A zero Key means none was given.
// Fingerprint is a digest of the request.
type Idempotency struct {
	Key         string
	Fingerprint string
}

// Spent is what an idempotency key was spent on: the request's
// fingerprint and the resource it made.
type Spent struct {
	Fingerprint string
	Resource    string
	ID          int64
}

// NewToken is a token to store: its owner, the hash of the token (never
// the token), a label, and when it expires (nil: never).
type NewToken struct {
	UserID    int64
	Hash      []byte
	Label     string
	ExpiresAt *time.Time
}

// Assignment gives ticket TicketID, unassigned, to a user in one
// compare-and-set, moving it to Status.
type Assignment struct {
	TicketID int64
	To       Actor
	Status   string
	At       time.Time
	// Via, when set, says which command claimed it (for the event).
	Via string
	// MaxHolding, when above zero, makes the assignment happen only while
	// the user holds fewer active tickets than that.
	MaxHolding int
}

// Message is an entry of the outbox: something a change announces to an
// outside system, written in the change's transaction and delivered
// after it by a worker.
type Message struct {
	ID      int64
	Topic   string
	Payload json.RawMessage
	// Attempts counts the deliveries that failed; LastError is the last
	// one's error.
	Attempts      int
	LastError     string
	CreatedAt     time.Time
	NextAttemptAt time.Time
}

// Lookups of missing rows, in every interface below, return an error
// wrapping support.ErrNotFound.

// Directory reads users, their tokens, and accounts.
type Directory interface {
	UserByEmail(ctx context.Context, email string) (support.User, error)
	ListUsers(ctx context.Context) ([]support.User, error)
	CountUsers(ctx context.Context) (int, error)
	// TokenByHash finds a token and its owner, expired or not.
	TokenByHash(ctx context.Context, hash []byte) (support.User, support.Token, error)
	// ListTokens lists a user's tokens, expired ones included, oldest first.
	ListTokens(ctx context.Context, userID int64) ([]support.Token, error)
	Account(ctx context.Context, id int64) (support.Account, error)
	ListAccounts(ctx context.Context) ([]support.Account, error)
}

// Tickets reads tickets, their comments and histories.
type Tickets interface {
	Ticket(ctx context.Context, id int64) (support.Ticket, error)
	// ListTickets returns one page of the tickets f selects, cut by keyset.
	ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error)
	// ListComments returns a ticket's comments oldest first, without
	// internal notes unless includeInternal.
	ListComments(ctx context.Context, ticketID int64, includeInternal bool) ([]support.Comment, error)
	// ListEvents returns one entity's history, oldest first; sides hold
	// json.RawMessage, or nil when the change has no such side.
	ListEvents(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error)
}

// Queues reads the work waiting in queues.
type Queues interface {
	// QueueTickets lists a queue's unassigned active tickets in pick order.
	QueueTickets(ctx context.Context, q support.Queue, limit int) ([]support.Ticket, error)
	// QueueStats summarises each queue as of now, in the order given.
	QueueStats(ctx context.Context, queues []support.Queue, now time.Time) ([]support.QueueStat, error)
}

// Outbox hands the messages of committed changes to their worker.
type Outbox interface {
	// DueMessages returns up to limit undelivered messages whose next
	// attempt is due at now, oldest first.
	DueMessages(ctx context.Context, now time.Time, limit int) ([]Message, error)
	// Delivered marks a message done; it is never handed out again.
	Delivered(ctx context.Context, id int64, at time.Time) error
	// Failed records a failed delivery and when to try again.
	Failed(ctx context.Context, id int64, reason string, retryAt time.Time) error
}

// Leases elect the one process that runs a background job.
type Leases interface {
	// TakeLease makes holder the holder of the lease name until now+ttl,
	// when nobody holds it, its lease has expired, or holder holds it
	// already (a renewal), and reports whether holder holds it now.
	TakeLease(ctx context.Context, name, holder string, now time.Time, ttl time.Duration) (bool, error)
	// DropLease ends holder's lease of name, if it holds it, so that
	// another may take it at once.
	DropLease(ctx context.Context, name, holder string) error
}

// RevocationFeed is a store shared by several processes that tells each
// of them, as it happens, of a token another revoked, so that the token
// caches of other replicas need not wait for their entries to expire. A
// backend without one (a SQLite file, normally served by one process)
// leaves them to expire.
type RevocationFeed interface {
	// FollowRevocations calls revoked with the id of every token revoked
	// through any process until ctx ends, and with 0, meaning any token,
	// whenever it starts to follow (at first, and after a lost
	// connection), as it may have missed some before. It returns when ctx
	// ends.
	FollowRevocations(ctx context.Context, revoked func(tokenID int64))
}

// Transactor runs the service's use cases.
type Transactor interface {
	// InTx runs fn in a transaction and commits what it wrote when it
	// returns nil; otherwise nothing it wrote is kept. now, the time of
	// the change, is read once the transaction may write, so that times
	// follow the order of commits. A backend may run fn more than once
	// (to retry a serialization failure): fn must have no effect outside
	// tx, and set its results anew each run.
	InTx(ctx context.Context, fn func(tx Tx, now time.Time) error) error
	// View runs fn with reads outside any write; tx refuses writes. Its
	// reads need not see one snapshot: what it shows may change before
	// the caller acts on it.
	View(ctx context.Context, fn func(tx Tx) error) error
}

// Store is everything the service needs from storage.
type Store interface {
	Directory
	Tickets
	Queues
	Outbox
	Leases
	Transactor
	Close() error
}

// Tx is what a use case reads and writes inside a transaction.
type Tx interface {
	DirectoryTx
	TicketTx
	QueueTx
	LogTx
}

// DirectoryTx changes users, tokens and accounts.
type DirectoryTx interface {
	UserByID(ctx context.Context, id int64) (support.User, error)
	UserByEmail(ctx context.Context, email string) (support.User, error)
	// InsertUser stores u and returns its id; a taken email, in any case,
	// is support.ErrDuplicate.
	InsertUser(ctx context.Context, u support.User) (int64, error)
	Account(ctx context.Context, id int64) (support.Account, error)
	// InsertAccount stores a and returns its id; a taken name is
	// support.ErrDuplicate.
	InsertAccount(ctx context.Context, a support.Account) (int64, error)
	// LiveTokens counts a user's tokens unexpired at now.
	LiveTokens(ctx context.Context, userID int64, now time.Time) (int, error)
	// InsertToken stores a token made at and returns its id.
	InsertToken(ctx context.Context, n NewToken, at time.Time) (int64, error)
	Token(ctx context.Context, id int64) (support.Token, error)
	DeleteToken(ctx context.Context, id int64) error
	// TouchToken sets a token's last use to at unless it is after
	// unlessAfter, and reports whether it wrote.
	TouchToken(ctx context.Context, id int64, at, unlessAfter time.Time) (bool, error)
}

// TicketTx changes tickets and comments.
type TicketTx interface {
	// Ticket reads a ticket and keeps others from changing it until the
	// transaction ends.
	Ticket(ctx context.Context, id int64) (support.Ticket, error)
	// InsertTicket stores a new ticket as new, frontline, version 1.
	InsertTicket(ctx context.Context, n support.NewTicket, at time.Time) (int64, error)
	// SaveTicket writes t's changeable fields: subject, status, severity,
	// tier, assignee (by email; empty: nobody), assigned time, tags,
	// version and update time.
	SaveTicket(ctx context.Context, t support.Ticket) error
	// TouchTicket sets a ticket's update time.
	TouchTicket(ctx context.Context, id int64, at time.Time) error
	// SetBreach stores a ticket's next breach; nil: no clock runs.
	SetBreach(ctx context.Context, id int64, b *support.Breach) error
	// ActiveTickets lists up to limit active tickets with ids above
	// afterID, by id.
	ActiveTickets(ctx context.Context, afterID int64, limit int) ([]support.Ticket, error)
	// InsertComment stores c by the author authorID and returns its id.
	InsertComment(ctx context.Context, c support.Comment, authorID int64) (int64, error)
	Comment(ctx context.Context, id int64) (support.Comment, error)
}

// QueueTx reads queues for a pick and assigns tickets.
type QueueTx interface {
	// QueueHeads reads, for each of queues in u's divisions, the first
	// ticket in pick order that suits u's skills and that u has not
	// skipped.
	QueueHeads(ctx context.Context, u support.User, queues []support.Queue) ([]support.QueueHead, error)
	// Holding counts the active tickets a user holds.
	Holding(ctx context.Context, userID int64) (int, error)
	// Assign makes a, and returns the ticket as stored with the clock
	// that breaches next; ok is false, and nothing changed, when the
	// ticket is held already or a.MaxHolding held it back.
	Assign(ctx context.Context, a Assignment) (t support.Ticket, clock string, ok bool, err error)
	// BreachClock reads a ticket with the clock that breaches next.
	BreachClock(ctx context.Context, id int64) (support.Ticket, string, error)
	// PutSkip records that a user passes on a ticket, replacing an
	// earlier reason.
	PutSkip(ctx context.Context, userID, ticketID int64, reason string, at time.Time) error
}

// LogTx appends to the history, spends idempotency keys and fills the
// outbox, in the transaction of the change.
type LogTx interface {
	// Record appends c, made by actor at at, to its entity's history.
	Record(ctx context.Context, actor Actor, at time.Time, c support.Change) error
	Events(ctx context.Context, entity support.EntityType, id int64) ([]support.Event, error)
	// Spent finds what a user spent an idempotency key on; found is false
	// for a key never spent.
	Spent(ctx context.Context, userID int64, key string) (s Spent, found bool, err error)
	// Spend records a key as spent on the resource just made.
	Spend(ctx context.Context, userID int64, idem Idempotency, resource string, id int64, at time.Time) error
	// Enqueue adds a message for the outbox worker, due at once.
	Enqueue(ctx context.Context, topic string, payload any, at time.Time) error
}
