// Package claim implements `supctl queue claim`.
package claim

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	qshared "github.com/supctl/supctl/pkg/cmd/queue/shared"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

// ClaimOptions are the flags of `queue claim`.
type ClaimOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	ID        int64
}

// NewCmdClaim returns the command; runF replaces the run in tests.
func NewCmdClaim(f *cmdutil.Factory, runF func(*ClaimOptions) error) *cobra.Command {
	opts := &ClaimOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "claim <id>",
		Short: "Take a waiting ticket",
		Long: `Assign a waiting ticket to yourself. The claim is one compare-and-set on
the server: if someone else got there first, nothing changes and supctl
exits 5 naming who holds the ticket and since when.`,
		Example:           "  $ supctl queue claim 1042",
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl queue claim 1042`"),
		ValidArgsFunction: tshared.Live(f).Tickets(completion.Claimable),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := tshared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if runF != nil {
				return runF(opts)
			}
			return claimRun(cmd.Context(), opts)
		},
	}
	return cmd
}

func claimRun(ctx context.Context, opts *ClaimOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	t, err := client.Claim(ctx, opts.ID)
	if err != nil {
		return qshared.ClaimLost(err, opts.ID, tshared.ErrOutWhen(opts.IO, opts.Now, opts.Config))
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s claimed %s %s\n", opts.IO.ColorScheme().SuccessIcon(), tshared.Ref(t.ID), text.Safe(t.Subject))
	return nil
}
