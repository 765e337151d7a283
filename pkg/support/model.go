package support

import (
	"encoding/json"
	"time"
)

// User is a person or service that signs in: an engineer, a lead, an admin,
// a partner's contact or a read-only viewer.
type User struct {
	ID        int64  `json:"id"`
	Email     string `json:"email"`
	Name      string `json:"name"`
	Role      Role   `json:"role"`
	Region    string `json:"region"`
	Tier      string `json:"tier"`
	AccountID int64  `json:"account_id,omitempty"` // the partner organisation of a partner user
	// Skills: the divisions and languages the user takes tickets in; empty
	// means any.
	Divisions []string  `json:"divisions"`
	Languages []string  `json:"languages"`
	WIPLimit  int       `json:"wip_limit"` // active tickets held before `queue next` refuses; 0 = DefaultWIPLimit
	CreatedAt time.Time `json:"created_at"`
}

// MarshalJSON writes empty skill lists as [], never null.
func (u User) MarshalJSON() ([]byte, error) {
	type plain User
	p := plain(u)
	if p.Divisions == nil {
		p.Divisions = []string{}
	}
	if p.Languages == nil {
		p.Languages = []string{}
	}
	return json.Marshal(p)
}

// Account is a customer or partner organisation.
type Account struct {
	ID        int64     `json:"id"`
	Name      string    `json:"name"`
	Kind      string    `json:"kind"`
	PartnerID int64     `json:"partner_id,omitempty"` // the reseller that serves this customer
	Plan      string    `json:"plan"`
	Region    string    `json:"region"`
	CreatedAt time.Time `json:"created_at"`
}

// Ticket is a support case.
type Ticket struct {
	ID             int64    `json:"id"`
	Subject        string   `json:"subject"`
	Description    string   `json:"description"`
	Status         string   `json:"status"`
	Severity       string   `json:"severity"`
	Division       string   `json:"division"`
	Region         string   `json:"region"`
	Language       string   `json:"language"`
	Channel        string   `json:"channel"`
	RequesterKind  string   `json:"requester_kind"`
	RequesterName  string   `json:"requester_name"`
	RequesterEmail string   `json:"requester_email"`
	AccountID      int64    `json:"account_id,omitempty"`
	AccountName    string   `json:"account_name"`
	Assignee       string   `json:"assignee"` // email, empty when unassigned
	Tier           string   `json:"tier"`
	TAM            string   `json:"tam"`
	ProductVersion string   `json:"product_version"`
	Environment    string   `json:"environment"`
	Tags           []string `json:"tags"`
	// NextBreach is the earliest SLA breach instant of the ticket's running
	// clocks; nil when none runs (paused, fulfilled, or no policy).
	NextBreach *time.Time `json:"next_breach"`
	AssignedAt *time.Time `json:"assigned_at"`
	Version    int        `json:"version"`
	CreatedAt  time.Time  `json:"created_at"`
	UpdatedAt  time.Time  `json:"updated_at"`
}

// Comment is a public reply or an internal note on a ticket.
type Comment struct {
	ID       int64  `json:"id"`
	TicketID int64  `json:"ticket_id"`
	Author   string `json:"author"` // email
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
	// FromRequester: a public reply from the customer's or partner's side,
	// written by them or entered for them by an engineer.
	FromRequester bool      `json:"from_requester"`
	CreatedAt     time.Time `json:"created_at"`
}

// Event records one change: who made it, what, when, before and after.
type Event struct {
	ID         int64      `json:"id"`
	EntityType EntityType `json:"entity_type"`
	EntityID   int64      `json:"entity_id"`
	Actor      string     `json:"actor"`
	Kind       EventKind  `json:"kind"`
	Before     any        `json:"before,omitempty"`
	After      any        `json:"after,omitempty"`
	At         time.Time  `json:"at"`
}
