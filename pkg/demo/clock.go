package demo

import (
	"sync"
	"time"
)

// Clock is a clock the seeder steps through the past, so that every row
// and event of the demo data carries a plausible time. The store reads it
// through Now; with no instant set it is the wall clock.
type Clock struct {
	mu  sync.Mutex
	at  time.Time
	set bool
}

// Now returns the instant last Set, or time.Now() when none is set.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.set {
		return c.at
	}
	return time.Now()
}

// Set fixes the instant Now returns.
func (c *Clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at, c.set = t, true
}

// Reset returns the clock to the wall clock.
func (c *Clock) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.at, c.set = time.Time{}, false
}
