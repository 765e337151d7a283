// Package revoke implements `supctl auth token revoke`.
package revoke

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// RevokeOptions are the arguments of `auth token revoke`.
type RevokeOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	IDs       []int64
}

// RevocationDelay says how soon a revocation takes effect; the server's
// token cache and the API contract hold it to this.
const RevocationDelay = `A revoked token stops working at once on the server that revoked it, and
within 5 seconds on every other server sharing its database.`

// NewCmdRevoke returns the command; runF replaces the run in tests.
func NewCmdRevoke(f *cmdutil.Factory, runF func(*RevokeOptions) error) *cobra.Command {
	opts := &RevokeOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "revoke <id>...",
		Short: "Revoke your API tokens",
		Long: `Revoke API tokens of yours by their ids, as "supctl auth token list" shows
them. ` + RevocationDelay + `

To sign out of this profile, revoking its own token and removing it from
this machine, run "supctl auth logout" instead.`,
		Example: `  $ supctl auth token revoke 12
  $ supctl auth token list --jq '.[] | select(.last_used_at == null) | .id' | xargs supctl auth token revoke`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = nil
			for _, arg := range args {
				id, err := shared.ParseTokenID(arg)
				if err != nil {
					return err
				}
				opts.IDs = append(opts.IDs, id)
			}
			if runF != nil {
				return runF(opts)
			}
			return RevokeRun(cmd.Context(), opts.IO, opts.APIClient, opts.IDs)
		},
	}
	return cmd
}

// RevokeRun revokes each token in turn, saying so on stderr, and stops at
// the first that fails.
func RevokeRun(ctx context.Context, ios *iostreams.IOStreams, apiClient func() (*api.Client, error), ids []int64) error {
	client, err := apiClient()
	if err != nil {
		return err
	}
	cs := ios.ColorScheme()
	for _, id := range ids {
		t, err := client.RevokeToken(ctx, id)
		if err != nil {
			return err
		}
		what := fmt.Sprintf("token %d", t.ID)
		if t.Label != "" {
			what += fmt.Sprintf(" (%s)", t.Label)
		}
		fmt.Fprintf(ios.ErrOut, "%s revoked %s of %s\n", cs.SuccessIcon(), what, t.User)
		if t.Current {
			fmt.Fprintf(ios.ErrOut, "%s that was the token this profile signs in with: run `supctl auth login` with another\n", cs.WarningIcon())
		}
	}
	return nil
}
