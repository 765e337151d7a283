package root

import (
	"bytes"
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmd/factory"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// hungBackend accepts connections and never answers; it counts them.
func hungBackend(t *testing.T) (string, *atomic.Int64) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int64
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			conns = append(conns, c)
		}
	}()
	t.Cleanup(func() {
		ln.Close()
		<-done
		for _, c := range conns {
			c.Close()
		}
	})
	return "http://" + ln.Addr().String(), &accepted
}

// completeEnv points the config, cache and data at temporary directories
// with one profile, "hung", whose api_url is url.
func completeEnv(t *testing.T, url string) (cacheDir string) {
	t.Helper()
	dir := t.TempDir()
	for _, k := range []string{"XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"} {
		t.Setenv(k, filepath.Join(dir, strings.ToLower(k)))
	}
	t.Setenv("SUPCTL_CONFIG", "")
	t.Setenv("SUPCTL_PROFILE", "")
	t.Setenv("SUPCTL_TOKEN", "secret")
	cfg := filepath.Join(dir, "xdg_config_home", "supctl", "config.yaml")
	if err := os.MkdirAll(filepath.Dir(cfg), 0o700); err != nil {
		t.Fatal(err)
	}
	yaml := "current_profile: hung\nprofiles:\n  hung:\n    api_url: " + url + "\n    user: ken@example.com\n    queues: [apac-jp/core]\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	return config.CacheDir(os.Getenv)
}

// tab runs `supctl __complete args...` in-process, the way a shell's Tab
// does, and returns its stdout.
func tab(t *testing.T, args ...string) string {
	t.Helper()
	ios, _, out, _ := iostreams.Test()
	f, cleanup := factory.New("test", ios)
	defer cleanup()
	cmd := NewCmdRoot(f)
	cmd.SetArgs(append([]string{"__complete"}, args...))
	cmd.SetOut(out)
	cmd.SetErr(&bytes.Buffer{})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("__complete %v: %v", args, err)
		}
	case <-ctx.Done():
		t.Fatalf("__complete %v did not return", args)
	}
	return out.String()
}

// spawns records the background refreshes a Tab starts instead of starting them.
func spawns(t *testing.T) *[]string {
	var started []string
	old := completion.StartProcess
	completion.StartProcess = func(name string, args ...string) { started = append(started, strings.Join(args, " ")) }
	t.Cleanup(func() { completion.StartProcess = old })
	return &started
}

// TestTabAgainstAHungBackendSendsNothing: with no cache, a stale cache and a
// failed refresh remembered, a Tab against a backend that accepts and never
// answers returns at once from the cache and opens no connection; it starts
// a background refresh when one is due and none after a failure.
func TestTabAgainstAHungBackendSendsNothing(t *testing.T) {
	url, accepted := hungBackend(t)
	cacheDir := completeEnv(t, url)
	started := spawns(t)
	cache := completion.New(cacheDir, "hung")
	mark := filepath.Join(cacheDir, "hung", "refreshing")

	out := tab(t, "ticket", "view", "")
	if strings.Contains(out, "\t") {
		t.Errorf("no cache: candidates %q, want none", out)
	}
	if len(*started) != 1 || (*started)[0] != "--profile hung "+completion.RefreshCommand {
		t.Errorf("no cache: background refreshes %q, want one of profile hung", *started)
	}

	if err := cache.SetData(completion.Data{Mine: nil}, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	_ = cache.RememberRecent(nil)
	_ = os.Remove(mark)
	*started = nil
	tab(t, "ticket", "view", "")
	if len(*started) != 1 {
		t.Errorf("stale cache: %d background refreshes, want 1", len(*started))
	}

	if err := cache.SetFailed(time.Now()); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(mark)
	*started = nil
	for _, args := range [][]string{{"ticket", "view", ""}, {"queue", "claim", ""}, {"queue", "show", ""}, {"ticket", "assign", "12", "--to", ""}} {
		tab(t, args...)
	}
	if len(*started) != 0 {
		t.Errorf("failed refresh remembered: background refreshes %q, want none", *started)
	}
	if n := accepted.Load(); n != 0 {
		t.Errorf("the hung backend accepted %d connections from Tab, want 0", n)
	}
}

// TestRefreshFailureIsRemembered: the background refresh against a backend
// that refuses connections records the failure, so Tabs back off.
func TestRefreshFailureIsRemembered(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	cacheDir := completeEnv(t, url)
	ios, _, _, _ := iostreams.Test()
	f, cleanup := factory.New("test", ios)
	defer cleanup()
	cmd := NewCmdRoot(f)
	cmd.SetArgs([]string{completion.RefreshCommand})
	if err := cmd.Execute(); err == nil {
		t.Fatal("refresh against a closed port succeeded")
	}
	s := completion.New(cacheDir, "hung").Load()
	if s.Failures != 1 || !s.RetryAt().After(time.Now()) {
		t.Errorf("failures %d, retry at %v: the failure is not remembered", s.Failures, s.RetryAt())
	}
}
