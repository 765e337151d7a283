package support

import "time"

// Breach is a ticket's next SLA breach: when, and which clock breaches.
type Breach struct {
	At time.Time
	// Clock names the clock in words, such as "first response"; it goes
	// into the reason `queue next` gives for a pick.
	Clock string
}

// BreachFunc computes a ticket's next SLA breach from the ticket, its
// account (nil for an internal request) and its history, oldest event
// first; ok is false when no clock runs. The service calls it inside every
// write that can move a clock (create, update, comment) and stores the
// result, so that lists and queues can sort by it. Claims and releases
// cannot move one: new and open tickets run their clocks alike.
type BreachFunc func(t Ticket, account *Account, events []Event) (b Breach, ok bool)
