package support

import (
	"fmt"
	"strings"
	"time"
)

// Queue is a named server-side filter over unassigned active tickets:
// region × division, optionally narrowed to one language. Its name is
// "<region>/<division>" or "<region>/<division>/<language>".
type Queue struct {
	Region   string `json:"region"`
	Division string `json:"division"`
	Language string `json:"language,omitempty"`
}

// Name is the queue's name, e.g. "apac-jp/spark" or "apac-jp/spark/ja".
func (q Queue) Name() string {
	name := q.Region + "/" + q.Division
	if q.Language != "" {
		name += "/" + q.Language
	}
	return name
}

// ParseQueue reads a queue name.
func ParseQueue(name string) (Queue, error) {
	parts := strings.Split(name, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return Queue{}, &ValidationError{Field: "queue", Message: fmt.Sprintf("invalid queue %q: use <region>/<division>[/<language>], e.g. apac-jp/spark", name)}
	}
	q := Queue{Region: parts[0], Division: parts[1]}
	if len(parts) == 3 {
		q.Language = parts[2]
	}
	return q, q.check("queue")
}

// check reports a region, division or language that does not exist, as
// an invalid value of field.
func (q Queue) check(field string) error {
	checks := []EnumField{{Regions, field, q.Region}, {Divisions, field, q.Division}}
	if q.Language != "" {
		checks = append(checks, EnumField{Languages, field, q.Language})
	}
	if err := CheckEnums(checks...); err != nil {
		return &ValidationError{Field: field, Message: fmt.Sprintf("invalid queue %q: %v", q.Name(), err)}
	}
	return nil
}

// AllQueues are the default queues: every region × division.
func AllQueues() []Queue {
	var out []Queue
	for _, r := range Regions.Values() {
		for _, d := range Divisions.Values() {
			out = append(out, Queue{Region: r, Division: d})
		}
	}
	return out
}

// QueueStat summarises a queue's waiting work.
type QueueStat struct {
	Queue      string     `json:"queue"`
	Unassigned int        `json:"unassigned"`
	OldestAt   *time.Time `json:"oldest_at"`   // creation of the oldest waiting ticket
	NextBreach *time.Time `json:"next_breach"` // earliest breach instant among them
	Breached   int        `json:"breached"`
}

// DefaultWIPLimit is how many active tickets an engineer holds before
// `queue next` refuses to hand out more.
const DefaultWIPLimit = 12

// NextRequest asks for the next ticket to work.
type NextRequest struct {
	Queues []Queue `json:"queues"`
	DryRun bool    `json:"dry_run"`
	// Force ignores the work-in-progress limit.
	Force bool `json:"force"`
}

// MaxQueues is how many distinct queues there are: each region × division,
// whole or narrowed to one language. A NextRequest names at most as many.
var MaxQueues = len(Regions.Values()) * len(Divisions.Values()) * (1 + len(Languages.Values()))

// Validate checks that r names at least one queue, at most MaxQueues, and
// only queues that exist.
func (r NextRequest) Validate() error {
	switch {
	case len(r.Queues) == 0:
		return &ValidationError{Field: "queues", Message: "no queue to pick from: name at least one, e.g. apac-jp/spark"}
	case len(r.Queues) > MaxQueues:
		return &ValidationError{Field: "queues", Message: fmt.Sprintf("%d queues: name at most %d, each once", len(r.Queues), MaxQueues)}
	}
	for _, q := range r.Queues {
		if err := q.check("queues"); err != nil {
			return err
		}
	}
	return nil
}

// Pick is the ticket `queue next` chose and why.
type Pick struct {
	Ticket  Ticket `json:"ticket"`
	Queue   string `json:"queue"`
	Reason  string `json:"reason"`
	Claimed bool   `json:"claimed"`
}

// ClaimConflictError is a claim that lost: someone holds the ticket.
type ClaimConflictError struct {
	TicketID int64
	Holder   string
	Since    time.Time
}

func (e *ClaimConflictError) Error() string {
	return fmt.Sprintf("ticket %d is already claimed by %s (since %s)", e.TicketID, e.Holder, e.Since.UTC().Format(time.RFC3339))
}

// WIPLimitError is a `queue next` refused because the engineer already
// holds as many active tickets as their limit.
type WIPLimitError struct {
	Holding, Limit int
}

func (e *WIPLimitError) Error() string {
	return fmt.Sprintf("you already hold %d active tickets (your limit is %d): finish or release one, or use --force", e.Holding, e.Limit)
}

// ErrNothingToPick is a `queue next` that found no ticket for the engineer.
var ErrNothingToPick = fmt.Errorf("nothing to pick: %w", ErrNotFound)
