package cmdutil

import (
	"github.com/spf13/cobra"
)

// ExactArgs requires n positional arguments and otherwise fails with a
// usage error carrying msg as its hint.
func ExactArgs(n int, msg string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < n:
			return UsageErrorf("missing argument: %s", cmd.Use).WithHint("%s", msg)
		case len(args) > n:
			return UsageErrorf("too many arguments: %s takes %d", cmd.CommandPath(), n).WithHint("%s", msg)
		}
		return nil
	}
}

// FlagError makes cobra's flag parsing errors usage errors (exit 2) with a
// hint to the command's help.
func FlagError(c *cobra.Command, err error) error {
	return UsageErrorf("%s", err.Error()).WithHint("see `%s --help`", c.CommandPath())
}

// GroupsRefuseUnknown makes every command under root that only groups
// others answer an unknown subcommand as the root does, with a usage error
// (exit 2) naming the likely one, instead of printing its help and exiting
// 0: in a script, `supctl queue nxt` must not pass for success.
func GroupsRefuseUnknown(root *cobra.Command) {
	for _, c := range root.Commands() {
		if c.HasSubCommands() && !c.Runnable() {
			c.Args, c.SuggestionsMinimumDistance = unknownSubcommand, 2
			c.RunE = func(c *cobra.Command, _ []string) error { return c.Help() }
		}
		GroupsRefuseUnknown(c)
	}
}

func unknownSubcommand(c *cobra.Command, args []string) error {
	if len(args) == 0 {
		return nil
	}
	err := UsageErrorf("unknown command %q for %q", args[0], c.CommandPath())
	if likely := c.SuggestionsFor(args[0]); len(likely) > 0 {
		return err.WithHint("did you mean %q? see `%s --help`", likely[0], c.CommandPath())
	}
	return err.WithHint("see `%s --help`", c.CommandPath())
}
