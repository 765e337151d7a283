// Package serve implements `supctl serve`, the API server.
package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
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
	"github.com/supctl/supctl/pkg/jobs"
	"github.com/supctl/supctl/pkg/outbox"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/support"
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
	TokenFile string
	// ResetAdmin names the admin to issue a new token for, instead of
	// serving.
	ResetAdmin string
	// Ready, when set, receives the listening address (tests use it).
	Ready func(addr string)
}

// NewCmdServe returns the command; runF replaces the run in tests.
func NewCmdServe(f *cmdutil.Factory, runF func(*ServeOptions) error) *cobra.Command {
	opts := &ServeOptions{IO: f.IOStreams, Now: f.Now}
	cmd := &cobra.Command{
		Use:   "serve [--addr <host:port>] [--db sqlite:<path> | postgres://...]",
		Short: "Run the supctl API server",
		Long: `Serve the supctl HTTP API (docs/api/openapi.yaml) until SIGINT or SIGTERM,
then finish the requests in flight and stop.

On first start with an empty database, the server creates an admin user
(--init-admin, default admin@localhost) and prints its token once, alone on
stdout, or writes it to the file --token-file names (created 0600). Under a
service manager, which keeps stdout in its journal, use --token-file. Use
the token to add users: "supctl admin user add". With --demo, an empty
database is filled with the demo data set instead, and the token is that of
its admin, admin@example.com. The new database is built in a temporary file
and moved into place whole: a first start that is interrupted leaves no
database, and the next start begins again.

Locked out? --reset-admin EMAIL, run where the database file is, issues a
new token for that admin (creating the admin if no user has that email),
prints it as on first start, and exits without serving. A running server
may keep running.

The database is a SQLite file by default. The file and its -wal and -shm
files are created 0600; an existing one that others may read (beyond 0640)
is restricted, with a warning. A shared server of several replicas uses
PostgreSQL: --db postgres://user@host:5432/db (or SUPCTL_DB), with the
pool size and statement timeout in the URL (pool_max_conns=10,
statement_timeout=5000). Every replica migrates an older schema, under a
lock, and refuses a newer one; the first to start on an empty database
creates the admin.

SLA policies are versioned: --sla names a YAML file of policy versions, each
for tickets opened from its instant on (a ticket keeps the version it was
opened under), and of holidays added to every region's calendar. Without
it, the built-in policies and the 2026-2027 public holidays apply.

Logs are structured (JSON by default) on stderr; tokens never appear in them.`,
		Example: `  $ supctl serve --addr 127.0.0.1:7420 --db sqlite:/var/lib/supctl/supctl.db
  $ supctl serve --init-admin ops@example.com --token-file /root/supctl-admin.token
  $ supctl serve --db sqlite:/var/lib/supctl/supctl.db --reset-admin ops@example.com
  $ SUPCTL_DB='postgres://supctl@db.example.com/supctl?pool_max_conns=16' supctl serve --addr :7420
  $ supctl serve --demo --addr 127.0.0.1:0
  $ supctl serve --sla /etc/supctl/sla.yaml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.LogFormat != "json" && opts.LogFormat != "text" {
				return cmdutil.UsageErrorf("invalid --log-format %q: use json or text", opts.LogFormat)
			}
			if opts.DB == "" {
				opts.DB = os.Getenv("SUPCTL_DB")
			}
			if opts.DB != "" && !strings.HasPrefix(opts.DB, "sqlite:") && !strings.HasPrefix(opts.DB, "postgres://") && !strings.HasPrefix(opts.DB, "postgresql://") {
				return cmdutil.UsageErrorf("invalid --db %q: use sqlite:<path> or postgres://user@host:5432/db", opts.DB)
			}
			if cmd.Flags().Changed("reset-admin") {
				u := support.User{Email: opts.ResetAdmin, Name: "x", Role: support.RoleAdmin, Region: "americas-west"}
				if err := u.Normalize(); err != nil {
					return cmdutil.UsageErrorf("invalid --reset-admin: %v", err)
				}
				if opts.Demo || cmd.Flags().Changed("init-admin") {
					return cmdutil.UsageErrorf("--reset-admin cannot be used with --demo or --init-admin")
				}
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
	cmd.Flags().StringVar(&opts.DB, "db", "", "database `URL`: sqlite:PATH or postgres://... (default $SUPCTL_DB, else sqlite:$XDG_DATA_HOME/supctl/server.db)")
	cmd.Flags().StringVar(&opts.InitAdmin, "init-admin", "admin@localhost", "`email` of the admin created on an empty database")
	cmd.Flags().BoolVar(&opts.Demo, "demo", false, "fill an empty database with the demo data set")
	cmd.Flags().StringVar(&opts.SLAConfig, "sla", "", "SLA policy versions and extra holidays from this YAML `file`")
	cmd.Flags().StringVar(&opts.LogFormat, "log-format", "json", "log format: {json|text}")
	cmd.Flags().StringVar(&opts.TokenFile, "token-file", "", "write a new admin token to this `file` (0600) instead of stdout")
	cmd.Flags().StringVar(&opts.ResetAdmin, "reset-admin", "", "issue a new token for the admin with this `email` and exit")
	return cmd
}

func serveRun(ctx context.Context, opts *ServeOptions) error {
	var handler slog.Handler = slog.NewJSONHandler(opts.IO.ErrOut, nil)
	if opts.LogFormat == "text" {
		handler = slog.NewTextHandler(opts.IO.ErrOut, nil)
	}
	log := slog.New(handler)

	db := opts.DB
	if db == "" || db == "sqlite:" {
		db = "sqlite:" + filepath.Join(config.DataDir(os.Getenv), "server.db")
	}
	engine := clocks.Default()
	if opts.SLAConfig != "" {
		var err error
		if engine, err = clocks.Load(opts.SLAConfig); err != nil {
			return cmdutil.UsageErrorf("%v", err)
		}
	}
	if opts.ResetAdmin != "" {
		return resetAdmin(ctx, opts, db, engine, log)
	}
	first := firstStartShared
	if strings.HasPrefix(db, "sqlite:") {
		first = firstStart
	}
	if err := first(ctx, opts, db, engine, log); err != nil {
		return err
	}
	if ctx.Err() != nil {
		log.Info("stopped before serving")
		return nil
	}
	st, svc, err := open(ctx, db, engine, log)
	if err != nil {
		return err
	}
	defer st.Close()
	runner := backgroundJobs(st, svc, log)
	// The first round runs before the server answers: on a single server,
	// or the first replica, every ticket's next breach is computed again,
	// as holidays and policies may have changed since the last start.
	runner.Round(ctx)

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return cmdutil.Errorf("cannot listen on %s: %v", opts.Addr, err)
	}
	log.Info("listening", "addr", ln.Addr().String(), "db", redacted(db))
	if opts.Ready != nil {
		opts.Ready(ln.Addr().String())
	}
	ticker := time.NewTicker(jobsInterval)
	defer ticker.Stop()
	stopped := make(chan struct{})
	go func() {
		runner.Run(ctx, ticker.C)
		close(stopped)
	}()
	defer func() { <-stopped }() // hands the jobs over before the store closes
	srv := server.New(svc, log)
	go srv.FollowRevocations(ctx)
	return server.Serve(ctx, ln, srv.Handler(), log, 10*time.Second)
}

// jobsInterval is how often the server runs a round of background jobs,
// among them the delivery of the outbox's messages, while it leads.
const jobsInterval = 5 * time.Second

// refreshInterval is how often the leading replica computes every active
// ticket's next breach again, for holidays and policies that changed.
const refreshInterval = time.Hour

// backgroundJobs are the jobs one replica of a deployment runs: the SLA
// refresher, when it starts leading and then hourly, and the outbox
// worker at every round.
func backgroundJobs(st store.Store, svc *service.Service, log *slog.Logger) *jobs.Runner {
	var refreshed time.Time
	refresh := jobs.Job{Name: "sla-refresh", Run: func(ctx context.Context) error {
		if !refreshed.IsZero() && time.Since(refreshed) < refreshInterval {
			return nil
		}
		n, err := svc.RefreshBreaches(ctx)
		if err != nil {
			return fmt.Errorf("cannot compute SLA breaches: %w", err)
		}
		refreshed = time.Now()
		log.Info("sla clocks refreshed", "tickets", n)
		return nil
	}}
	worker := outbox.NewWorker(st, time.Now, log)
	deliver := jobs.Job{Name: "outbox", Run: func(ctx context.Context) error {
		_, _, err := worker.Drain(ctx)
		return err
	}}
	return jobs.NewRunner(st, time.Now, log, refresh, deliver)
}

// open opens the database db names and the service over it, on the wall
// clock.
func open(ctx context.Context, db string, engine *clocks.Engine, log *slog.Logger) (store.Store, *service.Service, error) {
	st, err := store.Open(ctx, db, store.Options{Log: log})
	if err != nil {
		return nil, nil, openError(db, err)
	}
	return st, service.New(st, service.WithClocks(engine)), nil
}

// redacted is a database URL without its password, for logs.
func redacted(db string) string {
	if u, err := url.Parse(db); err == nil && u.User != nil {
		return u.Redacted()
	}
	return db
}

// openError reports a database that cannot be opened or read; a damaged
// file is to be restored.
func openError(db string, err error) error {
	e := cmdutil.Errorf("%v", err)
	if path, ok := strings.CutPrefix(db, "sqlite:"); ok && sqlite.IsDamaged(err) {
		return e.WithHint("the file is damaged: restore it from a backup (`sqlite3 %s .recover` may save part of it)", path)
	}
	return e
}

// firstStart gives a database with no users its first admin, or the demo
// data, and prints the admin's token. The database is built whole in a
// temporary file and moved into place (sqlite.Create): stopped at any
// instant, the first start leaves either no database, or one whose admin
// token was printed.
func firstStart(ctx context.Context, opts *ServeOptions, db string, engine *clocks.Engine, log *slog.Logger) error {
	path := strings.TrimPrefix(db, "sqlite:")
	if removed := sqlite.RemoveStale(path); len(removed) > 0 {
		log.Warn("removed the temporary files of an interrupted first start", "files", removed)
	}
	replace := false
	if _, err := os.Stat(path); err == nil {
		// A database without users (a file someone created, or one of an
		// older version's interrupted start) serves nobody: it is replaced.
		st, err := store.Open(ctx, db, store.Options{Log: log})
		if err != nil {
			return openError(db, err)
		}
		n, err := st.CountUsers(ctx)
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return openError(db, err)
		}
		if n > 0 {
			return nil
		}
		replace = true
	}
	admin := opts.InitAdmin
	// The demo data's history is written at instants in the past.
	clock := &demo.Clock{}
	created, err := sqlite.Create(ctx, path, replace, func(st *sqlite.Store) error {
		svc := service.New(st, service.WithClock(clock.Now), service.WithClocks(engine))
		var token string
		if opts.Demo {
			admin = demo.AdminUser
			if err := demo.Seed(ctx, svc, clock, opts.Now()); err != nil {
				return fmt.Errorf("cannot fill the demo database: %w", err)
			}
			issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: admin, Label: "first token"})
			if err != nil {
				return err
			}
			token = issued.Token
		} else {
			var err error
			if token, err = svc.Bootstrap(ctx, admin); err != nil {
				return err
			}
		}
		// The token is out before the database is in place: stopped in
		// between, the next start makes a new database and token.
		return printToken(opts, log, "first start: admin token issued", admin, token)
	}, sqlite.WithClock(clock.Now), sqlite.WithLogger(log))
	if err != nil {
		if ctx.Err() != nil {
			return &cmdutil.Error{Code: cmdutil.ExitInterrupted, Message: "interrupted during the first start: no database was created"}
		}
		return cmdutil.Errorf("cannot create the first admin: %v", err)
	}
	if !created {
		log.Warn("first start: another process created the database first; the token printed is void", "db", path)
		return nil
	}
	log.Info("first start: database created", "db", path, "admin", admin)
	return nil
}

// firstStartShared gives an empty shared database (PostgreSQL) its first
// admin, or the demo data, and prints the admin's token. Replicas may
// start together: the one that creates the admin prints its token, and
// another finds the admin taken and serves. A start stopped between the
// admin and its token leaves an admin without one: --reset-admin issues
// it.
func firstStartShared(ctx context.Context, opts *ServeOptions, db string, engine *clocks.Engine, log *slog.Logger) error {
	// The demo data's history is written at instants in the past.
	clock := &demo.Clock{}
	st, err := store.Open(ctx, db, store.Options{Now: clock.Now, Log: log})
	if err != nil {
		return openError(db, err)
	}
	defer st.Close()
	n, err := st.CountUsers(ctx)
	if err != nil {
		return openError(db, err)
	}
	if n > 0 {
		return nil
	}
	svc := service.New(st, service.WithClock(clock.Now), service.WithClocks(engine))
	admin := opts.InitAdmin
	var token string
	if opts.Demo {
		admin = demo.AdminUser
		if err = demo.Seed(ctx, svc, clock, opts.Now()); err == nil {
			var issued service.IssuedToken
			issued, err = svc.IssueToken(ctx, service.System, service.TokenRequest{Email: admin, Label: "first token"})
			token = issued.Token
		}
	} else {
		token, err = svc.Bootstrap(ctx, admin)
	}
	switch {
	case errors.Is(err, support.ErrDuplicate):
		log.Warn("first start: another replica set up the database first", "db", redacted(db))
		return nil
	case err != nil:
		return cmdutil.Errorf("cannot create the first admin: %v", err)
	}
	log.Info("first start: database set up", "db", redacted(db), "admin", admin)
	return printToken(opts, log, "first start: admin token issued", admin, token)
}

// resetAdmin issues a new token for the admin opts.ResetAdmin, creating
// that admin when no user has the email: the way back in for an operator
// who has lost every admin token.
func resetAdmin(ctx context.Context, opts *ServeOptions, db string, engine *clocks.Engine, log *slog.Logger) error {
	if path, ok := strings.CutPrefix(db, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			return (&cmdutil.Error{Code: cmdutil.ExitError, Message: fmt.Sprintf("no database at %s", path)}).
				WithHint("give the server's database with --db sqlite:PATH; a first start creates an admin itself")
		}
	}
	st, svc, err := open(ctx, db, engine, log)
	if err != nil {
		return err
	}
	defer st.Close()
	email := strings.ToLower(strings.TrimSpace(opts.ResetAdmin))
	u, err := svc.UserByEmail(ctx, email)
	var token string
	switch {
	case errors.Is(err, support.ErrNotFound):
		issued, err := svc.AddUser(ctx, service.System, support.User{Email: email, Name: "Administrator", Role: support.RoleAdmin, Region: "americas-west"})
		if err != nil {
			return cmdutil.Errorf("cannot create the admin %s: %v", email, err)
		}
		token = issued.Token
		log.Info("admin created", "admin", email)
	case err != nil:
		return openError(db, err)
	case !u.Can(support.ManageUsers):
		return cmdutil.UsageErrorf("%s is a user with the role %s, not an admin", email, u.Role).
			WithHint("give the email of an admin, or a new one to create an admin")
	default:
		issued, err := svc.IssueToken(ctx, service.System, service.TokenRequest{Email: email, Label: "reset-admin"})
		if err != nil {
			return cmdutil.Errorf("cannot issue a token for %s: %v", email, err)
		}
		token = issued.Token
	}
	return printToken(opts, log, "admin token issued by --reset-admin", email, token)
}

// printToken hands a new admin token to the operator: alone on stdout, or
// in the file --token-file names, created 0600 and replaced whole. It
// never goes to stderr, where the logs are, so no log store keeps it.
func printToken(opts *ServeOptions, log *slog.Logger, msg, admin, token string) error {
	if opts.TokenFile == "" {
		if _, err := fmt.Fprintln(opts.IO.Out, token); err != nil {
			return cmdutil.Errorf("cannot print the admin token: %v", err)
		}
		log.Info(msg, "admin", admin, "token", "on stdout, once", "login", "supctl auth login --with-token")
		return nil
	}
	if err := writeSecret(opts.TokenFile, token+"\n"); err != nil {
		return cmdutil.Errorf("cannot write the admin token of %s: %v", admin, err)
	}
	log.Info(msg, "admin", admin, "token_file", opts.TokenFile, "login", "supctl auth login --with-token < "+opts.TokenFile)
	return nil
}

// writeSecret writes data to a new 0600 file and moves it to path, so path
// is never readable by others, not even for an instant, and never half
// written.
func writeSecret(path, data string) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
