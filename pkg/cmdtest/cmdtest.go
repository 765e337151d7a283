// Package cmdtest gives command tests a Factory wired to an in-process
// server over a copy of the demo database, with test IOStreams and a
// pinned clock. Only tests import it.
package cmdtest

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/embedded"
	"github.com/supctl/supctl/pkg/iostreams"
)

// Now is the pinned clock of every command test and of the demo data.
var Now = time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)

var template = struct {
	once sync.Once
	dir  string
	err  error
}{}

// demoDB returns the path of a fresh copy of the demo database, seeded once
// per test binary.
func demoDB(t testing.TB) string {
	t.Helper()
	template.once.Do(func() {
		template.dir, template.err = os.MkdirTemp("", "supctl-demo-")
		if template.err != nil {
			return
		}
		b, err := embedded.Open(context.Background(), embedded.Options{
			Path: filepath.Join(template.dir, "demo.db"), User: demo.DemoUser, Demo: true,
			Now: func() time.Time { return Now },
		})
		if err != nil {
			template.err = err
			return
		}
		template.err = b.Close()
	})
	if template.err != nil {
		t.Fatalf("demo database: %v", template.err)
	}
	dst := filepath.Join(t.TempDir(), "demo.db")
	copyFile(t, filepath.Join(template.dir, "demo.db"), dst)
	return dst
}

func copyFile(t testing.TB, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// DemoClient is an API client acting as user on a fresh copy of the demo
// data.
func DemoClient(t testing.TB, user string) *api.Client {
	t.Helper()
	b, err := embedded.Open(context.Background(), embedded.Options{Path: demoDB(t), User: user, Now: func() time.Time { return Now }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return api.New(embedded.BaseURL, b.Client(), "")
}

// Streams are a test's standard streams, and the environment its config
// sees (set entries before the command runs).
type Streams struct {
	In          *bytes.Buffer
	Out, ErrOut *bytes.Buffer
	Env         map[string]string
}

// Factory returns a Factory acting as the demo user on a fresh copy of the
// demo data, with no config file and a pinned clock. tty makes stdout and
// stderr terminals (with colour off, so output compares as text).
func Factory(t testing.TB, tty bool) (*cmdutil.Factory, Streams) {
	t.Helper()
	ios, in, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetStderrTTY(tty)
	ios.SetColorEnabled(false)
	ios.SetTerminalWidth(120)
	ios.SetPager("")
	cfgPath := filepath.Join(t.TempDir(), "config.yaml")
	env := map[string]string{"SUPCTL_CONFIG": cfgPath}
	f := &cmdutil.Factory{
		AppVersion: "test",
		IOStreams:  ios,
		Now:        func() time.Time { return Now },
		// The demo copy is made on first use: flag-parsing tests never pay for it.
		APIClient:       sync.OnceValues(func() (*api.Client, error) { return DemoClient(t, demo.DemoUser), nil }),
		CompletionCache: sync.OnceValues(func() (*completion.Cache, error) { return completion.New(t.TempDir(), "demo"), nil }),
		Config: func() (*config.Config, error) {
			return config.Load(config.LoadOptions{Path: cfgPath, Getenv: func(k string) string { return env[k] }})
		},
	}
	f.ReadOnlyAPIClient = f.APIClient
	return f, Streams{In: in, Out: out, ErrOut: errOut, Env: env}
}

// Run executes cmd with args the way the binary does, --json rewriting
// included, and returns its error.
func Run(cmd *cobra.Command, args ...string) error {
	cmd.SetArgs(cmdutil.NormalizeJSONArgs(args))
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	cmd.SetFlagErrorFunc(cmdutil.FlagError)
	return cmd.ExecuteContext(context.Background())
}
