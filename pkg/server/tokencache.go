package server

import (
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// tokenTTL is how long a verified token is trusted without the store: a
// changed role or a removed user takes effect within it.
const tokenTTL = 30 * time.Second

// maxCachedTokens bounds the cache; past it, the cache starts over.
const maxCachedTokens = 10000

// tokenCache remembers whom recently seen tokens belong to, keyed by their
// hash, so that a busy client's every request does not read the store.
type tokenCache struct {
	mu      sync.Mutex
	entries map[string]tokenEntry
}

type tokenEntry struct {
	user    support.User
	expires time.Time
}

func (c *tokenCache) get(hash []byte, now time.Time) (support.User, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if !ok || now.After(e.expires) {
		return support.User{}, false
	}
	return e.user, true
}

func (c *tokenCache) put(hash []byte, u support.User, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxCachedTokens {
		c.entries = make(map[string]tokenEntry)
	}
	c.entries[string(hash)] = tokenEntry{user: u, expires: now.Add(tokenTTL)}
}
