// Package list implements `supctl profile list`.
package list

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/tableprinter"
)

// Fields are the JSON fields of a listed profile.
var Fields = []string{"name", "active", "api_url", "user", "region", "timezone", "language", "queues", "handoff_to"}

// ListOptions are the flags of `profile list`.
type ListOptions struct {
	IO       *iostreams.IOStreams
	Config   func() (*config.Config, error)
	Exporter *cmdutil.Exporter
}

// NewCmdList returns the command; runF replaces the run in tests.
func NewCmdList(f *cmdutil.Factory, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List profiles",
		Long: `List every profile: those in the config file and the built-in demo. The
active profile is marked with *. Settings are shown as stored; environment
variables and flags change only the active profile, as ` + "`supctl profile show`" + `
displays.`,
		Example: `  $ supctl profile list
  $ supctl profile list --json name,api_url --jq '.[] | select(.active) | .name'`,
		Aliases: []string{"ls"},
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return listRun(opts)
		},
	}
	cmdutil.AddJSONFlags(cmd, &opts.Exporter, Fields)
	return cmd
}

// item is one profile in the JSON output.
type item struct {
	config.Profile
	Active bool `json:"active"`
}

func listRun(opts *ListOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	active, _ := cfg.ActiveName()
	items := make([]item, 0, len(cfg.ProfileNames()))
	for _, name := range cfg.ProfileNames() {
		p, err := cfg.Profile(name)
		if err != nil {
			return err
		}
		if p.Queues == nil {
			p.Queues = []string{}
		}
		items = append(items, item{Profile: p, Active: name == active})
	}
	if opts.Exporter != nil {
		return opts.Exporter.Write(opts.IO, items)
	}
	tp := tableprinter.NewWithColumns(opts.IO,
		tableprinter.Column{},
		tableprinter.Column{Header: "NAME"},
		// A URL's end tells profiles apart: it is cut only once every
		// other column has given way.
		tableprinter.Column{Header: "API URL", Truncate: true, MinWidth: 20, KeepWidth: tableprinter.Whole, ShortenRank: 20, Shorten: shortenURL},
		tableprinter.Column{Header: "USER", ShortenRank: 10, Shorten: tableprinter.ShortenEmail},
		tableprinter.Column{Header: "REGION"},
		tableprinter.Column{Header: "TIMEZONE", DropRank: 30},
	)
	cs := opts.IO.ColorScheme()
	for _, it := range items {
		marker := ""
		if it.Active {
			marker = "*"
		}
		tp.AddField(marker, tableprinter.WithColor(cs.Success))
		tp.AddField(it.Name, tableprinter.WithColor(func(s string) string {
			if it.Active {
				return cs.Bold(s)
			}
			return s
		}))
		tp.AddField(it.APIURL)
		tp.AddField(it.User)
		tp.AddField(it.Region)
		tp.AddField(it.Timezone)
		tp.EndRow()
	}
	return tp.Render()
}

// shortenURL drops the scheme of an https URL, which most are.
func shortenURL(s string) string {
	return strings.TrimPrefix(s, "https://")
}
