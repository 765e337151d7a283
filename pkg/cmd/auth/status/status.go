// Package status implements `supctl auth status`.
package status

import (
	"context"
	"fmt"
	"net/http"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// Fields are the JSON fields of `auth status`.
var Fields = []string{"profile", "api_url", "embedded", "logged_in", "token_source", "token", "user", "name", "role"}

// StatusOptions are the flags of `auth status`.
type StatusOptions struct {
	IO         *iostreams.IOStreams
	Config     func() (*config.Config, error)
	HTTPClient *http.Client
	Exporter   *cmdutil.Exporter
}

// NewCmdStatus returns the command; runF replaces the run in tests.
func NewCmdStatus(f *cmdutil.Factory, runF func(*StatusOptions) error) *cobra.Command {
	opts := &StatusOptions{IO: f.IOStreams, Config: f.Config, HTTPClient: shared.NewHTTPClient()}
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show who you are logged in as, and where the token comes from",
		Long: `Show the active profile's backend, the user its token belongs to (asked of the
backend), and where the token comes from: SUPCTL_TOKEN, the keyring, or the
credentials file. The token itself is never shown, only its first characters.

Exits 4 when the profile has no token, when its stored token was issued for
another server than api_url (it is then not sent), or when the backend
rejects it.`,
		Example: `  $ supctl auth status
  $ supctl auth status --profile hyderabad
  $ supctl auth status --json logged_in,user --jq .user`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return statusRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, Fields)
	return cmd
}

// report is what status found; also its JSON.
type report struct {
	Profile     string `json:"profile"`
	APIURL      string `json:"api_url"`
	Embedded    bool   `json:"embedded"`
	LoggedIn    bool   `json:"logged_in"`
	TokenSource string `json:"token_source"`
	Token       string `json:"token"` // masked
	User        string `json:"user"`
	Name        string `json:"name"`
	Role        string `json:"role"`
}

func statusRun(ctx context.Context, opts *StatusOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, err := cfg.ActiveForConnection()
	if err != nil {
		return err
	}
	r, failure := check(ctx, opts, cfg, p)
	if opts.Exporter != nil {
		if err := opts.Exporter.Write(opts.IO, r); err != nil {
			return err
		}
	} else {
		printReport(opts.IO, r)
	}
	return failure
}

// check fills the report; the error is why the profile cannot be used.
func check(ctx context.Context, opts *StatusOptions, cfg *config.Config, p config.Profile) (report, error) {
	r := report{Profile: p.Name, APIURL: p.APIURL, Embedded: p.IsEmbedded()}
	if r.Embedded {
		r.LoggedIn, r.User = true, p.User
		return r, nil
	}
	cr, err := cmdutil.ProfileToken(cfg, p, opts.IO.ErrOut, true)
	if cr.Token != "" {
		r.TokenSource, r.Token = cr.Source, shared.MaskToken(cr.Token)
	}
	if err != nil {
		return r, err
	}
	opts.IO.StartProgressIndicatorWithLabel("Checking the token…")
	me, err := shared.Verify(ctx, opts.HTTPClient, p, cr.Token)
	opts.IO.StopProgressIndicator()
	if err != nil {
		return r, err
	}
	r.LoggedIn, r.User, r.Name, r.Role = true, me.Email, me.Name, string(me.Role)
	return r, nil
}

func printReport(ios *iostreams.IOStreams, r report) {
	cs := ios.ColorScheme()
	fmt.Fprintf(ios.Out, "profile: %s\n", r.Profile)
	fmt.Fprintf(ios.Out, "api_url: %s\n", r.APIURL)
	switch {
	case r.Embedded:
		fmt.Fprintf(ios.Out, "user: %s\n", r.User)
		fmt.Fprintf(ios.Out, "token: %s\n", cs.Muted("not needed (embedded server)"))
		return
	case r.TokenSource == "":
		fmt.Fprintf(ios.Out, "token: %s\n", cs.Danger("none"))
		return
	}
	fmt.Fprintf(ios.Out, "token: %s %s\n", r.Token, cs.Muted("(from "+r.TokenSource+")"))
	if r.LoggedIn {
		who := r.Role
		if r.Name != "" {
			who = r.Name + ", " + r.Role
		}
		fmt.Fprintf(ios.Out, "user: %s %s\n", cs.Success(r.User), cs.Muted("("+who+")"))
	}
}
