// Package release implements `supctl queue release`.
package release

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/iostreams"
)

// ReleaseOptions are the flags of `queue release`.
type ReleaseOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	ID        int64
	Reason    string
}

// NewCmdRelease returns the command; runF replaces the run in tests.
func NewCmdRelease(f *cmdutil.Factory, runF func(*ReleaseOptions) error) *cobra.Command {
	opts := &ReleaseOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "release <id> [--reason <text>]",
		Short: "Put a ticket you hold back in its queue",
		Long: `Unassign a ticket you hold so that it waits in its queue again. A lead
may release anyone's ticket. The release, and its reason, are recorded on
the ticket: supctl ticket history shows them.`,
		Example:           `  $ supctl queue release 1042 --reason "end of shift, handing to Hyderabad"`,
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl queue release 1042`"),
		ValidArgsFunction: tshared.Live(f).Tickets(completion.Held),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := tshared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if runF != nil {
				return runF(opts)
			}
			return releaseRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Reason, "reason", "m", "", "why it goes back")
	return cmd
}

func releaseRun(ctx context.Context, opts *ReleaseOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	t, err := client.Release(ctx, opts.ID, opts.Reason)
	if err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s released %s to %s/%s\n", opts.IO.ColorScheme().SuccessIcon(), tshared.Ref(t.ID), t.Region, t.Division)
	return nil
}
