package sqlite_test

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/support"
)

// benchNow is the time of the benchmark databases: just after their newest
// ticket.
var benchNow = time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)

// The 100,000-ticket database is built once per test binary, in a
// directory TestMain removes.
var big struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if big.dir != "" {
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// bigDB opens the 100,000-ticket database, built on first use; benchmarks
// that write must copy it first.
func bigDB(b *testing.B) *sqlite.Store {
	big.once.Do(func() {
		if big.dir, big.err = os.MkdirTemp("", "supctl-bench-"); big.err != nil {
			return
		}
		big.path = filepath.Join(big.dir, "big.db")
		s, err := sqlite.Open(b.Context(), big.path, sqlite.WithClock(func() time.Time { return benchNow }))
		if err != nil {
			big.err = err
			return
		}
		defer s.Close()
		engineers := make([]int64, 50)
		for i := range engineers {
			u, err := svc(s).CreateUser(b.Context(), system, support.User{
				Email: fmt.Sprintf("engineer%02d@example.com", i), Role: "engineer", Region: support.Regions.Values()[i%6]})
			if err != nil {
				big.err = err
				return
			}
			engineers[i] = u.ID
		}
		bulkLoad(b, s, store.ActorOf(system), organisation(100_000, engineers))
	})
	if big.err != nil {
		b.Fatal(big.err)
	}
	return open(b, big.path)
}

// organisation is n tickets shaped like a support organisation's history,
// opened every 30 s up to benchNow: 60% closed, 10% solved, 15% active and
// held, 15% waiting in the 24 queues. Active tickets not pending have a
// breach between 12 h ago and 2 days ahead, so some are breached.
func organisation(n int, engineers []int64) []bulkTicket {
	out := make([]bulkTicket, n)
	for i := range out {
		t := bulkTicket{
			NewTicket: support.NewTicket{
				Subject:       fmt.Sprintf("ticket %d: NameNode failover", i),
				Severity:      support.Severities.Values()[i%4],
				Region:        support.Regions.Values()[i%6],
				Division:      support.Divisions.Values()[(i/6)%4],
				Language:      "en",
				Channel:       "portal",
				RequesterKind: "internal",
				Tags:          []string{"hdfs"},
			},
			Created: benchNow.Add(-time.Duration(n-i) * 30 * time.Second),
		}
		if i%7 == 0 {
			t.Language = "ja"
		}
		switch r := i % 20; {
		case r < 12:
			t.Status, t.AssigneeID = "closed", engineers[i%len(engineers)]
		case r < 14:
			t.Status, t.AssigneeID = "solved", engineers[i%len(engineers)]
		case r < 17:
			t.Status, t.AssigneeID = []string{"open", "pending_customer", "pending_engineering"}[r-14], engineers[i%len(engineers)]
		default:
			t.Status = []string{"new", "open", "on_hold"}[r-17]
		}
		if t.Status != "closed" && t.Status != "solved" && t.Status != "pending_customer" {
			at := benchNow.Add(-12*time.Hour + time.Duration(i*7919%(60*60))*time.Minute)
			t.Breach = &at
		}
		out[i] = t
	}
	return out
}

func BenchmarkQueueStats100k(b *testing.B) {
	s := bigDB(b)
	queues := support.AllQueues()
	for b.Loop() {
		if _, err := s.QueueStats(b.Context(), queues, benchNow); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkQueueTickets100k(b *testing.B) {
	s := bigDB(b)
	q := support.Queue{Region: "apac-jp", Division: "spark"}
	for b.Loop() {
		ts, err := s.QueueTickets(b.Context(), q, 50)
		if err != nil || len(ts) != 50 {
			b.Fatalf("QueueTickets = %d tickets, %v", len(ts), err)
		}
	}
}

func BenchmarkListByBreach100k(b *testing.B) {
	s := bigDB(b)
	page, err := s.ListTickets(b.Context(), support.TicketFilter{Sort: "breach", Statuses: support.ActiveStatuses, Limit: 50 * 9})
	if err != nil {
		b.Fatal(err)
	}
	filters := map[string]support.TicketFilter{
		"active":          {Statuses: support.ActiveStatuses},
		"active-apac-jp":  {Statuses: support.ActiveStatuses, Regions: []string{"apac-jp"}},
		"active-page-10":  {Statuses: support.ActiveStatuses, Cursor: page.NextCursor},
		"any-status":      {},
		"unassigned-open": {Statuses: []string{"open"}, Assignee: support.Unassigned},
		"active-no-match": {Statuses: support.ActiveStatuses, Regions: []string{"apac-kr"}, Divisions: []string{"yarn"}, Languages: []string{"ko"}},
	}
	for name, f := range filters {
		f.Sort, f.Limit = "breach", 50
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListTickets(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListNoMatch100k lists tickets by each sort with a filter that no
// ticket matches (none of the 100,000 is in Korean), so that the list
// walks the whole index of its sort.
func BenchmarkListNoMatch100k(b *testing.B) {
	s := bigDB(b)
	for _, sort := range support.TicketSorts.Values() {
		f := support.TicketFilter{Regions: []string{"apac-kr"}, Languages: []string{"ko"}, Sort: sort, Limit: 50}
		b.Run(sort, func(b *testing.B) {
			for b.Loop() {
				page, err := s.ListTickets(b.Context(), f)
				if err != nil || len(page.Tickets) != 0 {
					b.Fatalf("ListTickets = %d tickets, %v; want none", len(page.Tickets), err)
				}
			}
		})
	}
}

// BenchmarkNextTicket is the claim path of `queue next`: Tokyo engineers
// take the next ticket of the four apac-jp queues, on a copy of the
// 100,000-ticket database with 60,000 more tickets waiting there.
// Engineers take turns, so that each holds few tickets, as in real life.
// With several callers, writes share commits.
func BenchmarkNextTicket(b *testing.B) {
	dir := b.TempDir()
	base := filepath.Join(dir, "next.db")
	if _, err := sqlite.DB(bigDB(b)).ExecContext(b.Context(), "VACUUM INTO ?", base); err != nil {
		b.Fatal(err)
	}
	var queues []support.Queue
	for _, d := range support.Divisions.Values() {
		queues = append(queues, support.Queue{Region: "apac-jp", Division: d})
	}
	engineers := make([]support.User, 200)
	s := open(b, base, sqlite.WithClock(func() time.Time { return benchNow }))
	for i := range engineers {
		u, err := svc(s).CreateUser(b.Context(), system, support.User{
			Email: fmt.Sprintf("tokyo%03d@example.com", i), Role: "engineer", Region: "apac-jp", WIPLimit: 1 << 20})
		if err != nil {
			b.Fatal(err)
		}
		engineers[i] = u
	}
	waiting := make([]bulkTicket, 60_000)
	for i := range waiting {
		at := benchNow.Add(time.Duration(i%(48*60)) * time.Minute)
		waiting[i] = bulkTicket{
			NewTicket: support.NewTicket{Subject: fmt.Sprintf("waiting %d", i), Severity: support.Severities.Values()[i%4],
				Region: "apac-jp", Division: queues[i%4].Division, Language: "en", Channel: "portal", RequesterKind: "internal"},
			Created: benchNow.Add(-time.Duration(i) * time.Second),
			Breach:  &at,
		}
	}
	ids := bulkLoad(b, s, store.ActorOf(system), waiting)
	s.Close()
	// The waiting tickets in breach order, for claims by id.
	byBreach := slices.Clone(ids)
	slices.SortStableFunc(byBreach, func(x, y int64) int {
		return waiting[x-ids[0]].Breach.Compare(*waiting[y-ids[0]].Breach)
	})

	// The store's share of breach upkeep: loading the account and history
	// and storing the result, with a func that costs nothing.
	breach := service.WithBreach(func(t support.Ticket, _ *support.Account, _ []support.Event) (support.Breach, bool) {
		return support.Breach{At: t.CreatedAt.Add(4 * time.Hour), Clock: "first response"}, true
	})
	cases := []struct {
		name    string
		callers int
		opts    []service.Option
		byID    bool // claim the tickets in breach order with ClaimTicket: the claim's writes without the pick
	}{
		{"1-caller", 1, nil, false},
		{"1-caller-breach-func", 1, []service.Option{breach}, false},
		{"8-callers", 8, nil, false},
		{"8-callers-by-id", 8, nil, true},
		{"64-callers", 64, nil, false},
	}
	req := support.NextRequest{Queues: queues}
	for i, c := range cases {
		// Each case drains its own copy, over the runs of its b.N ramp.
		path := filepath.Join(dir, fmt.Sprintf("case%d.db", i))
		if _, err := sqlite.DB(open(b, base)).ExecContext(b.Context(), "VACUUM INTO ?", path); err != nil {
			b.Fatal(err)
		}
		var taken atomic.Int64 // over the runs of the ramp, by id
		b.Run(c.name, func(b *testing.B) {
			clock := func() time.Time { return benchNow }
			s := svc(open(b, path, sqlite.WithClock(clock)), append(c.opts, service.WithClock(clock))...)
			var claims atomic.Int64
			var wg sync.WaitGroup
			for range c.callers {
				wg.Go(func() {
					for n := claims.Add(1); n <= int64(b.N); n = claims.Add(1) {
						engineer := engineers[n%int64(len(engineers))]
						var err error
						if c.byID {
							_, err = s.ClaimTicket(b.Context(), engineer, byBreach[taken.Add(1)-1])
						} else {
							_, err = s.NextTicket(b.Context(), engineer, req)
						}
						if err != nil {
							b.Errorf("claim %d: %v", n, err)
							return
						}
					}
				})
			}
			wg.Wait()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "claims/s")
			// The log after b.N claims, while the store is still open.
			if fi, err := os.Stat(path + "-wal"); err == nil {
				b.ReportMetric(float64(fi.Size())/(1<<20), "wal-MiB")
			}
		})
	}
}

// BenchmarkSQLiteFloor is what a claim cannot undercut: one row of a small
// table without indexes updated and committed alone, on a connection set
// up as the store's writer is (write-ahead log, synchronous=normal).
func BenchmarkSQLiteFloor(b *testing.B) {
	dsn := "file:" + filepath.Join(b.TempDir(), "floor.db") + "?_pragma=journal_mode(wal)&_pragma=synchronous(normal)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	const rows = 10_000
	if _, err := db.ExecContext(b.Context(), `CREATE TABLE t (id INTEGER PRIMARY KEY, holder INTEGER, at INTEGER);
		WITH RECURSIVE n (id) AS (SELECT 1 UNION ALL SELECT id + 1 FROM n WHERE id < ?)
		INSERT INTO t (id) SELECT id FROM n`, rows); err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		if _, err := db.ExecContext(b.Context(), `UPDATE t SET holder = ?, at = ? WHERE id = ?`, n, n, n%rows+1); err != nil {
			b.Fatal(err)
		}
	}
	var held int
	if err := db.QueryRowContext(b.Context(), `SELECT count(*) FROM t WHERE holder IS NOT NULL`).Scan(&held); err != nil || held != min(n, rows) {
		b.Fatalf("%d updates left %d rows held (%v)", n, held, err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
}

// BenchmarkListSearch100k searches the 100,000 tickets: a substring match
// reads every ticket's text until the page is full, or to the end when
// nothing matches.
func BenchmarkListSearch100k(b *testing.B) {
	s := bigDB(b)
	for name, q := range map[string]string{"common": "namenode failover", "no-match": "kerberos"} {
		f := support.TicketFilter{Search: q, Limit: 50}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListTickets(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkListShift100k is the default view of `ticket list` at the start
// of a shift: a region's new and open tickets whose clocks still run, by
// breach, then those breached.
func BenchmarkListShift100k(b *testing.B) {
	s := bigDB(b)
	now := benchNow
	filters := map[string]support.TicketFilter{
		"running":       {BreachAfter: &now},
		"breached":      {BreachBy: &now},
		"tag":           {Tags: []string{"hdfs"}},
		"updated-since": {UpdatedSince: ptr(benchNow.Add(-24 * time.Hour))},
	}
	for name, f := range filters {
		f.Statuses, f.Regions, f.Sort, f.Limit = []string{"new", "open"}, []string{"apac-jp"}, "breach", 50
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.ListTickets(b.Context(), f); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func ptr[T any](v T) *T { return &v }
