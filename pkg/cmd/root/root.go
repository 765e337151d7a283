// Package root assembles the supctl command tree.
package root

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/build"
	adminCmd "github.com/supctl/supctl/pkg/cmd/admin"
	apiCmd "github.com/supctl/supctl/pkg/cmd/api"
	authCmd "github.com/supctl/supctl/pkg/cmd/auth"
	demoCmd "github.com/supctl/supctl/pkg/cmd/demo"
	profileCmd "github.com/supctl/supctl/pkg/cmd/profile"
	profileShared "github.com/supctl/supctl/pkg/cmd/profile/shared"
	queueCmd "github.com/supctl/supctl/pkg/cmd/queue"
	serveCmd "github.com/supctl/supctl/pkg/cmd/serve"
	ticketCmd "github.com/supctl/supctl/pkg/cmd/ticket"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// Command groups of the root help.
const (
	GroupTickets  = "tickets"
	GroupQueues   = "queues"
	GroupSettings = "settings"
	GroupServer   = "server"
)

// usageFooter ends every command's help: where the environment and exit
// codes are explained.
const usageFooter = `
ENVIRONMENT
  SUPCTL_PROFILE, SUPCTL_CONFIG, SUPCTL_TOKEN, SUPCTL_PAGER, NO_COLOR,
  CLICOLOR_FORCE and more: see "supctl help environment".
  Exit codes: see "supctl help exit-codes".
`

// NewCmdRoot returns the root command with every subcommand.
func NewCmdRoot(f *cmdutil.Factory) *cobra.Command {
	var showVersion bool
	cmd := &cobra.Command{
		Use:   "supctl <command> <subcommand> [flags]",
		Short: "The support engineer's command line",
		Long: `Work support tickets from the terminal: look tickets up, answer and note them,
take work from queues, and keep every SLA clock in sight.

With no configuration, supctl runs on the built-in demo profile: an embedded
server over a local database filled with sample tickets, so every command can
be tried before any server exists.`,
		Example: `  $ supctl ticket list --status open --severity S1
  $ supctl ticket view 1042 --comments
  $ supctl ticket list --json id,subject --jq '.[].subject'
  $ supctl profile use tokyo`,
		Args:          cobra.NoArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		// --version is a flag of our own rather than cobra's Version, whose
		// text/template costs more than the rest of the command.
		RunE: func(cmd *cobra.Command, args []string) error {
			if showVersion {
				fmt.Fprintln(f.IOStreams.Out, "supctl "+build.Get().String())
				return nil
			}
			return cmd.Help()
		},
	}
	cmd.Flags().BoolVarP(&showVersion, "version", "v", false, "show the version, commit and build date")
	cmd.PersistentFlags().StringVarP(&f.Profile, "profile", "P", "", "use this profile instead of the current one (env: SUPCTL_PROFILE)")
	cmd.PersistentFlags().DurationVar(&f.Timeout, "timeout", 0, "wait this long for a remote server's answer, e.g. 10s (default 30s; env: SUPCTL_TIMEOUT)")
	_ = cmd.RegisterFlagCompletionFunc("profile", profileShared.CompleteNameFlag(f.Config))
	cmd.SetFlagErrorFunc(cmdutil.FlagError)

	cmd.AddGroup(
		&cobra.Group{ID: GroupTickets, Title: "Tickets:"},
		&cobra.Group{ID: GroupQueues, Title: "Queues:"},
		&cobra.Group{ID: GroupSettings, Title: "Settings:"},
		&cobra.Group{ID: GroupServer, Title: "Server and scripting:"},
	)
	add := func(group string, cmds ...*cobra.Command) {
		for _, c := range cmds {
			c.GroupID = group
			cmd.AddCommand(c)
		}
	}
	add(GroupTickets, ticketCmd.NewCmdTicket(f))
	add(GroupQueues, queueCmd.NewCmdQueue(f))
	add(GroupSettings, profileCmd.NewCmdProfile(f), authCmd.NewCmdAuth(f), demoCmd.NewCmdDemo(f))
	add(GroupServer, serveCmd.NewCmdServe(f, nil), adminCmd.NewCmdAdmin(f), apiCmd.NewCmdAPI(f, nil))
	cmd.SetCompletionCommandGroupID(GroupSettings)
	cmd.SetHelpCommandGroupID(GroupSettings)
	cmd.SetUsageTemplate(cmd.UsageTemplate() + usageFooter)
	cmd.SetHelpFunc(wrapHelp(f.IOStreams, cmd.HelpFunc()))
	cmd.AddCommand(newCmdRefreshCompletion(f))
	for _, t := range helpTopics {
		cmd.AddCommand(newHelpTopic(t))
	}
	cmdutil.GroupsRefuseUnknown(cmd)
	return cmd
}
