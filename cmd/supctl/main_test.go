package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/supctl/supctl/pkg/app"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"supctl": func() { os.Exit(int(app.Main())) },
	})
}

// TestScripts runs the black-box tests in testdata/script: the real binary,
// its exit codes and output, against the embedded demo backend and a
// server over HTTP.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			for k, v := range map[string]string{
				"XDG_CONFIG_HOME": ".config", "XDG_DATA_HOME": ".local/share", "XDG_CACHE_HOME": ".cache",
			} {
				env.Setenv(k, filepath.Join(env.WorkDir, v))
			}
			env.Setenv("SUPCTL_PAGER", "cat")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exits":       exits,
			"setenvfile":  setEnvFile,
			"startserver": startServer,
			"redirector":  redirector,
			"stopserver":  stopServer,
		},
	})
}

// exits N cmd args... runs a command and fails unless it exits with N.
func exits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits <code> <command> [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: invalid code %q", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var exitErr *exec.ExitError
	if errors.As(err, &exitErr) {
		got = exitErr.ExitCode()
	} else if err != nil {
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited %d, want %d", args[1], got, want)
	}
}

// setenvfile NAME FILE sets NAME to FILE's content, trimmed: a value one
// command printed, for the next to use.
func setEnvFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: setenvfile <name> <file>")
	}
	ts.Setenv(args[0], strings.TrimSpace(ts.ReadFile(args[1])))
}

// startserver serves the API over HTTP on a free port, on a database in
// the work directory filled with the demo data. It sets SERVER_URL and
// writes the demo admin's token to admin.token.
func startServer(ts *testscript.TestScript, neg bool, args []string) {
	ctx, cancel := context.WithCancel(context.Background())
	clock := &demo.Clock{}
	st, err := store.Open(ctx, "sqlite:"+ts.MkAbs("server.db"), store.Options{Now: clock.Now})
	ts.Check(err)
	svc := service.New(st, service.WithClock(clock.Now))
	ts.Check(demo.Seed(ctx, svc, clock, time.Now()))
	issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: demo.AdminUser, Label: "testscript"})
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs("admin.token"), []byte(issued.Token+"\n"), 0o600))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	done := make(chan error, 1)
	go func() {
		done <- server.Serve(ctx, ln, server.New(svc, nil).Handler(), slog.New(slog.DiscardHandler), time.Second)
	}()
	ts.Setenv("SERVER_URL", "http://"+ln.Addr().String())
	stop := func() {
		cancel()
		<-done
		st.Close()
	}
	servers.Store(ts, stop)
	ts.Defer(func() {
		if s, ok := servers.LoadAndDelete(ts); ok {
			s.(func())()
		}
	})
}

// redirector STATUS TARGET serves, on a free port, a redirect with STATUS
// to TARGET plus the request's path for every request, as a proxy that
// sends http:// to https:// does. It sets REDIRECT_URL.
func redirector(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: redirector <status> <target>")
	}
	status, err := strconv.Atoi(args[0])
	ts.Check(err)
	target := args[1]
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	ts.Check(err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target+r.URL.RequestURI(), status)
	})}
	go func() { _ = srv.Serve(ln) }()
	ts.Defer(func() { _ = srv.Close() })
	ts.Setenv("REDIRECT_URL", "http://"+ln.Addr().String())
}

// servers maps each script to the func that stops its server.
var servers sync.Map

// stopserver stops the server of startserver; its URL then refuses
// connections.
func stopServer(ts *testscript.TestScript, neg bool, args []string) {
	stop, ok := servers.LoadAndDelete(ts)
	if !ok {
		ts.Fatalf("stopserver: no server is running")
	}
	stop.(func())()
}
