package admin

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
)

// AccountFields are the JSON fields of an account.
var AccountFields = []string{"id", "name", "kind", "partner_id", "plan", "region", "created_at"}

func newCmdAccount(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "account <command>",
		Short: "Manage customer and partner accounts",
		Long: `Add and list the customer and partner organisations that tickets are opened
for; "supctl ticket create --account ID" takes an id that "supctl admin account
list" shows.`,
		Example: `  $ supctl admin account add --name "Acme Corp" --kind customer --plan premium --region apac-jp
  $ supctl admin account list`,
	}
	cmd.AddCommand(NewCmdAccountAdd(f, nil), NewCmdAccountList(f, nil))
	return cmd
}

// AccountAddOptions are the flags of `admin account add`.
type AccountAddOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Account   support.Account
}

// NewCmdAccountAdd returns `admin account add`; runF replaces the run in tests.
func NewCmdAccountAdd(f *cmdutil.Factory, runF func(*AccountAddOptions) error) *cobra.Command {
	opts := &AccountAddOptions{IO: f.IOStreams, APIClient: f.APIClient}
	a := &opts.Account
	cmd := &cobra.Command{
		Use:   "add --name <name> --kind <kind> --region <region> [flags]",
		Short: "Add a customer or partner account",
		Long: `Add a customer or partner organisation (admin or lead role). Its plan selects
the SLA policy and its region the schedule the SLA clocks follow. The new
account's id is printed on stdout, for "supctl ticket create --account".`,
		Example: `  $ supctl admin account add --name "Acme Corp" --kind customer --plan premium --region apac-jp
  $ supctl admin account add --name "Nippon Reseller KK" --kind partner --region apac-jp
  $ supctl admin account add --name "Kobe Steelworks" --kind customer --partner 3 --region apac-jp`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			check := *a
			if err := check.Normalize(); err != nil {
				return cmdutil.UsageErrorf("%s", err.Error())
			}
			*a = check
			if runF != nil {
				return runF(opts)
			}
			client, err := opts.APIClient()
			if err != nil {
				return err
			}
			created, err := client.CreateAccount(cmd.Context(), *a)
			if err != nil {
				return err
			}
			fmt.Fprintln(opts.IO.Out, created.ID)
			fmt.Fprintf(opts.IO.ErrOut, "%s added account %d, %s (%s, %s, %s)\n", opts.IO.ColorScheme().SuccessIcon(),
				created.ID, created.Name, created.Kind, created.Plan, created.Region)
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&a.Name, "name", "", "the organisation's name")
	fl.StringVar(&a.Kind, "kind", "customer", "kind: {"+strings.Join(support.AccountKinds.Values(), "|")+"}")
	fl.StringVar(&a.Plan, "plan", "standard", "support plan: {"+strings.Join(support.Plans.Values(), "|")+"}")
	fl.StringVar(&a.Region, "region", "", "support region: {"+strings.Join(support.Regions.Values(), "|")+"}")
	fl.Int64Var(&a.PartnerID, "partner", 0, "`id` of the partner account that serves this customer")
	for flag, enum := range map[string]support.Enum{"kind": support.AccountKinds, "plan": support.Plans, "region": support.Regions} {
		_ = cmd.RegisterFlagCompletionFunc(flag, completion.Enum(enum))
	}
	return cmd
}

// AccountListOptions are the flags of `admin account list`.
type AccountListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Exporter  *cmdutil.Exporter
}

// NewCmdAccountList returns `admin account list`; runF replaces the run in tests.
func NewCmdAccountList(f *cmdutil.Factory, runF func(*AccountListOptions) error) *cobra.Command {
	opts := &AccountListOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List customer and partner accounts",
		Long: `List the customer and partner organisations, by id: the ids that
"supctl ticket create --account" takes.

JSON FIELDS
  ` + strings.Join(AccountFields, ", "),
		Example: `  $ supctl admin account list
  $ supctl admin account list --json id,name --jq '.[] | select(.name | test("Acme")) | .id'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			client, err := opts.APIClient()
			if err != nil {
				return err
			}
			accounts, err := client.Accounts(cmd.Context())
			if err != nil {
				return err
			}
			if opts.Exporter != nil {
				return opts.Exporter.Write(opts.IO, accounts)
			}
			if len(accounts) == 0 {
				fmt.Fprintln(opts.IO.ErrOut, "no accounts yet; add one with `supctl admin account add`")
				return nil
			}
			tp := tableprinter.New(opts.IO, "ID", "NAME", "KIND", "PLAN", "REGION", "PARTNER")
			for _, a := range accounts {
				tp.AddField(strconv.FormatInt(a.ID, 10))
				tp.AddField(a.Name, tableprinter.WithTruncate())
				tp.AddField(a.Kind)
				tp.AddField(a.Plan)
				tp.AddField(a.Region)
				partner := ""
				if a.PartnerID != 0 {
					partner = strconv.FormatInt(a.PartnerID, 10)
				}
				tp.AddField(partner)
				tp.EndRow()
			}
			return tp.Render()
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, AccountFields)
	return cmd
}
