// Package create implements `supctl ticket create`.
package create

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// CreateOptions are the flags of `ticket create`.
type CreateOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)

	Ticket         support.NewTicket
	Body           string
	BodySet        bool
	BodyFile       string
	IdempotencyKey string

	// Edit is the user's editor; with neither --body nor --body-file on a
	// terminal, the description is written in it.
	Edit      cmdutil.Editor
	UseEditor bool
	// retry is the command line that runs this command again with some
	// flags set (see cmdutil.RetryCommand).
	retry func(set ...string) string
}

// NewCmdCreate returns the command; runF replaces the run in tests.
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Edit: f.Editor}
	n := &opts.Ticket
	cmd := &cobra.Command{
		Use:   "create --subject <text> --division <division> [flags]",
		Short: "Open a ticket",
		Long: `Open a ticket. The region and language default to the profile's. A
customer's or partner's ticket needs --account; an internal request (from
sales or an SE, --requester-kind internal) does not.

With neither --body nor --body-file on a terminal, the description is written
in your editor: SUPCTL_EDITOR, else VISUAL, else EDITOR, else nano or vi.
Saving an empty description opens nothing. If the request fails, the text is
kept in a file whose path is printed, to send again with --body-file.

The new ticket's id is printed on stdout, so scripts can capture it. Every
ticket is opened with an idempotency key: --idempotency-key, or one made up
for it. The same key returns the ticket the first call created instead of
opening another; if the server does not answer in time (--timeout), the
error prints the command that retries with the same key.`,
		Example: `  $ supctl ticket create --subject "Spark executors lost after upgrade" --division spark \
      --severity S2 --account 3 --body-file description.txt
  $ id=$(supctl ticket create --subject "Sizing question for a POC" --division core \
      --requester-kind internal --body "Customer asks for a 20-node sizing.")`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.retry = func(set ...string) string { return cmdutil.RetryCommand(cmd, args, set...) }
			opts.BodySet = cmd.Flags().Changed("body")
			opts.UseEditor = !opts.BodySet && opts.BodyFile == "" && opts.IO.CanPrompt() && opts.Edit != nil
			if !opts.UseEditor {
				body, err := shared.ReadBody(opts.IO, opts.Body, opts.BodyFile, opts.BodySet)
				if err != nil {
					return err
				}
				n.Description = body
			}
			if strings.TrimSpace(n.Subject) == "" {
				return cmdutil.UsageErrorf("--subject is required")
			}
			if n.Division == "" {
				return cmdutil.UsageErrorf("--division is required: one of %s", strings.Join(support.Divisions.Values(), ", "))
			}
			if err := validate(n); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return createRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&n.Subject, "subject", "", "one-line summary, in the customer's words")
	fl.StringVarP(&opts.Body, "body", "b", "", "description `text`")
	fl.StringVarP(&opts.BodyFile, "body-file", "F", "", "read the description from `file` (\"-\" for standard input)")
	fl.StringVar(&n.Severity, "severity", "S3", "severity: {S1|S2|S3|S4}")
	fl.StringVarP(&n.Division, "division", "d", "", "division: {"+strings.Join(support.Divisions.Values(), "|")+"}")
	fl.StringVarP(&n.Region, "region", "r", "", "region (default: the profile's)")
	fl.StringVar(&n.Language, "language", "", "language of the customer: {en|ja|ko} (default: the profile's)")
	fl.StringVar(&n.Channel, "channel", "phone", "channel: {"+strings.Join(support.Channels.Values(), "|")+"}")
	fl.StringVar(&n.RequesterKind, "requester-kind", "customer", "requester: {customer|partner|internal}")
	fl.StringVar(&n.RequesterName, "requester-name", "", "requester's name")
	fl.StringVar(&n.RequesterEmail, "requester-email", "", "requester's email")
	fl.Int64Var(&n.AccountID, "account", 0, "account `id` (not needed for internal requests)")
	fl.StringVar(&n.ProductVersion, "product-version", "", "product version, e.g. 7.5.0")
	fl.StringVar(&n.Environment, "environment", "", "environment, e.g. \"RHEL 8, 12 nodes, Kerberos\"")
	fl.StringSliceVar(&n.Tags, "tag", nil, "tag (repeatable)")
	fl.StringVar(&opts.IdempotencyKey, "idempotency-key", "", "make retries safe: the same `key` never opens a second ticket (default: a new key)")
	cmdutil.EnumFlags(cmd, map[string]support.Enum{
		"severity": support.Severities, "division": support.Divisions, "region": support.Regions,
		"language": support.Languages, "channel": support.Channels, "requester-kind": support.RequesterKinds,
	})
	_ = cmd.RegisterFlagCompletionFunc("account", shared.Live(f).Accounts())
	return cmd
}

func validate(n *support.NewTicket) error {
	one := func(flag string, enum support.Enum, value string) shared.EnumFlag {
		return shared.EnumFlag{Flag: flag, Enum: enum, Values: []string{value}}
	}
	if err := shared.CheckEnumFlags(
		one("severity", support.Severities, n.Severity),
		one("division", support.Divisions, n.Division),
		one("region", support.Regions, n.Region),
		one("language", support.Languages, n.Language),
		one("channel", support.Channels, n.Channel),
		one("requester-kind", support.RequesterKinds, n.RequesterKind),
	); err != nil {
		return err
	}
	if n.AccountID == 0 && n.RequesterKind != "internal" {
		return cmdutil.UsageErrorf("--account is required for a %s request", n.RequesterKind).
			WithHint("find the id with `supctl api /api/v1/accounts`, or use --requester-kind internal")
	}
	return nil
}

func createRun(ctx context.Context, opts *CreateOptions) error {
	n := opts.Ticket
	if cfg, err := opts.Config(); err == nil {
		if p, err := cfg.Active(); err == nil {
			n.Region = cmp.Or(n.Region, p.Region)
			n.Language = cmp.Or(n.Language, p.Language)
		}
	}
	if n.Region == "" {
		return cmdutil.UsageErrorf("--region is required: the profile has no region")
	}
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	if opts.UseEditor {
		if n.Description, err = editDescription(opts); err != nil {
			return err
		}
	}
	key := cmp.Or(opts.IdempotencyKey, api.NewIdempotencyKey())
	t, replayed, err := client.CreateTicketReplayed(ctx, n, key)
	if err != nil {
		return failed(opts, n.Description, err, key)
	}
	fmt.Fprintln(opts.IO.Out, t.ID)
	cs := opts.IO.ColorScheme()
	switch {
	case replayed:
		fmt.Fprintf(opts.IO.ErrOut, "%s %s %s was already open: the first attempt with this key opened it\n", cs.SuccessIcon(), shared.Ref(t.ID), text.Safe(t.Subject))
	case opts.IO.IsStderrTTY():
		fmt.Fprintf(opts.IO.ErrOut, "%s opened %s %s\n", cs.SuccessIcon(), shared.Ref(t.ID), text.Safe(t.Subject))
	}
	return nil
}

// editDescription has the user write the description in their editor.
func editDescription(opts *CreateOptions) (string, error) {
	text, err := opts.Edit("description.md", cmdutil.EditorTemplate("",
		"Describe the problem of the new ticket "+strconv.Quote(opts.Ticket.Subject)+": what fails,",
		"since when, the error messages, what was tried.",
		"Save and quit to open the ticket; an empty description opens nothing."))
	if err != nil {
		return "", err
	}
	body := cmdutil.StripEditorTemplate(text)
	if body == "" {
		return "", cmdutil.UsageErrorf("the description is empty: no ticket was opened")
	}
	return body, nil
}

// keep saves a description the user cannot type again (one written in the
// editor or read from standard input) in a file and returns its path; ""
// when it can be given again as it was.
func keep(opts *CreateOptions, body string) string {
	if !opts.UseEditor && opts.BodyFile != "-" {
		return ""
	}
	path, err := cmdutil.RecoverFile("description-*.md", body)
	if err != nil {
		fmt.Fprintf(opts.IO.ErrOut, "warning: cannot keep the description in a file: %v\n", err)
		return ""
	}
	return path
}

// failed is the error of a ticket that was not opened, or may have been:
// one that timed out says so and prints the command that retries it with
// the same idempotency key.
func failed(opts *CreateOptions, body string, err error, key string) error {
	path := keep(opts, body)
	if cmdutil.TimedOutWrite(err) == nil {
		if path != "" {
			fmt.Fprintf(opts.IO.ErrOut, "the description is kept in %s; to send it again, run:\n  %s\n", path, opts.retry("body-file", path))
		}
		return err
	}
	set := []string{"idempotency-key", key}
	if path != "" {
		set = append([]string{"body-file", path}, set...)
	}
	return &cmdutil.UncertainWriteError{
		Err:     err,
		Applied: "the ticket may have been opened",
		Retry:   cmdutil.RetryWithKey(opts.retry(set...), "opens the ticket"),
	}
}
