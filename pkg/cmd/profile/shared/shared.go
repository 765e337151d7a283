// Package shared holds what several profile commands use: completion of
// profile names and the status line they print.
package shared

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// CompleteNames completes the first argument with the profile names.
func CompleteNames(cfg func() (*config.Config, error)) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return names(cfg), cobra.ShellCompDirectiveNoFileComp
	}
}

// CompleteNameFlag completes a flag whose value is a profile name.
func CompleteNameFlag(cfg func() (*config.Config, error)) cobra.CompletionFunc {
	return func(*cobra.Command, []string, string) ([]cobra.Completion, cobra.ShellCompDirective) {
		return names(cfg), cobra.ShellCompDirectiveNoFileComp
	}
}

func names(cfg func() (*config.Config, error)) []cobra.Completion {
	c, err := cfg()
	if err != nil {
		return nil
	}
	return c.ProfileNames()
}

// Success prints a status line on stderr: "✓ switched to profile tokyo".
func Success(ios *iostreams.IOStreams, format string, args ...any) {
	fmt.Fprintf(ios.ErrOut, "%s %s\n", ios.ColorScheme().SuccessIcon(), fmt.Sprintf(format, args...))
}

// Warning prints a warning line on stderr.
func Warning(ios *iostreams.IOStreams, format string, args ...any) {
	fmt.Fprintf(ios.ErrOut, "%s %s\n", ios.ColorScheme().WarningIcon(), fmt.Sprintf(format, args...))
}
