// Package clocks derives a ticket's SLA clocks from its history with the
// pure engine of pkg/sla: it maps stored events to the engine's, picks the
// policy version that applied when the ticket was opened and the schedule
// of the customer's region. The service uses it to show clocks and,
// through Breach, to keep each ticket's next breach instant.
package clocks

import (
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/sla"
	"github.com/supctl/supctl/pkg/support"
)

// Version is a policy set and the instant from which new tickets get it. A
// ticket keeps the version that applied when it was opened.
type Version struct {
	Policies sla.PolicySet `json:"policies" yaml:"policies"`
	From     time.Time     `json:"from" yaml:"from"`
}

// Engine computes clocks under a history of policy versions and a set of
// extra (admin-added) holidays.
type Engine struct {
	versions  []Version // oldest first
	holidays  []sla.Holiday
	schedules sync.Map // region → sla.Schedule, built once
}

// New returns an engine. With no versions it uses sla.DefaultPolicies from
// the beginning of time.
func New(versions []Version, holidays []sla.Holiday) (*Engine, error) {
	if len(versions) == 0 {
		versions = []Version{{Policies: sla.DefaultPolicies()}}
	}
	versions = slices.Clone(versions)
	slices.SortFunc(versions, func(a, b Version) int { return a.From.Compare(b.From) })
	for i, v := range versions {
		if err := v.Policies.Validate(); err != nil {
			return nil, err
		}
		if i > 0 && v.Policies.Version <= versions[i-1].Policies.Version {
			return nil, &support.ValidationError{Field: "policies", Message: fmt.Sprintf("policy version %d takes effect after version %d: versions must grow with time", v.Policies.Version, versions[i-1].Policies.Version)}
		}
	}
	return &Engine{versions: versions, holidays: holidays}, nil
}

// Default is an engine with the built-in policies and holidays.
func Default() *Engine {
	e, _ := New(nil, nil)
	return e
}

// Result is a ticket's clocks with what decided them.
type Result struct {
	PolicyVersion int         `json:"policy_version"`
	Plan          string      `json:"plan"`
	Schedule      string      `json:"schedule"`
	Timezone      string      `json:"timezone"`
	Clocks        []sla.Clock `json:"clocks"`
}

// policyFor is the version in force when a ticket was opened.
func (e *Engine) policyFor(opened time.Time) sla.PolicySet {
	ps := e.versions[0].Policies
	for _, v := range e.versions {
		if !v.From.After(opened) {
			ps = v.Policies
		}
	}
	return ps
}

func (e *Engine) schedule(region string) (sla.Schedule, error) {
	if s, ok := e.schedules.Load(region); ok {
		return s.(sla.Schedule), nil
	}
	s, err := sla.RegionSchedule(region, e.holidays)
	if err != nil {
		return sla.Schedule{}, err
	}
	e.schedules.Store(region, s)
	return s, nil
}

// Compute returns the ticket's clocks as of now. The customer account's
// plan and region decide them; an internal request (no account) follows
// the standard plan in the ticket's region.
func (e *Engine) Compute(t support.Ticket, account *support.Account, events []support.Event, now time.Time) (Result, error) {
	plan, region := "standard", t.Region
	if account != nil {
		plan, region = account.Plan, account.Region
	}
	sched, err := e.schedule(region)
	if err != nil {
		return Result{}, err
	}
	ps := e.policyFor(t.CreatedAt)
	in := sla.Input{Plan: plan, Policies: ps, Schedule: sched, Events: engineEvents(events)}
	return Result{
		PolicyVersion: ps.Version, Plan: plan, Schedule: sched.Name(), Timezone: sched.Location().String(),
		Clocks: sla.Compute(in, now),
	}, nil
}

// Breach is the support.BreachFunc of this engine: the earliest breach
// instant of the ticket's clocks, as of its last event.
func (e *Engine) Breach(t support.Ticket, account *support.Account, events []support.Event) (support.Breach, bool) {
	var last time.Time
	if n := len(events); n > 0 {
		last = events[n-1].At
	}
	r, err := e.Compute(t, account, events, last)
	if err != nil {
		return support.Breach{}, false
	}
	at, ok := sla.NextBreach(r.Clocks)
	if !ok {
		return support.Breach{}, false
	}
	for _, c := range r.Clocks {
		if c.DueAt.Equal(at) {
			return support.Breach{At: at, Clock: ClockName(c.Kind)}, true
		}
	}
	return support.Breach{At: at}, true
}

// ClockName is a clock kind in words: "first response".
func ClockName(k sla.ClockKind) string {
	switch k {
	case sla.ClockFirstResponse:
		return "first response"
	case sla.ClockNextUpdate:
		return "next update"
	case sla.ClockResolution:
		return "resolution"
	}
	return string(k)
}

// engineEvents maps a ticket's stored history to the engine's events:
// creation, status and severity changes, and public replies — by an
// engineer, or from the requester's side. Internal notes, claims and skips
// do not touch the clocks. A side that does not decode counts as empty.
func engineEvents(events []support.Event) []sla.Event {
	out := make([]sla.Event, 0, len(events))
	for _, ev := range events {
		switch ev.Kind {
		case support.EventCreated:
			f, _ := support.DecodeSide[support.ClockFields](ev.After)
			out = append(out, sla.Event{At: ev.At, Kind: sla.EventCreated, Status: deref(f.Status), Severity: deref(f.Severity)})
		case support.EventCommented:
			c, _ := support.DecodeSide[support.Commented](ev.After)
			switch {
			case c.Internal:
			case c.FromRequester:
				out = append(out, sla.Event{At: ev.At, Kind: sla.EventCustomerReply})
			default:
				out = append(out, sla.Event{At: ev.At, Kind: sla.EventEngineerReply})
			}
		default:
			f, _ := support.DecodeSide[support.ClockFields](ev.After)
			if f.Severity != nil {
				out = append(out, sla.Event{At: ev.At, Kind: sla.EventSeverity, Severity: *f.Severity})
			}
			if f.Status != nil {
				out = append(out, sla.Event{At: ev.At, Kind: sla.EventStatus, Status: *f.Status})
			}
		}
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Wire is r as the API shows it.
func (r Result) Wire(ticketID int64) support.TicketSLA {
	out := support.TicketSLA{
		TicketID: ticketID, PolicyVersion: r.PolicyVersion, Plan: r.Plan, Schedule: r.Schedule, Timezone: r.Timezone,
		Clocks: make([]support.SLAClock, 0, len(r.Clocks)),
	}
	if at, ok := sla.NextBreach(r.Clocks); ok {
		out.NextBreach = &at
	}
	for _, c := range r.Clocks {
		out.Clocks = append(out.Clocks, support.SLAClock{
			Kind: string(c.Kind), State: string(c.State), PauseReason: c.PauseReason, Severity: c.Severity,
			Target: c.Target.String(), Business: c.Target.Business,
			StartedAt: instant(c.StartedAt), DueAt: instant(c.DueAt), FulfilledAt: instant(c.FulfilledAt), BreachedAt: instant(c.BreachedAt),
			ElapsedSeconds: seconds(c.Elapsed), RemainingSeconds: seconds(c.Remaining),
			WallElapsedSeconds: seconds(c.WallElapsed), WallRemainingSeconds: seconds(c.WallRemaining),
		})
	}
	return out
}

func instant(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func seconds(d time.Duration) int64 { return int64(d / time.Second) }
