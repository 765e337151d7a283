package support

import (
	"cmp"
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

// Pick is the ticket `queue next` chose and why. Reason is the why as one
// line with its instant in RFC 3339; Clock and BreachAt carry that instant
// as data, so that a client can say it in its user's timezone.
type Pick struct {
	Ticket Ticket `json:"ticket"`
	Queue  string `json:"queue"`
	Reason string `json:"reason"`
	// Clock names in words the SLA clock that breaches first ("first
	// response"), or is empty when none runs or the store does not know.
	Clock string `json:"clock,omitempty"`
	// BreachAt is the instant the ticket breaches, or nil when no SLA
	// clock runs: the ticket came first by severity and age.
	BreachAt *time.Time `json:"breach_at"`
	Claimed  bool       `json:"claimed"`
}

// Describe says in one line why p came first, as seen at now, with its
// breach instant written by when: "earliest SLA breach in apac-jp/spark:
// first response due <when>; S2; waiting 3h".
func (p Pick) Describe(now time.Time, when func(time.Time) string) string {
	waiting := "waiting " + Age(now.Sub(p.Ticket.CreatedAt))
	if p.BreachAt == nil {
		return fmt.Sprintf("no SLA clock running in %s; %s; %s", p.Queue, p.Ticket.Severity, waiting)
	}
	state := "due"
	if !p.BreachAt.After(now) {
		state = "breached at"
	}
	clock := cmp.Or(p.Clock, "SLA")
	return fmt.Sprintf("earliest SLA breach in %s: %s %s %s; %s; %s",
		p.Queue, clock, state, when(*p.BreachAt), p.Ticket.Severity, waiting)
}

// Age is a duration in its largest whole unit: 45m, 3h, 5d.
func Age(d time.Duration) string {
	switch {
	case d < time.Hour:
		return fmt.Sprintf("%dm", int(max(d, 0).Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("%dh", int(d.Hours()))
	default:
		return fmt.Sprintf("%dd", int(d.Hours()/24))
	}
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
