// Package storetest is the contract every store.Store backend passes. A
// backend's test calls Run with a function that opens an empty store; the
// suite drives it through the use cases of pkg/service, which hold the
// rules, so that it checks what the API does on that backend.
package storetest

import (
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// Options are what the suite opens a store with.
type Options struct {
	// Now is the source of every timestamp the store writes.
	Now func() time.Time
}

// Backend is a store.Store implementation under test.
type Backend struct {
	// Open opens an empty store and closes it when t ends.
	Open func(t *testing.T, o Options) store.Store
}

// Run runs the whole contract against stores from b.
func Run(t *testing.T, b Backend) {
	suites := []struct {
		name string
		run  func(t *testing.T, e *env)
	}{
		{"Users", testUsers},
		{"Tokens", testTokens},
		{"RevokeToken", testRevokeToken},
		{"TokenExpiry", testTokenExpiry},
		{"TokenLastUsed", testTokenLastUsed},
		{"TokenLimit", testTokenLimit},
		{"Accounts", testAccounts},
		{"CreateTicket", testCreateTicket},
		{"UpdateTicket", testUpdateTicket},
		{"UpdateTicketRules", testUpdateTicketRules},
		{"Comments", testComments},
		{"RequesterReply", testRequesterReply},
		{"IdempotentCreate", testIdempotentCreate},
		{"IdempotentComment", testIdempotentComment},
		{"ConcurrentIdempotentCreate", testConcurrentIdempotentCreate},
		{"ConcurrentUpdates", testConcurrentUpdates},
		{"Filters", testFilters},
		{"Pagination", testPagination},
		{"PaginationIgnoresNewRows", testPaginationIgnoresNewRows},
		{"ListErrors", testListErrors},
		{"ShiftFilters", testShiftFilters},
		{"Breach", testBreach},
		{"RefreshBreaches", testRefreshBreaches},
		{"Claim", testClaim},
		{"Release", testRelease},
		{"Skip", testSkip},
		{"PickOrder", testPickOrder},
		{"Skills", testSkills},
		{"WIPLimit", testWIPLimit},
		{"NextAtLimitWithNothingWaiting", testNextAtLimitWithNothingWaiting},
		{"QueueStats", testQueueStats},
		{"NextErrors", testNextErrors},
		{"ClaimContention", testClaimContention},
		{"Outbox", testOutbox},
		{"Leases", testLeases},
		{"RevocationFeed", testRevocationFeed},
	}
	for _, s := range suites {
		t.Run(s.name, func(t *testing.T) {
			s.run(t, setup(t, b))
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
