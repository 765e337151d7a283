package server

import (
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

func TestTokenCacheExpires(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	c.put([]byte("h"), support.User{Email: "ken@example.com"}, now)
	if u, ok := c.get([]byte("h"), now.Add(tokenTTL)); !ok || u.Email != "ken@example.com" {
		t.Errorf("within the TTL: %+v, %v", u, ok)
	}
	if _, ok := c.get([]byte("h"), now.Add(tokenTTL+time.Second)); ok {
		t.Error("an expired entry was served")
	}
	if _, ok := c.get([]byte("other"), now); ok {
		t.Error("an unknown token was served")
	}
	for i := range maxCachedTokens + 1 {
		c.put([]byte{byte(i), byte(i >> 8), byte(i >> 16)}, support.User{}, now)
	}
	if n := len(c.entries); n > maxCachedTokens {
		t.Errorf("%d entries, want at most %d", n, maxCachedTokens)
	}
}
