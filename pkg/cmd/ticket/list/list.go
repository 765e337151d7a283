// Package list implements `supctl ticket list`.
package list

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
	"github.com/supctl/supctl/pkg/text"
)

// ListOptions are the flags of `ticket list`.
type ListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Cache     func() (*completion.Cache, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	Statuses     []string
	Severities   []string
	Divisions    []string
	Regions      []string
	Languages    []string
	Tags         []string
	Assignee     string
	AccountID    int64
	Search       string
	UpdatedSince string
	Limit        int
	All          bool
	Sort         string
	// Breached and BreachingWithin filter by the next SLA breach.
	Breached        bool
	BreachingWithin time.Duration
	// ProfileView is set when neither --region nor an assignee was given:
	// the list then keeps to the profile's region and, without --division,
	// its queues.
	ProfileView bool
}

// sortDue is the order of the shift's view: running clocks by earliest
// due, then breached tickets, then tickets without a running clock. The
// list pages through the breach order in runs to show it.
const sortDue = "due"

// shiftStatuses are the statuses where the next move is ours.
var shiftStatuses = []string{"new", "open"}

// NewCmdList returns the command; runF replaces the run in tests.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Cache: f.CompletionCache, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "list [flags]",
		Short: "List tickets, filtered on the server",
		Long: `List tickets.

With no flags the list is the work that needs someone now: the new and open
tickets (the statuses where the next move is ours) of your profile's region
(every region when it names none) and, when the profile lists queues there,
their divisions. It shows the tickets
whose SLA clock still runs first, the one due soonest on top, because those
are the SLAs that can still be met; then the tickets already breached,
longest overdue first; then those with no running clock. Every other view is
one flag away: --status all (or a list of statuses) and --region all (or a
list of regions); --sort orders by one key instead. --assignee with a person
(@me or an email) lists their tickets in every region.

--breaching-within 2h keeps the tickets whose running clock is due in the
next two hours, not those already breached; --breached keeps those. The SLA
column is the time to the ticket's next breach: red when breached or within
the hour, yellow within four hours.

Each filter flag takes several values, comma separated or repeated; values of
one flag are alternatives, different flags must all match. --search matches
text in the subject or description the way people type it: full-width and
half-width forms alike (ＮａｍｅＮｏｄｅ finds namenode) and Latin letters in
any case. Filtering and paging happen on the server.

A list stops at --limit tickets (30 by default). When more match, it says so
on stderr and still exits 0: "showing 30 of 195" when stderr is a terminal,
otherwise a line starting "warning: the list stops at". Scripts that must
not miss a ticket pass --all, which reads every page and prints piped rows as
they arrive (a table on a terminal, and JSON, are printed once the last page
is read), or check stderr for that warning.`,
		Example: `  $ supctl ticket list
  $ supctl ticket list --assignee @me --status all
  $ supctl ticket list --severity S1,S2 --region apac-jp --division spark
  $ supctl ticket list --search ＮａｍｅＮｏｄｅ --status all
  $ supctl ticket list --tag outage --updated-since 24h --region all
  $ supctl ticket list --breaching-within 2h
  $ supctl ticket list --status all --region all --all --json id,status`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			switch {
			case len(opts.Statuses) == 1 && opts.Statuses[0] == "all":
				opts.Statuses = nil
			case !fl.Changed("status"):
				opts.Statuses = shiftStatuses
			}
			if len(opts.Regions) == 1 && opts.Regions[0] == "all" {
				opts.Regions = nil
			}
			// A person's tickets are theirs in any region.
			opts.ProfileView = !fl.Changed("region") && (opts.Assignee == "" || opts.Assignee == support.Unassigned)
			if !fl.Changed("sort") {
				opts.Sort = "updated"
				if len(opts.Statuses) > 0 && onlyActive(opts.Statuses) {
					opts.Sort = sortDue
				}
			}
			if opts.Breached && opts.BreachingWithin != 0 {
				return cmdutil.UsageErrorf("give --breached or --breaching-within, not both")
			}
			if opts.BreachingWithin < 0 {
				return cmdutil.UsageErrorf("invalid --breaching-within %s: give a positive duration such as 2h or 30m", opts.BreachingWithin)
			}
			if opts.All && fl.Changed("limit") {
				return cmdutil.UsageErrorf("give --limit or --all, not both")
			}
			if opts.UpdatedSince != "" {
				if _, err := parseSince(opts.UpdatedSince, time.Time{}); err != nil {
					return err
				}
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
	fl.StringSliceVarP(&opts.Statuses, "status", "s", nil, "status: {"+strings.Join(support.Statuses.Values(), "|")+"|all} (default new,open)")
	fl.StringSliceVar(&opts.Severities, "severity", nil, "severity: {S1|S2|S3|S4}")
	fl.StringSliceVarP(&opts.Divisions, "division", "d", nil, "division: {"+strings.Join(support.Divisions.Values(), "|")+"} (default: your profile's queues)")
	fl.StringSliceVarP(&opts.Regions, "region", "r", nil, "region: {"+strings.Join(support.Regions.Values(), "|")+"|all} (default: your profile's)")
	fl.StringSliceVar(&opts.Languages, "language", nil, "language: {"+strings.Join(support.Languages.Values(), "|")+"}")
	fl.StringSliceVar(&opts.Tags, "tag", nil, "only tickets carrying one of these `tags`")
	fl.StringVarP(&opts.Assignee, "assignee", "a", "", "assignee: {@me|none|<email>}")
	fl.Int64Var(&opts.AccountID, "account", 0, "account `id`")
	fl.StringVarP(&opts.Search, "search", "S", "", "text in the subject or description, in any width or case")
	fl.StringVar(&opts.UpdatedSince, "updated-since", "", "only tickets changed since `time`: RFC 3339, or a duration ago (90m, 24h, 7d)")
	fl.IntVarP(&opts.Limit, "limit", "L", support.DefaultLimit, fmt.Sprintf("maximum number of tickets (1-%d)", support.MaxLimit))
	fl.BoolVar(&opts.All, "all", false, "every matching ticket, read page by page")
	fl.StringVar(&opts.Sort, "sort", "", "order: {"+sortDue+"|"+strings.Join(support.TicketSorts.Values(), "|")+"} (default due for active statuses, else updated)")
	fl.BoolVar(&opts.Breached, "breached", false, "only tickets past an SLA breach")
	fl.DurationVar(&opts.BreachingWithin, "breaching-within", 0, "only tickets whose running SLA clock is due within this `duration` (e.g. 2h)")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, shared.TicketFields)
	cmdutil.EnumFlags(cmd, map[string]support.Enum{
		"severity": support.Severities, "division": support.Divisions, "language": support.Languages,
		"status": support.Statuses.With(support.Choice{Value: "all", Description: "every status"}),
		"region": support.Regions.With(support.Choice{Value: "all", Description: "every region"}),
		"sort":   support.TicketSorts.With(support.Choice{Value: sortDue, Description: "running clocks by due, then breached"}),
	})
	_ = cmd.RegisterFlagCompletionFunc("account", shared.Live(f).Accounts())
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
	); err != nil {
		return err
	}
	if opts.Sort != sortDue {
		if err := shared.CheckEnumFlags(shared.EnumFlag{Flag: "sort", Enum: support.TicketSorts, Values: []string{opts.Sort}}); err != nil {
			return cmdutil.UsageErrorf("invalid --sort %q: valid values are %s, %s", opts.Sort, sortDue, strings.Join(support.TicketSorts.Values(), ", "))
		}
	}
	if opts.Limit < 1 || opts.Limit > support.MaxLimit {
		return cmdutil.UsageErrorf("invalid --limit %d: use 1 to %d", opts.Limit, support.MaxLimit)
	}
	if opts.AccountID < 0 {
		return cmdutil.UsageErrorf("invalid --account %d: account ids are positive numbers", opts.AccountID)
	}
	if _, err := support.NormalizeTags(opts.Tags); err != nil {
		return cmdutil.UsageErrorf("invalid --tag: %s", strings.TrimPrefix(err.Error(), "tags: "))
	}
	if n := utf8.RuneCountInString(opts.Search); n > support.MaxSearch {
		return cmdutil.UsageErrorf("invalid --search: %d characters; search for at most %d", n, support.MaxSearch)
	}
	return nil
}

// parseSince reads --updated-since: an RFC 3339 instant, or a duration
// (Go's, or whole days such as 7d) back from now.
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	d, err := time.ParseDuration(s)
	if days, ok := strings.CutSuffix(s, "d"); ok && err != nil {
		var n int
		if _, serr := fmt.Sscanf(days, "%d", &n); serr == nil && fmt.Sprint(n) == days {
			d, err = time.Duration(n)*24*time.Hour, nil
		}
	}
	if err != nil || d < 0 {
		return time.Time{}, cmdutil.UsageErrorf("invalid --updated-since %q: give an RFC 3339 time such as 2026-11-27T09:00:00+09:00, or a duration back from now such as 90m, 24h or 7d", s)
	}
	return now.Add(-d), nil
}

// profileScope is the region and divisions of the shift's view: the
// profile's region and the queues it lists there, or nothing when the
// profile names no region.
func profileScope(opts *ListOptions) (regions, divisions []string) {
	if opts.Config == nil {
		return nil, nil
	}
	cfg, err := opts.Config()
	if err != nil {
		return nil, nil
	}
	p, err := cfg.Active()
	if err != nil || p.Region == "" {
		return nil, nil
	}
	for _, name := range p.Queues {
		q, err := support.ParseQueue(name)
		if err != nil || q.Region != p.Region {
			continue
		}
		if !slices.Contains(divisions, q.Division) {
			divisions = append(divisions, q.Division)
		}
	}
	if len(divisions) == len(support.Divisions.Values()) {
		divisions = nil
	}
	return []string{p.Region}, divisions
}

func listRun(ctx context.Context, opts *ListOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	now := opts.Now()
	filter := support.TicketFilter{
		Statuses: opts.Statuses, Severities: opts.Severities, Divisions: opts.Divisions,
		Regions: opts.Regions, Languages: opts.Languages, AccountID: opts.AccountID,
		Search: opts.Search, Assignee: opts.Assignee, Tags: opts.Tags,
	}
	if opts.ProfileView {
		var divisions []string
		filter.Regions, divisions = profileScope(opts)
		if len(filter.Divisions) == 0 {
			filter.Divisions = divisions
		}
	}
	if opts.UpdatedSince != "" {
		since, err := parseSince(opts.UpdatedSince, now)
		if err != nil {
			return err
		}
		filter.UpdatedSince = &since
	}
	switch {
	case opts.Breached:
		filter.BreachBy = &now
	case opts.BreachingWithin > 0:
		by := now.Add(opts.BreachingWithin)
		filter.BreachAfter, filter.BreachBy = &now, &by
	}
	opts.IO.StartProgressIndicatorWithLabel("Fetching tickets…")
	if filter.Assignee == "@me" {
		me, err := client.Me(ctx)
		if err != nil {
			opts.IO.StopProgressIndicator()
			return err
		}
		filter.Assignee = me.Email
	}
	// A list of one region needs no REGION column on a narrow terminal.
	oneRegion := len(filter.Regions) == 1
	limit := opts.Limit
	if opts.All {
		limit = 0
	}
	// Piped rows are printed as each page arrives; a terminal's table and
	// JSON need every row first.
	stream := opts.Exporter == nil && !opts.IO.IsStdoutTTY()
	var tickets []support.Ticket
	srcs := sources(filter, opts.Sort, now)
	filters := make([]support.TicketFilter, len(srcs))
	for i, s := range srcs {
		filters[i] = s.f
	}
	shown, more, err := readList(ctx, client, srcs, limit, func(page []support.Ticket) error {
		opts.IO.StopProgressIndicator()
		shared.Remember(opts.Cache, page...)
		if stream {
			return printTable(opts.IO, now, page, oneRegion)
		}
		tickets = append(tickets, page...)
		return nil
	})
	opts.IO.StopProgressIndicator()
	if err != nil {
		return err
	}
	switch {
	case opts.Exporter != nil:
		if tickets == nil {
			tickets = []support.Ticket{}
		}
		err = opts.Exporter.Write(opts.IO, tickets)
	case shown == 0:
		if opts.IO.IsStdoutTTY() {
			fmt.Fprintln(opts.IO.ErrOut, "no tickets match")
		}
	case !stream:
		if perr := opts.IO.StartPager(); perr == nil {
			err = printTable(opts.IO, now, tickets, oneRegion)
			opts.IO.StopPager()
		} else {
			err = printTable(opts.IO, now, tickets, oneRegion)
		}
	}
	if err != nil {
		return err
	}
	if !more {
		return nil
	}
	ios := opts.IO
	if ios.IsStderrTTY() {
		// A person is told how many there are, at the cost of a count.
		hint := fmt.Sprintf("showing the first %d; more match — --limit N or --all", shown)
		if total, ok, err := countAll(ctx, client, filters); err == nil && ok && total > shown {
			hint = fmt.Sprintf("showing %d of %d — --limit N or --all", shown, total)
		}
		fmt.Fprintln(ios.ErrOut, ios.ColorScheme().Muted(hint))
		return nil
	}
	cutWarning(ios, shown)
	return nil
}

// cutWarning tells a script that the list stopped at its limit while more
// tickets match.
func cutWarning(ios *iostreams.IOStreams, shown int) {
	noun := "tickets"
	if shown == 1 {
		noun = "ticket"
	}
	fmt.Fprintf(ios.ErrOut, "warning: the list stops at %d %s and more match; use --limit N or --all\n", shown, noun)
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
