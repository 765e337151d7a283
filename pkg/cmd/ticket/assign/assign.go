// Package assign implements `supctl ticket assign`.
package assign

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	qshared "github.com/supctl/supctl/pkg/cmd/queue/shared"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// AssignOptions are the flags of `ticket assign`.
type AssignOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	ID        int64
	To        string
}

// NewCmdAssign returns the command; runF replaces the run in tests.
func NewCmdAssign(f *cmdutil.Factory, runF func(*AssignOptions) error) *cobra.Command {
	opts := &AssignOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "assign <id> --to <email>",
		Short: "Give a ticket to an engineer (leads)",
		Long: `Assign a ticket to an engineer, whoever holds it now. Leads and admins
assign to anyone; an engineer only to themselves, and only a ticket nobody
else holds, as "queue claim" does (exit 5 naming the holder otherwise).
The change is recorded on the ticket.`,
		Example:           "  $ supctl ticket assign 1042 --to priya@example.com",
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl ticket assign 1042 --to priya@example.com`"),
		ValidArgsFunction: shared.CompleteTicketIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := shared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if !strings.Contains(opts.To, "@") {
				return cmdutil.UsageErrorf("--to needs the email of an engineer, e.g. --to priya@example.com")
			}
			if runF != nil {
				return runF(opts)
			}
			return assignRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.To, "to", "", "`email` of the engineer")
	_ = cmd.RegisterFlagCompletionFunc("to", shared.Live(f).Engineers())
	return cmd
}

func assignRun(ctx context.Context, opts *AssignOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	t, err := client.UpdateTicket(ctx, opts.ID, support.TicketPatch{Assignee: &opts.To})
	if err != nil {
		return qshared.ClaimLost(err, opts.ID, shared.ErrOutWhen(opts.IO, opts.Now, opts.Config))
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s assigned %s to %s\n", opts.IO.ColorScheme().SuccessIcon(), shared.Ref(t.ID), t.Assignee)
	return nil
}
