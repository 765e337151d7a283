package list

import (
	"context"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/support"
)

// ticketLister is the part of the API client a list reads pages from.
type ticketLister interface {
	ListTickets(ctx context.Context, f support.TicketFilter) (support.TicketPage, error)
}

var _ ticketLister = (*api.Client)(nil)

// source is one ordered run of a list, read page by page with its cursor.
type source struct {
	f    support.TicketFilter
	rows []support.Ticket // read and not yet shown
	end  bool             // the server has nothing after rows
	// clocksOnly stops the run at its first ticket without a running
	// clock; the rest of the run is shown after every other source.
	clocksOnly bool
}

// sources are the runs of a list in the order they are shown. The due
// order is two runs of the breach index cut at now: the clocks still
// running, earliest due first, then the breached ones, longest overdue
// first, then the tickets with no running clock. Every other sort is one
// run.
func sources(f support.TicketFilter, sort string, now time.Time) []*source {
	if sort != sortDue {
		f.Sort = sort
		return []*source{{f: f}}
	}
	f.Sort = "breach"
	var out []*source
	running := f
	if running.BreachAfter == nil || running.BreachAfter.Before(now) {
		running.BreachAfter = &now
	}
	if running.BreachBy == nil || running.BreachBy.After(now) {
		out = append(out, &source{f: running, clocksOnly: true})
	}
	breached := f
	if breached.BreachBy == nil || breached.BreachBy.After(now) {
		breached.BreachBy = &now
	}
	if breached.BreachAfter == nil || breached.BreachAfter.Before(now) {
		out = append(out, &source{f: breached})
	}
	return out
}

// readList shows the tickets of srcs in order, a page at a time through
// show, up to limit tickets (every ticket when limit is 0). more reports
// whether tickets were left unshown.
func readList(ctx context.Context, c ticketLister, srcs []*source, limit int, show func([]support.Ticket) error) (shown int, more bool, err error) {
	for i := 0; i < len(srcs); i++ {
		s := srcs[i]
		for {
			want := support.MaxLimit
			if limit > 0 {
				want = min(limit-shown, support.MaxLimit)
			}
			if want == 0 {
				more, err := anyLeft(ctx, c, srcs[i:])
				return shown, more, err
			}
			if len(s.rows) == 0 && !s.end {
				if err := s.read(ctx, c, want); err != nil {
					return shown, false, err
				}
			}
			if len(s.rows) == 0 {
				break
			}
			page := s.rows[:min(want, len(s.rows))]
			if s.clocksOnly {
				for k, t := range page {
					if t.NextBreach == nil {
						srcs = append(srcs, &source{f: s.f, rows: s.rows[k:], end: s.end})
						page, s.rows, s.end = page[:k], s.rows[:k], true
						break
					}
				}
			}
			s.rows = s.rows[len(page):]
			if len(page) > 0 {
				if err := show(page); err != nil {
					return shown, false, err
				}
				shown += len(page)
			}
		}
	}
	return shown, false, nil
}

func (s *source) read(ctx context.Context, c ticketLister, n int) error {
	s.f.Limit = n
	page, err := c.ListTickets(ctx, s.f)
	if err != nil {
		return err
	}
	s.rows, s.f.Cursor, s.end = page.Tickets, page.NextCursor, page.NextCursor == ""
	return nil
}

// anyLeft reports whether srcs hold a ticket not yet shown, reading at
// most one ticket of a run not yet started.
func anyLeft(ctx context.Context, c ticketLister, srcs []*source) (bool, error) {
	for _, s := range srcs {
		if len(s.rows) > 0 || (!s.end && s.f.Cursor != "") {
			return true, nil
		}
		if s.end {
			continue
		}
		if err := s.read(ctx, c, 1); err != nil {
			return false, err
		}
		if len(s.rows) > 0 {
			return true, nil
		}
	}
	return false, nil
}

// countAll is how many tickets the runs of a list select together, read
// before the list was paged; ok is false when the server gave no count.
func countAll(ctx context.Context, c ticketLister, filters []support.TicketFilter) (total int, ok bool, err error) {
	for _, f := range filters {
		f.Count, f.Limit, f.Cursor = true, 1, ""
		page, err := c.ListTickets(ctx, f)
		if err != nil || page.Total == nil {
			return 0, false, err
		}
		total += *page.Total
	}
	return total, true, nil
}
