// Package history implements `supctl ticket history`.
package history

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// HistoryOptions are the flags of `ticket history`.
type HistoryOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	ID int64
}

// fields are the JSON fields of an event, as the API names them.
var fields = []string{"id", "actor", "kind", "before", "after", "at"}

// NewCmdHistory returns the command; runF replaces the run in tests.
func NewCmdHistory(f *cmdutil.Factory, runF func(*HistoryOptions) error) *cobra.Command {
	opts := &HistoryOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "history <id>",
		Short: "Show who changed a ticket, what and when",
		Long: `Show the history of a ticket, oldest first: its creation, claims,
releases and skips with their reasons, status, severity and assignee
changes, and comments, each with who and when.

On a terminal times are in the profile's timezone; piped, each event is a
tab-separated line: RFC 3339 time, actor, kind, and what happened.
--json gives the events as the API records them (kind, before, after).

The history is internal: partner users are refused it.`,
		Example: `  $ supctl ticket history 1042
  $ supctl ticket history 1042 --json kind,actor,at,after --jq '.[] | select(.kind == "released")'`,
		Args:              cmdutil.ExactArgs(1, "give the id of the ticket, e.g. `supctl ticket history 1042`"),
		ValidArgsFunction: shared.CompleteTicketIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := shared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if runF != nil {
				return runF(opts)
			}
			return historyRun(cmd.Context(), opts)
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, fields)
	return cmd
}

func historyRun(ctx context.Context, opts *HistoryOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	opts.IO.StartProgressIndicator()
	events, err := client.Events(ctx, opts.ID)
	opts.IO.StopProgressIndicator()
	if err != nil {
		return err
	}
	if events == nil {
		events = []support.Event{}
	}
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, events)
	}
	if len(events) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "%s has no recorded history\n", shared.Ref(opts.ID))
		return nil
	}
	if err := opts.IO.StartPager(); err == nil {
		defer opts.IO.StopPager()
	}
	shared.PrintHistory(opts.IO.Out, opts.IO, opts.Now(), shared.ProfileZone(opts.Config), events)
	return nil
}
