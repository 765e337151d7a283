// Package login implements `supctl auth login`.
package login

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// maxTokenSize bounds what --with-token reads: a token is short, and a
// mistaken pipe of a large file should fail fast.
const maxTokenSize = 4096

// LoginOptions are the flags of `auth login`.
type LoginOptions struct {
	IO         *iostreams.IOStreams
	Config     func() (*config.Config, error)
	HTTPClient *http.Client
	Prompter   cmdutil.Prompter

	WithToken       bool
	InsecureStorage bool
}

// NewCmdLogin returns the command; runF replaces the run in tests.
func NewCmdLogin(f *cmdutil.Factory, runF func(*LoginOptions) error) *cobra.Command {
	opts := &LoginOptions{IO: f.IOStreams, Config: f.Config, HTTPClient: shared.NewHTTPClient(), Prompter: f.Prompter}
	cmd := &cobra.Command{
		Use:   "login [--with-token] [--insecure-storage]",
		Short: "Log in to the active profile's backend with a token",
		Long: `Store an API token for the active profile (or the one --profile names).
The token is read from standard input with --with-token, otherwise asked for
without echo on a terminal. It is checked against the backend, then stored in
the OS keyring, or in $XDG_CONFIG_HOME/supctl/credentials.yaml (mode 0600)
when the keyring is unavailable or --insecure-storage is given.

The token is bound to the server it was checked against (the scheme, host
and port of api_url) and is sent to no other: after api_url changes, in the
file or through SUPCTL_API_URL, commands exit 4 until you log in again. A
token stored by an older supctl is bound to the profile's api_url on first
use.

An embedded profile needs no token. SUPCTL_TOKEN, when set, takes precedence
over any stored token and is not bound: it goes to whatever api_url says.
A plain http:// api_url to another machine gets a warning: the token would
cross the network unencrypted.`,
		Example: `  $ supctl auth login
  $ supctl auth login --profile tokyo
  $ echo "$TOKEN" | supctl auth login --with-token
  $ supctl auth login --with-token --insecure-storage < token.txt`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !opts.WithToken && !opts.IO.CanPrompt() {
				return cmdutil.UsageErrorf("no token: pipe one to `supctl auth login --with-token`")
			}
			if runF != nil {
				return runF(opts)
			}
			return loginRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.WithToken, "with-token", false, "read the token from standard input")
	cmd.Flags().BoolVar(&opts.InsecureStorage, "insecure-storage", false, "store the token in the plain-text credentials file, not the keyring")
	return cmd
}

func loginRun(ctx context.Context, opts *LoginOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, err := cfg.ActiveForConnection()
	if err != nil {
		return err
	}
	if p.IsEmbedded() {
		fmt.Fprintf(opts.IO.ErrOut, "profile %s uses the embedded server: no token is needed\n", p.Name)
		return nil
	}
	origin, err := api.OriginOf(p.APIURL)
	if err != nil {
		return err
	}
	cmdutil.WarnPlainHTTP(opts.IO.ErrOut, p)
	token, err := readToken(opts, p)
	if err != nil {
		return err
	}
	opts.IO.StartProgressIndicatorWithLabel("Checking the token…")
	me, err := shared.Verify(ctx, opts.HTTPClient, p, token)
	opts.IO.StopProgressIndicator()
	if err != nil {
		return err
	}
	where, err := cfg.StoreToken(p.Name, token, origin, opts.InsecureStorage)
	if err != nil {
		return err
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintf(opts.IO.ErrOut, "%s logged in to %s as %s (profile %s; token stored in %s)\n",
		cs.SuccessIcon(), p.APIURL, me.Email, p.Name, where)
	if where != config.TokenSourceKeyring && !opts.InsecureStorage {
		fmt.Fprintf(opts.IO.ErrOut, "%s the keyring is unavailable: the token is stored unencrypted in %s\n", cs.WarningIcon(), where)
	}
	if cfg.HasEnvToken() {
		fmt.Fprintf(opts.IO.ErrOut, "%s SUPCTL_TOKEN is set and takes precedence over the stored token\n", cs.WarningIcon())
	}
	return recordUser(opts.IO, cfg, p, me.Email)
}

// readToken takes the token from standard input or the hidden prompt.
func readToken(opts *LoginOptions, p config.Profile) (string, error) {
	var token string
	if opts.WithToken {
		data, err := io.ReadAll(io.LimitReader(opts.IO.In, maxTokenSize+1))
		if err != nil {
			return "", cmdutil.Errorf("cannot read the token from standard input: %v", err)
		}
		if len(data) > maxTokenSize {
			return "", cmdutil.UsageErrorf("standard input is too long for a token")
		}
		token = string(data)
	} else {
		s, err := opts.Prompter.Password(fmt.Sprintf("Paste a token for %s (profile %s)", p.APIURL, p.Name))
		if err != nil {
			return "", cmdutil.Errorf("cannot read the token: %v", err)
		}
		token = s
	}
	token = strings.TrimSpace(token)
	if token == "" {
		return "", cmdutil.UsageErrorf("no token given")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		return "", cmdutil.UsageErrorf("a token is one word without spaces; give only the token")
	}
	return token, nil
}

// recordUser writes the token's user into a profile that has none, and
// warns when the profile names someone else.
func recordUser(ios *iostreams.IOStreams, cfg *config.Config, p config.Profile, email string) error {
	switch {
	case email == "" || p.User == email:
		return nil
	case p.User != "":
		fmt.Fprintf(ios.ErrOut, "%s profile %s names user %s, but the token belongs to %s\n", ios.ColorScheme().WarningIcon(), p.Name, p.User, email)
		return nil
	}
	if err := cfg.Set(p.Name, "user", email); err != nil {
		return err
	}
	if err := cfg.Save(); err != nil {
		return err
	}
	fmt.Fprintf(ios.ErrOut, "%s set user of profile %s to %s\n", ios.ColorScheme().SuccessIcon(), p.Name, email)
	return nil
}
