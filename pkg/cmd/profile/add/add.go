// Package add implements `supctl profile add`.
package add

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/profile/shared"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
)

// AddOptions are the arguments and flags of `profile add`.
type AddOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)

	Profile config.Profile
	Use     bool
	Demo    bool // --demo: api_url "demo"
}

// NewCmdAdd returns the command; runF replaces the run in tests.
func NewCmdAdd(f *cmdutil.Factory, runF func(*AddOptions) error) *cobra.Command {
	opts := &AddOptions{IO: f.IOStreams, Config: f.Config}
	p := &opts.Profile
	cmd := &cobra.Command{
		Use:   "add <name> --api-url URL [flags]",
		Short: "Add a profile",
		Long: `Add a profile to the config file. --api-url is the backend: an http(s)://
address, or "embedded" for a server running inside supctl over a local
database, which needs --user: that user becomes the database's admin when
the first command creates it. --demo (api_url "demo") shares the demo
profile's database instead, acting as --user, one of its engineers: the same
tickets seen from another region's side. The other settings can be given now or later with
` + "`supctl profile set`" + `. A remote backend needs a token: run
` + "`supctl auth login --profile NAME`" + ` next.`,
		Example: `  $ supctl profile add tokyo --api-url https://support.example.com --user ken@example.com \
      --region apac-jp --timezone Asia/Tokyo --language ja \
      --queues apac-jp/core,apac-jp/sql --handoff-to hyderabad --use
  $ supctl profile add sandbox --api-url embedded --user me@example.com
  $ supctl profile add hyderabad --demo --user priya.sharma@example.com --region apac-in --timezone Asia/Kolkata`,
		Args: cmdutil.ExactArgs(1, "name the new profile, e.g. `supctl profile add tokyo --api-url https://support.example.com`"),
		RunE: func(cmd *cobra.Command, args []string) error {
			p.Name = args[0]
			if opts.Demo {
				if p.APIURL != "" {
					return cmdutil.UsageErrorf("give --demo or --api-url, not both")
				}
				p.APIURL = config.DemoData
			}
			if p.APIURL == "" {
				return cmdutil.UsageErrorf("missing --api-url").WithHint(`give the backend's http(s):// address, "embedded", or --demo`)
			}
			if err := p.Validate(); err != nil {
				return cmdutil.UsageErrorf("%s", err)
			}
			if p.IsEmbedded() && p.User == "" {
				return cmdutil.UsageErrorf("missing --user: an embedded profile acts as a user of its own database").
					WithHint("give your email, e.g. `supctl profile add %s --api-url embedded --user me@example.com`", p.Name)
			}
			if runF != nil {
				return runF(opts)
			}
			return addRun(opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&p.APIURL, "api-url", "", `backend address: http(s)://host, or "embedded"`)
	fl.StringVar(&p.User, "user", "", "your email on the backend")
	fl.StringVar(&p.Region, "region", "", "region: {"+strings.Join(support.Regions.Values(), "|")+"}")
	fl.StringVar(&p.Timezone, "timezone", "", "IANA timezone for display, e.g. Asia/Tokyo")
	fl.StringVar(&p.Language, "language", "", "language: {"+strings.Join(support.Languages.Values(), "|")+"}")
	fl.StringSliceVar(&p.Queues, "queues", nil, "queues you work, comma separated")
	fl.StringVar(&p.HandoffTo, "handoff-to", "", "the profile you hand the shift over to")
	fl.BoolVar(&opts.Use, "use", false, "switch to the new profile")
	fl.BoolVar(&opts.Demo, "demo", false, "share the demo's data, as --user (api_url \"demo\")")
	_ = cmd.RegisterFlagCompletionFunc("region", cobra.FixedCompletions(support.Regions.Values(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("language", cobra.FixedCompletions(support.Languages.Values(), cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.RegisterFlagCompletionFunc("timezone", completion.Timezones)
	_ = cmd.RegisterFlagCompletionFunc("handoff-to", shared.CompleteNameFlag(f.Config))
	return cmd
}

func addRun(opts *AddOptions) error {
	cfg, err := opts.Config()
	var missing *config.MissingFileError
	if errors.As(err, &missing) && cfg != nil {
		err = nil // profile add creates the file SUPCTL_CONFIG names
	}
	if err != nil {
		return err
	}
	name := opts.Profile.Name
	if err := cfg.Add(opts.Profile); err != nil {
		return err
	}
	if opts.Use {
		if err := cfg.Use(name); err != nil {
			return err
		}
	}
	if err := cfg.Save(); err != nil {
		return err
	}
	shared.Success(opts.IO, "added profile %s to %s", name, cfg.Path())
	if opts.Use {
		shared.Success(opts.IO, "switched to profile %s", name)
	}
	if !opts.Profile.IsEmbedded() {
		cs := opts.IO.ColorScheme()
		useFlag := " --profile " + name
		if opts.Use {
			useFlag = ""
		}
		fmt.Fprintf(opts.IO.ErrOut, "%s log in with `supctl auth login%s`\n", cs.Muted("next:"), useFlag)
	}
	return nil
}
