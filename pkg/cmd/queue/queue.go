// Package queue groups the queue commands.
package queue

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/queue/claim"
	"github.com/supctl/supctl/pkg/cmd/queue/list"
	"github.com/supctl/supctl/pkg/cmd/queue/next"
	"github.com/supctl/supctl/pkg/cmd/queue/release"
	"github.com/supctl/supctl/pkg/cmd/queue/show"
	"github.com/supctl/supctl/pkg/cmd/queue/skip"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// NewCmdQueue returns `supctl queue` and its subcommands.
func NewCmdQueue(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "queue <command>",
		Short: "See waiting work and take tickets",
		Long: `Queues are the waiting, unassigned tickets of a region and division
(e.g. apac-jp/spark), optionally of one language (apac-jp/spark/ja), in pick
order: earliest SLA breach first, then severity, then age. Take the right
ticket with "queue next", or a given one with "queue claim"; claims are
atomic, so two engineers never work the same ticket.`,
		Example: `  $ supctl queue list
  $ supctl queue show apac-jp/spark
  $ supctl queue next --dry-run
  $ supctl queue claim 1042`,
		Aliases: []string{"q"},
	}
	cmd.AddCommand(
		list.NewCmdList(f, nil),
		show.NewCmdShow(f, nil),
		claim.NewCmdClaim(f, nil),
		next.NewCmdNext(f, nil),
		skip.NewCmdSkip(f, nil),
		release.NewCmdRelease(f, nil),
	)
	return cmd
}
