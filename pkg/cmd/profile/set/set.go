// Package set implements `supctl profile set`.
package set

import (
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// SetOptions are the arguments and flags of `profile set`.
type SetOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)

	Key         string
	Value       string
	ProfileName string // the deprecated --profile-name; "" = the active profile
}

// NewCmdSet returns the command; runF replaces the run in tests.
func NewCmdSet(f *cmdutil.Factory, runF func(*SetOptions) error) *cobra.Command {
	opts := &SetOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "set <key> <value>",
		Short: "Change one setting of a profile",
		Long: `Change one setting of a profile in the config file: the active profile, or
the one the global --profile (-P) names, as every command reads it. An empty
value removes the setting (api_url cannot be removed). Keys: ` + strings.Join(config.Keys, ", ") + `.
queues takes a comma-separated list. Comments and the order of the file are
kept.`,
		Example: `  $ supctl profile set timezone Asia/Tokyo
  $ supctl -P tokyo profile set queues apac-jp/core,apac-jp/spark
  $ supctl profile set handoff_to ""`,
		Args:              cmdutil.ExactArgs(2, "give a key and a value, e.g. `supctl profile set timezone Asia/Tokyo`"),
		ValidArgsFunction: completeArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Key, opts.Value = args[0], args[1]
			if global := cmd.Flags().Lookup("profile"); opts.ProfileName != "" && global != nil && global.Changed && global.Value.String() != opts.ProfileName {
				return cmdutil.UsageErrorf("--profile %s and --profile-name %s name different profiles", global.Value.String(), opts.ProfileName).
					WithHint("give only --profile (-P)")
			}
			if !slices.Contains(config.Keys, opts.Key) {
				return cmdutil.UsageErrorf("unknown key %q", opts.Key).WithHint("valid keys: %s", strings.Join(config.Keys, ", "))
			}
			if runF != nil {
				return runF(opts)
			}
			return setRun(opts)
		},
	}
	cmd.Flags().StringVar(&opts.ProfileName, "profile-name", "", "the profile to change (default: the active one)")
	_ = cmd.Flags().MarkDeprecated("profile-name", "use the global --profile (-P) instead")
	return cmd
}

func completeArgs(_ *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	switch {
	case len(args) == 0:
		return config.Keys, cobra.ShellCompDirectiveNoFileComp
	case len(args) == 1 && args[0] == "region":
		return support.Regions.Values(), cobra.ShellCompDirectiveNoFileComp
	case len(args) == 1 && args[0] == "language":
		return support.Languages.Values(), cobra.ShellCompDirectiveNoFileComp
	case len(args) == 1 && args[0] == "timezone":
		return completion.Timezones(nil, nil, toComplete)
	case len(args) == 1 && args[0] == "api_url":
		return []cobra.Completion{config.Embedded, config.DemoData, "https://"}, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
	return nil, cobra.ShellCompDirectiveNoFileComp
}

func setRun(opts *SetOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	name := opts.ProfileName
	if name == "" {
		name, _ = cfg.ActiveName()
	}
	if err := cfg.Set(name, opts.Key, opts.Value); err != nil {
		return err
	}
	if err := cfg.Save(); err != nil {
		return err
	}
	if opts.Value == "" {
		shared.Success(opts.IO, "removed %s from profile %s", opts.Key, name)
	} else {
		shared.Success(opts.IO, "set %s of profile %s to %s", opts.Key, name, opts.Value)
	}
	if active, _ := cfg.ActiveName(); active == name {
		if r, err := cfg.Resolve(); err == nil && r.Sources[opts.Key] == config.SourceEnv {
			shared.Warning(opts.IO, "%s overrides this setting in this shell", config.EnvVar(opts.Key))
		}
	}
	return nil
}
