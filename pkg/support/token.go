package support

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// MaxLiveTokens is how many unexpired tokens one user may hold; issuing
// one more fails with ErrTooManyTokens until some are revoked.
const MaxLiveTokens = 100

// LastUsedResolution is how stale a token's last-used time may be: it is
// written at most once per this interval per token, so that using a token
// is not a write.
const LastUsedResolution = time.Minute

// ErrTooManyTokens is a token issued to a user who holds MaxLiveTokens.
var ErrTooManyTokens = errors.New("too many tokens")

// Token is what is known of a bearer token: never the token or its hash.
type Token struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"-"`
	User       string     `json:"user"`
	Label      string     `json:"label"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at"`
	ExpiresAt  *time.Time `json:"expires_at"`
	// Current marks the token the request listing tokens was sent with.
	Current bool `json:"current"`
}

// Expired reports whether the token has expired at now.
func (t Token) Expired(now time.Time) bool {
	return t.ExpiresAt != nil && !now.Before(*t.ExpiresAt)
}

// ParseLifetime reads how long a token lives: a number of days such as
// "90d", or a Go duration such as "720h". It must be positive.
func ParseLifetime(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n > 100*365 {
			return 0, fmt.Errorf("invalid lifetime %q: give days such as 90d, or a duration such as 720h", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("invalid lifetime %q: give days such as 90d, or a duration such as 720h", s)
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("invalid lifetime %q: it must be longer than zero", s)
	}
	return d, nil
}
