// Package token groups the commands that manage one's own API tokens.
package token

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/auth/token/create"
	"github.com/supctl/supctl/pkg/cmd/auth/token/list"
	"github.com/supctl/supctl/pkg/cmd/auth/token/revoke"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// NewCmdToken returns `supctl auth token` and its subcommands.
func NewCmdToken(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "token <command>",
		Short: "Issue, list and revoke your API tokens",
		Long: `Issue yourself API tokens, one per machine or script, list the ones you hold
on the active profile's backend, and revoke the ones no longer used. Every
role may manage its own tokens; an administrator manages anyone's with
"supctl admin token".`,
		Example: `  $ supctl auth token list
  $ supctl auth token create --label "handoff cron" --expires 90d
  $ supctl auth token revoke 12`,
	}
	cmd.AddCommand(create.NewCmdCreate(f, nil), list.NewCmdList(f, nil), revoke.NewCmdRevoke(f, nil))
	return cmd
}
