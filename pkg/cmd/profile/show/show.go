// Package show implements `supctl profile show`.
package show

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// Fields are the JSON fields of `profile show`: the settings and, under
// sources, where each came from.
var Fields = []string{"name", "api_url", "user", "region", "timezone", "language", "queues", "handoff_to", "sources"}

// ShowOptions are the arguments and flags of `profile show`.
type ShowOptions struct {
	IO       *iostreams.IOStreams
	Config   func() (*config.Config, error)
	Exporter *cmdutil.Exporter

	Name string // "" = the active profile
}

// NewCmdShow returns the command; runF replaces the run in tests.
func NewCmdShow(f *cmdutil.Factory, runF func(*ShowOptions) error) *cobra.Command {
	opts := &ShowOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "show [<name>]",
		Short: "Show a profile's settings and where they come from",
		Long: `Show the settings of a profile, one "key: value (source)" line each. For the
active profile these are the values commands use: the config file's,
overridden by SUPCTL_* environment variables, overridden by flags. The source
is "file", the environment variable, "flag", or "built-in" for the demo
profile's own settings. A profile that is not active is shown as stored.`,
		Example: `  $ supctl profile show
  $ supctl profile show hyderabad
  $ SUPCTL_TIMEZONE=UTC supctl profile show
  $ supctl profile show --json api_url --jq .api_url`,
		Args:              cobra.MaximumNArgs(1),
		ValidArgsFunction: shared.CompleteNames(f.Config),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Name = args[0]
			}
			if runF != nil {
				return runF(opts)
			}
			return showRun(opts)
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, Fields)
	return cmd
}

// output is the JSON of `profile show`.
type output struct {
	config.Profile
	Sources map[string]config.Source `json:"sources"`
}

func showRun(opts *ShowOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	var r config.Resolution
	if active, _ := cfg.ActiveName(); opts.Name == "" || opts.Name == active {
		r, err = cfg.Resolve()
	} else {
		r, err = cfg.ResolveStored(opts.Name)
	}
	if err != nil {
		return err
	}
	if opts.Exporter != nil {
		if r.Profile.Queues == nil {
			r.Profile.Queues = []string{}
		}
		return opts.Exporter.Write(opts.IO, output{Profile: r.Profile, Sources: r.Sources})
	}
	cs := opts.IO.ColorScheme()
	line := func(key, value string) {
		src := r.Sources[key]
		if src == config.SourceUnset {
			fmt.Fprintf(opts.IO.Out, "%s: %s\n", key, cs.Muted("(not set)"))
			return
		}
		fmt.Fprintf(opts.IO.Out, "%s: %s %s\n", key, value, cs.Muted("("+sourceLabel(key, src)+")"))
	}
	line("name", r.Profile.Name)
	for _, k := range config.Keys {
		line(k, r.Profile.Get(k))
	}
	return nil
}

// sourceLabel names where a value came from, as precisely as is known.
func sourceLabel(key string, src config.Source) string {
	switch {
	case src == config.SourceEnv && key == "name":
		return "SUPCTL_PROFILE"
	case src == config.SourceEnv:
		return config.EnvVar(key)
	case src == config.SourceFlag && key == "name":
		return "--profile"
	case src == config.SourceDefault:
		return "built-in"
	}
	return string(src)
}
