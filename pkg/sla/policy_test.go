package sla

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
	"go.yaml.in/yaml/v3"
)

func TestDefaultPoliciesCoverEveryPlanAndSeverity(t *testing.T) {
	ps := DefaultPolicies()
	if err := ps.Validate(); err != nil {
		t.Fatal(err)
	}
	if ps.Version != 1 {
		t.Errorf("version %d, want 1", ps.Version)
	}
	for _, plan := range support.Plans.Values() {
		for _, sev := range support.Severities.Values() {
			if p, ok := ps.Lookup(plan, sev); !ok || p.FirstResponse == nil {
				t.Errorf("%s %s: no first response target", plan, sev)
			}
		}
	}
	s1, _ := ps.Lookup("premium", "S1")
	if *s1.FirstResponse != (Target{Duration: time.Hour}) || *s1.NextUpdate != (Target{Duration: 4 * time.Hour}) {
		t.Errorf("premium S1 = %v, %v; want 1h and 4h calendar", s1.FirstResponse, s1.NextUpdate)
	}
	s2, _ := ps.Lookup("premium", "S2")
	if *s2.FirstResponse != (Target{Duration: 4 * time.Hour, Business: true}) {
		t.Errorf("premium S2 first response = %v, want 4h business", s2.FirstResponse)
	}
	// Standard is never faster than premium.
	for _, sev := range support.Severities.Values() {
		std, _ := ps.Lookup("standard", sev)
		prem, _ := ps.Lookup("premium", sev)
		if std.FirstResponse.Duration < prem.FirstResponse.Duration {
			t.Errorf("%s: standard answers faster than premium", sev)
		}
	}
	if _, ok := ps.Lookup("gold", "S1"); ok {
		t.Error("Lookup found an unknown plan")
	}
	ps.Policies[0].FirstResponse.Duration = time.Minute
	if p, _ := DefaultPolicies().Lookup("premium", "S1"); p.FirstResponse.Duration != time.Hour {
		t.Error("DefaultPolicies shares state between calls")
	}
}

func TestTargetText(t *testing.T) {
	for _, c := range []struct {
		t    Target
		text string
	}{
		{Target{Duration: time.Hour}, "1h calendar"},
		{Target{Duration: 45 * time.Hour, Business: true}, "45h business"},
		{Target{Duration: 90 * time.Minute, Business: true}, "1h30m business"},
		{Target{Duration: 30 * time.Minute}, "30m calendar"},
		{Target{Duration: 30 * time.Second}, "30s calendar"},
	} {
		if got := c.t.String(); got != c.text {
			t.Errorf("%#v.String() = %q, want %q", c.t, got, c.text)
		}
		if back, err := ParseTarget(c.text); err != nil || back != c.t {
			t.Errorf("ParseTarget(%q) = %v, %v", c.text, back, err)
		}
	}
	for _, bad := range []string{"", "4h", "4h weekly", "-1h business", "0s calendar", "four business", "4h business extra"} {
		if _, err := ParseTarget(bad); err == nil || !strings.Contains(err.Error(), "e.g. \"4h business\"") {
			t.Errorf("ParseTarget(%q): %v", bad, err)
		}
	}
}

func TestPolicySetJSONRoundTrip(t *testing.T) {
	b, err := json.Marshal(DefaultPolicies())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `{"plan":"premium","severity":"S1","first_response":"1h calendar","next_update":"4h calendar","resolution":"24h calendar"}`) {
		t.Errorf("unexpected JSON: %s", b)
	}
	var back PolicySet
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	p, _ := back.Lookup("standard", "S4")
	if back.Version != 1 || *p.FirstResponse != (Target{Duration: 27 * time.Hour, Business: true}) || p.NextUpdate != nil {
		t.Errorf("round trip lost data: %+v", p)
	}
	if err := json.Unmarshal([]byte(`{"version":2,"policies":[{"plan":"premium","severity":"S1","first_response":"soon"}]}`), &back); err == nil {
		t.Error("a bad target was accepted")
	}
}

func TestValidate(t *testing.T) {
	one := &Target{Duration: time.Hour}
	for _, c := range []struct {
		name string
		ps   PolicySet
		want string
	}{
		{"version", PolicySet{Version: 0}, "versions start at 1"},
		{"plan", PolicySet{Version: 2, Policies: []Policy{{Plan: "gold", Severity: "S1"}}}, "invalid plan \"gold\""},
		{"severity", PolicySet{Version: 2, Policies: []Policy{{Plan: "premium", Severity: "S5"}}}, "invalid severity \"S5\""},
		{"twice", PolicySet{Version: 2, Policies: []Policy{{Plan: "premium", Severity: "S1", FirstResponse: one}, {Plan: "premium", Severity: "S1"}}}, "given twice"},
		{"zero", PolicySet{Version: 2, Policies: []Policy{{Plan: "premium", Severity: "S1", Resolution: &Target{}}}}, "resolution target must be longer than zero"},
	} {
		if err := c.ps.Validate(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestHistoryIsNotRetroactive(t *testing.T) {
	h, err := History(nil).Add(DefaultPolicies())
	if err != nil {
		t.Fatal(err)
	}
	v2 := DefaultPolicies()
	v2.Version = 2
	v2.Policies[1].FirstResponse = &Target{Duration: 2 * time.Hour, Business: true}
	h2, err := h.Add(v2)
	if err != nil {
		t.Fatal(err)
	}
	old, ok := h2.At(1)
	if p, _ := old.Lookup("premium", "S2"); !ok || p.FirstResponse.Duration != 4*time.Hour {
		t.Errorf("version 1 changed: %v", p.FirstResponse)
	}
	latest, _ := h2.Latest()
	if p, _ := latest.Lookup("premium", "S2"); latest.Version != 2 || p.FirstResponse.Duration != 2*time.Hour {
		t.Errorf("latest = v%d %v", latest.Version, p.FirstResponse)
	}
	if _, ok := h2.At(3); ok {
		t.Error("At(3) found a version that does not exist")
	}
	if _, err := h2.Add(DefaultPolicies()); err == nil || !strings.Contains(err.Error(), "use 3") {
		t.Errorf("re-adding version 1: %v", err)
	}
	if _, ok := History(nil).Latest(); ok {
		t.Error("an empty history has a latest version")
	}
	if len(h) != 1 {
		t.Error("Add changed the history it was called on")
	}
}

func TestPoliciesAndHolidaysReadFromYAML(t *testing.T) {
	var cfg struct {
		Policies PolicySet `yaml:"policies"`
		Holidays []Holiday `yaml:"holidays"`
	}
	doc := `
policies:
  version: 2
  policies:
    - plan: premium
      severity: S1
      first_response: 30m calendar
      resolution: 8h business
holidays:
  - date: 2026-12-24
    name: Company holiday
`
	if err := yaml.Unmarshal([]byte(doc), &cfg); err != nil {
		t.Fatal(err)
	}
	p, ok := cfg.Policies.Lookup("premium", "S1")
	if !ok || *p.FirstResponse != (Target{Duration: 30 * time.Minute}) || *p.Resolution != (Target{Duration: 8 * time.Hour, Business: true}) || p.NextUpdate != nil {
		t.Errorf("policy from YAML: %+v", p)
	}
	if len(cfg.Holidays) != 1 || cfg.Holidays[0] != (Holiday{day(2026, time.December, 24), "Company holiday"}) {
		t.Errorf("holidays from YAML: %+v", cfg.Holidays)
	}
	out, err := yaml.Marshal(cfg.Policies)
	if err != nil || !strings.Contains(string(out), "first_response: 30m calendar") {
		t.Errorf("policy to YAML: %s, %v", out, err)
	}
	if err := yaml.Unmarshal([]byte("holidays: [{date: 2026-13-01, name: x}]"), &cfg); err == nil {
		t.Error("an invalid holiday date was accepted")
	}
}
