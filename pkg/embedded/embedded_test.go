package embedded

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/support"
)

// TestConcurrentFirstUse: processes that start at once on a new profile
// all get one complete database, never a half-filled one.
func TestConcurrentFirstUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "ops.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com", Now: time.Now})
			if err == nil {
				_, err = api.New(BaseURL, b.Client(), "").Me(context.Background())
				b.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("opener %d: %v", i, err)
		}
	}
	leftovers, _ := filepath.Glob(path + ".new-*")
	if len(leftovers) != 0 {
		t.Errorf("temporary databases left behind: %v", leftovers)
	}
}

func TestActsAsTheProfileUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	b, err := Open(context.Background(), Options{Path: path, User: "lead@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	me, err := api.New(BaseURL, b.Client(), "").Me(context.Background())
	if err != nil || me.Email != "lead@example.com" || me.Role != "admin" {
		t.Fatalf("me = %+v, %v; want the profile's user, bootstrapped as admin", me, err)
	}

	other, err := Open(context.Background(), Options{Path: path, User: "stranger@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	resp, err := other.Client().Get(BaseURL + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "stranger@example.com") {
		t.Errorf("unknown user: %d %s", resp.StatusCode, body)
	}
}

func TestUnwritableDataDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), Options{Path: filepath.Join(file, "sub", "demo.db"), User: "x@example.com"})
	if err == nil || !strings.Contains(err.Error(), "data directory") {
		t.Fatalf("err = %v, want one naming the data directory", err)
	}
}

// deadPID is the id of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	if err := cmd.Run(); err != nil {
		t.Fatal(err)
	}
	return cmd.Process.Pid
}

// TestKilledFirstRunLeavesNothingBehind: the temporary database of a first
// run that was killed is removed by the next run, and by a reset; that of
// a run still going, in another process, is not.
func TestKilledFirstRunLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ops.db")
	leave := func() []string {
		var left []string
		for _, suffix := range []string{"", "-wal", "-shm"} {
			p := fmt.Sprintf("%s.new-%d.42%s", path, deadPID(t), suffix)
			if err := os.WriteFile(p, make([]byte, 4096), 0o600); err != nil {
				t.Fatal(err)
			}
			left = append(left, p)
		}
		return left
	}
	running := fmt.Sprintf("%s.new-%d.43", path, os.Getpid())
	if err := os.WriteFile(running, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, next := range []func() error{
		func() error { // the first run after the killed one
			b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com"})
			if err == nil {
				err = b.Close()
			}
			return err
		},
		func() error { // a later run
			b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com"})
			if err == nil {
				err = b.Close()
			}
			return err
		},
		func() error { return Reset(path) },
	} {
		left := leave()
		if err := next(); err != nil {
			t.Fatal(err)
		}
		for _, p := range left {
			if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("%s was left behind", filepath.Base(p))
			}
		}
		if _, err := os.Stat(running); err != nil {
			t.Errorf("the temporary database of a running process was removed: %v", err)
		}
	}
}

// TestDamagedDatabaseNamesTheFile: a request that reads a corrupt page
// fails with a message naming the file and what to do, not a bare
// "internal server error".
func TestDamagedDatabaseNamesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	b.Close()
	// Overwrite the root pages of the tickets table and its indexes
	// with garbage.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var pageSize int64
	if err := db.QueryRow(`PRAGMA page_size`).Scan(&pageSize); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT rootpage FROM sqlite_schema WHERE tbl_name = 'tickets' AND rootpage > 0`)
	if err != nil {
		t.Fatal(err)
	}
	var roots []int64
	for rows.Next() {
		var root int64
		rows.Scan(&root)
		roots = append(roots, root)
	}
	db.Close()
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, root := range roots {
		if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, int(pageSize)), (root-1)*pageSize); err != nil {
			t.Fatal(err)
		}
	}
	f.Close()

	for _, demo := range []bool{true, false} {
		var stderr bytes.Buffer
		b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com", Demo: demo, Stderr: &stderr})
		if err != nil {
			t.Fatal(err)
		}
		_, err = api.New(BaseURL, b.Client(), "").ListTickets(context.Background(), support.TicketFilter{})
		b.Close()
		want := "supctl demo reset"
		if !demo {
			want = "restore " + path + " from a backup"
		}
		if err == nil || !strings.Contains(err.Error(), path+" is damaged") || !strings.Contains(err.Error(), want) {
			t.Errorf("demo %v: %v, want an error naming %s as damaged and saying %q", demo, err, path, want)
		}
		if stderr.Len() != 0 {
			t.Errorf("demo %v: stderr %q, want the cause in the error alone", demo, stderr.String())
		}
	}
}

// TestEmptyDatabaseFile: a database file of 0 bytes, which SQLite would
// take for a new database without users, is refused by name.
func TestEmptyDatabaseFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, readOnly := range []bool{false, true} {
		_, err := Open(context.Background(), Options{Path: path, User: "ops@example.com", Demo: true, ReadOnly: readOnly})
		if !errors.Is(err, ErrEmpty) || !strings.Contains(err.Error(), path) {
			t.Errorf("read-only %v: %v, want ErrEmpty naming the file", readOnly, err)
		}
	}
}
