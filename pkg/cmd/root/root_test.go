package root

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// TestEveryCommandTeaches: each command a user can run explains itself with
// a Long text and examples, and each --json command lists its fields.
func TestEveryCommandTeaches(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			walk(sub)
		}
		if c.Hidden || !c.Runnable() || c.Name() == "help" || strings.HasPrefix(c.CommandPath(), "supctl completion") {
			return
		}
		if strings.TrimSpace(c.Long) == "" {
			t.Errorf("%s has no Long text", c.CommandPath())
		}
		if !strings.Contains(c.Example, "$ supctl ") {
			t.Errorf("%s has no `$ supctl ...` example", c.CommandPath())
		}
		if c.Flags().Lookup("json") != nil && c.Name() != "api" && !strings.Contains(c.Long, "JSON FIELDS") {
			t.Errorf("%s takes --json but does not list its fields", c.CommandPath())
		}
	}
	walk(NewCmdRoot(&cmdutil.Factory{IOStreams: ios}))
}
