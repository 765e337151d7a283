// Package remove implements `supctl profile remove`.
package remove

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// RemoveOptions are the arguments of `profile remove`.
type RemoveOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)

	Name string
}

// NewCmdRemove returns the command; runF replaces the run in tests.
func NewCmdRemove(f *cmdutil.Factory, runF func(*RemoveOptions) error) *cobra.Command {
	opts := &RemoveOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "remove <name>",
		Short: "Remove a profile and its stored token",
		Long: `Remove a profile from the config file, together with its token in the keyring
or the credentials file. Removing the current profile makes the built-in demo
current. The built-in demo itself cannot be removed; removing a demo entry
from the file restores its built-in settings.`,
		Example:           `  $ supctl profile remove sandbox`,
		Aliases:           []string{"rm"},
		Args:              cmdutil.ExactArgs(1, "name the profile to remove; `supctl profile list` shows them"),
		ValidArgsFunction: shared.CompleteNames(f.Config),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return removeRun(opts)
		},
	}
	return cmd
}

func removeRun(opts *RemoveOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	wasCurrent := cfg.CurrentName() == opts.Name
	if err := cfg.Remove(opts.Name); err != nil {
		return err
	}
	if err := cfg.Save(); err != nil {
		return err
	}
	removed, err := cfg.DeleteToken(opts.Name)
	if err != nil {
		return err
	}
	msg := "removed profile " + opts.Name
	if len(removed) > 0 {
		msg += " and its stored token"
	}
	shared.Success(opts.IO, "%s", msg)
	if wasCurrent && opts.Name != config.DemoName {
		shared.Warning(opts.IO, "it was the current profile; now using %s (switch with `supctl profile use NAME`)", cfg.CurrentName())
	}
	return nil
}
