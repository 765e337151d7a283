// Package admin implements `supctl admin`: users and tokens.
package admin

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// NewCmdAdmin returns `supctl admin` and its subcommands.
func NewCmdAdmin(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin <command>",
		Short: "Manage users and API tokens (admin role)",
		Long:  "Add users and issue API tokens. These commands need a profile whose user has the admin role.",
		Example: `  $ supctl admin user add --email priya@example.com --role engineer --region apac-in
  $ supctl admin token create --user priya@example.com --label laptop`,
	}
	user := &cobra.Command{
		Use:     "user <command>",
		Short:   "Manage users",
		Long:    "Add the engineers, leads, partners and read-only viewers who use the server; each gets a first API token.",
		Example: "  $ supctl admin user add --email priya@example.com --role engineer --region apac-in",
	}
	user.AddCommand(NewCmdUserAdd(f, nil))
	token := &cobra.Command{
		Use:     "token <command>",
		Short:   "Issue API tokens",
		Long:    "Issue more API tokens for a user, one per machine or script, each with a label saying where it is used.",
		Example: "  $ supctl admin token create --user priya@example.com --label handoff-script",
	}
	token.AddCommand(NewCmdTokenCreate(f, nil))
	cmd.AddCommand(user, token)
	return cmd
}

// UserAddOptions are the flags of `admin user add`.
type UserAddOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	User      support.NewUser
}

// NewCmdUserAdd returns `admin user add`; runF replaces the run in tests.
func NewCmdUserAdd(f *cmdutil.Factory, runF func(*UserAddOptions) error) *cobra.Command {
	opts := &UserAddOptions{IO: f.IOStreams, APIClient: f.APIClient}
	u := &opts.User
	cmd := &cobra.Command{
		Use:   "add --email <email> --role <role> --region <region> [flags]",
		Short: "Add a user and print their first token",
		Long: `Add a user. Their first API token is printed on stdout, once: hand it to
them to run "supctl auth login --with-token".`,
		Example: `  $ supctl admin user add --email ken@example.com --name "Ken Sato" --role engineer --region apac-jp
  $ supctl admin user add --email yuki@example.com --region apac-jp --division spark,sql --language ja,en --wip-limit 8
  $ supctl admin user add --email lee@partner.example --role partner --region apac-kr --account 14`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			check := support.User{Email: u.Email, Name: u.Name, Role: u.Role, Region: u.Region, Tier: u.Tier, AccountID: u.AccountID,
				Divisions: u.Divisions, Languages: u.Languages, WIPLimit: u.WIPLimit}
			if err := check.Normalize(); err != nil {
				return cmdutil.UsageErrorf("%s", err.Error())
			}
			if runF != nil {
				return runF(opts)
			}
			return userAddRun(cmd.Context(), opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&u.Email, "email", "", "the user's email (their login)")
	fl.StringVar(&u.Name, "name", "", "display name")
	fl.StringVar(&u.Role, "role", "engineer", "role: {"+strings.Join(support.Roles.Values(), "|")+"}")
	fl.StringVar(&u.Region, "region", "", "region: {"+strings.Join(support.Regions.Values(), "|")+"}")
	fl.StringVar(&u.Tier, "tier", "frontline", "tier: {frontline|backline}")
	fl.Int64Var(&u.AccountID, "account", 0, "partner organisation `id` (role partner only)")
	fl.StringSliceVar(&u.Divisions, "division", nil, "a `division` the user takes tickets in; repeat or separate with commas (default: any): {"+strings.Join(support.Divisions.Values(), "|")+"}")
	fl.StringSliceVar(&u.Languages, "language", nil, "a `language` the user takes tickets in; repeat or separate with commas (default: any): {"+strings.Join(support.Languages.Values(), "|")+"}")
	fl.IntVar(&u.WIPLimit, "wip-limit", 0, fmt.Sprintf("how many active tickets the user may hold before queue next refuses more (0: the default, %d)", support.DefaultWIPLimit))
	enums := map[string]support.Enum{"role": support.Roles, "region": support.Regions, "tier": support.Tiers, "division": support.Divisions, "language": support.Languages}
	for flag, enum := range enums {
		_ = cmd.RegisterFlagCompletionFunc(flag, completion.Enum(enum))
	}
	return cmd
}

func userAddRun(ctx context.Context, opts *UserAddOptions) error {
	client, err := opts.APIClient()
	if err != nil {
		return err
	}
	issued, err := client.CreateUser(ctx, opts.User)
	if err != nil {
		return err
	}
	printIssued(opts.IO, issued, "added "+issued.User.Email+" ("+issued.User.Role+", "+issued.User.Region+")")
	return nil
}

// TokenCreateOptions are the flags of `admin token create`.
type TokenCreateOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Email     string
	Label     string
}

// NewCmdTokenCreate returns `admin token create`; runF replaces the run in tests.
func NewCmdTokenCreate(f *cmdutil.Factory, runF func(*TokenCreateOptions) error) *cobra.Command {
	opts := &TokenCreateOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "create --user <email> [--label <text>]",
		Short: "Issue an API token for a user",
		Long:  "Issue a new API token for a user and print it on stdout, once. Tokens are stored hashed; a lost token cannot be shown again, only replaced.",
		Example: `  $ supctl admin token create --user ken@example.com --label "ken laptop"
  $ supctl admin token create --user ken@example.com | supctl auth login --with-token --profile tokyo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(opts.Email) == "" {
				return cmdutil.UsageErrorf("--user is required: the email of the user to issue a token for")
			}
			if runF != nil {
				return runF(opts)
			}
			client, err := opts.APIClient()
			if err != nil {
				return err
			}
			issued, err := client.CreateToken(cmd.Context(), opts.Email, opts.Label)
			if err != nil {
				return err
			}
			printIssued(opts.IO, issued, "issued a token for "+issued.User.Email)
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Email, "user", "", "`email` of the user")
	cmd.Flags().StringVar(&opts.Label, "label", "", "what the token is for")
	return cmd
}

// printIssued prints the token alone on stdout, for pipes, and what
// happened on stderr.
func printIssued(ios *iostreams.IOStreams, issued api.IssuedToken, what string) {
	fmt.Fprintln(ios.Out, issued.Token)
	fmt.Fprintf(ios.ErrOut, "%s %s; the token above is shown only once\n", ios.ColorScheme().SuccessIcon(), what)
}
