package support

import "time"

// TicketFilter selects and orders tickets. Empty fields do not filter.
type TicketFilter struct {
	Statuses   []string
	Severities []string
	Divisions  []string
	Regions    []string
	Languages  []string
	// Assignee is an email, or Unassigned for tickets nobody holds.
	Assignee  string
	AccountID int64
	// Search is text in the subject or description, compared after
	// SearchFold on both sides.
	Search string
	// Tags keeps tickets carrying any of these tags.
	Tags []string
	// UpdatedSince keeps tickets changed at or after it.
	UpdatedSince *time.Time
	Sort         string // one of TicketSorts; "updated" when empty
	Limit        int
	Cursor       string
	// BreachBy keeps tickets whose next SLA breach falls at or before it:
	// `--breached` is now, `--breaching-within 2h` is now + 2h.
	BreachBy *time.Time
	// BreachAfter keeps tickets whose next SLA breach falls after it, and
	// tickets with no running clock, which breach never: `--breaching-within
	// 2h` is BreachAfter now and BreachBy now + 2h.
	BreachAfter *time.Time
	// Count asks for Total, the number of tickets the filter selects on
	// every page together.
	Count bool
	// VisibleTo restricts the result to one partner organisation's tickets:
	// its own and those of the customers it serves.
	VisibleTo int64
}

// Unassigned is the TicketFilter.Assignee value for tickets nobody holds.
const Unassigned = "none"

// Page sizes for lists.
const (
	DefaultLimit = 30
	MaxLimit     = 1000
)

// MaxSearch is the longest text a list searches for, in characters: far
// more than anyone types, far less than SQLite's limit on a LIKE pattern.
const MaxSearch = 500

// TicketPage is one page of a ticket list.
type TicketPage struct {
	Tickets    []Ticket `json:"tickets"`
	NextCursor string   `json:"next_cursor,omitempty"`
	// Total is set when the filter asked for a count.
	Total *int `json:"total,omitempty"`
}

// ActiveStatuses are the statuses of tickets still being worked: the
// default of lists.
var ActiveStatuses = []string{"new", "open", "pending_customer", "pending_engineering", "on_hold"}
