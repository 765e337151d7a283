package support

import (
	"cmp"
	"fmt"
	"slices"
	"time"
)

// CheckActive refuses to have a ticket that is no longer worked claimed or
// released; verb is "claimed" or "released".
func (t Ticket) CheckActive(verb string) error {
	if slices.Contains(ActiveStatuses, t.Status) {
		return nil
	}
	return &ValidationError{Field: "status", Message: fmt.Sprintf("ticket %d is %s: only active tickets can be %s", t.ID, t.Status, verb)}
}

// HeldBy is the conflict of taking t from its holder.
func HeldBy(t Ticket) *ClaimConflictError {
	conflict := &ClaimConflictError{TicketID: t.ID, Holder: t.Assignee}
	if t.AssignedAt != nil {
		conflict.Since = *t.AssignedAt
	}
	return conflict
}

// ClaimedStatus is the status of a ticket in status once someone takes
// it: a new ticket opens, any other keeps its status.
func ClaimedStatus(status string) string {
	if status == "new" {
		return "open"
	}
	return status
}

// WIPLimitOrDefault is how many active tickets u may hold before `queue next`
// refuses them more.
func (u User) WIPLimitOrDefault() int { return cmp.Or(u.WIPLimit, DefaultWIPLimit) }

// CheckWIP refuses more work to someone who holds holding active tickets
// under limit.
func CheckWIP(holding, limit int) error {
	if holding >= limit {
		return &WIPLimitError{Holding: holding, Limit: limit}
	}
	return nil
}

// QueueHead is the first ticket of one queue for one engineer, as the
// queue's index has it: what pick order compares.
type QueueHead struct {
	TicketID  int64
	BreachAt  *time.Time // nil: no clock runs, and it comes last
	Severity  string
	CreatedAt time.Time
	Status    string
	Queue     int // its queue's position in the request
}

// Before tells whether h comes before o in pick order: earliest breach
// (none last), most severe, longest waiting, and the id to break ties.
func (h QueueHead) Before(o QueueHead) bool {
	return cmp.Or(compareBreach(h.BreachAt, o.BreachAt), cmp.Compare(h.Severity, o.Severity),
		h.CreatedAt.Compare(o.CreatedAt), cmp.Compare(h.TicketID, o.TicketID)) < 0
}

func compareBreach(a, b *time.Time) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return 1
	case b == nil:
		return -1
	}
	return a.Compare(*b)
}

// FirstHead is the head that comes first in pick order; ok is false when
// there is none.
func FirstHead(heads []QueueHead) (first QueueHead, ok bool) {
	if len(heads) == 0 {
		return QueueHead{}, false
	}
	first = heads[0]
	for _, h := range heads[1:] {
		if h.Before(first) {
			first = h
		}
	}
	return first, true
}

// NewPick is the Pick of t from queue, which came first by its breach at
// breachAt on clock (nil: none runs), with its reason said at now and the
// instant in RFC 3339.
func NewPick(t Ticket, queue string, breachAt *time.Time, clock string, claimed bool, now time.Time) Pick {
	p := Pick{Ticket: t, Queue: queue, Claimed: claimed}
	if breachAt != nil {
		p.BreachAt, p.Clock = breachAt, clock
	}
	p.Reason = p.Describe(now, func(t time.Time) string { return t.UTC().Format(time.RFC3339) })
	return p
}
