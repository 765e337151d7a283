// Package create implements `supctl auth token create`.
package create

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// CreateOptions are the flags of `auth token create`.
type CreateOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	Label     string
	// Expires is the --expires value; ExpiresAt the instant it gives.
	Expires   string
	ExpiresAt *time.Time
}

// NewCmdCreate returns the command; runF replaces the run in tests.
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "create [--label <text>] [--expires <lifetime>]",
		Short: "Issue yourself another API token",
		Long: fmt.Sprintf(`Issue yourself a new API token, for another machine or a script, and print
it on stdout, once. Give it a label saying where it is used, and with
--expires a lifetime after which it stops working. You may hold at most %d
unexpired tokens.`, support.MaxLiveTokens),
		Example: `  $ supctl auth token create --label "handoff cron" --expires 90d
  $ supctl auth token create --label laptop | supctl auth login --with-token --profile tokyo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.ExpiresAt, err = shared.ParseLifetime(opts.Expires, opts.Now()); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Label, "label", "", "where the token is used")
	cmd.Flags().StringVar(&opts.Expires, "expires", "", shared.LifetimeHelp)
	return cmd
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	issued, err := client.CreateToken(ctx, api.NewToken{Label: opts.Label, ExpiresAt: opts.ExpiresAt})
	if err != nil {
		return err
	}
	shared.PrintIssued(opts.IO, issued, tshared.ErrOutWhen(opts.IO, opts.Now, opts.Config))
	return nil
}
