package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

var demoNow = time.Date(2025, 3, 10, 9, 30, 0, 0, time.UTC)

// seeded opens a fresh store on clock and seeds it as of now.
func seeded(tb testing.TB, now time.Time) (store.Store, *Clock) {
	tb.Helper()
	ctx := context.Background()
	clock := &Clock{}
	st := storetest.Open(tb, clock.Now)
	if err := Seed(ctx, service.New(st, service.WithClock(clock.Now)), clock, now); err != nil {
		tb.Fatal(err)
	}
	return st, clock
}

// allTickets lists every ticket in id order.
func allTickets(t *testing.T, st store.Store) []support.Ticket {
	t.Helper()
	var out []support.Ticket
	f := support.TicketFilter{Sort: "created", Limit: support.MaxLimit}
	for {
		page, err := st.ListTickets(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, page.Tickets...)
		if page.NextCursor == "" {
			break
		}
		f.Cursor = page.NextCursor
	}
	slices.SortFunc(out, func(a, b support.Ticket) int { return int(a.ID - b.ID) })
	return out
}

func TestSeed(t *testing.T) {
	st, clock := seeded(t, demoNow)
	tickets := allTickets(t, st)

	t.Run("volume and coverage", func(t *testing.T) {
		if len(tickets) < 300 {
			t.Fatalf("got %d tickets, want at least 300", len(tickets))
		}
		dims := []struct {
			enum support.Enum
			of   func(support.Ticket) string
		}{
			{support.Regions, func(t support.Ticket) string { return t.Region }},
			{support.Divisions, func(t support.Ticket) string { return t.Division }},
			{support.Languages, func(t support.Ticket) string { return t.Language }},
			{support.Statuses, func(t support.Ticket) string { return t.Status }},
			{support.Severities, func(t support.Ticket) string { return t.Severity }},
			{support.Channels, func(t support.Ticket) string { return t.Channel }},
			{support.RequesterKinds, func(t support.Ticket) string { return t.RequesterKind }},
			{support.Tiers, func(t support.Ticket) string { return t.Tier }},
		}
		for _, d := range dims {
			counts := map[string]int{}
			for _, tk := range tickets {
				counts[d.of(tk)]++
			}
			for _, v := range d.enum.Values() {
				if counts[v] == 0 {
					t.Errorf("no ticket has %s %q", d.enum.Name, v)
				}
			}
			t.Logf("%s: %v", d.enum.Name, counts)
		}
		if s1, s3 := count(tickets, func(t support.Ticket) bool { return t.Severity == "S1" }),
			count(tickets, func(t support.Ticket) bool { return t.Severity == "S3" }); s1 >= s3 {
			t.Errorf("got %d S1 and %d S3 tickets, want S1 rarer", s1, s3)
		}
		subjects := map[string]bool{}
		for _, tk := range tickets {
			subjects[tk.Subject] = true
		}
		if len(subjects) < 60 {
			t.Errorf("got %d distinct subjects, want at least 60", len(subjects))
		}
		t.Logf("%d tickets, %d distinct subjects", len(tickets), len(subjects))
	})

	t.Run("text is in the ticket's language", func(t *testing.T) {
		japanese := []*unicode.RangeTable{unicode.Hiragana, unicode.Katakana, unicode.Han}
		korean := []*unicode.RangeTable{unicode.Hangul}
		for _, tk := range tickets {
			var want []*unicode.RangeTable
			switch tk.Language {
			case "ja":
				want = japanese
			case "ko":
				want = korean
			default:
				continue
			}
			for _, s := range []string{tk.Subject, tk.Description} {
				if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsOneOf(want, r) }) {
					t.Errorf("ticket %d (%s) has no %s script: %q", tk.ID, tk.Language, tk.Language, s)
				}
			}
			if strings.Contains(tk.Subject+tk.Description, "{") {
				t.Errorf("ticket %d has an unfilled placeholder: %q", tk.ID, tk.Subject)
			}
		}
	})

	t.Run("every queue has work", func(t *testing.T) {
		for _, region := range support.Regions.Values() {
			for _, division := range support.Divisions.Values() {
				n := count(tickets, func(t support.Ticket) bool {
					return t.Region == region && t.Division == division && t.Assignee == "" &&
						(t.Status == "new" || t.Status == "open")
				})
				if n == 0 {
					t.Errorf("queue %s/%s has no unassigned new or open ticket", region, division)
				}
			}
		}
	})

	t.Run("demo user has work", func(t *testing.T) {
		mine := count(tickets, func(t support.Ticket) bool { return t.Assignee == DemoUser })
		if mine < 5 || mine > 15 {
			t.Errorf("demo user holds %d tickets, want about 10", mine)
		}
		u, err := st.UserByEmail(context.Background(), DemoUser)
		if err != nil || u.Name != "Ken Sato" || u.Region != "apac-jp" || u.Role != "engineer" {
			t.Errorf("demo user = %+v, %v", u, err)
		}
		for _, d := range support.Divisions.Values() {
			if !u.Takes(d, "ja") || !u.Takes(d, "en") {
				t.Errorf("demo user (divisions %v, languages %v) cannot take %s tickets in ja and en", u.Divisions, u.Languages, d)
			}
		}
		t.Logf("demo user holds %d tickets", mine)
	})

	t.Run("people", func(t *testing.T) {
		users, err := st.ListUsers(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		roles := map[support.Role]int{}
		for _, u := range users {
			roles[u.Role]++
			if u.Role == "partner" && u.AccountID == 0 {
				t.Errorf("partner user %s has no organisation", u.Email)
			}
		}
		want := map[support.Role]int{"admin": 1, "lead": 2, "readonly": 1, "partner": 2}
		languages := map[string][]string{"apac-jp": {"en", "ja"}, "apac-kr": {"en", "ko"}}
		twoDivisions := 0
		for _, u := range users {
			if u.Role != "engineer" && u.Role != "lead" {
				continue
			}
			want, ok := languages[u.Region]
			if !ok {
				want = []string{"en"}
			}
			if !slices.Equal(u.Languages, want) {
				t.Errorf("%s (%s) takes languages %v, want %v", u.Email, u.Region, u.Languages, want)
			}
			if len(u.Divisions) == 2 {
				twoDivisions++
			}
		}
		if twoDivisions == 0 {
			t.Error("no engineer is limited to two divisions")
		}
		byEmail := map[string]support.User{}
		for _, u := range users {
			byEmail[u.Email] = u
		}
		for _, tk := range tickets {
			if a, ok := byEmail[tk.Assignee]; ok && len(a.Divisions) > 0 && !slices.Contains(a.Divisions, tk.Division) {
				t.Errorf("ticket %d (%s) is held by %s, who takes only %v", tk.ID, tk.Division, a.Email, a.Divisions)
			}
		}
		for role, n := range want {
			if roles[role] != n {
				t.Errorf("got %d %s users, want %d", roles[role], role, n)
			}
		}
		accounts, err := st.ListAccounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		kinds, served := map[string]int{}, 0
		for _, a := range accounts {
			kinds[a.Kind]++
			if a.PartnerID != 0 {
				served++
			}
		}
		if kinds["partner"] != 3 || kinds["customer"] < 10 || served == 0 {
			t.Errorf("got accounts %v with %d served by a partner", kinds, served)
		}
		t.Logf("users by role %v; accounts %v, %d served by a partner", roles, kinds, served)
	})

	t.Run("history", func(t *testing.T) {
		ctx := context.Background()
		start := demoNow.Add(-45 * 24 * time.Hour)
		users, err := st.ListUsers(ctx)
		if err != nil {
			t.Fatal(err)
		}
		role := map[string]support.Role{}
		for _, u := range users {
			role[u.Email] = u.Role
		}
		var comments, internal, fromRequester, events int
		for _, tk := range tickets {
			if tk.CreatedAt.Before(start) || tk.UpdatedAt.After(demoNow) || tk.UpdatedAt.Before(tk.CreatedAt) {
				t.Errorf("ticket %d spans %s..%s, outside the 45 days before %s", tk.ID, tk.CreatedAt, tk.UpdatedAt, demoNow)
			}
			cs, err := st.ListComments(ctx, tk.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				comments++
				if c.Internal {
					internal++
				}
				if c.FromRequester {
					fromRequester++
				}
				// The admin and partner users write only for the requester's
				// side; engineers and leads only as themselves.
				if requesterSide := c.Author == AdminUser || role[c.Author] == "partner"; c.FromRequester != requesterSide || c.FromRequester && c.Internal {
					t.Errorf("comment %d of ticket %d by %s: from_requester %t, internal %t", c.ID, tk.ID, c.Author, c.FromRequester, c.Internal)
				}
				if c.CreatedAt.Before(tk.CreatedAt) || c.CreatedAt.After(demoNow) {
					t.Errorf("comment %d of ticket %d at %s is outside the ticket's life", c.ID, tk.ID, c.CreatedAt)
				}
			}
			evs, err := st.ListEvents(ctx, "ticket", tk.ID)
			if err != nil {
				t.Fatal(err)
			}
			events += len(evs)
			if tk.Status != "new" && len(evs) < 2 {
				t.Errorf("ticket %d is %s with %d events, want a history", tk.ID, tk.Status, len(evs))
			}
		}
		if internal == 0 || internal == comments {
			t.Errorf("got %d internal notes of %d comments, want both kinds", internal, comments)
		}
		if fromRequester == 0 {
			t.Errorf("none of %d comments is a reply from the requester", comments)
		}
		t.Logf("%d comments (%d internal notes, %d from the requester), %d ticket events", comments, internal, fromRequester, events)
		if now := clock.Now(); now.Before(time.Now().Add(-time.Minute)) {
			t.Errorf("clock reads %s after seeding, want the wall clock", now)
		}
	})

	t.Run("refuses a store with users", func(t *testing.T) {
		err := Seed(context.Background(), service.New(st), clock, demoNow)
		if err == nil || !strings.Contains(err.Error(), "empty store") {
			t.Errorf("second seed: err = %v, want a refusal", err)
		}
		if n := len(allTickets(t, st)); n != len(tickets) {
			t.Errorf("second seed changed the ticket count from %d to %d", len(tickets), n)
		}
	})
}

func TestSeedIsDeterministic(t *testing.T) {
	digest := func(st store.Store) []string {
		var out []string
		for _, tk := range allTickets(t, st) {
			out = append(out, fmt.Sprint(tk.ID, tk.Subject, tk.Status, tk.Assignee, tk.Tier, tk.Tags, tk.CreatedAt, tk.UpdatedAt))
		}
		return out
	}
	a, _ := seeded(t, demoNow)
	b, _ := seeded(t, demoNow)
	if da, db := digest(a), digest(b); !slices.Equal(da, db) {
		t.Errorf("two seeds at the same instant differ: %d vs %d tickets", len(da), len(db))
	}
}

func TestClock(t *testing.T) {
	var c Clock
	at := time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	c.Set(at)
	if got := c.Now(); !got.Equal(at) {
		t.Errorf("Now() = %s after Set, want %s", got, at)
	}
	c.Reset()
	if got := c.Now(); got.Equal(at) || time.Since(got) > time.Minute {
		t.Errorf("Now() = %s after Reset, want the wall clock", got)
	}
}

func BenchmarkSeed(b *testing.B) {
	for b.Loop() {
		seeded(b, demoNow)
	}
}

func count(tickets []support.Ticket, keep func(support.Ticket) bool) int {
	n := 0
	for _, t := range tickets {
		if keep(t) {
			n++
		}
	}
	return n
}
