package server

import (
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// tokenTTL is how long a verified token is trusted without the store. A
// token revoked through this server stops working at once (revoking purges
// it here), and so does one revoked through another replica on a store
// with a revocation feed (PostgreSQL; see Server.FollowRevocations). One
// revoked by another process on a store without one, or a changed role or
// removed user, takes effect within tokenTTL. The API contract and
// `supctl auth token revoke --help` state it.
const tokenTTL = 5 * time.Second

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
	token   support.Token
	expires time.Time
}

func (c *tokenCache) get(hash []byte, now time.Time) (support.User, support.Token, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if !ok || now.After(e.expires) {
		return support.User{}, support.Token{}, false
	}
	return e.user, e.token, true
}

func (c *tokenCache) put(hash []byte, u support.User, t support.Token, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= maxCachedTokens {
		c.entries = make(map[string]tokenEntry)
	}
	c.entries[string(hash)] = tokenEntry{user: u, token: t, expires: now.Add(tokenTTL)}
}

// touchDue reports whether the token's last-used time is older than
// support.LastUsedResolution at now, and if so marks it used now, so that
// of the requests that find it due, one writes it.
func (c *tokenCache) touchDue(hash []byte, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[string(hash)]
	if !ok {
		return false
	}
	if last := e.token.LastUsedAt; last != nil && now.Sub(*last) < support.LastUsedResolution {
		return false
	}
	e.token.LastUsedAt = &now
	c.entries[string(hash)] = e
	return true
}

// purge forgets the token with that id, or every token for 0, so that a
// revocation takes effect on this server at once.
func (c *tokenCache) purge(id int64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for hash, e := range c.entries {
		if id == 0 || e.token.ID == id {
			delete(c.entries, hash)
		}
	}
}
