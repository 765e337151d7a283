// Package storetest is the contract every store.Store backend passes. A
// backend's test calls Run with a function that opens an empty store.
package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// Opener opens an empty store that takes every timestamp from now, and
// closes it when t ends.
type Opener func(t *testing.T, now func() time.Time) store.Store

// Run runs the whole contract against stores from open.
func Run(t *testing.T, open Opener) {
	suites := []struct {
		name string
		run  func(t *testing.T, e *env)
	}{
		{"Users", testUsers},
		{"Tokens", testTokens},
		{"Accounts", testAccounts},
		{"CreateTicket", testCreateTicket},
		{"UpdateTicket", testUpdateTicket},
		{"UpdateTicketRules", testUpdateTicketRules},
		{"Comments", testComments},
		{"IdempotentCreate", testIdempotentCreate},
		{"IdempotentComment", testIdempotentComment},
		{"ConcurrentIdempotentCreate", testConcurrentIdempotentCreate},
		{"ConcurrentUpdates", testConcurrentUpdates},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"PaginationIgnoresNewRows", testPaginationIgnoresNewRows},
		{"ListErrors", testListErrors},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			s.run(t, setup(t, open))
		})
	}
}

// Clock is a settable clock; it stands still until advanced.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at start.
func NewClock(start time.Time) *Clock { return &Clock{now: start} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
