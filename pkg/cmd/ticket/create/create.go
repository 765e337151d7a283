// Package create implements `supctl ticket create`.
package create

import (
	"cmp"
	"context"
	"fmt"
	"strings"

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
}

// NewCmdCreate returns the command; runF replaces the run in tests.
func NewCmdCreate(f *cmdutil.Factory, runF func(*CreateOptions) error) *cobra.Command {
	opts := &CreateOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config}
	n := &opts.Ticket
	cmd := &cobra.Command{
		Use:   "create --subject <text> --division <division> [flags]",
		Short: "Open a ticket",
		Long: `Open a ticket. The region and language default to the profile's. A
customer's or partner's ticket needs --account; an internal request (from
sales or an SE, --requester-kind internal) does not.

The new ticket's id is printed on stdout, so scripts can capture it. Pass
--idempotency-key to make a retried call safe: the same key returns the
ticket the first call created instead of opening another.`,
		Example: `  $ supctl ticket create --subject "Spark executors lost after upgrade" --division spark \
      --severity S2 --account 3 --body-file description.txt
  $ id=$(supctl ticket create --subject "Sizing question for a POC" --division core \
      --requester-kind internal --body "Customer asks for a 20-node sizing.")`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.BodySet = cmd.Flags().Changed("body")
			body, err := shared.ReadBody(opts.IO, opts.Body, opts.BodyFile, opts.BodySet)
			if err != nil {
				return err
			}
			n.Description = body
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
	fl.StringVar(&opts.IdempotencyKey, "idempotency-key", "", "make retries safe: the same `key` never opens a second ticket")
	for flag, enum := range map[string]support.Enum{
		"severity": support.Severities, "division": support.Divisions, "region": support.Regions,
		"language": support.Languages, "channel": support.Channels, "requester-kind": support.RequesterKinds,
	} {
		_ = cmd.RegisterFlagCompletionFunc(flag, completion.Enum(enum))
	}
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
	t, err := client.CreateTicket(ctx, n, opts.IdempotencyKey)
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.IO.Out, t.ID)
	if opts.IO.IsStderrTTY() {
		cs := opts.IO.ColorScheme()
		fmt.Fprintf(opts.IO.ErrOut, "%s opened %s %s\n", cs.SuccessIcon(), shared.Ref(t.ID), text.Safe(t.Subject))
	}
	return nil
}
