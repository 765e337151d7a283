// Package update implements `supctl ticket update`.
package update

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// UpdateOptions are the flags of `ticket update`.
type UpdateOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)

	ID         int64
	Status     string
	Severity   string
	AddTags    []string
	RemoveTags []string
	// Version is the version the caller last saw; 0 means "as read now".
	Version int
	// retry is the command line that runs this command again with some
	// flags set (see cmdutil.RetryCommand).
	retry func(set ...string) string
}

// NewCmdUpdate returns the command; runF replaces the run in tests.
func NewCmdUpdate(f *cmdutil.Factory, runF func(*UpdateOptions) error) *cobra.Command {
	opts := &UpdateOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "update <id> [--status <status>] [--severity <severity>] [--add-tag <tag>] [--remove-tag <tag>]",
		Short: "Change a ticket's status, severity or tags",
		Long: `Change a ticket. Every update carries the version it was made against: the
version read just before writing, or the one given with --if-version (as shown
by "ticket view --json version"). If someone changed the ticket in between,
nothing is written and supctl exits 5; read the ticket again and retry.

A closed ticket cannot be reopened.`,
		Example: `  $ supctl ticket update 1042 --status pending_customer
  $ supctl ticket update 1042 --severity S2 --add-tag upgrade --remove-tag triage
  $ supctl ticket update 1042 --status solved --if-version 7`,
		Args:              cmdutil.ExactArgs(1, "give the ticket id, e.g. `supctl ticket update 1042 --status open`"),
		ValidArgsFunction: shared.CompleteTicketIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := shared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			opts.retry = func(set ...string) string { return cmdutil.RetryCommand(cmd, args, set...) }
			if opts.Status == "" && opts.Severity == "" && len(opts.AddTags) == 0 && len(opts.RemoveTags) == 0 {
				return cmdutil.UsageErrorf("nothing to update: give --status, --severity, --add-tag or --remove-tag")
			}
			if err := shared.CheckEnumFlags(
				shared.EnumFlag{Flag: "status", Enum: support.Statuses, Values: []string{opts.Status}},
				shared.EnumFlag{Flag: "severity", Enum: support.Severities, Values: []string{opts.Severity}},
			); err != nil {
				return err
			}
			if opts.Version < 0 {
				return cmdutil.UsageErrorf("invalid --if-version %d: versions are positive numbers", opts.Version)
			}
			if runF != nil {
				return runF(opts)
			}
			return updateRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVarP(&opts.Status, "status", "s", "", "new status: {"+strings.Join(support.Statuses.Values(), "|")+"}")
	fl.StringVar(&opts.Severity, "severity", "", "new severity: {S1|S2|S3|S4}")
	fl.StringSliceVar(&opts.AddTags, "add-tag", nil, "add a tag (repeatable)")
	fl.StringSliceVar(&opts.RemoveTags, "remove-tag", nil, "remove a tag (repeatable)")
	fl.IntVar(&opts.Version, "if-version", 0, "fail unless the ticket is still at this `version`")
	cmdutil.EnumFlags(cmd, map[string]support.Enum{"status": support.Statuses, "severity": support.Severities})
	return cmd
}

func updateRun(ctx context.Context, opts *UpdateOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	before, err := client.Ticket(ctx, opts.ID)
	if err != nil {
		return err
	}
	version := before.Version
	if opts.Version != 0 {
		version = opts.Version
	}
	p := support.TicketPatch{AddTags: opts.AddTags, RemoveTags: opts.RemoveTags, Version: &version}
	if opts.Status != "" {
		p.Status = &opts.Status
	}
	if opts.Severity != "" {
		p.Severity = &opts.Severity
	}
	after, err := client.UpdateTicket(ctx, opts.ID, p)
	var httpErr *api.HTTPError
	if errors.As(err, &httpErr) && httpErr.StatusCode == http.StatusConflict && httpErr.Problem.CurrentVersion != 0 {
		return &cmdutil.Error{
			Code:    cmdutil.ExitConflict,
			Message: fmt.Sprintf("ticket %s changed since version %d (now version %d): nothing was written", shared.Ref(opts.ID), version, httpErr.Problem.CurrentVersion),
			HintMsg: fmt.Sprintf("run `supctl ticket view %d` and retry", opts.ID),
			Err:     err,
		}
	}
	if cmdutil.TimedOutWrite(err) != nil {
		return &cmdutil.UncertainWriteError{
			Err:     err,
			Applied: "the update may have been applied",
			Retry: fmt.Sprintf("retry at version %d, which changes nothing (exit 5) if the first attempt went through:\n  %s",
				version, opts.retry("if-version", strconv.Itoa(version))),
		}
	}
	if err != nil {
		return err
	}
	cs := opts.IO.ColorScheme()
	fmt.Fprintf(opts.IO.ErrOut, "%s updated %s (version %d)%s\n", cs.SuccessIcon(), shared.Ref(opts.ID), after.Version, describe(before, after))
	return nil
}

// describe lists what changed: ": status open → solved, tags +x -y".
func describe(before, after support.Ticket) string {
	var parts []string
	if before.Status != after.Status {
		parts = append(parts, "status "+before.Status+" → "+after.Status)
	}
	if before.Severity != after.Severity {
		parts = append(parts, "severity "+before.Severity+" → "+after.Severity)
	}
	if strings.Join(before.Tags, ",") != strings.Join(after.Tags, ",") {
		parts = append(parts, "tags "+strings.Join(after.Tags, ", "))
	}
	if len(parts) == 0 {
		return ""
	}
	return ": " + strings.Join(parts, "; ")
}
