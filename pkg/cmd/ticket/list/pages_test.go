package list

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// fakeLister pages through tickets held in breach order as the store
// does, with breach_after and breach_by, and records each request.
type fakeLister struct {
	tickets []support.Ticket
	calls   []support.TicketFilter
	// shownAt is how many tickets were shown when each request came.
	shownAt []int
	shown   *int
}

func (l *fakeLister) ListTickets(_ context.Context, f support.TicketFilter) (support.TicketPage, error) {
	l.calls = append(l.calls, f)
	l.shownAt = append(l.shownAt, *l.shown)
	var match []support.Ticket
	for _, t := range l.tickets {
		key := time.Unix(1<<40, 0)
		if t.NextBreach != nil {
			key = *t.NextBreach
		}
		if (f.BreachAfter != nil && !key.After(*f.BreachAfter)) || (f.BreachBy != nil && (t.NextBreach == nil || key.After(*f.BreachBy))) {
			continue
		}
		match = append(match, t)
	}
	if f.Count {
		n := len(match)
		page := support.TicketPage{Total: &n}
		if len(match) > 0 {
			page.Tickets = match[:1]
		}
		return page, nil
	}
	start := 0
	if f.Cursor != "" {
		start, _ = strconv.Atoi(f.Cursor)
	}
	end := min(start+f.Limit, len(match))
	page := support.TicketPage{Tickets: match[start:end]}
	if end < len(match) {
		page.NextCursor = strconv.Itoa(end)
	}
	return page, nil
}

var pageNow = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

// breachTickets are ids 1..n in breach order: ids 1-4 breached, 5-8
// running, 9-10 with no clock.
func breachTickets() []support.Ticket {
	var out []support.Ticket
	for i := 1; i <= 10; i++ {
		t := support.Ticket{ID: int64(i)}
		if i <= 8 {
			at := pageNow.Add(time.Duration(i-5)*time.Hour + 30*time.Minute)
			t.NextBreach = &at
		}
		out = append(out, t)
	}
	return out
}

func read(t *testing.T, l *fakeLister, f support.TicketFilter, sort string, limit int) (got []int64, more bool) {
	t.Helper()
	shown := 0
	l.shown = &shown
	n, more, err := readList(context.Background(), l, sources(f, sort, pageNow), limit, func(page []support.Ticket) error {
		for _, tk := range page {
			got = append(got, tk.ID)
		}
		shown += len(page)
		return nil
	})
	if err != nil || n != len(got) {
		t.Fatalf("readList = %d, %v; showed %d", n, err, len(got))
	}
	return got, more
}

func TestDueOrder(t *testing.T) {
	cases := []struct {
		name  string
		limit int
		want  []int64
		more  bool
	}{
		{"all", 0, []int64{5, 6, 7, 8, 1, 2, 3, 4, 9, 10}, false},
		{"more than there are", 30, []int64{5, 6, 7, 8, 1, 2, 3, 4, 9, 10}, false},
		{"exactly all", 10, []int64{5, 6, 7, 8, 1, 2, 3, 4, 9, 10}, false},
		{"cut in the running clocks", 3, []int64{5, 6, 7}, true},
		{"cut after the running clocks", 4, []int64{5, 6, 7, 8}, true},
		{"cut in the breached", 6, []int64{5, 6, 7, 8, 1, 2}, true},
		{"cut before the clockless", 8, []int64{5, 6, 7, 8, 1, 2, 3, 4}, true},
		{"cut in the clockless", 9, []int64{5, 6, 7, 8, 1, 2, 3, 4, 9}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, more := read(t, &fakeLister{tickets: breachTickets()}, support.TicketFilter{}, sortDue, c.limit)
			if !slices.Equal(got, c.want) || more != c.more {
				t.Errorf("tickets %v, more %v; want %v, %v", got, more, c.want, c.more)
			}
		})
	}
}

func TestDueOrderWithinABreachWindow(t *testing.T) {
	by := pageNow.Add(2 * time.Hour)
	got, more := read(t, &fakeLister{tickets: breachTickets()}, support.TicketFilter{BreachAfter: &pageNow, BreachBy: &by}, sortDue, 30)
	if !slices.Equal(got, []int64{5, 6}) || more {
		t.Errorf("breaching within 2h: %v, more %v; want [5 6]", got, more)
	}
	got, _ = read(t, &fakeLister{tickets: breachTickets()}, support.TicketFilter{BreachBy: &pageNow}, sortDue, 30)
	if !slices.Equal(got, []int64{1, 2, 3, 4}) {
		t.Errorf("breached: %v; want [1 2 3 4]", got)
	}
}

// --all reads a page, shows it, then reads the next: with more tickets
// than one request returns, rows are shown before the next page is read.
func TestAllStreamsPages(t *testing.T) {
	var many []support.Ticket
	for i := 1; i <= 2*support.MaxLimit+5; i++ {
		many = append(many, support.Ticket{ID: int64(i)})
	}
	l := &fakeLister{tickets: many}
	got, more := read(t, l, support.TicketFilter{}, "updated", 0)
	if len(got) != len(many) || more {
		t.Fatalf("--all showed %d of %d, more %v", len(got), len(many), more)
	}
	if !slices.Equal(l.shownAt, []int{0, support.MaxLimit, 2 * support.MaxLimit}) {
		t.Errorf("tickets shown when each page was read: %v", l.shownAt)
	}
	for _, f := range l.calls {
		if f.Limit != support.MaxLimit || f.Sort != "updated" {
			t.Errorf("page request %+v, want limit %d by updated", f, support.MaxLimit)
		}
	}
}

// The count of a list in the due order is that of its runs together, each
// ticket once.
func TestCountAll(t *testing.T) {
	l := &fakeLister{tickets: breachTickets()}
	shown := 0
	l.shown = &shown
	var filters []support.TicketFilter
	for _, s := range sources(support.TicketFilter{}, sortDue, pageNow) {
		filters = append(filters, s.f)
	}
	total, ok, err := countAll(context.Background(), l, filters)
	if err != nil || !ok || total != 10 {
		t.Errorf("countAll = %d, %v, %v; want 10", total, ok, err)
	}
	by := pageNow.Add(2 * time.Hour)
	filters = nil
	for _, s := range sources(support.TicketFilter{BreachAfter: &pageNow, BreachBy: &by}, sortDue, pageNow) {
		filters = append(filters, s.f)
	}
	if total, _, _ := countAll(context.Background(), l, filters); total != 2 {
		t.Errorf("countAll within 2h = %d, want 2", total)
	}
}
