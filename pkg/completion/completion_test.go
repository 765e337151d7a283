package completion_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/support"
)

func tickets(ids ...int64) []support.Ticket {
	var out []support.Ticket
	for _, id := range ids {
		out = append(out, support.Ticket{ID: id, Subject: fmt.Sprintf("subject\t%d\nline two", id), Status: "open"})
	}
	return out
}

// snap is what the cache keeps of tickets(ids...).
func snap(ids ...int64) []completion.Ticket {
	var out []completion.Ticket
	for _, t := range tickets(ids...) {
		out = append(out, completion.Ticket{ID: t.ID, Subject: t.Subject, Status: t.Status})
	}
	return out
}

func TestRecentIsNewestFirstUniqueAndBounded(t *testing.T) {
	c := completion.New(t.TempDir(), "tokyo")
	if err := c.RememberRecent(tickets(1, 2, 3)); err != nil {
		t.Fatal(err)
	}
	if err := c.RememberRecent(tickets(3, 4)); err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range c.Load().Recent {
		ids = append(ids, r.ID)
	}
	if fmt.Sprint(ids) != "[3 4 1 2]" {
		t.Errorf("recent = %v, want [3 4 1 2]", ids)
	}
	many := make([]int64, completion.MaxRecent+10)
	for i := range many {
		many[i] = int64(i + 100)
	}
	_ = c.RememberRecent(tickets(many...))
	if n := len(c.Load().Recent); n != completion.MaxRecent {
		t.Errorf("%d recent tickets kept, want %d", n, completion.MaxRecent)
	}
}

func TestCorruptCacheIsEmpty(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "p"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "p", "tickets.json"), []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if s := completion.New(dir, "p").Load(); len(s.Mine)+len(s.Recent) != 0 || !s.FetchedAt.IsZero() {
		t.Errorf("corrupt cache loaded as %+v", s)
	}
}

func TestCandidates(t *testing.T) {
	s := completion.Snapshot{Mine: snap(1042, 17), Recent: snap(17, 1099, 205)}
	got := completion.Candidates(s, "#10")
	want := []cobra.Completion{"1042\tsubject 1042 line two (open)", "1099\tsubject 1099 line two (open)"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %q, want %q", got, want)
	}
	if n := len(completion.Candidates(s, "")); n != 4 {
		t.Errorf("%d candidates, want 4 (17 only once)", n)
	}
}

type probe struct {
	cache     *completion.Cache
	now       time.Time
	refreshed []string
	client    func() (*api.Client, error)
}

func (p *probe) complete(prefix string) []cobra.Completion {
	out, directive := completion.Tickets{
		Cache:   func() (*completion.Cache, error) { return p.cache, nil },
		Client:  p.client,
		Now:     func() time.Time { return p.now },
		Refresh: func(profile string) { p.refreshed = append(p.refreshed, profile) },
	}.Complete(nil, nil, prefix)
	if directive != cobra.ShellCompDirectiveNoFileComp {
		panic("file completion offered for a ticket id")
	}
	return out
}

var errDown = errors.New("connection refused")

func down() (*api.Client, error) { return nil, errDown }

func TestFirstCompletionFetchesTheUsersTickets(t *testing.T) {
	client := cmdtest.DemoClient(t, demo.DemoUser)
	p := &probe{cache: completion.New(t.TempDir(), "demo"), now: cmdtest.Now, client: func() (*api.Client, error) { return client, nil }}
	got := p.complete("")
	mine, err := client.ListAllTickets(t.Context(), support.TicketFilter{Assignee: demo.DemoUser, Statuses: support.ActiveStatuses}, completion.MaxMine)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(mine) || len(got) == 0 {
		t.Fatalf("%d candidates, want the demo user's %d open tickets", len(got), len(mine))
	}
	if fetched := p.cache.Load().FetchedAt; !fetched.Equal(cmdtest.Now) {
		t.Errorf("fetched_at = %v, want %v", fetched, cmdtest.Now)
	}
	if len(p.refreshed) != 0 {
		t.Errorf("a fresh cache asked for a refresh")
	}
}

func TestBackendDownAnswersFromCache(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now, client: down}
	if err := p.cache.SetMine(tickets(7, 8), cmdtest.Now.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	got := p.complete("")
	if len(got) != 2 || strings.Contains(fmt.Sprint(got), "refused") {
		t.Errorf("candidates %q, want the two cached tickets and no error text", got)
	}
	if fmt.Sprint(p.refreshed) != "[tokyo]" {
		t.Errorf("stale cache refreshed %v, want one background refresh of tokyo", p.refreshed)
	}
}

func TestNoCacheAndBackendDownGivesNothing(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now, client: down}
	if got := p.complete(""); len(got) != 0 {
		t.Errorf("candidates %q, want none", got)
	}
}

func TestEnumCompletesTheLastItemOfAList(t *testing.T) {
	got, _ := completion.Enum(support.Severities)(nil, nil, "S1,")
	if len(got) != 3 || got[0] != "S1,S2\tproduction impaired" {
		t.Errorf("got %q", got)
	}
}

// BenchmarkCompleteFromCacheBackendDown is a Tab with a stale cache and the
// backend down: it must answer from the cache without waiting.
func BenchmarkCompleteFromCacheBackendDown(b *testing.B) {
	cache := completion.New(b.TempDir(), "tokyo")
	ids := make([]int64, 60)
	for i := range ids {
		ids[i] = int64(1000 + i)
	}
	if err := cache.SetMine(tickets(ids...), cmdtest.Now.Add(-time.Hour)); err != nil {
		b.Fatal(err)
	}
	_ = cache.RememberRecent(tickets(ids[:40]...))
	complete := completion.Tickets{
		Cache:   func() (*completion.Cache, error) { return cache, nil },
		Client:  down,
		Now:     func() time.Time { return cmdtest.Now },
		Refresh: func(string) {},
	}.Complete
	for b.Loop() {
		if got, _ := complete(nil, nil, "10"); len(got) != 60 {
			b.Fatalf("%d candidates", len(got))
		}
	}
}
