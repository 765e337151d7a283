// Package admin implements `supctl admin`: users, accounts and tokens.
package admin

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	authshared "github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmd/auth/token/revoke"
	tshared "github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// NewCmdAdmin returns `supctl admin` and its subcommands.
func NewCmdAdmin(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "admin <command>",
		Short: "Manage users, accounts and API tokens (admin role)",
		Long:  "Add users and customer accounts, and issue, list and revoke API tokens. These commands need a profile whose user has the admin role (a lead may manage accounts).",
		Example: `  $ supctl admin user add --email priya@example.com --role engineer --region apac-in
  $ supctl admin account add --name "Acme Corp" --kind customer --plan premium --region apac-jp
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
		Use:   "token <command>",
		Short: "Issue, list and revoke anyone's API tokens",
		Long: `Issue more API tokens for a user, one per machine or script, each with a
label saying where it is used and, optionally, when it expires; list a
user's tokens; revoke anyone's.`,
		Example: `  $ supctl admin token create --user priya@example.com --label handoff-script --expires 90d
  $ supctl admin token list --user priya@example.com
  $ supctl admin token revoke 12`,
	}
	token.AddCommand(NewCmdTokenCreate(f, nil), NewCmdTokenList(f, nil), NewCmdTokenRevoke(f, nil))
	cmd.AddCommand(user, newCmdAccount(f), token)
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
			check := support.User{Email: u.Email, Name: u.Name, Role: support.Role(u.Role), Region: u.Region, Tier: u.Tier, AccountID: u.AccountID,
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
	cmdutil.EnumFlags(cmd, map[string]support.Enum{"role": support.Roles, "region": support.Regions, "tier": support.Tiers, "division": support.Divisions, "language": support.Languages})
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
	printIssued(opts.IO, issued, "added "+issued.User.Email+" ("+string(issued.User.Role)+", "+issued.User.Region+")")
	return nil
}

// TokenCreateOptions are the flags of `admin token create`.
type TokenCreateOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Config    func() (*config.Config, error)
	Now       func() time.Time
	Email     string
	Label     string
	// Expires is the --expires value; ExpiresAt the instant it gives.
	Expires   string
	ExpiresAt *time.Time
}

// NewCmdTokenCreate returns `admin token create`; runF replaces the run in tests.
func NewCmdTokenCreate(f *cmdutil.Factory, runF func(*TokenCreateOptions) error) *cobra.Command {
	opts := &TokenCreateOptions{IO: f.IOStreams, APIClient: f.APIClient, Config: f.Config, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "create --user <email> [--label <text>] [--expires <lifetime>]",
		Short: "Issue an API token for a user",
		Long: fmt.Sprintf(`Issue a new API token for a user and print it on stdout, once. Tokens are
stored hashed; a lost token cannot be shown again, only replaced. With
--expires the token stops working after that long; without, it works until
revoked. One user may hold at most %d unexpired tokens.`, support.MaxLiveTokens),
		Example: `  $ supctl admin token create --user ken@example.com --label "ken laptop"
  $ supctl admin token create --user ken@example.com --label ci --expires 90d
  $ supctl admin token create --user ken@example.com | supctl auth login --with-token --profile tokyo`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(opts.Email) == "" {
				return cmdutil.UsageErrorf("--user is required: the email of the user to issue a token for")
			}
			var err error
			if opts.ExpiresAt, err = authshared.ParseLifetime(opts.Expires, opts.Now()); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			client, err := opts.APIClient()
			if err != nil {
				return err
			}
			issued, err := client.CreateToken(cmd.Context(), api.NewToken{Email: opts.Email, Label: opts.Label, ExpiresAt: opts.ExpiresAt})
			if err != nil {
				return err
			}
			authshared.PrintIssued(opts.IO, issued, tshared.ErrOutWhen(opts.IO, opts.Now, opts.Config))
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Email, "user", "", "`email` of the user")
	cmd.Flags().StringVar(&opts.Label, "label", "", "what the token is for")
	cmd.Flags().StringVar(&opts.Expires, "expires", "", authshared.LifetimeHelp)
	return cmd
}

// TokenListOptions are the flags of `admin token list`.
type TokenListOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	Now       func() time.Time
	Exporter  *cmdutil.Exporter
	Email     string
}

// NewCmdTokenList returns `admin token list`; runF replaces the run in tests.
func NewCmdTokenList(f *cmdutil.Factory, runF func(*TokenListOptions) error) *cobra.Command {
	opts := &TokenListOptions{IO: f.IOStreams, APIClient: f.APIClient, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "list --user <email>",
		Short: "List a user's API tokens",
		Long: `List a user's API tokens, oldest first, as "supctl auth token list" lists
one's own: id, label, when each was created and last used, and when it
expires.

` + authshared.TokenJSONHelp,
		Example: `  $ supctl admin token list --user ken@example.com
  $ supctl admin token list --user ken@example.com --json id,label,expires_at`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(opts.Email) == "" {
				return cmdutil.UsageErrorf("--user is required: the email of the user whose tokens to list")
			}
			if runF != nil {
				return runF(opts)
			}
			client, err := opts.APIClient()
			if err != nil {
				return err
			}
			list, err := client.Tokens(cmd.Context(), opts.Email)
			if err != nil {
				return err
			}
			if opts.Exporter != nil {
				opts.Exporter.SetClock(opts.Now)
				return opts.Exporter.Write(opts.IO, list.Tokens)
			}
			return authshared.PrintTokens(opts.IO, opts.Now(), list, opts.Email+" holds no tokens")
		},
	}
	cmd.Flags().StringVar(&opts.Email, "user", "", "`email` of the user")
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, authshared.TokenFields)
	return cmd
}

// TokenRevokeOptions are the arguments of `admin token revoke`.
type TokenRevokeOptions struct {
	IO        *iostreams.IOStreams
	APIClient func() (*api.Client, error)
	IDs       []int64
}

// NewCmdTokenRevoke returns `admin token revoke`; runF replaces the run in tests.
func NewCmdTokenRevoke(f *cmdutil.Factory, runF func(*TokenRevokeOptions) error) *cobra.Command {
	opts := &TokenRevokeOptions{IO: f.IOStreams, APIClient: f.APIClient}
	cmd := &cobra.Command{
		Use:   "revoke <id>...",
		Short: "Revoke anyone's API tokens",
		Long: `Revoke API tokens of any user by their ids, as "supctl admin token list"
shows them. ` + revoke.RevocationDelay + ` The revocation is recorded on the
owner's history.`,
		Example: `  $ supctl admin token revoke 12
  $ supctl admin token list --user ken@example.com --jq '.[].id' | xargs supctl admin token revoke`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.IDs = nil
			for _, arg := range args {
				id, err := authshared.ParseTokenID(arg)
				if err != nil {
					return err
				}
				opts.IDs = append(opts.IDs, id)
			}
			if runF != nil {
				return runF(opts)
			}
			return revoke.RevokeRun(cmd.Context(), opts.IO, opts.APIClient, opts.IDs)
		},
	}
	return cmd
}

// printIssued prints the token alone on stdout, for pipes, and what
// happened on stderr.
func printIssued(ios *iostreams.IOStreams, issued api.IssuedToken, what string) {
	fmt.Fprintln(ios.Out, issued.Token)
	fmt.Fprintf(ios.ErrOut, "%s %s; the token above is shown only once\n", ios.ColorScheme().SuccessIcon(), what)
}
