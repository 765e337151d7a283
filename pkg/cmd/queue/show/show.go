// Package show implements `supctl queue show`.
package show

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	qshared "github.com/supctl/supctl/pkg/cmd/queue/shared"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
	"github.com/supctl/supctl/pkg/text"
)

// ShowOptions are the flags of `queue show`.
type ShowOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	Queue support.Queue
	Limit int
}

// NewCmdShow returns the command; runF replaces the run in tests.
func NewCmdShow(f *cmdutil.Factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: f.IOStreams, APIClient: f.APIClient, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "show <queue>",
		Short: "List a queue's waiting tickets in pick order",
		Long: `List the unassigned tickets of a queue in the order "queue next" takes
them: earliest SLA breach first, then severity, then age. A queue is
<region>/<division>, or <region>/<division>/<language>.`,
		Example: `  $ supctl queue show apac-jp/spark
  $ supctl queue show emea-de/sql/en --limit 5 --json id,next_breach`,
		ValidArgsFunction: tshared.Live(f).QueueArg(tshared.ProfileQueues(f)),
		Args:              cmdutil.ExactArgs(1, "name the queue, e.g. `supctl queue show apac-jp/spark`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			qs, err := qshared.ParseQueues(args)
			if err != nil {
				return err
			}
			opts.Queue = qs[0]
			if opts.Limit < 1 || opts.Limit > support.MaxLimit {
				return cmdutil.UsageErrorf("invalid --limit %d: use 1 to %d", opts.Limit, support.MaxLimit)
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().IntVarP(&opts.Limit, "limit", "L", support.DefaultLimit, fmt.Sprintf("maximum number of tickets (1-%d)", support.MaxLimit))
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, tshared.TicketFields)
	return cmd
}

func showRun(ctx context.Context, opts *ShowOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	tickets, err := client.QueueTickets(ctx, opts.Queue, opts.Limit)
	if err != nil {
		return err
	}
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, tickets)
	}
	if len(tickets) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "nothing waits in %s\n", opts.Queue.Name())
		return nil
	}
	now := opts.Now()
	cs := opts.IO.ColorScheme()
	tp := tableprinter.NewWithColumns(opts.IO,
		tableprinter.Column{Header: "ID"},
		tableprinter.Column{Header: "SEV"},
		tableprinter.Column{Header: "SLA", ShortenRank: 20, Shorten: text.CompactTimes},
		tableprinter.Column{Header: "SUBJECT", Truncate: true, MinWidth: 20, KeepWidth: 30},
		tableprinter.Column{Header: "LANG", DropRank: 30},
		tableprinter.Column{Header: "WAITING", ShortenRank: 10, DropRank: 40},
	)
	for _, t := range tickets {
		tp.AddField(tshared.IDField(opts.IO, t.ID))
		tp.AddField(t.Severity, tableprinter.WithColor(cs.Severity))
		breach, color := tshared.BreachField(opts.IO, now, t.NextBreach)
		tp.AddField(breach, tableprinter.WithColor(color))
		tp.AddField(t.Subject)
		tp.AddField(t.Language)
		tp.AddTimeField(now, t.CreatedAt)
		tp.EndRow()
	}
	return tp.Render()
}
