package auth

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestSubcommandsAreDocumented(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	cmd := NewCmdAuth(&cmdutil.Factory{IOStreams: ios})
	var names []string
	for _, c := range cmd.Commands() {
		names = append(names, c.Name())
		if c.Short == "" || c.Long == "" || !strings.HasPrefix(c.Example, "  $ supctl auth "+c.Name()) {
			t.Errorf("%s lacks Short, Long or an Example starting with `$ supctl auth %s`", c.Name(), c.Name())
		}
	}
	if got := strings.Join(names, ","); got != "login,logout,status,token" {
		t.Errorf("subcommands = %s", got)
	}
}
