// Package next implements `supctl queue next`.
package next

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	qshared "github.com/supctl/supctl/pkg/cmd/queue/shared"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// NextOptions are the flags of `queue next`.
type NextOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	Queues []string
	DryRun bool
	Force  bool
}

var fields = []string{"ticket", "queue", "reason", "clock", "breach_at", "claimed"}

// NewCmdNext returns the command; runF replaces the run in tests.
func NewCmdNext(f *cmdutil.Factory, runF func(*NextOptions) error) *cobra.Command {
	opts := &NextOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "next [--queue <queue>]... [--dry-run] [--force]",
		Short: "Claim the most urgent ticket you can take",
		Long: `Pick the first ticket in pick order (earliest SLA breach, then severity,
then age) across the profile's queues, or those given with --queue, that
matches your skills and that you have not skipped, and claim it in the same
step. The ticket's id goes to stdout, and one line on stderr says why it was
picked. --dry-run shows the pick without claiming.

Nothing to pick is not an error: supctl says so on stderr and exits 0. When
you already hold as many active tickets as your work-in-progress limit, it
refuses (exit 5) unless --force.`,
		Example: `  $ supctl queue next
  $ supctl queue next --queue apac-jp/spark --queue apac-jp/sql --dry-run
  $ id=$(supctl queue next) && supctl ticket view "$id"`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := qshared.ParseQueues(opts.Queues); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return nextRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringArrayVarP(&opts.Queues, "queue", "q", nil, "take from this `queue` (repeatable; default: the profile's)")
	_ = cmd.RegisterFlagCompletionFunc("queue", tshared.Live(f).Queues(tshared.ProfileQueues(f)))
	cmd.Flags().BoolVar(&opts.DryRun, "dry-run", false, "show the pick without claiming it")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "ignore your work-in-progress limit")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, fields)
	return cmd
}

func nextRun(ctx context.Context, opts *NextOptions) error {
	queues, err := qshared.ParseQueues(opts.Queues)
	if err == nil && len(queues) == 0 {
		queues, err = qshared.ProfileQueues(opts.Config)
	}
	if err != nil {
		return err
	}
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	pick, ok, err := client.Next(ctx, support.NextRequest{Queues: queues, DryRun: opts.DryRun, Force: opts.Force})
	var httpErr *api.HTTPError
	if errors.As(err, &httpErr) && httpErr.StatusCode == http.StatusConflict {
		return &cmdutil.Error{Code: cmdutil.ExitConflict, Message: httpErr.Error(), Err: err}
	}
	if err != nil {
		return err
	}
	if !ok {
		fmt.Fprintln(opts.IO.ErrOut, "nothing to pick: no waiting ticket in your queues matches your skills")
		return nil
	}
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, pick)
	}
	t := tshared.Printable(pick.Ticket)
	cs := opts.IO.ColorScheme()
	if opts.IO.IsStdoutTTY() {
		breach, color := tshared.BreachField(opts.IO, opts.Now(), t.NextBreach)
		// The subject is cut to the terminal: `ticket view` shows it whole.
		subject := text.Truncate(opts.IO.TerminalWidth()-text.DisplayWidth(tshared.Ref(t.ID)+" "+t.Severity+" "), t.Subject)
		fmt.Fprintf(opts.IO.Out, "%s %s %s\n  %s · %s · %s · SLA %s\n", cs.Bold(tshared.Ref(t.ID)), cs.Severity(t.Severity), cs.Bold(subject),
			pick.Queue, t.Language, t.AccountName, color(breach))
	} else {
		fmt.Fprintln(opts.IO.Out, t.ID)
	}
	verb := "claimed"
	if !pick.Claimed {
		verb = "would claim"
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s %s %s: %s\n", cs.SuccessIcon(), verb, tshared.Ref(t.ID), reason(opts, pick))
	return nil
}

// reason is why the pick came first, its instant in the profile's
// timezone on a terminal and in RFC 3339 otherwise. Without an instant
// (no clock runs, or the server does not send it) the server's reason
// stands.
func reason(opts *NextOptions, pick support.Pick) string {
	if pick.BreachAt == nil {
		return pick.Reason
	}
	now := opts.Now()
	loc := tshared.ProfileZone(opts.Config)
	tty := opts.IO.IsStderrTTY()
	return pick.Describe(now, func(at time.Time) string { return tshared.When(tty, now, loc, at) })
}
