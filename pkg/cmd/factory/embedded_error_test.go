package factory

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/embedded"
	"github.com/supctl/supctl/pkg/store/sqlite"
)

// TestEmbeddedErrorHints: a damaged or emptied database is not blamed on
// the data directory's permissions; the demo one is rebuilt, another
// restored.
func TestEmbeddedErrorHints(t *testing.T) {
	t.Setenv("XDG_DATA_HOME", "/data")
	damaged := fmt.Errorf("cannot open database /data/supctl/demo.db: %w", sqlite.ErrDamaged)
	empty := fmt.Errorf("cannot open database /data/supctl/ops.db: %w", embedded.ErrEmpty)
	for _, c := range []struct {
		profile string
		err     error
		code    cmdutil.ExitCode
		hint    string
	}{
		{"demo", damaged, cmdutil.ExitError, "supctl demo reset"},
		{"ops", empty, cmdutil.ExitError, "restore /data/supctl/ops.db from a backup"},
		{"ops", fmt.Errorf("cannot open database /x: %w", os.ErrPermission), cmdutil.ExitError, "writable"},
		{"demo", fmt.Errorf("%w while creating /x", embedded.ErrInterrupted), cmdutil.ExitInterrupted, ""},
	} {
		err := embeddedError(c.profile, c.err)
		hint := cmdutil.HintOf(err)
		if cmdutil.CodeOf(err) != c.code || c.hint == "" && hint != "" || !strings.Contains(hint, c.hint) {
			t.Errorf("%s, %v: exit %d, hint %q; want exit %d, a hint with %q", c.profile, c.err, cmdutil.CodeOf(err), hint, c.code, c.hint)
		}
	}
}
