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
