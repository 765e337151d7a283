package completion_test

import (
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
}

func (p *probe) live() completion.Live {
	return completion.Live{
		Cache:   func() (*completion.Cache, error) { return p.cache, nil },
		Now:     func() time.Time { return p.now },
		Refresh: func(profile string) { p.refreshed = append(p.refreshed, profile) },
	}
}

func (p *probe) complete(prefix string) []cobra.Completion {
	return p.completeSet(completion.AnyTicket, prefix)
}

func (p *probe) completeSet(set completion.TicketSet, prefix string) []cobra.Completion {
	out, directive := p.live().Tickets(set)(nil, nil, prefix)
	if directive != cobra.ShellCompDirectiveNoFileComp|cobra.ShellCompDirectiveKeepOrder {
		panic("file completion offered, or the order not kept, for a ticket id")
	}
	return out
}

func TestNoCacheAsksForABackgroundRefreshAndAnswersAtOnce(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
	if got := p.complete(""); len(got) != 0 {
		t.Errorf("candidates %q, want none", got)
	}
	if fmt.Sprint(p.refreshed) != "[tokyo]" {
		t.Errorf("refreshes %v, want one background refresh of tokyo", p.refreshed)
	}
}

func TestBackendDownAnswersFromCache(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
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

func TestFreshCacheAsksForNoRefresh(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
	if err := p.cache.SetMine(tickets(7), cmdtest.Now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	p.complete("")
	if len(p.refreshed) != 0 {
		t.Errorf("a fresh cache asked for a refresh: %v", p.refreshed)
	}
}

// TestFailedRefreshIsRememberedWithBackoff: after a failed refresh a Tab
// asks for none until the backoff has passed, and the wait doubles.
func TestFailedRefreshIsRememberedWithBackoff(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
	if err := p.cache.SetFailed(cmdtest.Now); err != nil {
		t.Fatal(err)
	}
	p.now = cmdtest.Now.Add(30 * time.Second)
	p.complete("")
	if len(p.refreshed) != 0 {
		t.Fatalf("refresh asked for %v 30s after a failure", p.refreshed)
	}
	p.now = cmdtest.Now.Add(time.Minute)
	p.complete("")
	if len(p.refreshed) != 1 {
		t.Fatalf("no refresh asked for a minute after one failure")
	}
	_ = p.cache.SetFailed(p.now)
	if got, want := p.cache.Load().RetryAt(), p.now.Add(2*time.Minute); !got.Equal(want) {
		t.Errorf("after two failures retry at %v, want %v", got, want)
	}
	for range 20 {
		_ = p.cache.SetFailed(p.now)
	}
	if got, want := p.cache.Load().RetryAt(), p.now.Add(completion.MaxBackoff); !got.Equal(want) {
		t.Errorf("after many failures retry at %v, want %v", got, want)
	}
	if err := p.cache.SetData(completion.Data{Mine: tickets(3)}, p.now); err != nil {
		t.Fatal(err)
	}
	if s := p.cache.Load(); s.Failures != 0 || !s.RetryAt().IsZero() {
		t.Errorf("a refresh that worked left failures %d", s.Failures)
	}
}

// TestClaimOffersWaitingTicketsAndReleaseHeldOnes: queue claim completes the
// tickets waiting in the profile's queues, queue release the user's own,
// never the closed tickets seen lately.
func TestClaimOffersWaitingTicketsAndReleaseHeldOnes(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
	closed := tickets(99)
	closed[0].Status = "closed"
	_ = p.cache.RememberRecent(closed)
	if err := p.cache.SetData(completion.Data{Mine: tickets(7, 8), Claimable: tickets(21, 5)}, cmdtest.Now); err != nil {
		t.Fatal(err)
	}
	ids := func(cs []cobra.Completion) string {
		var out []string
		for _, c := range cs {
			out = append(out, strings.SplitN(c, "\t", 2)[0])
		}
		return strings.Join(out, " ")
	}
	if got := ids(p.completeSet(completion.Claimable, "")); got != "21 5" {
		t.Errorf("claim offers %q, want the waiting tickets in pick order: 21 5", got)
	}
	if got := ids(p.completeSet(completion.Held, "")); got != "7 8" {
		t.Errorf("release offers %q, want the held tickets 7 8", got)
	}
	if got := ids(p.completeSet(completion.AnyTicket, "")); got != "7 8 99" {
		t.Errorf("view offers %q, want mine first, then recent: 7 8 99", got)
	}
}

func TestQueuesEngineersAndAccountsComeFromTheCache(t *testing.T) {
	p := &probe{cache: completion.New(t.TempDir(), "tokyo"), now: cmdtest.Now}
	d := completion.Data{
		Queues:    []support.QueueStat{{Queue: "apac-jp/core", Unassigned: 3}, {Queue: "apac-in/spark"}},
		Engineers: []support.User{{Email: "priya.sharma@example.com", Role: "engineer"}, {Email: "acme@example.com", Role: "partner"}},
		Accounts:  []support.Account{{ID: 4, Name: "Acme", Region: "apac-jp"}},
	}
	if err := p.cache.SetData(d, cmdtest.Now); err != nil {
		t.Fatal(err)
	}
	l := p.live()
	got, directive := l.Queues(func() []string { return []string{"apac-in/spark"} })(nil, nil, "apac-")
	if fmt.Sprint(got) != "[apac-in/spark\tin this profile apac-jp/core\t3 waiting]" || directive&cobra.ShellCompDirectiveNoFileComp == 0 {
		t.Errorf("queues %q, want the profile's first, each once, and no file names", got)
	}
	if got, _ := l.Engineers()(nil, nil, ""); len(got) != 1 || !strings.HasPrefix(got[0], "priya.sharma@example.com") {
		t.Errorf("engineers %q, want priya only (a partner takes no tickets)", got)
	}
	if got, _ := l.Accounts()(nil, nil, ""); fmt.Sprint(got) != "[4\tAcme (apac-jp)]" {
		t.Errorf("accounts %q", got)
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
	complete := completion.Live{
		Cache:   func() (*completion.Cache, error) { return cache, nil },
		Now:     func() time.Time { return cmdtest.Now },
		Refresh: func(string) {},
	}.Tickets(completion.AnyTicket)
	for b.Loop() {
		if got, _ := complete(nil, nil, "10"); len(got) != 60 {
			b.Fatalf("%d candidates", len(got))
		}
	}
}

func TestFetchReadsWhatCompletionOffers(t *testing.T) {
	client := cmdtest.DemoClient(t, demo.DemoUser)
	d, err := completion.Fetch(t.Context(), func() (*api.Client, error) { return client, nil }, []string{"apac-jp/core"})
	if err != nil {
		t.Fatal(err)
	}
	mine, err := client.ListAllTickets(t.Context(), support.TicketFilter{Assignee: demo.DemoUser, Statuses: support.ActiveStatuses}, completion.MaxMine)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Mine) != len(mine) || len(mine) == 0 {
		t.Errorf("%d of mine, want the demo user's %d open tickets", len(d.Mine), len(mine))
	}
	if len(d.Queues) == 0 || len(d.Accounts) == 0 || len(d.Engineers) < 2 {
		t.Errorf("%d queues, %d accounts, %d engineers fetched", len(d.Queues), len(d.Accounts), len(d.Engineers))
	}
	for _, c := range d.Claimable {
		if c.Assignee != "" {
			t.Errorf("claimable #%d is held by %s", c.ID, c.Assignee)
		}
	}
}
