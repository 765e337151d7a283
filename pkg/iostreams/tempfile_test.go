package iostreams

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestTempFile(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	path, cleanup, err := TempFile("supctl-*-comment.md", "héllo\n")
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir && runtime.GOOS != "windows" {
		t.Errorf("file %s is not in TMPDIR %s", path, dir)
	}
	if base := filepath.Base(path); !strings.HasPrefix(base, "supctl-") || !strings.HasSuffix(base, "-comment.md") {
		t.Errorf("name %s does not follow the pattern", base)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if data, err := os.ReadFile(path); err != nil || string(data) != "héllo\n" {
		t.Errorf("content %q, %v", data, err)
	}
	cleanup()
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("after cleanup: %v, want the file gone", err)
	}
}

func TestTempFileUnwritableDir(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("TMPDIR is not read on Windows")
	}
	t.Setenv("TMPDIR", filepath.Join(t.TempDir(), "missing"))
	if _, cleanup, err := TempFile("supctl-*", "x"); err == nil || cleanup != nil {
		t.Errorf("TempFile in a missing directory: err %v, cleanup %v", err, cleanup != nil)
	}
}
