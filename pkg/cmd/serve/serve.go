// Package serve implements `supctl serve`, the API server.
package serve

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
)

// ServeOptions are the flags of `supctl serve`.
type ServeOptions struct {
	IO  *iostreams.IOStreams
	Now func() time.Time

	Addr      string
	DB        string
	InitAdmin string
	Demo      bool
	SLAConfig string
	LogFormat string
	// Ready, when set, receives the listening address (tests use it).
	Ready func(addr string)
}

// NewCmdServe returns the command; runF replaces the run in tests.
func NewCmdServe(f *cmdutil.Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: f.IOStreams, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "serve [--addr <host:port>] [--db sqlite:<path>]",
		Short: "Run the supctl API server",
		Long: `Serve the supctl HTTP API (docs/api/openapi.yaml) until SIGINT or SIGTERM,
then finish the requests in flight and stop.

On first start with an empty database, the server creates an admin user
(--init-admin, default admin@localhost) and prints its token once on stderr.
Use it to add users: "supctl admin user add". With --demo, an empty database
is filled with the demo data set instead, and the token printed is that of
its admin, admin@example.com.

SLA policies are versioned: --sla names a YAML file of policy versions, each
for tickets opened from its instant on (a ticket keeps the version it was
opened under), and of holidays added to every region's calendar. Without
it, the built-in policies and the 2026-2027 public holidays apply.

Logs are structured (JSON by default) on stderr; tokens never appear in them.`,
		Example: `  $ supctl serve --addr 127.0.0.1:7420 --db sqlite:/var/lib/supctl/supctl.db
  $ supctl serve --init-admin ops@example.com
  $ supctl serve --demo --addr 127.0.0.1:0
  $ supctl serve --sla /etc/supctl/sla.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.LogFormat != "json" && opts.LogFormat != "text" {
				return cmdutil.UsageErrorf("invalid --log-format %q: use json or text", opts.LogFormat)
			}
			if opts.DB != "" && !strings.HasPrefix(opts.DB, "sqlite:") {
				return cmdutil.UsageErrorf("invalid --db %q: use sqlite:<path>", opts.DB)
			}
			if runF != nil {
				return runF(opts)
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return serveRun(ctx, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", "127.0.0.1:7420", "listen on this `host:port` (port 0 picks a free one)")
	cmd.Flags().StringVar(&opts.DB, "db", "", "database `URL` (default sqlite:$XDG_DATA_HOME/supctl/server.db)")
	cmd.Flags().StringVar(&opts.InitAdmin, "init-admin", "admin@localhost", "`email` of the admin created on an empty database")
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "fill an empty database with the demo data set")
	cmd.Flags().StringVar(&opts.SLAConfig, "sla", "", "SLA policy versions and extra holidays from this YAML `file`")
	cmd.Flags().StringVar(&opts.LogFormat, "log-format", "json", "log format: {json|text}")
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	var handler slog.Handler = slog.NewJSONHandler(opts.IO.ErrOut, nil)
	if opts.LogFormat == "text" {
		handler = slog.NewTextHandler(opts.IO.ErrOut, nil)
	}
	log := slog.New(handler)

	path := strings.TrimPrefix(opts.DB, "sqlite:")
	if path == "" {
		path = filepath.Join(config.DataDir(os.Getenv), "server.db")
	}
	clock := &demo.Clock{}
	engine := clocks.Default()
	if opts.SLAConfig != "" {
		var err error
		if engine, err = clocks.Load(opts.SLAConfig); err != nil {
			return cmdutil.UsageErrorf("%v", err)
		}
	}
	st, err := sqlite.Open(ctx, path, sqlite.WithClock(clock.Now), sqlite.WithBreachFunc(engine.Breach))
	if err != nil {
		return cmdutil.Errorf("%v", err)
	}
	defer st.Close()
	if err := initialize(ctx, opts, st, clock, log); err != nil {
		return err
	}
	// Holidays and policies may have changed since the last start: every
	// active ticket's next breach is computed again.
	n, err := st.RefreshBreaches(ctx)
	if err != nil {
		return cmdutil.Errorf("cannot compute SLA breaches: %v", err)
	}
	log.Info("sla clocks refreshed", "tickets", n)

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return cmdutil.Errorf("cannot listen on %s: %v", opts.Addr, err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "db", path)
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	return server.Serve(ctx, ln, server.New(st, log, server.WithClocks(engine)).Handler(), log, 10*time.Second)
}

// initialize gives an empty database its first admin, or the demo data.
func initialize(ctx context.Context, opts *ServeOptions, st store.Store, clock *demo.Clock, log *slog.Logger) error {
	n, err := st.CountUsers(ctx)
	if err != nil || n > 0 {
		return err
	}
	admin, token := opts.InitAdmin, ""
	if opts.Demo {
		if err := demo.Seed(ctx, st, clock, opts.Now()); err != nil {
			return cmdutil.Errorf("cannot fill the demo database: %v", err)
		}
		admin = demo.AdminUser
		issued, err := server.IssueToken(ctx, st, store.Actor{}, admin, "first token")
		if err != nil {
			return cmdutil.Errorf("cannot issue the admin token: %v", err)
		}
		token = issued.Token
	} else if token, err = server.Bootstrap(ctx, st, admin); err != nil {
		return cmdutil.Errorf("cannot create the first admin: %v", err)
	}
	log.Info("first start: admin token issued", "admin", admin)
	fmt.Fprintf(opts.IO.ErrOut, "\nadmin token for %s (shown once; keep it safe):\n\n    %s\n\nlog in by piping it to: supctl auth login --with-token\n\n", admin, token)
	return nil
}
