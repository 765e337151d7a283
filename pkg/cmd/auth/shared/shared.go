// Package shared holds what the auth commands share: checking a token
// against the backend and showing a token without revealing it.
package shared

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/support"
)

// RequestTimeout bounds the call that checks a token.
const RequestTimeout = 30 * time.Second

// NewHTTPClient is the client the auth commands check tokens with.
func NewHTTPClient() *http.Client { return &http.Client{Timeout: RequestTimeout} }

// Verify asks the profile's backend who the token belongs to. A token the
// backend refuses is an authentication error (exit 4).
func Verify(ctx context.Context, hc *http.Client, p config.Profile, token string) (support.User, error) {
	me, err := api.New(p.APIURL, hc, token).WithProfile(p.Name).Me(ctx)
	var he *api.HTTPError
	if errors.As(err, &he) && (he.StatusCode == http.StatusUnauthorized || he.StatusCode == http.StatusForbidden) {
		return me, (&cmdutil.Error{
			Code:    cmdutil.ExitAuth,
			Message: fmt.Sprintf("%s rejected the token of profile %s: %s", p.APIURL, p.Name, he.Error()),
			Err:     err,
		}).WithHint("create a new token and run `supctl auth login --profile %s`", p.Name)
	}
	return me, err
}

// MaskToken shows the start of a token, enough to tell two apart:
// "sup_AB12…". Short tokens are hidden entirely.
func MaskToken(token string) string {
	const shown = 8
	if len(token) < 2*shown {
		return "(hidden)"
	}
	return token[:shown] + "…"
}
