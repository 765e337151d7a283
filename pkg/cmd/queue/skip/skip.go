// Package skip implements `supctl queue skip`.
package skip

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/iostreams"
)

// SkipOptions are the flags of `queue skip`.
type SkipOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	ID        int64
	Reason    string
}

// NewCmdSkip returns the command; runF replaces the run in tests.
func NewCmdSkip(f *cmdutil.Factory, runF func(*SkipOptions) error) *cobra.Command {
	opts := &SkipOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "skip <id> --reason <text>",
		Short: "Pass on a ticket so queue next stops offering it to you",
		Long: `Record that you pass on a ticket, and why (it needs a skill you lack, a
language, a colleague already knows the customer...). "queue next" no longer
offers it to you; others still get it. The skip, and its reason, are
recorded on the ticket: supctl ticket history shows them.`,
		Example:           `  $ supctl queue skip 1042 --reason "needs Korean; handing to Seoul"`,
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl queue skip 1042 --reason ...`"),
		ValidArgsFunction: tshared.Live(f).Tickets(completion.Claimable),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := tshared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if strings.TrimSpace(opts.Reason) == "" {
				return cmdutil.UsageErrorf("--reason is required: say why you pass on the ticket")
			}
			if runF != nil {
				return runF(opts)
			}
			return skipRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Reason, "reason", "m", "", "why you pass on it")
	return cmd
}

func skipRun(ctx context.Context, opts *SkipOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	if err := client.Skip(ctx, opts.ID, opts.Reason); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s skipped %s\n", opts.IO.ColorScheme().SuccessIcon(), tshared.Ref(opts.ID))
	return nil
}
