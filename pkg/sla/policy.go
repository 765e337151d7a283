package sla

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// Target is how long a clock may run before it breaches: Duration of
// business time on the customer's schedule, or of calendar time (24x7) when
// Business is false. Its text form, used in JSON and config files, is
// "4h business" or "1h calendar".
type Target struct {
	Duration time.Duration
	Business bool
}

func (t Target) String() string {
	d := t.Duration.String()
	if strings.HasSuffix(d, "m0s") {
		d = strings.TrimSuffix(d, "0s")
	}
	if strings.HasSuffix(d, "h0m") {
		d = strings.TrimSuffix(d, "0m")
	}
	if t.Business {
		return d + " business"
	}
	return d + " calendar"
}

// ParseTarget reads a target in its text form.
func ParseTarget(s string) (Target, error) {
	f := strings.Fields(s)
	if len(f) == 2 && (f[1] == "business" || f[1] == "calendar") {
		if d, err := time.ParseDuration(f[0]); err == nil && d > 0 {
			return Target{Duration: d, Business: f[1] == "business"}, nil
		}
	}
	return Target{}, fmt.Errorf(`invalid target %q: write a positive duration and "business" or "calendar", e.g. "4h business"`, s)
}

// MarshalText writes the text form.
func (t Target) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText reads the text form.
func (t *Target) UnmarshalText(b []byte) error {
	v, err := ParseTarget(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Policy is the set of targets of one support plan and severity. A nil
// target means the plan promises nothing for that clock.
type Policy struct {
	Plan          string  `json:"plan" yaml:"plan"`
	Severity      string  `json:"severity" yaml:"severity"`
	FirstResponse *Target `json:"first_response,omitempty" yaml:"first_response,omitempty"`
	NextUpdate    *Target `json:"next_update,omitempty" yaml:"next_update,omitempty"`
	Resolution    *Target `json:"resolution,omitempty" yaml:"resolution,omitempty"`
}

// Target is the policy's target for a kind of clock, or nil.
func (p Policy) Target(k ClockKind) *Target {
	switch k {
	case ClockFirstResponse:
		return p.FirstResponse
	case ClockNextUpdate:
		return p.NextUpdate
	case ClockResolution:
		return p.Resolution
	}
	return nil
}

// PolicySet is one version of the policies of every plan and severity. A
// ticket records the version in force when it was created and is measured
// against that version for its whole life, so changing policies is never
// retroactive.
type PolicySet struct {
	Version  int      `json:"version" yaml:"version"`
	Policies []Policy `json:"policies" yaml:"policies"`
}

// Lookup finds the policy of a plan and severity.
func (ps PolicySet) Lookup(plan, severity string) (Policy, bool) {
	i := slices.IndexFunc(ps.Policies, func(p Policy) bool { return p.Plan == plan && p.Severity == severity })
	if i < 0 {
		return Policy{}, false
	}
	return ps.Policies[i], true
}

// Validate checks a policy set an admin wrote: a positive version, known
// plans and severities, each pair once, and targets longer than zero.
func (ps PolicySet) Validate() error {
	if ps.Version < 1 {
		return &support.ValidationError{Field: "version", Message: fmt.Sprintf("invalid policy version %d: versions start at 1", ps.Version)}
	}
	for i, p := range ps.Policies {
		if err := support.CheckEnums(
			support.EnumField{Enum: support.Plans, Field: "plan", Value: p.Plan},
			support.EnumField{Enum: support.Severities, Field: "severity", Value: p.Severity},
		); err != nil {
			return err
		}
		if _, ok := (PolicySet{Policies: ps.Policies[:i]}).Lookup(p.Plan, p.Severity); ok {
			return &support.ValidationError{Field: "policies", Message: fmt.Sprintf("policy %s %s is given twice: keep one", p.Plan, p.Severity)}
		}
		for _, k := range clockKinds {
			if t := p.Target(k); t != nil && t.Duration <= 0 {
				return &support.ValidationError{Field: string(k), Message: fmt.Sprintf("policy %s %s: the %s target must be longer than zero", p.Plan, p.Severity, k)}
			}
		}
	}
	return nil
}

// History holds every policy version in ascending order, so a ticket's
// clocks can be computed with the version it was created under.
type History []PolicySet

// At is the policy set of a version.
func (h History) At(version int) (PolicySet, bool) {
	i, ok := slices.BinarySearchFunc(h, version, func(ps PolicySet, v int) int { return ps.Version - v })
	if !ok {
		return PolicySet{}, false
	}
	return h[i], true
}

// Latest is the newest policy set, which new tickets are created under.
func (h History) Latest() (PolicySet, bool) {
	if len(h) == 0 {
		return PolicySet{}, false
	}
	return h[len(h)-1], true
}

// Add returns the history with a new version appended. The version must be
// newer than every version before it: an old version is never rewritten.
func (h History) Add(ps PolicySet) (History, error) {
	if err := ps.Validate(); err != nil {
		return h, err
	}
	if last, ok := h.Latest(); ok && ps.Version <= last.Version {
		return h, &support.ValidationError{Field: "version", Message: fmt.Sprintf("policy version %d is not newer than the current version %d: use %d", ps.Version, last.Version, last.Version+1)}
	}
	return append(slices.Clip(h), ps), nil
}
