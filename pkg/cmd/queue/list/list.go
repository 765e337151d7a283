// Package list implements `supctl queue list`.
package list

import (
	"context"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	qshared "github.com/supctl/supctl/pkg/cmd/queue/shared"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
	"github.com/supctl/supctl/pkg/text"
)

// ListOptions are the flags of `queue list`.
type ListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	All bool
}

var fields = []string{"queue", "unassigned", "oldest_at", "next_breach", "breached"}

// NewCmdList returns the command; runF replaces the run in tests.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "list [--all]",
		Short: "Show how much work waits in each queue",
		Long: `For each queue of the profile (or every queue with --all): how many
tickets wait unassigned, how long the oldest has waited, when the next SLA
breach falls, and how many have breached already.`,
		Example: `  $ supctl queue list
  $ supctl queue list --all --json queue,breached --jq '.[] | select(.breached > 0) | .queue'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.All, "all", "A", false, "every queue, not only the profile's")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, fields)
	return cmd
}

func listRun(ctx context.Context, opts *ListOptions) error {
	var queues []support.Queue
	if !opts.All {
		var err error
		if queues, err = qshared.ProfileQueues(opts.Config); err != nil {
			return err
		}
	}
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	stats, err := client.QueueStats(ctx, queues)
	if err != nil {
		return err
	}
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, stats)
	}
	now := opts.Now()
	cs := opts.IO.ColorScheme()
	tp := tableprinter.NewWithColumns(opts.IO,
		tableprinter.Column{Header: "QUEUE"},
		tableprinter.Column{Header: "WAITING"},
		tableprinter.Column{Header: "OLDEST", ShortenRank: 10},
		tableprinter.Column{Header: "NEXT BREACH", ShortenRank: 10, Shorten: text.CompactTimes},
		tableprinter.Column{Header: "BREACHED"},
	)
	for _, s := range stats {
		tp.AddField(s.Queue)
		tp.AddField(strconv.Itoa(s.Unassigned))
		tp.AddTimeField(now, deref(s.OldestAt))
		breach, color := tshared.BreachField(opts.IO, now, s.NextBreach)
		tp.AddField(breach, tableprinter.WithColor(color))
		if s.Breached > 0 {
			tp.AddField(strconv.Itoa(s.Breached), tableprinter.WithColor(cs.Danger))
		} else {
			tp.AddField("0")
		}
		tp.EndRow()
	}
	return tp.Render()
}

func deref(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
