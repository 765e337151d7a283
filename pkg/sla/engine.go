package sla

import "time"

// engine replays a ticket's timeline into its three clocks.
type engine struct {
	in       *Input
	created  bool
	closed   bool
	replied  bool // an engineer has replied publicly, so updates are owed
	status   string
	severity string
	clocks   [len(clockKinds)]tracker
}

func (e *engine) fr() *tracker  { return &e.clocks[0] }
func (e *engine) nu() *tracker  { return &e.clocks[1] }
func (e *engine) res() *tracker { return &e.clocks[2] }

// target is the current severity's target for the clock at index i.
func (e *engine) target(i int) *Target {
	p, ok := e.in.Policies.Lookup(e.in.Plan, e.severity)
	if !ok {
		return nil
	}
	return p.Target(clockKinds[i])
}

func (e *engine) apply(ev Event) {
	if !e.created && ev.Kind != EventCreated {
		return
	}
	e.checkBreaches(ev.At)
	switch ev.Kind {
	case EventCreated:
		if e.created {
			return
		}
		e.created, e.status, e.severity = true, "new", ev.Severity
		e.fr().start(&e.in.Schedule, ev.At, e.target(0), e.severity, "")
		e.res().start(&e.in.Schedule, ev.At, e.target(2), e.severity, "")
		if ev.Status != "" && ev.Status != e.status {
			e.setStatus(ev.At, ev.Status)
		}
	case EventEngineerReply:
		if fr := e.fr(); fr.fulfilledAt.IsZero() {
			fr.fulfil(&e.in.Schedule, ev.At)
		}
		if !resolved(e.status) {
			e.replied = true
			e.startUpdatePeriod(ev.At, nextUpdatePause(e.status))
		}
	case EventCustomerReply:
		// The reply ends a wait on the customer: the update owed to it is a
		// full period from now. A running period is never postponed.
		if nu := e.nu(); e.replied && !resolved(e.status) && !nu.running {
			e.startUpdatePeriod(ev.At, "")
		}
	case EventStatus:
		e.setStatus(ev.At, ev.Status)
	case EventSeverity:
		e.severity = ev.Severity
		for i := range e.clocks {
			e.clocks[i].retarget(&e.in.Schedule, ev.At, e.target(i), e.severity)
		}
	}
}

func (e *engine) setStatus(at time.Time, status string) {
	prev := e.status
	e.status = status
	s := &e.in.Schedule
	switch {
	case resolved(status):
		for i := range e.clocks {
			if tr := &e.clocks[i]; tr.started && tr.fulfilledAt.IsZero() {
				tr.fulfil(s, at)
			}
		}
		e.closed = status == "closed"
	case prev == "solved":
		// Reopened: resolution goes on from the time it had consumed, and
		// a new update period starts.
		res := e.res()
		res.fulfilledAt = time.Time{}
		res.retarget(s, at, e.target(2), e.severity)
		res.setPause(s, at, resolutionPause(status))
		if e.replied {
			e.startUpdatePeriod(at, nextUpdatePause(status))
		}
	default:
		e.res().setPause(s, at, resolutionPause(status))
		if nu := e.nu(); nu.started && nu.fulfilledAt.IsZero() {
			nu.setPause(s, at, nextUpdatePause(status))
		}
	}
}

func (e *engine) startUpdatePeriod(at time.Time, pause string) {
	e.nu().start(&e.in.Schedule, at, e.target(1), e.severity, pause)
}

func (e *engine) checkBreaches(at time.Time) {
	for i := range e.clocks {
		e.clocks[i].checkBreach(at)
	}
}

func resolved(status string) bool { return status == "solved" || status == "closed" }

// resolutionPause is why a status pauses the resolution clock, or "".
func resolutionPause(status string) string {
	switch status {
	case "pending_customer":
		return PauseWaitingOnCustomer
	case "pending_engineering":
		return PauseWaitingOnEngineering
	case "on_hold":
		return PauseOnHold
	}
	return ""
}

// nextUpdatePause is why a status pauses the next update clock, or "": the
// customer is owed updates while development or anything else is waited on.
func nextUpdatePause(status string) string {
	if status == "pending_customer" {
		return PauseWaitingOnCustomer
	}
	return ""
}
