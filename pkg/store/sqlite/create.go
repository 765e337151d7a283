package sqlite

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// staleAge is the age past which a temporary database is removed even
// when its creator's process id is taken: filling one takes seconds, and
// its files change all the while.
const staleAge = time.Hour

// Create builds a new database at path: it opens a store over a temporary
// file next to path, runs fill on it, closes it and links it into place, so
// that no process ever sees a half-filled database and one interrupted at
// any instant leaves either none or a whole one. When path already exists
// (another process won the race) the new database is discarded and created
// is false; with replace, an existing file is replaced instead, which only
// a caller that knows it holds nothing of value may ask for. The temporary
// files are removed however Create ends, except when the process is
// killed: its callers run RemoveStale before, on every start.
func Create(ctx context.Context, path string, replace bool, fill func(*Store) error, opts ...Option) (created bool, err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, openError(path, err)
	}
	f, err := os.CreateTemp(dir, fmt.Sprintf("%s%d.*", filepath.Base(tempPrefix(path)), os.Getpid()))
	if err != nil {
		return false, fmt.Errorf("cannot create database %s: %w", path, err)
	}
	tmp := f.Name()
	f.Close()
	defer removeFiles(tmp)
	st, err := Open(ctx, tmp, opts...)
	if err != nil {
		return false, err
	}
	err = fill(st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return false, fmt.Errorf("cannot create database %s: %w", path, err)
	}
	if replace {
		// The files of the database replaced would otherwise be read as
		// this one's.
		for _, p := range []string{path + "-wal", path + "-shm"} {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return false, fmt.Errorf("cannot create database %s: %w", path, err)
			}
		}
		if err := os.Rename(tmp, path); err != nil {
			return false, fmt.Errorf("cannot create database %s: %w", path, err)
		}
		return true, nil
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return false, nil
		}
		return false, fmt.Errorf("cannot create database %s: %w", path, err)
	}
	return true, nil
}

// tempPrefix starts the name of every temporary database Create makes for
// path; the creator's process id follows it.
func tempPrefix(path string) string { return path + ".new-" }

// RemoveStale removes the temporary databases that Create left next to
// path when its process was killed: those whose creator is no longer
// running, or that have not changed for an hour. A database another
// process is still filling is left alone. It returns the files removed.
func RemoveStale(path string) []string {
	matches, _ := filepath.Glob(globEscape(tempPrefix(path)) + "*")
	var removed []string
	now := time.Now()
	for _, m := range matches {
		if !strings.HasSuffix(m, "-wal") && !strings.HasSuffix(m, "-shm") && !isStale(path, m, now) {
			continue
		}
		base := strings.TrimSuffix(strings.TrimSuffix(m, "-wal"), "-shm")
		if base != m {
			// A log file: stale if its database is, or if that is gone.
			if _, err := os.Lstat(base); err == nil && !isStale(path, base, now) {
				continue
			}
		}
		if os.Remove(m) == nil {
			removed = append(removed, m)
		}
	}
	return removed
}

// isStale reports whether tmp, a temporary database of path, is abandoned. Its
// name holds its creator's process id; names without one (made before
// they had it) go by age alone.
func isStale(path, tmp string, now time.Time) bool {
	rest := strings.TrimPrefix(filepath.Base(tmp), filepath.Base(tempPrefix(path)))
	if pid, _, ok := strings.Cut(rest, "."); ok {
		if n, err := strconv.Atoi(pid); err == nil && n > 0 && !processRunning(n) {
			return true
		}
	}
	newest := time.Time{}
	for _, p := range []string{tmp, tmp + "-wal", tmp + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.ModTime().After(newest) {
			newest = fi.ModTime()
		}
	}
	return !newest.IsZero() && now.Sub(newest) > staleAge
}

// globEscape quotes the characters filepath.Match treats specially.
func globEscape(s string) string {
	r := strings.NewReplacer(`*`, `[*]`, `?`, `[?]`, `[`, `[[]`)
	if filepath.Separator != '\\' {
		r = strings.NewReplacer(`*`, `\*`, `?`, `\?`, `[`, `\[`, `\`, `\\`)
	}
	return r.Replace(s)
}

// removeFiles deletes a database with its log files.
func removeFiles(path string) error {
	var first error
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) && first == nil {
			first = err
		}
	}
	return first
}

// Remove deletes the database at path with its log files, and the
// temporary databases left next to it by killed processes.
func Remove(path string) error {
	RemoveStale(path)
	return removeFiles(path)
}
