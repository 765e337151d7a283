package serve

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestFlagValidation(t *testing.T) {
	for _, args := range [][]string{{"--log-format", "xml"}, {"--db", "postgres://x"}, {"extra"}} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdServe(f, func(*ServeOptions) error { return nil }), args...)
		if args[0] != "extra" && cmdutil.CodeOf(err) != cmdutil.ExitUsage || err == nil {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

// serveOnce runs the server until it has answered /healthz, then stops it
// the way SIGTERM does, and returns what it printed on stderr.
func serveOnce(t *testing.T, db string) string {
	t.Helper()
	ios, _, _, stderr := iostreams.Test()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	opts := &ServeOptions{IO: ios, Now: func() time.Time { return cmdtest.Now }, Addr: "127.0.0.1:0", DB: "sqlite:" + db,
		InitAdmin: "ops@example.com", LogFormat: "json", Ready: func(addr string) { ready <- addr }}
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, opts) }()
	select {
	case addr := <-ready:
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("/healthz: %v %v", resp, err)
		}
	case err := <-done:
		t.Fatalf("server stopped before listening: %v", err)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("shutdown: %v", err)
	}
	return stderr.String()
}

func TestFirstStartPrintsTheAdminTokenOnce(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	token := regexp.MustCompile(`sup_[A-Z2-7]+`)
	first := serveOnce(t, db)
	if n := len(token.FindAllString(first, -1)); n != 1 {
		t.Fatalf("first start printed %d tokens, want 1:\n%s", n, first)
	}
	if second := serveOnce(t, db); token.MatchString(second) {
		t.Errorf("second start printed a token again:\n%s", second)
	}
}
