// Package logout implements `supctl auth logout`.
package logout

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// LogoutOptions are the flags of `auth logout`.
type LogoutOptions struct {
	IO         *iostreams.IOStreams
	Config     func() (*config.Config, error)
	HTTPClient *http.Client
}

// NewCmdLogout returns the command; runF replaces the run in tests.
func NewCmdLogout(f *cmdutil.Factory, runF func(*LogoutOptions) error) *cobra.Command {
	opts := &LogoutOptions{IO: f.IOStreams, Config: f.Config, HTTPClient: shared.NewHTTPClient()}
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Revoke the active profile's token and remove it",
		Long: `Sign out of the active profile: revoke its stored token on the backend, then
remove it from the keyring and the credentials file.

When the backend cannot be reached, the token is still removed from this
machine, but it stays valid on the backend: the command says so, exits with
status 6, and tells how to revoke it later. A token in SUPCTL_TOKEN is not
stored, so unset the variable yourself.`,
		Example: `  $ supctl auth logout
  $ supctl auth logout --profile hyderabad`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return logoutRun(cmd.Context(), opts)
		},
	}
	return cmd
}

func logoutRun(ctx context.Context, opts *LogoutOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, err := cfg.Active()
	if err != nil {
		return err
	}
	cs := opts.IO.ColorScheme()
	if p.IsEmbedded() {
		fmt.Fprintf(opts.IO.ErrOut, "profile %s uses the embedded server: there is no token to remove\n", p.Name)
		return nil
	}
	// With SUPCTL_TOKEN set, Token returns that one, which is not ours to
	// revoke: the stored one is removed without revoking it.
	var revokeErr error
	stored := ""
	if !cfg.HasEnvToken() {
		if stored, _, err = cfg.Token(p.Name); err != nil {
			return err
		}
	}
	if stored != "" {
		opts.IO.StartProgressIndicatorWithLabel("Revoking the token…")
		var t support.Token
		var valid bool
		t, valid, revokeErr = revoke(ctx, opts.HTTPClient, p, stored)
		opts.IO.StopProgressIndicator()
		switch {
		case revokeErr != nil:
		case valid:
			fmt.Fprintf(opts.IO.ErrOut, "%s revoked token %d%s on %s\n", cs.SuccessIcon(), t.ID, label(t.Label), p.APIURL)
		default:
			fmt.Fprintf(opts.IO.ErrOut, "%s %s no longer accepted the token (revoked or expired already)\n", cs.WarningIcon(), p.APIURL)
		}
	}
	removed, err := cfg.DeleteToken(p.Name)
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "%s no stored token for profile %s\n", cs.WarningIcon(), p.Name)
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "%s logged out of %s (profile %s; token removed from %s)\n",
			cs.SuccessIcon(), p.APIURL, p.Name, strings.Join(removed, " and "))
	}
	if cfg.HasEnvToken() {
		fmt.Fprintf(opts.IO.ErrOut, "%s SUPCTL_TOKEN is still set in this shell\n", cs.WarningIcon())
		if len(removed) > 0 {
			fmt.Fprintf(opts.IO.ErrOut, "%s the removed token was not revoked: it may still work on %s\n", cs.WarningIcon(), p.APIURL)
		}
	}
	return revokeErr
}

func label(l string) string {
	if l == "" {
		return ""
	}
	return " (" + l + ")"
}

// revoke revokes the token on the profile's backend. A token the backend
// no longer accepts needs no revoking; any other failure leaves it valid,
// which the error says, with how to revoke it later.
func revoke(ctx context.Context, hc *http.Client, p config.Profile, token string) (t support.Token, valid bool, err error) {
	t, err = api.New(p.APIURL, hc, token).WithProfile(p.Name).RevokeCurrentToken(ctx)
	var he *api.HTTPError
	if errors.As(err, &he) && he.StatusCode == http.StatusUnauthorized && he.Problem.Type != "" {
		return t, false, nil
	}
	if err == nil {
		return t, true, nil
	}
	code := cmdutil.ExitError
	var te *api.TransportError
	if errors.As(err, &te) {
		code = cmdutil.ExitUnavailable
	}
	return t, true, (&cmdutil.Error{
		Code:    code,
		Message: fmt.Sprintf("%v: the token is removed from this machine but not revoked, and still works on the server", err),
		Err:     err,
	}).WithHint("once the server answers, revoke it with `supctl auth token revoke ID`, signed in with another token (`supctl auth token list` shows the ids), or ask an administrator to run `supctl admin token revoke ID`")
}
