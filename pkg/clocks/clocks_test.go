package clocks

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/sla"
	"github.com/supctl/supctl/pkg/support"
)

var opened = time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC) // Tuesday 10:00 in Tokyo

func history(extra ...support.Event) []support.Event {
	created := support.Event{Kind: "created", At: opened, After: map[string]any{"status": "new", "severity": "S2"}}
	return append([]support.Event{created}, extra...)
}

func clock(t *testing.T, r Result, k sla.ClockKind) sla.Clock {
	t.Helper()
	for _, c := range r.Clocks {
		if c.Kind == k {
			return c
		}
	}
	t.Fatalf("no %s clock in %+v", k, r.Clocks)
	return sla.Clock{}
}

func TestFollowsTheCustomersScheduleAndPlan(t *testing.T) {
	e, err := New(nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	tokyo := &support.Account{Plan: "premium", Region: "apac-jp"}
	tk := support.Ticket{Region: "americas-west", Severity: "S2", CreatedAt: opened}
	r, err := e.Compute(tk, tokyo, history(), opened)
	if err != nil {
		t.Fatal(err)
	}
	// Premium S2: first response within 4 business hours of Tokyo.
	fr := clock(t, r, sla.ClockFirstResponse)
	if want := time.Date(2026, 11, 24, 5, 0, 0, 0, time.UTC); !fr.DueAt.Equal(want) || r.Timezone != "Asia/Tokyo" || r.Plan != "premium" {
		t.Errorf("first response due %v in %s (%s), want %v in Asia/Tokyo (premium)", fr.DueAt, r.Timezone, r.Plan, want)
	}
	if at, ok := e.Breach(tk, tokyo, history()); !ok || !at.At.Equal(fr.DueAt) || at.Clock != "first response" {
		t.Errorf("breach = %+v, %v", at, ok)
	}
}

func TestRepliesAndPauses(t *testing.T) {
	e, _ := New(nil, nil)
	acct := &support.Account{Plan: "premium", Region: "apac-jp"}
	tk := support.Ticket{Severity: "S2", CreatedAt: opened}
	events := history(
		support.Event{Kind: "commented", At: opened.Add(30 * time.Minute), After: map[string]any{"internal": true}},
		support.Event{Kind: "commented", At: opened.Add(time.Hour), After: map[string]any{"internal": false}},
		support.Event{Kind: "updated", At: opened.Add(2 * time.Hour), After: map[string]any{"status": "pending_customer"}},
	)
	r, _ := e.Compute(tk, acct, events, opened.Add(3*time.Hour))
	if fr := clock(t, r, sla.ClockFirstResponse); fr.State != sla.StateFulfilled || !fr.FulfilledAt.Equal(opened.Add(time.Hour)) {
		t.Errorf("first response %+v: want fulfilled by the public reply, not the internal note", fr)
	}
	if res := clock(t, r, sla.ClockResolution); res.State != sla.StatePaused || res.PauseReason != sla.PauseWaitingOnCustomer {
		t.Errorf("resolution %+v: want paused waiting on customer", res)
	}
	if _, ok := e.Breach(tk, acct, events); ok {
		t.Error("a ticket waiting on the customer has no running clock, yet a breach was reported")
	}
}

func TestPolicyVersionIsTheOneInForceWhenOpened(t *testing.T) {
	v2 := sla.DefaultPolicies()
	v2.Version = 2
	for i := range v2.Policies {
		if v2.Policies[i].FirstResponse != nil {
			v2.Policies[i].FirstResponse = &sla.Target{Duration: time.Minute}
		}
	}
	e, err := New([]Version{{Policies: sla.DefaultPolicies()}, {Policies: v2, From: opened.Add(time.Hour)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	acct := &support.Account{Plan: "premium", Region: "apac-jp"}
	old, _ := e.Compute(support.Ticket{Severity: "S2", CreatedAt: opened}, acct, history(), opened)
	later, _ := e.Compute(support.Ticket{Severity: "S2", CreatedAt: opened.Add(2 * time.Hour)}, acct, history(), opened)
	if old.PolicyVersion != 1 || later.PolicyVersion != 2 {
		t.Errorf("versions %d and %d, want 1 for the older ticket and 2 for the newer", old.PolicyVersion, later.PolicyVersion)
	}
	if _, err := New([]Version{{Policies: v2}, {Policies: sla.DefaultPolicies(), From: opened}}, nil); err == nil {
		t.Error("a version older than the one before it was accepted")
	}
}

func TestLoadConfig(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("sla.yaml", `versions:
  - from: 2026-11-24T02:00:00Z
    policies:
      version: 2
      policies:
        - {plan: premium, severity: S2, first_response: 30m calendar}
holidays:
  - {date: 2026-11-24, name: Company day}
`)
	e, err := Load(good)
	if err != nil {
		t.Fatal(err)
	}
	acct := &support.Account{Plan: "premium", Region: "apac-jp"}
	// Opened before version 2 took effect: version 1, on a day that is now
	// a holiday, so the 4 business hours start the next morning.
	r, _ := e.Compute(support.Ticket{Severity: "S2", CreatedAt: opened}, acct, history(), opened)
	fr := clock(t, r, sla.ClockFirstResponse)
	if r.PolicyVersion != 1 || !fr.DueAt.Equal(time.Date(2026, 11, 25, 4, 0, 0, 0, time.UTC)) {
		t.Errorf("version %d due %v; want version 1 due 2026-11-25 13:00 JST", r.PolicyVersion, fr.DueAt)
	}
	later := opened.Add(2 * time.Hour)
	r, _ = e.Compute(support.Ticket{Severity: "S2", CreatedAt: later}, acct, history(), later)
	if r.PolicyVersion != 2 {
		t.Errorf("a ticket opened after the change got version %d, want 2", r.PolicyVersion)
	}

	for name, body := range map[string]string{
		"unknown.yaml": "versoins: []\n",
		"target.yaml":  "versions:\n  - policies:\n      version: 2\n      policies:\n        - {plan: premium, severity: S2, first_response: soon}\n",
	} {
		if _, err := Load(write(name, body)); err == nil || !strings.Contains(err.Error(), name) {
			t.Errorf("%s: err = %v, want one naming the file", name, err)
		}
	}
}
