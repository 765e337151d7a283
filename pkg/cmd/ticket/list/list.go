// Package list implements `supctl ticket list`.
package list

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
	"github.com/supctl/supctl/pkg/text"
)

// ListOptions are the flags of `ticket list`.
type ListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Cache     func() (*completion.Cache, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	Statuses   []string
	Severities []string
	Divisions  []string
	Regions    []string
	Languages  []string
	Assignee   string
	AccountID  int64
	Search     string
	Limit      int
	Sort       string
	// Breached and BreachingWithin filter by the next SLA breach.
	Breached        bool
	BreachingWithin time.Duration
}

// NewCmdList returns the command; runF replaces the run in tests.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, APIClient: f.APIClient, Cache: f.CompletionCache, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List tickets, filtered on the server",
		Long: `List tickets. By default only active tickets are listed (new, open,
pending_customer, pending_engineering, on_hold), the next SLA breach first;
use --status all for every status (newest activity first). The SLA column
is the time to the ticket's next breach: red when breached or within the
hour, yellow within four hours. Each filter flag takes several values, comma
separated or repeated; values of one flag are alternatives, different flags
must all match. Filtering and paging happen on the server.`,
		Example: `  $ supctl ticket list --assignee @me
  $ supctl ticket list --severity S1,S2 --region apac-jp --division spark
  $ supctl ticket list --search ミラーリング --status all
  $ supctl ticket list --assignee none --sort severity --limit 100
  $ supctl ticket list --breaching-within 2h --region apac-jp
  $ supctl ticket list --json id,subject,severity --jq '.[0].id'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(opts.Statuses) == 1 && opts.Statuses[0] == "all" {
				opts.Statuses = nil
			} else if !cmd.Flags().Changed("status") {
				opts.Statuses = support.ActiveStatuses
			}
			if !cmd.Flags().Changed("sort") && len(opts.Statuses) > 0 && onlyActive(opts.Statuses) {
				opts.Sort = "breach"
			} else if opts.Sort == "" {
				opts.Sort = "updated"
			}
			if opts.Breached && opts.BreachingWithin != 0 {
				return cmdutil.UsageErrorf("give --breached or --breaching-within, not both")
			}
			if opts.BreachingWithin < 0 {
				return cmdutil.UsageErrorf("invalid --breaching-within %s: give a positive duration such as 2h or 30m", opts.BreachingWithin)
			}
			if err := validate(opts); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return listRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringSliceVarP(&opts.Statuses, "status", "s", nil, "status: {"+strings.Join(support.Statuses.Values(), "|")+"|all}")
	fl.StringSliceVar(&opts.Severities, "severity", nil, "severity: {S1|S2|S3|S4}")
	fl.StringSliceVarP(&opts.Divisions, "division", "d", nil, "division: {"+strings.Join(support.Divisions.Values(), "|")+"}")
	fl.StringSliceVarP(&opts.Regions, "region", "r", nil, "region: {"+strings.Join(support.Regions.Values(), "|")+"}")
	fl.StringSliceVar(&opts.Languages, "language", nil, "language: {"+strings.Join(support.Languages.Values(), "|")+"}")
	fl.StringVarP(&opts.Assignee, "assignee", "a", "", "assignee: {@me|none|<email>}")
	fl.Int64Var(&opts.AccountID, "account", 0, "account `id`")
	fl.StringVarP(&opts.Search, "search", "S", "", "text in the subject or description")
	fl.IntVarP(&opts.Limit, "limit", "L", support.DefaultLimit, fmt.Sprintf("maximum number of tickets (1-%d)", support.MaxLimit))
	fl.StringVar(&opts.Sort, "sort", "", "order: {"+strings.Join(support.TicketSorts.Values(), "|")+"} (default breach when only active tickets are listed, else updated)")
	fl.BoolVar(&opts.Breached, "breached", false, "only tickets past an SLA breach")
	fl.DurationVar(&opts.BreachingWithin, "breaching-within", 0, "only tickets that breach an SLA within this `duration` (e.g. 2h), or have breached already")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, shared.TicketFields)
	for flag, enum := range map[string]support.Enum{
		"severity": support.Severities, "division": support.Divisions, "region": support.Regions,
		"language": support.Languages, "sort": support.TicketSorts,
	} {
		_ = cmd.RegisterFlagCompletionFunc(flag, completion.Enum(enum))
	}
	_ = cmd.RegisterFlagCompletionFunc("status", completion.Enum(support.Statuses, support.Choice{Value: "all", Description: "every status"}))
	_ = cmd.RegisterFlagCompletionFunc("assignee", cobra.FixedCompletions(
		[]cobra.Completion{"@me\tyour tickets", "none\tunassigned tickets"}, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

func validate(opts *ListOptions) error {
	if err := shared.CheckEnumFlags(
		shared.EnumFlag{Flag: "status", Enum: support.Statuses, Values: opts.Statuses},
		shared.EnumFlag{Flag: "severity", Enum: support.Severities, Values: opts.Severities},
		shared.EnumFlag{Flag: "division", Enum: support.Divisions, Values: opts.Divisions},
		shared.EnumFlag{Flag: "region", Enum: support.Regions, Values: opts.Regions},
		shared.EnumFlag{Flag: "language", Enum: support.Languages, Values: opts.Languages},
		shared.EnumFlag{Flag: "sort", Enum: support.TicketSorts, Values: []string{opts.Sort}},
	); err != nil {
		return err
	}
	if opts.Limit < 1 || opts.Limit > support.MaxLimit {
		return cmdutil.UsageErrorf("invalid --limit %d: use 1 to %d", opts.Limit, support.MaxLimit)
	}
	if opts.AccountID < 0 {
		return cmdutil.UsageErrorf("invalid --account %d: account ids are positive numbers", opts.AccountID)
	}
	return nil
}

func listRun(ctx context.Context, opts *ListOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	filter := support.TicketFilter{
		Statuses: opts.Statuses, Severities: opts.Severities, Divisions: opts.Divisions,
		Regions: opts.Regions, Languages: opts.Languages, AccountID: opts.AccountID,
		Search: opts.Search, Sort: opts.Sort,
		Assignee: opts.Assignee,
	}
	switch now := opts.Now(); {
	case opts.Breached:
		filter.BreachBy = &now
	case opts.BreachingWithin > 0:
		by := now.Add(opts.BreachingWithin)
		filter.BreachBy = &by
	}
	opts.IO.StartProgressIndicator()
	if filter.Assignee == "@me" {
		me, err := client.Me(ctx)
		if err != nil {
			opts.IO.StopProgressIndicator()
			return err
		}
		filter.Assignee = me.Email
	}
	tickets, err := client.ListAllTickets(ctx, filter, opts.Limit)
	opts.IO.StopProgressIndicator()
	if err != nil {
		return err
	}
	shared.Remember(opts.Cache, tickets...)
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, tickets)
	}
	if len(tickets) == 0 {
		if opts.IO.IsStdoutTTY() {
			fmt.Fprintln(opts.IO.ErrOut, "no tickets match")
		}
		return nil
	}
	if err := opts.IO.StartPager(); err == nil {
		defer opts.IO.StopPager()
	}
	return printTable(opts.IO, opts.Now(), tickets, len(opts.Regions) == 1)
}

// printTable shows the tickets. On a narrow terminal the columns give way
// in this order before the subject is cut below 25 cells: the assignee's
// domain, REGION when the list has one region, UPDATED, DIVISION, REGION,
// the SLA's long units, the assignee.
func printTable(ios *iostreams.IOStreams, now time.Time, tickets []support.Ticket, oneRegion bool) error {
	cs := ios.ColorScheme()
	regionRank := 50
	if oneRegion {
		regionRank = 20
	}
	tp := tableprinter.NewWithColumns(ios,
		tableprinter.Column{Header: "ID"},
		tableprinter.Column{Header: "SEV"},
		tableprinter.Column{Header: "STATUS"},
		tableprinter.Column{Header: "SLA", ShortenRank: 60, Shorten: text.CompactTimes},
		tableprinter.Column{Header: "SUBJECT", Truncate: true, MinWidth: 20, KeepWidth: 25},
		tableprinter.Column{Header: "REGION", DropRank: regionRank},
		tableprinter.Column{Header: "DIVISION", DropRank: 40},
		tableprinter.Column{Header: "ASSIGNEE", ShortenRank: 10, Shorten: tableprinter.ShortenEmail, DropRank: 70},
		tableprinter.Column{Header: "UPDATED", DropRank: 30},
	)
	for _, t := range tickets {
		tp.AddField(shared.IDField(ios, t.ID))
		tp.AddField(t.Severity, tableprinter.WithColor(cs.Severity))
		tp.AddField(t.Status, tableprinter.WithColor(cs.Status))
		breach, color := shared.BreachField(ios, now, t.NextBreach)
		tp.AddField(breach, tableprinter.WithColor(color))
		tp.AddField(t.Subject)
		tp.AddField(t.Region)
		tp.AddField(t.Division)
		tp.AddField(shared.AssigneeField(ios, t.Assignee))
		tp.AddTimeField(now, t.UpdatedAt)
		tp.EndRow()
	}
	return tp.Render()
}

// onlyActive reports whether every status is an active one: then the
// most urgent ticket is the one that breaches first.
func onlyActive(statuses []string) bool {
	for _, s := range statuses {
		if !slices.Contains(support.ActiveStatuses, s) {
			return false
		}
	}
	return true
}
