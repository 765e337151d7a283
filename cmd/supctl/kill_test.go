//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	_ "github.com/supctl/supctl/pkg/store/sqlite" // registers the "sqlite" driver
)

// patience bounds every wait of the kill tests on a process. It guards
// against a hang, not a measure of speed: a race-detector build filling
// the demo database on a busy machine can take most of a minute.
const patience = 3 * time.Minute

// process is a supctl started by the kill tests, with what it printed.
type process struct {
	cmd    *exec.Cmd
	addr   chan string // the address it listens on, from its log
	token  chan string // the first line of its stdout
	exited chan struct{}

	mu     sync.Mutex
	stderr bytes.Buffer
}

// errText is what the process printed on stderr so far.
func (p *process) errText() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// supctl starts the binary under test (the test binary itself, which
// TestMain makes answer as supctl) with its data and config in dir.
func supctl(t *testing.T, dir string, args ...string) *process {
	t.Helper()
	bin, err := exec.LookPath("supctl")
	if err != nil {
		t.Fatal(err)
	}
	p := &process{cmd: exec.Command(bin, args...), addr: make(chan string, 1), token: make(chan string, 1), exited: make(chan struct{})}
	p.cmd.Env = append(os.Environ(), "XDG_DATA_HOME="+filepath.Join(dir, "data"), "XDG_CONFIG_HOME="+filepath.Join(dir, "config"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"), "SUPCTL_TOKEN=")
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	wg.Add(2)
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			p.token <- sc.Text()
		}
		io.Copy(io.Discard, stdout)
	}()
	go func() {
		defer wg.Done()
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			p.mu.Lock()
			p.stderr.Write(append(sc.Bytes(), '\n'))
			p.mu.Unlock()
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				p.addr <- line.Addr
			}
		}
	}()
	go func() {
		wg.Wait()
		p.cmd.Wait()
		close(p.exited)
	}()
	t.Cleanup(p.kill)
	return p
}

// listening waits for the server to log its address.
func (p *process) listening(t *testing.T) string {
	t.Helper()
	select {
	case addr := <-p.addr:
		return "http://" + addr
	case <-p.exited:
		t.Fatalf("supctl serve exited before listening:\n%s", p.errText())
	case <-time.After(patience):
		t.Fatalf("supctl serve is not listening after %s:\n%s", patience, p.errText())
	}
	return ""
}

// kill sends SIGKILL and waits for the process to end.
func (p *process) kill() {
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.exited
}

// call makes one API request and decodes the answer into out.
func call(ctx context.Context, method, url, token, key string, body, out any) (int, error) {
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, r)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	if key != "" {
		req.Header.Set("Idempotency-Key", key)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if out != nil && resp.StatusCode < 300 {
		err = json.NewDecoder(resp.Body).Decode(out)
	}
	return resp.StatusCode, err
}

type ticketRef struct {
	ID      int64  `json:"id"`
	Subject string `json:"subject"`
}

func newTicket(subject string) map[string]any {
	return map[string]any{
		"subject": subject, "description": "written by the kill test", "severity": "S3", "division": "core",
		"region": "americas-west", "requester_kind": "internal", "requester_name": "Kill Test",
		"requester_email": "kill@example.com", "product_version": "7.5.0", "environment": "test",
	}
}

// integrityCheck runs SQLite's integrity check on the database of a
// stopped server (recovering its log as any opener does).
func integrityCheck(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var result string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check: %q, %v", result, err)
	}
}

// TestKillUnderWrites kills a server with SIGKILL while writers create
// tickets on it, five times, each time after another 40 writes were
// acknowledged: after each restart every acknowledged ticket is there, its
// Idempotency-Key still answers with it, and the database passes SQLite's
// integrity check.
func TestKillUnderWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills supctl serve five times")
	}
	const rounds, perRound, writers = 5, 40, 4
	dir := t.TempDir()
	db := filepath.Join(dir, "server.db")
	serve := func() *process {
		return supctl(t, dir, "serve", "--addr", "127.0.0.1:0", "--db", "sqlite:"+db, "--init-admin", "ops@example.com")
	}
	p := serve()
	var token string
	select {
	case token = <-p.token:
	case <-p.exited:
		t.Fatalf("first start printed no token:\n%s", p.errText())
	case <-time.After(patience):
		t.Fatalf("first start printed no token on stdout in %s:\n%s", patience, p.errText())
	}
	acked := map[string]ticketRef{} // by Idempotency-Key
	// verify checks that every write acknowledged before is there, and
	// that its key replays it.
	verify := func(round int, url string) {
		t.Helper()
		for key, want := range acked {
			var got ticketRef
			if code, err := call(context.Background(), "GET", fmt.Sprintf("%s/api/v1/tickets/%d", url, want.ID), token, "", nil, &got); code != http.StatusOK || got != want {
				t.Fatalf("round %d: ticket %d acknowledged before a kill: %d %+v %v", round, want.ID, code, got, err)
			}
			if code, err := call(context.Background(), "POST", url+"/api/v1/tickets", token, key, newTicket(want.Subject), &got); code != http.StatusOK && code != http.StatusCreated || got != want {
				t.Fatalf("round %d: key %s replays %d %+v %v, want ticket %d", round, key, code, got, err, want.ID)
			}
		}
	}
	for round := range rounds {
		url := p.listening(t)
		verify(round, url)
		var (
			mu    sync.Mutex
			n     atomic.Int64
			count int
			wg    sync.WaitGroup
		)
		ctx, cancel := context.WithCancel(context.Background())
		killed := make(chan struct{})
		var once sync.Once
		for range writers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					key := fmt.Sprintf("r%d-w%d", round, n.Add(1))
					var got ticketRef
					code, err := call(ctx, "POST", url+"/api/v1/tickets", token, key, newTicket("kill test "+key), &got)
					if err != nil {
						continue // cut off by the kill: not acknowledged
					}
					if code != http.StatusCreated {
						t.Errorf("round %d: POST /api/v1/tickets answered %d", round, code)
						cancel()
						return
					}
					mu.Lock()
					acked[key] = got
					count++
					if count == perRound {
						once.Do(func() {
							close(killed)
							p.kill()
						})
					}
					mu.Unlock()
				}
			}()
		}
		select {
		case <-killed:
		case <-ctx.Done():
			t.FailNow()
		case <-p.exited:
			select {
			case <-killed:
			default:
				t.Fatalf("round %d: the server exited before %d writes:\n%s", round, perRound, p.errText())
			}
		}
		<-p.exited
		cancel()
		wg.Wait()
		integrityCheck(t, db)
		p = serve()
	}
	if len(acked) < rounds*perRound {
		t.Fatalf("%d writes acknowledged, want at least %d", len(acked), rounds*perRound)
	}
	verify(rounds, p.listening(t))
	p.kill()
	integrityCheck(t, db)
}

// TestKillDuringFirstStart kills `supctl serve --demo` with SIGKILL while
// it fills its new database, at two depths into the filling: the next
// start gives a token that works (the first one's, if it printed one), and
// no temporary file stays behind.
func TestKillDuringFirstStart(t *testing.T) {
	if testing.Short() {
		t.Skip("fills the demo database three or four times")
	}
	// Killed at once, and deep in the filling: when the temporary
	// database and its log hold 4 MiB between them (the demo data ends at
	// about 2 MiB of database, its log peaking at 7-8 MiB).
	for _, depth := range []int64{0, 4 << 20} {
		t.Run(fmt.Sprintf("fill_%dMiB", depth>>20), func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "server.db")
			serve := func() *process {
				return supctl(t, dir, "serve", "--demo", "--addr", "127.0.0.1:0", "--db", "sqlite:"+db)
			}
			p := serve()
			if !waitFor(p, func() bool { return filesSize(db+".new-*") >= depth }) {
				t.Fatalf("no temporary database of %d bytes:\n%s", depth, p.errText())
			}
			p.kill()
			var token string
			select {
			case token = <-p.token:
			default:
			}
			if _, err := os.Stat(db); err == nil && token == "" {
				t.Fatal("the killed first start left a database but printed no token")
			}
			integrityCheckIfExists(t, db)

			p = serve()
			url := p.listening(t)
			select {
			case again := <-p.token:
				if token != "" {
					t.Fatalf("the start after one that printed a token printed another")
				}
				token = again
			default:
			}
			if token == "" {
				t.Fatalf("no token from either start:\n%s", p.errText())
			}
			var me struct{ Email, Role string }
			if code, err := call(context.Background(), "GET", url+"/api/v1/me", token, "", nil, &me); code != http.StatusOK || me.Role != "admin" {
				t.Fatalf("GET /api/v1/me with the token: %d %+v %v", code, me, err)
			}
			if left, _ := filepath.Glob(db + ".new-*"); len(left) != 0 {
				t.Errorf("temporary files left after the restart: %v", left)
			}
		})
	}
}

// TestInterruptedFirstRunRemovesItsFiles interrupts (SIGINT, as Ctrl-C
// does) the first command of the demo profile while it fills the demo
// database: it ends as interrupted and leaves no file behind.
func TestInterruptedFirstRunRemovesItsFiles(t *testing.T) {
	if testing.Short() {
		t.Skip("fills the demo database")
	}
	dir := t.TempDir()
	data := filepath.Join(dir, "data", "supctl")
	p := supctl(t, dir, "ticket", "list")
	if !waitFor(p, func() bool { return filesSize(filepath.Join(data, "demo.db*-wal")) >= 1<<20 }) {
		t.Fatalf("no temporary demo database:\n%s", p.errText())
	}
	p.cmd.Process.Signal(os.Interrupt)
	<-p.exited
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !(ws.Signaled() && ws.Signal() == syscall.SIGINT) && ws.ExitStatus() != 130 {
		t.Errorf("interrupted run ended with %v, want SIGINT or exit 130", p.cmd.ProcessState)
	}
	if left, _ := os.ReadDir(data); len(left) != 0 {
		t.Errorf("the interrupted run left %v", left)
	}
}

// waitFor polls cond until it holds or the process exits, for at most
// patience.
func waitFor(p *process, cond func() bool) bool {
	deadline := time.Now().Add(patience)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		select {
		case <-p.exited:
			return cond()
		case <-time.After(time.Millisecond):
		}
	}
	return false
}

// filesSize is the size of the files pattern matches together, or -1
// when it matches none.
func filesSize(pattern string) int64 {
	m, _ := filepath.Glob(pattern)
	if len(m) == 0 {
		return -1
	}
	var n int64
	for _, f := range m {
		if fi, err := os.Stat(f); err == nil {
			n += fi.Size()
		}
	}
	return n
}

func integrityCheckIfExists(t *testing.T, path string) {
	t.Helper()
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return
	}
	integrityCheck(t, path)
}
