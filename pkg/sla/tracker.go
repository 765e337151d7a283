package sla

import "time"

// tracker is one clock during replay. It measures consumed time in both
// business and calendar time, so a severity change can switch the target
// between them without replaying.
type tracker struct {
	started     bool
	startedAt   time.Time
	target      *Target
	severity    string // whose policy gave target
	running     bool
	pause       string    // why it is not running, until fulfilled
	since       time.Time // start of the current running stretch
	business    time.Duration
	calendar    time.Duration // consumed before since
	due         time.Time     // breach instant while running, until breached
	fulfilledAt time.Time
	breachedAt  time.Time
}

// start begins the clock afresh at at, running unless pause names a reason.
func (tr *tracker) start(s *Schedule, at time.Time, target *Target, severity, pause string) {
	*tr = tracker{started: true, startedAt: at, target: target, severity: severity}
	tr.setPause(s, at, pause)
}

// setPause pauses the clock for a reason, or runs it when reason is "".
func (tr *tracker) setPause(s *Schedule, at time.Time, reason string) {
	if !tr.fulfilledAt.IsZero() {
		return
	}
	tr.pause = reason
	switch {
	case reason != "" && tr.running:
		tr.checkpoint(s, at)
		tr.running, tr.due = false, time.Time{}
	case reason == "" && !tr.running:
		tr.running, tr.since = true, at
		tr.refreshDue(s)
	}
}

func (tr *tracker) fulfil(s *Schedule, at time.Time) {
	if tr.running {
		tr.checkpoint(s, at)
	}
	tr.running, tr.pause, tr.due, tr.fulfilledAt = false, "", time.Time{}, at
}

// retarget applies a new severity's target to an open clock. A fulfilled or
// breached clock keeps the target it was measured against. A clock that has
// already consumed the new target breaches at once.
func (tr *tracker) retarget(s *Schedule, at time.Time, target *Target, severity string) {
	if !tr.started || !tr.fulfilledAt.IsZero() || !tr.breachedAt.IsZero() {
		return
	}
	if tr.running {
		tr.checkpoint(s, at)
	}
	tr.target, tr.severity, tr.due = target, severity, time.Time{}
	if target != nil && tr.consumed(*target) >= target.Duration {
		tr.breachedAt = at
		return
	}
	tr.refreshDue(s)
}

// checkBreach records the breach of a running clock whose due instant is
// before at.
func (tr *tracker) checkBreach(at time.Time) {
	if !tr.due.IsZero() && at.After(tr.due) {
		tr.breachedAt, tr.due = tr.due, time.Time{}
	}
}

// checkpoint folds the running stretch up to at into the consumed totals.
func (tr *tracker) checkpoint(s *Schedule, at time.Time) {
	tr.business += s.BusinessBetween(tr.since, at)
	tr.calendar += at.Sub(tr.since)
	tr.since = at
}

func (tr *tracker) refreshDue(s *Schedule) {
	if !tr.running || tr.target == nil || !tr.breachedAt.IsZero() {
		return
	}
	tr.due = tr.add(s, tr.since, tr.target.Duration-tr.consumed(*tr.target))
}

// consumed is the time consumed before since, in t's kind of time.
func (tr *tracker) consumed(t Target) time.Duration {
	if t.Business {
		return tr.business
	}
	return tr.calendar
}

func (tr *tracker) add(s *Schedule, from time.Time, d time.Duration) time.Time {
	if tr.target.Business {
		return s.AddBusiness(from, d)
	}
	return from.Add(d).UTC()
}

// clock reports the tracker at now.
func (tr *tracker) clock(k ClockKind, in *Input, now time.Time) Clock {
	s := &in.Schedule
	end := now
	if !tr.fulfilledAt.IsZero() {
		end = tr.fulfilledAt
	}
	elapsed := tr.consumed(*tr.target)
	if tr.running {
		if tr.target.Business {
			elapsed += s.BusinessBetween(tr.since, end)
		} else {
			elapsed += end.Sub(tr.since)
		}
	}
	c := Clock{
		Kind:          k,
		Target:        *tr.target,
		Severity:      tr.severity,
		PolicyVersion: in.Policies.Version,
		StartedAt:     tr.startedAt.UTC(),
		FulfilledAt:   tr.fulfilledAt.UTC(),
		BreachedAt:    tr.breachedAt.UTC(),
		Elapsed:       elapsed,
		Remaining:     tr.target.Duration - elapsed,
		WallElapsed:   end.Sub(tr.startedAt),
	}
	if !tr.running && tr.fulfilledAt.IsZero() {
		c.PauseReason = tr.pause
	}
	switch {
	case !tr.breachedAt.IsZero():
		c.State, c.DueAt = StateBreached, c.BreachedAt
	case !tr.fulfilledAt.IsZero():
		c.State = StateFulfilled
	case !tr.running:
		c.State = StatePaused
	case tr.target.Business && !s.InHours(now):
		c.State, c.DueAt = StateOutsideHours, tr.due.UTC()
	default:
		c.State, c.DueAt = StateRunning, tr.due.UTC()
	}
	if !c.DueAt.IsZero() && tr.fulfilledAt.IsZero() {
		c.WallRemaining = c.DueAt.Sub(now)
	}
	return c
}
