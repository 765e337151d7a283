package sqlite_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// A contender is this test binary run again as one of two processes racing
// for the same queues; these variables tell it its part.
const (
	envDB    = "SUPCTL_CONTENDER_DB"    // the SQLite file
	envFirst = "SUPCTL_CONTENDER_FIRST" // the index of its first caller
	envOut   = "SUPCTL_CONTENDER_OUT"   // where it writes "<ticket id> <email>" per win
)

const processes = 2

func callerEmail(i int) string { return fmt.Sprintf("engineer%02d@example.com", i) }

// TestClaimContentionAcrossProcesses is the contention contract across two
// processes over one SQLite file, as two servers would share it: each runs
// half the callers, and every ticket must be won exactly once by the caller
// the database names as its owner.
func TestClaimContentionAcrossProcesses(t *testing.T) {
	if os.Getenv(envDB) != "" {
		t.Skip("this process is a contender")
	}
	t.Parallel() // most of its work is in other processes
	dir := t.TempDir()
	path := filepath.Join(dir, "shared.db")
	s := open(t, path)
	for i := range storetest.ContentionCallers {
		if _, err := svc(s).CreateUser(t.Context(), system, support.User{Email: callerEmail(i), Role: "engineer",
			Region: "apac-jp", WIPLimit: storetest.ContentionTickets}); err != nil {
			t.Fatal(err)
		}
	}
	news := make([]support.NewTicket, storetest.ContentionTickets)
	for i := range news {
		news[i] = storetest.ContentionTicket(i)
	}
	want := bulkLoad(t, s, store.ActorOf(system), newTickets(time.Now(), news))

	// Both contenders start and open the file, then wait for their stdin
	// to close, so that their races overlap.
	type contender struct {
		cmd    *exec.Cmd
		out    string
		stdin  io.WriteCloser
		stdout *bufio.Reader
		stderr strings.Builder
	}
	cs := make([]*contender, processes)
	for p := range cs {
		c := &contender{out: filepath.Join(dir, fmt.Sprintf("won-%d.txt", p))}
		c.cmd = exec.CommandContext(t.Context(), os.Args[0], "-test.run=^TestContender$", "-test.count=1")
		c.cmd.Env = append(os.Environ(), envDB+"="+path, envOut+"="+c.out,
			envFirst+"="+strconv.Itoa(p*storetest.ContentionCallers/processes))
		c.cmd.Stderr = &c.stderr
		var err error
		if c.stdin, err = c.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		stdout, err := c.cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		c.stdout = bufio.NewReader(stdout)
		if err := c.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cs[p] = c
	}
	for _, c := range cs {
		if line, err := c.stdout.ReadString('\n'); line != "ready\n" {
			t.Fatalf("contender not ready: %q, %v\n%s", line, err, c.stderr.String())
		}
	}
	start := time.Now()
	for _, c := range cs {
		c.stdin.Close()
	}
	won := map[string][]int64{}
	for p, c := range cs {
		report, _ := io.ReadAll(c.stdout) // the test framework's, read before Wait
		if err := c.cmd.Wait(); err != nil {
			t.Fatalf("contender %d: %v\n%s%s", p, err, report, c.stderr.String())
		}
		t.Logf("process %d won %d tickets", p, readWins(t, c.out, won))
	}
	t.Logf("%d tickets claimed by %d callers in %d processes in %s",
		len(want), storetest.ContentionCallers, processes, time.Since(start).Round(time.Millisecond))
	if err := storetest.CheckClaims(want, won, storetest.Owners(t, s)); err != nil {
		t.Fatal(err)
	}
}

// readWins adds the wins a contender wrote to won and counts them.
func readWins(t *testing.T, path string, won map[string][]int64) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(string(data))
	for i := 0; i+1 < len(lines); i += 2 {
		id, err := strconv.ParseInt(lines[i], 10, 64)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		won[lines[i+1]] = append(won[lines[i+1]], id)
	}
	return len(lines) / 2
}

// TestContender is one contender process of
// TestClaimContentionAcrossProcesses; it does nothing in a normal run.
func TestContender(t *testing.T) {
	path := os.Getenv(envDB)
	if path == "" {
		t.Skip("run by TestClaimContentionAcrossProcesses")
	}
	first, err := strconv.Atoi(os.Getenv(envFirst))
	if err != nil {
		t.Fatal(err)
	}
	s, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	actors := make([]support.User, storetest.ContentionCallers/processes)
	for i := range actors {
		u, err := s.UserByEmail(t.Context(), callerEmail(first+i))
		if err != nil {
			t.Fatal(err)
		}
		actors[i] = u
	}
	fmt.Println("ready")
	if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err == nil {
		t.Fatal("stdin is for the start signal only")
	}
	won := storetest.Drain(t, svc(s), actors, storetest.ContentionQueues, storetest.ContentionTickets)
	var out strings.Builder
	for email, ids := range won {
		for _, id := range ids {
			fmt.Fprintf(&out, "%d %s\n", id, email)
		}
	}
	if err := os.WriteFile(os.Getenv(envOut), []byte(out.String()), 0o600); err != nil {
		t.Fatal(err)
	}
}
