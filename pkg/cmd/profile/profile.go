// Package profile groups the profile commands.
package profile

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/add"
	"github.com/supctl/supctl/pkg/cmd/profile/list"
	"github.com/supctl/supctl/pkg/cmd/profile/remove"
	"github.com/supctl/supctl/pkg/cmd/profile/set"
	"github.com/supctl/supctl/pkg/cmd/profile/show"
	"github.com/supctl/supctl/pkg/cmd/profile/use"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// NewCmdProfile returns `supctl profile` and its subcommands.
func NewCmdProfile(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "profile <command>",
		Short: "Manage profiles: one per region or backend",
		Long: `A profile holds what differs by region: the backend's api_url, your user,
region, timezone, language, queues and the profile you hand off to. Profiles
live in the config file ($XDG_CONFIG_HOME/supctl/config.yaml, or
SUPCTL_CONFIG); the built-in demo profile works with no file at all. See
` + "`supctl help profiles`" + `.`,
		Example: `  $ supctl profile list
  $ supctl profile add tokyo --api-url https://support.example.com --region apac-jp --use
  $ supctl profile set timezone Asia/Tokyo
  $ supctl profile show`,
	}
	cmd.AddCommand(
		list.NewCmdList(f, nil),
		show.NewCmdShow(f, nil),
		use.NewCmdUse(f, nil),
		add.NewCmdAdd(f, nil),
		remove.NewCmdRemove(f, nil),
		set.NewCmdSet(f, nil),
	)
	return cmd
}
