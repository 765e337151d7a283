package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var testDate = time.Date(2026, time.March, 4, 0, 0, 0, 0, time.UTC)

func generateInto(t *testing.T, dir string) {
	t.Helper()
	if err := generate(dir, testDate); err != nil {
		t.Fatalf("generate: %v", err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestGenerateWritesPages(t *testing.T) {
	dir := t.TempDir()
	generateInto(t, dir)

	md := readFile(t, filepath.Join(dir, referenceDir, "supctl_ticket_list.md"))
	if !strings.HasPrefix(md, "## supctl ticket list\n") || !strings.Contains(md, "[supctl ticket](supctl_ticket.md)") {
		t.Errorf("supctl_ticket_list.md lacks its title or its relative link to the parent:\n%s", md)
	}
	if strings.Contains(md, "Auto generated") {
		t.Error("markdown pages carry cobra's dated tag")
	}

	man := readFile(t, filepath.Join(dir, manDir, "supctl-ticket-list.1"))
	if !strings.Contains(man, `.TH "SUPCTL" "1" "Mar 2026" "supctl" "supctl manual"`) {
		t.Errorf("supctl-ticket-list.1 has an unexpected header:\n%s", man)
	}
	update := readFile(t, filepath.Join(dir, manDir, "supctl-ticket-update.1"))
	if !strings.Contains(update, "update <id>") {
		t.Errorf("supctl-ticket-update.1 lost the <id> placeholder of its synopsis:\n%s", update)
	}
}

func TestGenerateWritesHelpTopics(t *testing.T) {
	dir := t.TempDir()
	generateInto(t, dir)
	for _, topic := range []string{"exit-codes", "environment", "formatting", "profiles"} {
		md := readFile(t, filepath.Join(dir, referenceDir, "supctl_"+topic+".md"))
		if !strings.Contains(md, "### Synopsis\n\n```\n") {
			t.Errorf("help topic %s is not preformatted:\n%s", topic, md)
		}
		if _, err := os.Stat(filepath.Join(dir, manDir, "supctl-"+topic+".1")); err != nil {
			t.Errorf("no man page for help topic %s: %v", topic, err)
		}
	}
}

func TestGenerateWritesCompletions(t *testing.T) {
	dir := t.TempDir()
	generateInto(t, dir)
	for _, name := range []string{"supctl.bash", "supctl.zsh", "supctl.fish", "supctl.ps1"} {
		script := readFile(t, filepath.Join(dir, completionsDir, name))
		if !strings.Contains(script, "__complete") {
			t.Errorf("%s does not call supctl __complete", name)
		}
	}
}

func TestGenerateRemovesStaleFiles(t *testing.T) {
	dir := t.TempDir()
	generateInto(t, dir)
	stale := []string{
		filepath.Join(dir, referenceDir, "supctl_gone.md"),
		filepath.Join(dir, manDir, "supctl-gone.1"),
		filepath.Join(dir, completionsDir, "supctl.csh"),
	}
	for _, f := range stale {
		if err := os.WriteFile(f, []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	generateInto(t, dir)
	for _, f := range stale {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s survived regeneration (err %v)", f, err)
		}
	}
}

func TestGenerateIsReproducible(t *testing.T) {
	first, second := t.TempDir(), t.TempDir()
	generateInto(t, first)
	generateInto(t, second)
	a, b := snapshot(t, first), snapshot(t, second)
	if len(a) == 0 || len(a) != len(b) {
		t.Fatalf("generated %d files, then %d", len(a), len(b))
	}
	for name, content := range a {
		if !bytes.Equal(content, b[name]) {
			t.Errorf("%s differs between two runs", name)
		}
	}
}

// snapshot maps every file under dir, by relative path, to its content.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		files[rel], err = os.ReadFile(path)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestManDate(t *testing.T) {
	if got, err := manDate(""); err != nil || !got.Equal(defaultManDate) {
		t.Errorf(`manDate("") = %v, %v; want the fixed default`, got, err)
	}
	if got, err := manDate("1767225600"); err != nil || !got.Equal(time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("manDate(1767225600) = %v, %v; want 2026-01-01", got, err)
	}
	if _, err := manDate("yesterday"); err == nil {
		t.Error("manDate accepted a SOURCE_DATE_EPOCH that is not a number")
	}
}
