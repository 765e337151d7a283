package root

import (
	"bytes"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

func TestWrapLines(t *testing.T) {
	tests := []struct {
		name, in, want string
		width          int
	}{
		{"fits", "  -L, --limit int   maximum number", "  -L, --limit int   maximum number", 40},
		{"flag under its description",
			"  -L, --limit int   maximum number of tickets (default 30)",
			"  -L, --limit int   maximum number of\n                    tickets (default 30)", 40},
		{"paragraph keeps its indent",
			"    one two three four five six seven eight nine ten",
			"    one two three four five six\n    seven eight nine ten", 32},
		{"enum breaks after a bar",
			"  -s, --status x   status: {new|open|pending_customer|pending_engineering}",
			"  -s, --status x   status: {new|open|\n                   pending_customer|\n                   pending_engineering}", 48},
		{"Japanese by cells",
			"本日は晴天なり 本日は晴天なり 本日は晴天なり",
			"本日は晴天なり 本日は晴天なり\n本日は晴天なり", 30},
		{"example continues with a backslash",
			`  $ supctl ticket comment 1042 --body "Please send the output of it."`,
			"  $ supctl ticket comment 1042 \\\n      --body \"Please send the output of it.\"", 48},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := wrapLines(tt.in, tt.width); got != tt.want {
				t.Errorf("wrapLines(%d) =\n%s\nwant\n%s", tt.width, got, tt.want)
			}
		})
	}
}

// helpOf renders c's help as `supctl ... --help` does, on a terminal of
// the given width.
func helpOf(t *testing.T, c *cobra.Command) string {
	t.Helper()
	var out bytes.Buffer
	c.Root().SetOut(&out)
	defer c.Root().SetOut(nil)
	c.HelpFunc()(c, nil)
	return out.String()
}

func eachCommand(c *cobra.Command, fn func(*cobra.Command)) {
	fn(c)
	for _, sub := range c.Commands() {
		eachCommand(sub, fn)
	}
}

// TestHelpFitsTheTerminal: at 80 columns no help line is wider than the
// terminal, so none wraps mid-word, and a wrapped example still runs.
func TestHelpFitsTheTerminal(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	ios.SetTerminalWidth(80)
	root := NewCmdRoot(&cmdutil.Factory{IOStreams: ios})
	eachCommand(root, func(c *cobra.Command) {
		if c.Hidden {
			return
		}
		help := helpOf(t, c)
		for _, l := range strings.Split(help, "\n") {
			if w := text.DisplayWidth(l); w > 80 {
				t.Errorf("%s --help: line %d cells wide: %q", c.CommandPath(), w, l)
			}
		}
	})
}

// TestHelpAgreesWithTheProgram: a flag shows one default, and a command
// does not advertise what it rejects.
func TestHelpAgreesWithTheProgram(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	ios.SetTerminalWidth(200)
	root := NewCmdRoot(&cmdutil.Factory{IOStreams: ios})
	eachCommand(root, func(c *cobra.Command) {
		for _, l := range strings.Split(c.LocalFlags().FlagUsagesWrapped(0), "\n") {
			if strings.Count(l, "(default") > 1 {
				t.Errorf("%s: flag shows two defaults: %q", c.CommandPath(), strings.TrimSpace(l))
			}
		}
	})
	api, _, err := root.Find([]string{"api"})
	if err != nil {
		t.Fatal(err)
	}
	if help := helpOf(t, api); strings.Contains(help, "--json") {
		t.Errorf("api --help offers --json fields, which api rejects:\n%s", help)
	}
}
