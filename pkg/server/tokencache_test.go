package server

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

func TestTokenCacheExpires(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c.put([]byte("h"), support.User{Email: "ken@example.com"}, support.Token{ID: 1}, now)
	if u, _, ok := c.get([]byte("h"), now.Add(tokenTTL)); !ok || u.Email != "ken@example.com" {
		t.Errorf("within the TTL: %+v, %v", u, ok)
	}
	if _, _, ok := c.get([]byte("h"), now.Add(tokenTTL+time.Millisecond)); ok {
		t.Error("an expired entry was served")
	}
	if _, _, ok := c.get([]byte("other"), now); ok {
		t.Error("an unknown token was served")
	}
	for i := range maxCachedTokens + 1 {
		c.put([]byte{byte(i), byte(i >> 8), byte(i >> 16)}, support.User{}, support.Token{}, now)
	}
	if n := len(c.entries); n > maxCachedTokens {
		t.Errorf("%d entries, want at most %d", n, maxCachedTokens)
	}
}

// Revocation is documented to reach every server within tokenTTL.
func TestTokenTTLIsShort(t *testing.T) {
	if tokenTTL > 5*time.Second {
		t.Errorf("tokenTTL = %s: the API contract promises 5 s", tokenTTL)
	}
}

func TestTokenCachePurge(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c.put([]byte("a"), support.User{}, support.Token{ID: 1}, now)
	c.put([]byte("b"), support.User{}, support.Token{ID: 2}, now)
	c.purge(1)
	if _, _, ok := c.get([]byte("a"), now); ok {
		t.Error("a purged token was served")
	}
	if _, _, ok := c.get([]byte("b"), now); !ok {
		t.Error("purging one token dropped another")
	}
	// 0, any token: the feed may have missed a revocation.
	c.put([]byte("a"), support.User{}, support.Token{ID: 1}, now)
	c.purge(0)
	for _, hash := range []string{"a", "b"} {
		if _, _, ok := c.get([]byte(hash), now); ok {
			t.Errorf("token %s served after purging every token", hash)
		}
	}
}

func TestTokenCacheTouchDue(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	recent := now.Add(-time.Second)
	c.put([]byte("new"), support.User{}, support.Token{ID: 1}, now)
	c.put([]byte("recent"), support.User{}, support.Token{ID: 2, LastUsedAt: &recent}, now)
	if !c.touchDue([]byte("new"), now) {
		t.Error("a never-used token was not due")
	}
	if c.touchDue([]byte("new"), now.Add(support.LastUsedResolution-time.Millisecond)) {
		t.Error("a token just marked was due again within the resolution")
	}
	if !c.touchDue([]byte("new"), now.Add(support.LastUsedResolution)) {
		t.Error("a token marked a resolution ago was not due")
	}
	if c.touchDue([]byte("recent"), now) {
		t.Error("a token used a second ago was due")
	}
	if c.touchDue([]byte("unknown"), now) {
		t.Error("an unknown token was due")
	}
}

// Of the requests that find a token's last-used time due at once, exactly
// one writes it.
func TestTokenCacheTouchDueOnce(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c.put([]byte("h"), support.User{}, support.Token{ID: 1}, now)
	var wg sync.WaitGroup
	var due atomic.Int32
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 200 {
				if c.touchDue([]byte("h"), now) {
					due.Add(1)
				}
				c.get([]byte("h"), now)
				c.put([]byte{byte(i), byte(j)}, support.User{}, support.Token{ID: int64(i*1000 + j + 2)}, now)
				c.purge(int64(i*1000 + j + 2))
			}
		}()
	}
	wg.Wait()
	if n := due.Load(); n != 1 {
		t.Errorf("%d requests found the token due, want 1", n)
	}
}
