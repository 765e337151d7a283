package sla

import (
	"slices"
	"time"
)

// EventKind names what happened to a ticket, as far as its clocks care.
type EventKind string

const (
	EventCreated EventKind = "created"
	// EventEngineerReply is a public reply by an engineer.
	EventEngineerReply EventKind = "engineer_reply"
	// EventCustomerReply is a public comment by the requester: a customer's
	// or a partner's contact.
	EventCustomerReply EventKind = "customer_reply"
	// EventStatus is a status change; Status holds the new status.
	EventStatus EventKind = "status"
	// EventSeverity is a severity change; Severity holds the new severity.
	EventSeverity EventKind = "severity"
)

// Event is one entry of a ticket's timeline. Status and Severity are set on
// the events that change them, and on EventCreated with the initial values
// (an empty status means "new").
type Event struct {
	At       time.Time
	Kind     EventKind
	Status   string
	Severity string
}

// Input is everything the clocks of one ticket derive from.
type Input struct {
	// Plan is the support plan of the ticket's account.
	Plan string
	// Policies is the policy version the ticket was created under (see
	// History.At); the ticket's severity selects the policy within it.
	Policies PolicySet
	// Schedule is the customer's schedule (RegionSchedule of the account's
	// region), never the viewer's.
	Schedule Schedule
	// Events is the ticket's timeline in time order, starting with
	// EventCreated. Events of equal time apply in the order given.
	Events []Event
}

// ClockKind names a clock.
type ClockKind string

const (
	ClockFirstResponse ClockKind = "first_response"
	ClockNextUpdate    ClockKind = "next_update"
	ClockResolution    ClockKind = "resolution"
)

// clockKinds is the order of Compute's result.
var clockKinds = [...]ClockKind{ClockFirstResponse, ClockNextUpdate, ClockResolution}

// State is where a clock stands.
type State string

const (
	StateRunning State = "running"
	StatePaused  State = "paused"
	// StateOutsideHours is a running business-time clock while the schedule
	// is closed: it does not advance, but its breach instant stands.
	StateOutsideHours State = "outside_hours"
	StateFulfilled    State = "fulfilled"
	// StateBreached is a clock whose breach instant has passed; it stays
	// breached after it is fulfilled.
	StateBreached State = "breached"
)

// Why a clock is paused.
const (
	PauseWaitingOnCustomer    = "waiting_on_customer"
	PauseWaitingOnEngineering = "waiting_on_engineering"
	PauseOnHold               = "on_hold"
)

// Clock is the state of one SLA clock at an instant. Times are in UTC and
// zero when they do not apply.
type Clock struct {
	Kind  ClockKind
	State State
	// PauseReason is set while the clock is paused, also when it breached
	// before the pause.
	PauseReason string
	Target      Target
	// Severity is the severity whose policy gave Target.
	Severity      string
	PolicyVersion int
	// StartedAt is when the clock started; for next_update, when the
	// current period started.
	StartedAt time.Time
	// DueAt is the absolute breach instant: set while running or outside
	// hours, and kept once breached. A paused clock has none (it cannot
	// breach while paused) and neither has a fulfilled one.
	DueAt       time.Time
	FulfilledAt time.Time
	BreachedAt  time.Time
	// Elapsed is the time the clock has consumed, in the target's time
	// (business or calendar), pauses excluded, up to now or fulfilment.
	// Remaining is Target.Duration minus Elapsed: negative or zero once
	// breached (zero when the schedule has been closed since the breach).
	Elapsed, Remaining time.Duration
	// WallElapsed is the wall time since StartedAt, pauses included, up to
	// now or fulfilment. WallRemaining is the wall time from now to DueAt,
	// negative once breached; zero when paused or fulfilled.
	WallElapsed, WallRemaining time.Duration
}

// Compute derives a ticket's clocks at now from its timeline, replaying the
// events up to now; later events are ignored. It returns the clocks the
// policy has a target for, in the order first_response, next_update,
// resolution; nil before the ticket exists. The same input and now always
// give the same clocks.
func Compute(in Input, now time.Time) []Clock {
	events := in.Events
	if !slices.IsSortedFunc(events, compareEvents) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, compareEvents)
	}
	e := engine{in: &in}
	for _, ev := range events {
		if ev.At.After(now) || e.closed {
			break
		}
		e.apply(ev)
	}
	if !e.created {
		return nil
	}
	e.checkBreaches(now)
	out := make([]Clock, 0, len(clockKinds))
	for i, k := range clockKinds {
		if tr := &e.clocks[i]; tr.started && tr.target != nil {
			out = append(out, tr.clock(k, &in, now))
		}
	}
	return out
}

// NextBreach is the earliest breach instant among clocks that still owe
// something: running, outside hours, or breached and not fulfilled. An
// instant in the past means the ticket is breached. False when no clock
// owes anything.
func NextBreach(clocks []Clock) (time.Time, bool) {
	var next time.Time
	found := false
	for _, c := range clocks {
		owing := c.State == StateRunning || c.State == StateOutsideHours || (c.State == StateBreached && c.FulfilledAt.IsZero())
		if owing && (!found || c.DueAt.Before(next)) {
			next, found = c.DueAt, true
		}
	}
	return next, found
}

func compareEvents(a, b Event) int { return a.At.Compare(b.At) }
