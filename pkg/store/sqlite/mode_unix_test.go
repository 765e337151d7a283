//go:build unix

package sqlite_test

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/supctl/supctl/pkg/store/sqlite"
)

// TestOpenCreatesPrivateFiles: whatever the umask, a new database and its
// log files are readable by their owner alone.
func TestOpenCreatesPrivateFiles(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "server.db")
	st := open(t, path)
	if err := addUser(context.Background(), st, "a@example.com"); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", filepath.Base(p), fi.Mode().Perm())
		}
	}
}

// TestOpenRestrictsModes: an existing database others may read loses those
// permissions, and the log says so; one within 0640 is left alone.
func TestOpenRestrictsModes(t *testing.T) {
	dir := t.TempDir()
	loose, group := filepath.Join(dir, "loose.db"), filepath.Join(dir, "group.db")
	for _, p := range []string{loose, group} {
		open(t, p).Close()
	}
	os.Chmod(loose, 0o666)
	os.Chmod(group, 0o640)
	var logs bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	for _, p := range []string{loose, group} {
		st, err := sqlite.Open(context.Background(), p, sqlite.WithLogger(log))
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
	}
	for p, want := range map[string]os.FileMode{loose: 0o640, group: 0o640} {
		if fi, _ := os.Stat(p); fi.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", filepath.Base(p), fi.Mode().Perm(), want)
		}
	}
	if !strings.Contains(logs.String(), "loose.db") || strings.Contains(logs.String(), "group.db") {
		t.Errorf("logs should warn of loose.db alone:\n%s", logs.String())
	}
}
