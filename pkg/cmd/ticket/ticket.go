// Package ticket groups the ticket commands.
package ticket

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/ticket/assign"
	"github.com/supctl/supctl/pkg/cmd/ticket/comment"
	"github.com/supctl/supctl/pkg/cmd/ticket/create"
	"github.com/supctl/supctl/pkg/cmd/ticket/history"
	"github.com/supctl/supctl/pkg/cmd/ticket/list"
	"github.com/supctl/supctl/pkg/cmd/ticket/update"
	"github.com/supctl/supctl/pkg/cmd/ticket/view"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// NewCmdTicket returns `supctl ticket` and its subcommands.
func NewCmdTicket(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "ticket <command>",
		Short: "Look up, open, answer and update tickets",
		Long:  "Work with support tickets: list and search them, read one with its thread, open new ones, reply or add internal notes, and change status, severity or tags.",
		Example: `  $ supctl ticket list --assignee @me
  $ supctl ticket view 1042 --comments
  $ supctl ticket comment 1042 --body "Could you attach the NodeManager logs?"`,
		Aliases: []string{"tickets", "t"},
	}
	cmd.AddCommand(
		list.NewCmdList(f, nil),
		view.NewCmdView(f, nil),
		history.NewCmdHistory(f, nil),
		create.NewCmdCreate(f, nil),
		comment.NewCmdComment(f, nil),
		update.NewCmdUpdate(f, nil),
		assign.NewCmdAssign(f, nil),
	)
	return cmd
}
