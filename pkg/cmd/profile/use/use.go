// Package use implements `supctl profile use`.
package use

import (
	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// UseOptions are the arguments of `profile use`.
type UseOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)

	Name string
}

// NewCmdUse returns the command; runF replaces the run in tests.
func NewCmdUse(f *cmdutil.Factory, runF func(*UseOptions) error) *cobra.Command {
	opts := &UseOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "use <name>",
		Short: "Switch to another profile",
		Long: `Make a profile the current one: every later command uses it until you switch
again. To use a profile for one command only, pass --profile or set
SUPCTL_PROFILE instead.`,
		Example: `  $ supctl profile use tokyo
  $ supctl profile use demo`,
		Args:              cmdutil.ExactArgs(1, "name the profile to switch to; `supctl profile list` shows them"),
		ValidArgsFunction: shared.CompleteNames(f.Config),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			if runF != nil {
				return runF(opts)
			}
			return useRun(opts)
		},
	}
	return cmd
}

func useRun(opts *UseOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	if err := cfg.Use(opts.Name); err != nil {
		return err
	}
	if err := cfg.Save(); err != nil {
		return err
	}
	shared.Success(opts.IO, "switched to profile %s", opts.Name)
	if active, from := cfg.ActiveName(); active != opts.Name {
		shared.Warning(opts.IO, "profile %s stays active in this shell: %s selects it", active, selector(from))
	}
	return nil
}

// selector names what picked the active profile when it is not the file.
func selector(from config.Source) string {
	if from == config.SourceEnv {
		return "SUPCTL_PROFILE"
	}
	return "--profile"
}
