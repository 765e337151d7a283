// Package auth groups the commands that manage API tokens.
package auth

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/auth/login"
	"github.com/supctl/supctl/pkg/cmd/auth/logout"
	"github.com/supctl/supctl/pkg/cmd/auth/status"
	"github.com/supctl/supctl/pkg/cmd/auth/token"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// NewCmdAuth returns `supctl auth` and its subcommands.
func NewCmdAuth(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "auth <command>",
		Short: "Log in to a backend, list and revoke tokens",
		Long: `Manage the API token of a profile. Tokens are looked up in SUPCTL_TOKEN,
then the OS keyring, then the credentials file
($XDG_CONFIG_HOME/supctl/credentials.yaml, mode 0600). Embedded profiles,
such as the built-in demo, need no token.`,
		Example: `  $ supctl auth login --profile tokyo
  $ supctl auth status
  $ supctl auth token list
  $ supctl auth logout`,
	}
	cmd.AddCommand(
		login.NewCmdLogin(f, nil),
		status.NewCmdStatus(f, nil),
		logout.NewCmdLogout(f, nil),
		token.NewCmdToken(f),
	)
	return cmd
}
