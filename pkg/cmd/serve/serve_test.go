package serve

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

func TestFlagValidation(t *testing.T) {
	for _, args := range [][]string{
		{"--log-format", "xml"}, {"--db", "mysql://x"}, {"--db", "/var/lib/supctl.db"}, {"extra"},
		{"--reset-admin", "not-an-email"}, {"--reset-admin", "a@example.com", "--demo"},
	} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdServe(f, func(*ServeOptions) error { return nil }), args...)
		if args[0] != "extra" && cmdutil.CodeOf(err) != cmdutil.ExitUsage || err == nil {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func testOptions(db string) (*ServeOptions, func() (stdout, stderr string)) {
	ios, _, stdout, stderr := iostreams.Test()
	opts := &ServeOptions{IO: ios, Now: func() time.Time { return cmdtest.Now }, Addr: "127.0.0.1:0", DB: "sqlite:" + db,
		InitAdmin: "ops@example.com", LogFormat: "json"}
	return opts, func() (string, string) { return stdout.String(), stderr.String() }
}

// serveOnce runs the server until it has answered /healthz, then stops it
// the way SIGTERM does, and returns what it printed on stdout and stderr.
func serveOnce(t *testing.T, opts *ServeOptions, out func() (string, string)) (addr, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	opts.Ready = func(addr string) { ready <- addr }
	done := make(chan error, 1)
	go func() { done <- serveRun(ctx, opts) }()
	select {
	case addr = <-ready:
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
	stdout, stderr = out()
	return addr, stdout, stderr
}

var tokenRE = regexp.MustCompile(`sup_[A-Z2-7]+`)

// TestFirstStartPrintsTheAdminTokenOnStdoutOnly: the token is on stdout
// alone, once, and never among the logs on stderr.
func TestFirstStartPrintsTheAdminTokenOnStdoutOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	opts, out := testOptions(db)
	_, stdout, stderr := serveOnce(t, opts, out)
	if !regexp.MustCompile(`^sup_[A-Z2-7]+\n$`).MatchString(stdout) {
		t.Errorf("first start's stdout = %q, want the token alone", stdout)
	}
	if tokenRE.MatchString(stderr) || !strings.Contains(stderr, "admin token issued") {
		t.Errorf("stderr has the token, or does not say one was issued:\n%s", stderr)
	}
	opts, out = testOptions(db)
	if _, stdout, stderr := serveOnce(t, opts, out); tokenRE.MatchString(stdout + stderr) {
		t.Errorf("second start printed a token again:\n%s%s", stdout, stderr)
	}
}

func TestTokenFile(t *testing.T) {
	dir := t.TempDir()
	opts, out := testOptions(filepath.Join(dir, "server.db"))
	opts.TokenFile = filepath.Join(dir, "admin.token")
	_, stdout, stderr := serveOnce(t, opts, out)
	b, err := os.ReadFile(opts.TokenFile)
	if err != nil || !regexp.MustCompile(`^sup_[A-Z2-7]+\n$`).Match(b) {
		t.Fatalf("token file: %q, %v", b, err)
	}
	if fi, _ := os.Stat(opts.TokenFile); fi.Mode().Perm() != 0o600 {
		t.Errorf("token file mode %v, want 0600", fi.Mode().Perm())
	}
	if tokenRE.MatchString(stdout+stderr) || !strings.Contains(stderr, opts.TokenFile) {
		t.Errorf("output has the token, or does not name the file:\n%s%s", stdout, stderr)
	}
}

// TestFirstStartLeavesNoHalfDatabase: a first start that fails while the
// database is filled (as a killed or interrupted one stops) leaves no
// database and no temporary file, and the next start gives a token that
// works.
func TestFirstStartLeavesNoHalfDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	opts, _ := testOptions(db)
	opts.Demo = true
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		// Stop it once the demo data is being written: SIGINT cancels
		// the context the same way.
		defer cancel()
		for range 10000 {
			if wal, _ := filepath.Glob(db + ".new-*-wal"); len(wal) == 1 {
				if fi, err := os.Stat(wal[0]); err == nil && fi.Size() > 1<<20 {
					return
				}
			}
			time.Sleep(time.Millisecond)
		}
		t.Error("the demo data never reached 1 MiB in a temporary database")
	}()
	if err := serveRun(ctx, opts); cmdutil.CodeOf(err) != cmdutil.ExitInterrupted {
		t.Fatalf("interrupted first start: %v, want exit 130", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Fatalf("interrupted first start left %v", left)
	}
	opts, out := testOptions(db)
	opts.Demo = true
	_, stdout, _ := serveOnce(t, opts, out)
	if !tokenRE.MatchString(stdout) {
		t.Fatalf("the start after an interrupted one printed no token: %q", stdout)
	}
	checkToken(t, db, strings.TrimSpace(stdout), "admin@example.com")
}

// TestFirstStartReplacesADatabaseWithoutUsers: a database file with no
// users, such as one an older version's interrupted start left, gets its
// admin.
func TestFirstStartReplacesADatabaseWithoutUsers(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	if err := os.WriteFile(db, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	opts, out := testOptions(db)
	_, stdout, _ := serveOnce(t, opts, out)
	checkToken(t, db, strings.TrimSpace(stdout), "ops@example.com")
}

// checkToken fails unless token signs in as email on the database at db.
func checkToken(t *testing.T, db, token, email string) {
	t.Helper()
	if !strings.Contains(db, "://") {
		db = "sqlite:" + db
	}
	st, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	req, _ := http.NewRequest("GET", "/api/v1/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	w := httptest.NewRecorder()
	server.New(service.New(st), nil).Handler().ServeHTTP(w, req)
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), email) {
		t.Errorf("GET /api/v1/me with the token: %d %s, want %s", w.Code, w.Body.String(), email)
	}
}

// TestResetAdmin: on a database whose users have no token (what an
// interrupted first start of an older version left), --reset-admin gives
// a token that works, for an existing admin or a new one, and refuses
// another role.
func TestResetAdmin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	st, err := store.Open(context.Background(), "sqlite:"+db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range []support.User{
		{Email: "admin@example.com", Name: "Admin", Role: "admin", Region: "americas-west"},
		{Email: "eng@example.com", Name: "Eng", Role: "engineer", Region: "americas-west", Tier: "frontline"},
	} {
		if _, err := service.New(st).CreateUser(context.Background(), service.System, u); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()

	for _, email := range []string{"admin@example.com", "new-admin@example.com"} {
		opts, out := testOptions(db)
		opts.ResetAdmin = email
		if err := serveRun(context.Background(), opts); err != nil {
			t.Fatalf("--reset-admin %s: %v", email, err)
		}
		stdout, stderr := out()
		if tokenRE.MatchString(stderr) {
			t.Errorf("--reset-admin logged the token:\n%s", stderr)
		}
		checkToken(t, db, strings.TrimSpace(stdout), email)
	}

	opts, out := testOptions(db)
	opts.ResetAdmin = "eng@example.com"
	if err := serveRun(context.Background(), opts); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("--reset-admin of an engineer: %v, want a usage error", err)
	}
	if stdout, _ := out(); stdout != "" {
		t.Errorf("--reset-admin of an engineer printed %q", stdout)
	}

	opts, _ = testOptions(filepath.Join(t.TempDir(), "missing.db"))
	opts.ResetAdmin = "admin@example.com"
	if err := serveRun(context.Background(), opts); err == nil || !strings.Contains(err.Error(), "missing.db") {
		t.Errorf("--reset-admin on no database: %v, want an error naming it", err)
	}
}

// TestDamagedDatabase: a database file that is not one is named, with a
// hint to restore it, not replaced by a first start.
func TestDamagedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "server.db")
	garbage := bytes.Repeat([]byte("not a database "), 1000)
	if err := os.WriteFile(db, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	opts, out := testOptions(db)
	err := serveRun(context.Background(), opts)
	if cmdutil.CodeOf(err) != cmdutil.ExitError || !strings.Contains(err.Error(), db) || !strings.Contains(cmdutil.HintOf(err), "damaged") {
		t.Errorf("serve on a damaged database: %v (hint %q), want exit 1 naming it, with a hint", err, cmdutil.HintOf(err))
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, garbage) {
		t.Error("the damaged database was changed")
	}
	if stdout, _ := out(); stdout != "" {
		t.Errorf("stdout %q", stdout)
	}
}

// On PostgreSQL, the first replica to start creates the admin and prints
// its token; a second one, started after, finds the admin and prints
// nothing; the token works against either.
func TestFirstStartOnPostgres(t *testing.T) {
	db := storetest.PostgresURL(t)
	opts, out := testOptions("")
	opts.DB = db
	_, stdout, stderr := serveOnce(t, opts, out)
	token := strings.TrimSpace(stdout)
	if !tokenRE.MatchString(token) || tokenRE.MatchString(stderr) {
		t.Fatalf("first start printed %q on stdout and %q on stderr: want the token on stdout only", stdout, stderr)
	}
	checkToken(t, db, token, "ops@example.com")

	again, out := testOptions("")
	again.DB = db
	if _, stdout, _ := serveOnce(t, again, out); stdout != "" {
		t.Errorf("second start printed %q: the database has its admin already", stdout)
	}
}
