// Package view implements `supctl ticket view`.
package view

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// ViewOptions are the flags of `ticket view`.
type ViewOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Cache     func() (*completion.Cache, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter

	ID       int64
	Comments bool
	History  bool
}

// viewFields are the JSON fields of `ticket view`: a ticket and its thread.
var viewFields = append(append([]string{}, shared.TicketFields...), "comments", "sla")

// NewCmdView returns the command; runF replaces the run in tests.
func NewCmdView(f *cmdutil.Factory, runF func(*ViewOptions) error) *cobra.Command {
	opts := &ViewOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Cache: f.CompletionCache, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "view <id>",
		Short: "Show a ticket, optionally with its thread",
		Long: `Show a ticket: subject, status, severity, account, requester, channel,
region, division, language, assignee and tier, times in the profile's
timezone, then the description. With --comments, the thread follows; internal
notes are marked as such. With --history, who claimed, released, skipped or
changed the ticket and when (see supctl ticket history); partner users are
refused the history.`,
		Example: `  $ supctl ticket view 1042
  $ supctl ticket view 1042 --comments
  $ supctl ticket view 1042 --history
  $ supctl ticket view 1042 --json status,version --jq .status`,
		Args:              cmdutil.ExactArgs(1, "give the id of the ticket to view, e.g. `supctl ticket view 1042`"),
		ValidArgsFunction: shared.CompleteTicketIDs(f),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := shared.ParseID(args[0])
			if err != nil {
				return err
			}
			opts.ID = id
			if opts.History && opts.Exporter != nil {
				return cmdutil.UsageErrorf("--history does not combine with --json, --jq or --template").
					WithHint("the events as JSON: supctl ticket history %d --json", id)
			}
			if runF != nil {
				return runF(opts)
			}
			return viewRun(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVarP(&opts.Comments, "comments", "c", false, "show the thread of replies and internal notes")
	cmd.Flags().BoolVar(&opts.History, "history", false, "show who claimed, released, skipped or changed the ticket, and when")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, viewFields)
	return cmd
}

// ticketWithComments is the JSON of `ticket view`.
type ticketWithComments struct {
	support.Ticket
	Comments []support.Comment `json:"comments"`
	SLA      support.TicketSLA `json:"sla"`
}

func viewRun(ctx context.Context, opts *ViewOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	wantComments := opts.Comments || opts.Exporter != nil && slices.Contains(opts.Exporter.Fields(), "comments")
	opts.IO.StartProgressIndicatorWithLabel("Fetching the ticket…")
	v, err := fetch(ctx, client, opts.ID, wantComments, opts.History && opts.Exporter == nil)
	opts.IO.StopProgressIndicator()
	if err != nil {
		return err
	}
	t, comments, clocks, events := v.ticket, v.comments, v.clocks, v.events
	shared.Remember(opts.Cache, t)
	if opts.Exporter != nil {
		if comments == nil {
			comments = []support.Comment{}
		}
		return opts.Exporter.Write(opts.IO, ticketWithComments{Ticket: t, Comments: comments, SLA: clocks})
	}
	loc := shared.ProfileZone(opts.Config)
	if err := opts.IO.StartPager(); err == nil {
		defer opts.IO.StopPager()
	}
	printTicket(opts.IO, opts.Now(), loc, t, clocks, comments, opts.Comments)
	if opts.History {
		out, cs := opts.IO.Out, opts.IO.ColorScheme()
		fmt.Fprintf(out, "\n%s\n", cs.Bold("── history: "+text.Pluralize(len(events), "event")+" ──"))
		shared.PrintHistory(out, opts.IO, opts.Now(), loc, events)
	}
	return nil
}

// fetched is what the view shows of a ticket.
type fetched struct {
	ticket   support.Ticket
	comments []support.Comment
	clocks   support.TicketSLA
	events   []support.Event
}

// fetch requests the ticket, its SLA clocks and, as asked, its comments
// and its events all at once, so that the view waits for one round trip
// rather than one per request.
//
// The error is the ticket's when that request fails: a missing ticket
// reads as missing, whatever became of the others. Otherwise it is that of
// the first of comments, clocks and events, in that order, that failed on
// its own; a request that failed after another had already failed is not
// reported, as it may only have been cancelled. A failure cancels the
// requests other than the ticket's, whose answer is still awaited.
func fetch(ctx context.Context, client *api.Client, id int64, comments, events bool) (fetched, error) {
	var v fetched
	rest, cancel := context.WithCancel(ctx)
	defer cancel()
	var wg sync.WaitGroup
	var ticketErr error
	wg.Go(func() {
		if v.ticket, ticketErr = client.Ticket(ctx, id); ticketErr != nil {
			cancel()
		}
	})
	// errs and late are those of comments, clocks and events; late says
	// the request failed once the others had been cancelled.
	var errs [3]error
	var late [3]bool
	get := func(i int, call func(context.Context) error) {
		wg.Go(func() {
			if errs[i] = call(rest); errs[i] != nil {
				late[i] = rest.Err() != nil
				cancel()
			}
		})
	}
	if comments {
		get(0, func(ctx context.Context) (err error) { v.comments, err = client.Comments(ctx, id); return err })
	}
	get(1, func(ctx context.Context) (err error) { v.clocks, err = client.TicketSLA(ctx, id); return err })
	if events {
		get(2, func(ctx context.Context) (err error) { v.events, err = client.Events(ctx, id); return err })
	}
	wg.Wait()
	if ticketErr != nil {
		return v, ticketErr
	}
	for i, err := range errs {
		if err != nil && !late[i] {
			return v, err
		}
	}
	// Every failure came late: the caller's context was cancelled.
	for _, err := range errs {
		if err != nil {
			return v, err
		}
	}
	return v, nil
}

func printTicket(ios *iostreams.IOStreams, now time.Time, loc *time.Location, t support.Ticket, clocks support.TicketSLA, comments []support.Comment, withComments bool) {
	out := ios.Out
	cs := ios.ColorScheme()
	tty := ios.IsStdoutTTY()
	when := func(at time.Time) string {
		if !tty {
			return shared.RFC3339(at)
		}
		return at.In(loc).Format("2006-01-02 15:04 MST") + " (" + text.RelativeTime(now, at) + ")"
	}
	t = shared.Printable(t)
	ref := shared.Ref(t.ID)
	subject := []string{t.Subject}
	if tty {
		subject = text.WrapLine(max(ios.TerminalWidth()-len(ref)-1, 1), t.Subject)
	}
	for i, line := range subject {
		if i == 0 {
			fmt.Fprintf(out, "%s %s\n", cs.Bold(ref), cs.Bold(line))
		} else {
			fmt.Fprintf(out, "%s %s\n", strings.Repeat(" ", len(ref)), cs.Bold(line))
		}
	}
	account := t.AccountName
	if account == "" {
		account = "(internal request)"
	}
	assignee := t.Assignee
	if assignee == "" {
		assignee = "unassigned"
	}
	rows := [][2]string{
		{"status", cs.Status(t.Status)},
		{"severity", cs.Severity(t.Severity)},
		{"account", account + " · " + t.RequesterKind},
		{"requester", requester(t)},
		{"channel", t.Channel},
		{"area", t.Region + " / " + t.Division + " / " + t.Language},
		{"assignee", assignee + " · " + t.Tier},
		{"version", joinSet(" · ", t.ProductVersion, t.Environment)},
		{"tags", strings.Join(t.Tags, ", ")},
		{"created", when(t.CreatedAt)},
		{"updated", when(t.UpdatedAt)},
	}
	if t.TAM != "" {
		rows = append(rows, [2]string{"tam", t.TAM})
	}
	for _, r := range rows {
		// A long value (an environment, many tags) wraps under itself.
		lines := []string{r[1]}
		if tty {
			lines = text.WrapLine(max(ios.TerminalWidth()-12, 1), r[1])
		}
		for i, l := range lines {
			label := ""
			if i == 0 {
				label = r[0] + ":"
			}
			fmt.Fprintf(out, "%s %s\n", cs.Muted(text.PadRight(11, label)), l)
		}
	}
	printSLA(out, cs, slaView{tty: tty, width: ios.TerminalWidth(), now: now, viewer: loc}, clocks)
	fmt.Fprintln(out)
	wrap := 0 // piped, text is printed as it was written
	if tty {
		wrap = ios.TerminalWidth()
	}
	printBody(out, "", wrap, t.Description)
	if withComments {
		printThread(out, cs, func(at time.Time) string { return shared.When(tty, now, loc, at) }, wrap, comments)
	}
}

// requester is "Name <email>", or whichever of the two the ticket has.
func requester(t support.Ticket) string {
	if t.RequesterEmail == "" {
		return t.RequesterName
	}
	return strings.TrimSpace(t.RequesterName + " <" + t.RequesterEmail + ">")
}

// joinSet joins the values that are set.
func joinSet(sep string, values ...string) string {
	return strings.Join(slices.DeleteFunc(values, func(v string) bool { return v == "" }), sep)
}

// printThread shows the comments; with a width, each body's lines are
// wrapped to it keeping their indentation.
func printThread(out io.Writer, cs *iostreams.ColorScheme, when func(time.Time) string, width int, comments []support.Comment) {
	fmt.Fprintf(out, "\n%s\n", cs.Bold("── "+text.Pluralize(len(comments), "comment")+" ──"))
	for _, c := range comments {
		kind := "reply"
		switch {
		case c.Internal:
			kind = cs.Warning("INTERNAL NOTE")
		case c.FromRequester:
			kind = "reply from the requester"
		}
		fmt.Fprintf(out, "\n%s · %s · %s\n", cs.Bold(text.Safe(c.Author)), kind, cs.Muted(when(c.CreatedAt)))
		prefix := "  "
		if c.Internal {
			prefix = "  │ "
		}
		printBody(out, prefix, width, text.Safe(c.Body))
	}
}

// printBody prints text, each line after prefix; with a width, lines
// longer than it are wrapped keeping their indentation.
func printBody(out io.Writer, prefix string, width int, body string) {
	for _, line := range strings.Split(strings.TrimRight(body, "\n"), "\n") {
		lines := []string{line}
		if width > 0 {
			lines = text.WrapLine(width-text.DisplayWidth(prefix), line)
		}
		for _, l := range lines {
			fmt.Fprintln(out, strings.TrimRight(prefix+l, " "))
		}
	}
}
