// Package list implements `supctl auth token list`.
package list

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// ListOptions are the flags of `auth token list`.
type ListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter
}

// NewCmdList returns the command; runF replaces the run in tests.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, APIClient: f.APIClient, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List your API tokens",
		Long: `List your API tokens on the active profile's backend, oldest first: id,
label, when each was created and last used, and when it expires. The token
this command runs with is marked current. Expired tokens are listed until
revoked, and do not count against the limit of live tokens one user may
hold, which a terminal shows below the table.

` + shared.TokenJSONHelp,
		Example: `  $ supctl auth token list
  $ supctl auth token list --json id,label,last_used_at
  $ supctl auth token list --jq '.[] | select(.last_used_at == null) | .id'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, shared.TokenFields)
	return cmd
}

func listRun(ctx context.Context, opts *ListOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	list, err := client.Tokens(ctx, "")
	if err != nil {
		return err
	}
	if opts.Exporter != nil {
		opts.Exporter.SetClock(opts.Now)
		return opts.Exporter.Write(opts.IO, list.Tokens)
	}
	return shared.PrintTokens(opts.IO, opts.Now(), list, "you hold no tokens on this backend")
}
