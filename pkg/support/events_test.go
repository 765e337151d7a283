package support_test

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// eventsNow is the fixed instant the event tests use.
var eventsNow = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

func eventsTicket() support.Ticket {
	breach := eventsNow.Add(4 * time.Hour)
	return support.Ticket{
		ID: 12, Subject: "Spark job fails", Description: "OOM at stage 3", Status: "open", Severity: "S2",
		Division: "spark", Region: "apac-jp", Language: "ja", Channel: "portal", RequesterKind: "customer",
		AccountID: 5, AccountName: "Acme", Assignee: "ken@example.com", Tier: "frontline",
		Tags: []string{"oom", "upgrade"}, NextBreach: &breach, Version: 3,
		CreatedAt: eventsNow.Add(-time.Hour), UpdatedAt: eventsNow,
	}
}

func TestDiff(t *testing.T) {
	for _, c := range []struct {
		name          string
		edit          func(*support.Ticket)
		before, after support.FieldChanges
	}{
		{"unchanged", func(*support.Ticket) {}, support.FieldChanges{}, support.FieldChanges{}},
		{"tags equal in a new slice", func(tk *support.Ticket) { tk.Tags = []string{"oom", "upgrade"} },
			support.FieldChanges{}, support.FieldChanges{}},
		{"subject", func(tk *support.Ticket) { tk.Subject = "Spark job fails with OOM" },
			support.FieldChanges{"subject": "Spark job fails"}, support.FieldChanges{"subject": "Spark job fails with OOM"}},
		{"status and severity", func(tk *support.Ticket) { tk.Status, tk.Severity = "pending_customer", "S1" },
			support.FieldChanges{"status": "open", "severity": "S2"},
			support.FieldChanges{"status": "pending_customer", "severity": "S1"}},
		{"version, a number", func(tk *support.Ticket) { tk.Version = 4 },
			support.FieldChanges{"version": float64(3)}, support.FieldChanges{"version": float64(4)}},
		{"unassigned", func(tk *support.Ticket) { tk.Assignee = "" },
			support.FieldChanges{"assignee": "ken@example.com"}, support.FieldChanges{"assignee": ""}},
		{"account dropped by omitempty", func(tk *support.Ticket) { tk.AccountID = 0 },
			support.FieldChanges{"account_id": float64(5)}, support.FieldChanges{"account_id": nil}},
		{"account changed", func(tk *support.Ticket) { tk.AccountID = 6 },
			support.FieldChanges{"account_id": float64(5)}, support.FieldChanges{"account_id": float64(6)}},
		{"clock stopped", func(tk *support.Ticket) { tk.NextBreach = nil },
			support.FieldChanges{"next_breach": "2025-03-10T16:00:00Z"}, support.FieldChanges{"next_breach": nil}},
		{"tag replaced", func(tk *support.Ticket) { tk.Tags = []string{"oom", "hive"} },
			support.FieldChanges{"tags": []any{"oom", "upgrade"}}, support.FieldChanges{"tags": []any{"oom", "hive"}}},
		{"tag added", func(tk *support.Ticket) { tk.Tags = append(tk.Tags, "p1") },
			support.FieldChanges{"tags": []any{"oom", "upgrade"}}, support.FieldChanges{"tags": []any{"oom", "upgrade", "p1"}}},
		{"tags reordered", func(tk *support.Ticket) { tk.Tags = []string{"upgrade", "oom"} },
			support.FieldChanges{"tags": []any{"oom", "upgrade"}}, support.FieldChanges{"tags": []any{"upgrade", "oom"}}},
	} {
		prev := eventsTicket()
		next := eventsTicket()
		c.edit(&next)
		before, after, err := support.Diff(prev, next)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if !reflect.DeepEqual(before, c.before) || !reflect.DeepEqual(after, c.after) {
			t.Errorf("%s:\nbefore %#v\nafter  %#v\nwant   %#v\n       %#v", c.name, before, after, c.before, c.after)
		}
		// Both sides always name the same fields.
		for k := range before {
			if _, ok := after[k]; !ok {
				t.Errorf("%s: %q changed before but not after", c.name, k)
			}
		}
		for k := range after {
			if _, ok := before[k]; !ok {
				t.Errorf("%s: %q changed after but not before", c.name, k)
			}
		}
		if before == nil || after == nil {
			t.Errorf("%s: a side is nil, want an empty FieldChanges", c.name)
		}
	}
}

// A field that omitempty drops shows on its side as null when stored.
func TestDiffDroppedFieldStoredAsNull(t *testing.T) {
	prev := eventsTicket()
	next := eventsTicket()
	next.AccountID = 0
	before, after, err := support.Diff(prev, next)
	if err != nil {
		t.Fatal(err)
	}
	v, ok := after["account_id"]
	if !ok || v != nil {
		t.Fatalf("after = %#v, want account_id present and nil", after)
	}
	b, _ := json.Marshal(before)
	a, _ := json.Marshal(after)
	if string(b) != `{"account_id":5}` || string(a) != `{"account_id":null}` {
		t.Errorf("stored as %s → %s, want {\"account_id\":5} → {\"account_id\":null}", b, a)
	}
	// The other way round, the before side is the null one.
	before, after, err = support.Diff(next, prev)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := before["account_id"]; !ok || v != nil || after["account_id"] != float64(5) {
		t.Errorf("0 → 5: before %#v, after %#v", before, after)
	}
}

func TestDecodeSide(t *testing.T) {
	str := func(s string) *string { return &s }
	for _, c := range []struct {
		name    string
		side    any
		want    support.ClockFields
		wantErr bool
	}{
		{"no side", nil, support.ClockFields{}, false},
		{"stored JSON", json.RawMessage(`{"status":"open","severity":"S1"}`),
			support.ClockFields{Status: str("open"), Severity: str("S1")}, false},
		{"stored, severity only", json.RawMessage(`{"severity":"S4","subject":"x"}`),
			support.ClockFields{Severity: str("S4")}, false},
		{"stored null", json.RawMessage(`null`), support.ClockFields{}, false},
		{"stored empty", json.RawMessage(``), support.ClockFields{}, false},
		{"stored explicit nulls", json.RawMessage(`{"status":null,"severity":null}`), support.ClockFields{}, false},
		{"a claim side held as a value", support.ClaimSide{Assignee: "ken@example.com", Status: "open", Via: "queue next"},
			support.ClockFields{Status: str("open")}, false},
		{"a claim that kept its status", support.ClaimSide{Assignee: "ken@example.com"}, support.ClockFields{}, false},
		{"a release side", support.ReleaseSide{Assignee: "", Reason: "shift ended"}, support.ClockFields{}, false},
		{"an update held as a value", support.FieldChanges{"severity": "S1", "tags": []string{"a"}},
			support.ClockFields{Severity: str("S1")}, false},
		{"a created ticket held as a value", support.Ticket{ID: 1, Status: "new", Severity: "S3"},
			support.ClockFields{Status: str("new"), Severity: str("S3")}, false},
		{"invalid JSON", json.RawMessage(`{"status":`), support.ClockFields{}, true},
		{"a status of the wrong type", json.RawMessage(`{"status":5}`), support.ClockFields{}, true},
		{"a value JSON cannot hold", make(chan int), support.ClockFields{}, true},
	} {
		got, err := support.DecodeSide[support.ClockFields](c.side)
		if (err != nil) != c.wantErr {
			t.Errorf("%s: err = %v, want error %t", c.name, err, c.wantErr)
			continue
		}
		if c.wantErr {
			continue
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s: got status %v, severity %v; want %v, %v", c.name,
				eventsDeref(got.Status), eventsDeref(got.Severity), eventsDeref(c.want.Status), eventsDeref(c.want.Severity))
		}
	}
}

func eventsDeref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}

// The payload types read back what was stored, and what is held.
func TestDecodeSidePayloads(t *testing.T) {
	c, err := support.DecodeSide[support.Commented](json.RawMessage(`{"comment_id":9,"internal":false,"from_requester":true}`))
	if err != nil || c != (support.Commented{CommentID: 9, FromRequester: true}) {
		t.Errorf("stored comment = %+v, %v", c, err)
	}
	c, err = support.DecodeSide[support.Commented](support.Commented{CommentID: 4, Internal: true})
	if err != nil || c != (support.Commented{CommentID: 4, Internal: true}) {
		t.Errorf("held comment = %+v, %v", c, err)
	}
	c, err = support.DecodeSide[support.Commented](nil)
	if err != nil || c != (support.Commented{}) {
		t.Errorf("no side = %+v, %v", c, err)
	}
	expires := eventsNow.Add(30 * 24 * time.Hour)
	g, err := support.DecodeSide[support.TokenGrant](support.TokenGrant{ID: 3, Label: "ci", ExpiresAt: &expires})
	if err != nil || g.ID != 3 || g.Label != "ci" || g.ExpiresAt == nil || !g.ExpiresAt.Equal(expires) {
		t.Errorf("token grant = %+v, %v", g, err)
	}
	f, err := support.DecodeSide[support.FieldChanges](json.RawMessage(`{"status":"open","tags":["a"]}`))
	if err != nil || !reflect.DeepEqual(f, support.FieldChanges{"status": "open", "tags": []any{"a"}}) {
		t.Errorf("field changes = %#v, %v", f, err)
	}
	f, err = support.DecodeSide[support.FieldChanges](nil)
	if err != nil || f != nil {
		t.Errorf("no side as FieldChanges = %#v, %v; want nil", f, err)
	}
}

// The payloads' JSON is what is stored, and what pkg/clocks, the history
// view and API clients read: field names and omissions are part of it.
func TestEventPayloadJSON(t *testing.T) {
	expires := time.Date(2025, 4, 9, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name    string
		payload any
		want    string
	}{
		{"comment", support.Commented{CommentID: 9, Internal: true}, `{"comment_id":9,"internal":true,"from_requester":false}`},
		{"reply from the requester", support.Commented{CommentID: 9, FromRequester: true}, `{"comment_id":9,"internal":false,"from_requester":true}`},
		{"claim, all fields", support.ClaimSide{Assignee: "ken@example.com", Status: "open", Via: "queue next"},
			`{"assignee":"ken@example.com","status":"open","via":"queue next"}`},
		{"claim, status kept", support.ClaimSide{Assignee: "ken@example.com"}, `{"assignee":"ken@example.com"}`},
		{"claim's before, unassigned", support.ClaimSide{}, `{"assignee":""}`},
		{"release, no reason", support.ReleaseSide{}, `{"assignee":""}`},
		{"release with a reason", support.ReleaseSide{Assignee: "ken@example.com", Reason: "shift ended"},
			`{"assignee":"ken@example.com","reason":"shift ended"}`},
		{"skip", support.Skipped{Reason: "needs Korean"}, `{"reason":"needs Korean"}`},
		{"skip, no reason", support.Skipped{}, `{"reason":""}`},
		{"token, no expiry", support.TokenGrant{ID: 3, Label: "ci"}, `{"id":3,"label":"ci","expires_at":null}`},
		{"token, expiring", support.TokenGrant{ID: 3, Label: "", ExpiresAt: &expires}, `{"id":3,"label":"","expires_at":"2025-04-09T12:00:00Z"}`},
		{"clock fields, none", support.ClockFields{}, `{"status":null,"severity":null}`},
		{"field changes", support.FieldChanges{"status": "open", "account_id": nil}, `{"account_id":null,"status":"open"}`},
	} {
		got, err := json.Marshal(c.payload)
		if err != nil || string(got) != c.want {
			t.Errorf("%s: %s, %v; want %s", c.name, got, err, c.want)
		}
	}
}

// Kinds and entity types are stored and shown by name.
func TestEventNames(t *testing.T) {
	for got, want := range map[support.EventKind]string{
		support.EventCreated: "created", support.EventUpdated: "updated", support.EventCommented: "commented",
		support.EventClaimed: "claimed", support.EventReleased: "released", support.EventSkipped: "skipped",
		support.EventTokenCreated: "token_created", support.EventTokenRevoked: "token_revoked",
	} {
		if string(got) != want {
			t.Errorf("event kind %q, want %q", got, want)
		}
	}
	for got, want := range map[support.EntityType]string{
		support.EntityUser: "user", support.EntityAccount: "account", support.EntityTicket: "ticket",
	} {
		if string(got) != want {
			t.Errorf("entity type %q, want %q", got, want)
		}
	}
	// An event without a side leaves it out.
	b, err := json.Marshal(support.Event{ID: 1, EntityType: support.EntityTicket, EntityID: 2, Actor: "ken@example.com",
		Kind: support.EventCommented, After: json.RawMessage(`{"comment_id":9,"internal":true,"from_requester":false}`), At: eventsNow})
	want := `{"id":1,"entity_type":"ticket","entity_id":2,"actor":"ken@example.com","kind":"commented",` +
		`"after":{"comment_id":9,"internal":true,"from_requester":false},"at":"2025-03-10T12:00:00Z"}`
	if err != nil || string(b) != want {
		t.Errorf("event = %s, %v\nwant %s", b, err, want)
	}
}

func FuzzDecodeSide(f *testing.F) {
	for _, seed := range []string{
		``, `null`, `{}`, `[]`, `"open"`, `5`,
		`{"status":"open","severity":"S1"}`, `{"status":null}`, `{"status":5}`, `{"status":`,
		`{"comment_id":9,"internal":true,"from_requester":false}`, `{"comment_id":"9"}`,
		`{"id":3,"label":"ci","expires_at":"2025-04-09T12:00:00Z"}`, `{"expires_at":"tomorrow"}`,
		`{"tags":["a",{"b":[1,2,null]}]}`, "\xff\xfe", `{"status":"\ud800"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		side := json.RawMessage(data)
		_, err1 := support.DecodeSide[support.ClockFields](side)
		_, err2 := support.DecodeSide[support.Commented](side)
		_, err3 := support.DecodeSide[support.TokenGrant](side)
		_, err4 := support.DecodeSide[support.FieldChanges](side)
		// An empty side is a missing one; other bytes must be JSON.
		if len(data) > 0 && !json.Valid(data) {
			for i, err := range []error{err1, err2, err3, err4} {
				if err == nil {
					t.Errorf("decoder %d accepted invalid JSON %q", i, data)
				}
			}
		}
	})
}
