package sqlite

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// The queue and breach queries must stay on their indexes: without them a
// queue of 100,000 tickets is a full scan or a sort (see the benchmarks).
// SQLite uses a partial index only for a query that spells out its
// condition, so a change to support.ActiveStatuses, or to the index,
// shows here.
func TestQueryPlans(t *testing.T) {
	s, err := Open(t.Context(), filepath.Join(t.TempDir(), "plan.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	plan := func(query string, args []any) string {
		t.Helper()
		rows, err := s.db.QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		defer rows.Close()
		var steps []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			steps = append(steps, detail)
		}
		return strings.Join(steps, "\n")
	}
	jpCore := support.Queue{Region: "apac-jp", Division: "core"}
	var jp []support.Queue
	for _, d := range support.Divisions.Values() {
		jp = append(jp, support.Queue{Region: "apac-jp", Division: d, Language: "ja"})
	}
	queue, queueArgs := queueQuery(jpCore, 50)
	stats, statsArgs := statsQuery(jp[0], time.Now())
	heads, headsArgs := headsQuery(support.User{ID: 1, Languages: []string{"ja", "en"}}, jp)
	active, activeArgs, err := listQuery(support.TicketFilter{Statuses: support.ActiveStatuses}, "breach", 51)
	if err != nil {
		t.Fatal(err)
	}
	regional, regionalArgs, err := listQuery(support.TicketFilter{Statuses: support.ActiveStatuses, Regions: []string{"apac-jp"}}, "breach", 51)
	if err != nil {
		t.Fatal(err)
	}
	page := store.CursorAfter("breach", support.Ticket{ID: 7, NextBreach: &time.Time{}}).Encode()
	next, nextArgs, err := listQuery(support.TicketFilter{Statuses: support.ActiveStatuses, Cursor: page}, "breach", 51)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	shift := support.TicketFilter{Statuses: []string{"new", "open"}, Regions: []string{"apac-jp"}}
	runningF, breachedF := shift, shift
	runningF.BreachAfter, breachedF.BreachBy = &now, &now
	running, runningArgs, err := listQuery(runningF, "breach", 51)
	if err != nil {
		t.Fatal(err)
	}
	breached, breachedArgs, err := listQuery(breachedF, "breach", 51)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		query string
		args  []any
		want  string // in the plan, exactly times times
		times int
		never string
	}{
		{"queue in pick order", queue, queueArgs, "SEARCH t USING INDEX tickets_queue (region=? AND division=?)", 1, "TEMP B-TREE"},
		{"queue statistics", stats, statsArgs, "SEARCH t USING COVERING INDEX tickets_queue (region=? AND division=?)", 1, "SCAN t"},
		{"heads of four queues", heads, headsArgs, "SEARCH t USING COVERING INDEX tickets_queue (region=? AND division=?)", len(jp), "SCAN t"},
		{"heads in index order", heads, headsArgs, "tickets_queue", len(jp), "TEMP B-TREE"},
		{"the claim", assignUpdateWithin, []any{1, 0, "open", 0, 7, 1, 12, "ken@example.com"}, "SEARCH tickets USING INTEGER PRIMARY KEY (rowid=?)", 1, "SCAN"},
		{"the claim's work in progress", assignUpdateWithin, []any{1, 0, "open", 0, 7, 1, 12, "ken@example.com"}, "SEARCH t USING COVERING INDEX tickets_assignee (assignee_id=? AND status=?)", 1, "SCAN"},
		{"work in progress", holdingQuery, []any{1}, "SEARCH t USING COVERING INDEX tickets_assignee (assignee_id=? AND status=?)", 1, "SCAN t"},
		{"active by breach", active, activeArgs, "SCAN t USING INDEX tickets_breach", 1, "TEMP B-TREE"},
		{"active in a region by breach", regional, regionalArgs, "SCAN t USING INDEX tickets_breach", 1, "TEMP B-TREE"},
		{"active by breach, next page", next, nextArgs, "SEARCH t USING INDEX tickets_breach (<expr>>?)", 1, "TEMP B-TREE"},
		{"the shift's running clocks", running, runningArgs, "SEARCH t USING INDEX tickets_breach (<expr>>?)", 1, "TEMP B-TREE"},
		{"the shift's breached tickets", breached, breachedArgs, "SEARCH t USING INDEX tickets_breach (<expr><?)", 1, "TEMP B-TREE"},
	}
	for _, c := range cases {
		got := plan(c.query, c.args)
		if n := strings.Count(got, c.want); n != c.times {
			t.Errorf("%s: plan has %q %d times, want %d:\n%s", c.name, c.want, n, c.times, got)
		}
		if strings.Contains(got, c.never) {
			t.Errorf("%s: plan has %q:\n%s", c.name, c.never, got)
		}
	}
}
