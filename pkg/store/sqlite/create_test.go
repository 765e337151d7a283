package sqlite_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/support"
)

func addUser(ctx context.Context, st *sqlite.Store, email string) error {
	u := support.User{Email: email, Name: "Someone", Role: "admin", Region: "americas-west"}
	if err := u.Normalize(); err != nil {
		return err
	}
	_, err := svc(st).CreateUser(ctx, system, u)
	return err
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var n []string
	for _, e := range entries {
		n = append(n, e.Name())
	}
	return n
}

// TestCreateIsAllOrNothing: a database whose filling fails is never seen
// at its path, and leaves no file behind; one filled whole is.
func TestCreateIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "new.db")
	boom := errors.New("boom")
	created, err := sqlite.Create(ctx, path, false, func(st *sqlite.Store) error {
		if err := addUser(ctx, st, "a@example.com"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) || created {
		t.Fatalf("Create = %v, %v; want the fill's error", created, err)
	}
	if left := names(t, dir); len(left) != 0 {
		t.Fatalf("a failed Create left %v", left)
	}
	created, err = sqlite.Create(ctx, path, false, func(st *sqlite.Store) error { return addUser(ctx, st, "a@example.com") })
	if err != nil || !created {
		t.Fatalf("Create = %v, %v", created, err)
	}
	if left := names(t, dir); !slices.Equal(left, []string{"new.db"}) {
		t.Fatalf("Create left %v, want new.db alone", left)
	}
	// A second creator loses the race: the first database stays.
	created, err = sqlite.Create(ctx, path, false, func(st *sqlite.Store) error { return addUser(ctx, st, "b@example.com") })
	if err != nil || created {
		t.Fatalf("second Create = %v, %v; want false, nil", created, err)
	}
	st := open(t, path)
	if _, err := st.UserByEmail(ctx, "a@example.com"); err != nil {
		t.Errorf("the first database was replaced: %v", err)
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

// TestRemoveStale: the temporary databases of killed creators are
// removed, with their log files; one whose creator runs is kept, however
// old; one named before names held a process id goes by age.
func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "demo.db")
	dead, alive := strconv.Itoa(deadPID(t)), strconv.Itoa(os.Getpid())
	old := time.Now().Add(-2 * time.Hour)
	files := map[string]bool{ // name: want removed
		"demo.db":                           false,
		"demo.db.new-" + dead + ".123":      true,
		"demo.db.new-" + dead + ".123-wal":  true,
		"demo.db.new-" + dead + ".123-shm":  true,
		"demo.db.new-" + dead + ".456-wal":  true, // its database is gone already
		"demo.db.new-" + alive + ".789":     false,
		"demo.db.new-" + alive + ".789-wal": false,
		"demo.db.new-1234567890":            false, // old style, recent
		"demo.db.new-2345678901":            true,  // old style, two hours old
		"demo.db.new-2345678901-wal":        true,
		"other.db.new-" + dead + ".123":     false,
	}
	for name := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
		if name == "demo.db.new-2345678901" || name == "demo.db.new-2345678901-wal" {
			os.Chtimes(p, old, old)
		}
	}
	removed := sqlite.RemoveStale(path)
	for name, want := range files {
		_, err := os.Stat(filepath.Join(dir, name))
		if gone := errors.Is(err, os.ErrNotExist); gone != want {
			t.Errorf("%s: removed %v, want %v", name, gone, want)
		}
	}
	if len(removed) != 6 {
		t.Errorf("RemoveStale returned %v, want the 6 files it removed", removed)
	}
}
