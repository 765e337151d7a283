package cmdutil

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/iostreams"
)

func TestStripEditorTemplate(t *testing.T) {
	tmpl := EditorTemplate("", "Write your reply to #42.", "An empty comment sends nothing.")
	for _, tc := range []struct{ edited, want string }{
		{tmpl, ""},
		{"\n \n\t\n" + tmpl, ""},
		{"Hello\n" + tmpl, "Hello"},
		{"\n\n# Heading\n\n  indented code\n\n" + tmpl, "# Heading\n\n  indented code"},
		{"Hello\r\nworld\r\n" + strings.ReplaceAll(tmpl, "\n", "\r\n"), "Hello\nworld"},
		{"No template at all\n", "No template at all"},
		{EditorCutLine + "\n# text after the cut line\n", ""},
	} {
		if got := StripEditorTemplate(tc.edited); got != tc.want {
			t.Errorf("StripEditorTemplate(%q) = %q, want %q", tc.edited, got, tc.want)
		}
	}
	if !strings.Contains(tmpl, "# Write your reply to #42.\n") {
		t.Errorf("template %q", tmpl)
	}
}

func TestEditorCommand(t *testing.T) {
	env := map[string]string{"SUPCTL_EDITOR": "hx", "VISUAL": "code --wait", "EDITOR": "vim"}
	getenv := func(k string) string { return env[k] }
	for _, want := range []string{"hx", "code --wait", "vim"} {
		if got := EditorCommand(getenv); got != want {
			t.Errorf("EditorCommand = %q, want %q", got, want)
		}
		for _, k := range []string{"SUPCTL_EDITOR", "VISUAL", "EDITOR"} {
			if env[k] == want {
				delete(env, k)
			}
		}
	}
	if got := EditorCommand(getenv); got != "nano" && got != "vi" && got != "notepad" {
		t.Errorf("default editor %q", got)
	}
}

// The system editor runs the user's command, with its words and quotes as
// the shell reads them, on a file holding the text, and returns the file
// as saved.
func TestSystemEditorRunsCommand(t *testing.T) {
	dir := t.TempDir()
	script := dir + "/my editor"
	if err := os.WriteFile(script, []byte("#!/bin/sh\n[ \"$1\" = --flag ] || exit 3\nprintf 'written\\n' | cat - \"$2\" > \"$2.new\" && mv \"$2.new\" \"$2\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	ios, _, _, _ := iostreams.Test()
	edit := SystemEditor(ios, func(k string) string {
		if k == "EDITOR" {
			return "'" + script + "' --flag"
		}
		return ""
	})
	got, err := edit("comment.md", "template\n")
	if err != nil || got != "written\ntemplate\n" {
		t.Errorf("edit = %q, %v", got, err)
	}
	failing := SystemEditor(ios, func(k string) string { return map[string]string{"EDITOR": "false"}[k] })
	if _, err := failing("comment.md", ""); err == nil || !strings.Contains(err.Error(), `the editor "false" failed`) {
		t.Errorf("failing editor: %v", err)
	}
}

func TestRetryCommandQuotes(t *testing.T) {
	var body string
	var internal bool
	cmd := &cobra.Command{Use: "comment", RunE: func(*cobra.Command, []string) error { return nil }}
	cmd.Flags().StringVar(&body, "body", "", "")
	cmd.Flags().BoolVar(&internal, "internal", false, "")
	cmd.Flags().String("idempotency-key", "", "")
	cmd.SetArgs([]string{"42", "--body", "it's $HOME", "--internal", "--idempotency-key", "old"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	got := RetryCommand(cmd, []string{"42"}, "idempotency-key", "k 1", "body-file", "/tmp/a b.md")
	want := `comment 42 --body 'it'\''s $HOME' --internal --idempotency-key 'k 1' --body-file '/tmp/a b.md'`
	if got != want {
		t.Errorf("RetryCommand = %s\nwant %s", got, want)
	}
	if got := RetryCommand(cmd, []string{"42"}, "body", ""); got != "comment 42 --idempotency-key old --internal" {
		t.Errorf("dropping --body: %s", got)
	}
}

// The file the editor opens is in TMPDIR, and gone once the text is read
// back.
func TestSystemEditorRemovesFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the test editor is a shell script")
	}
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	record := filepath.Join(t.TempDir(), "opened")
	ios, _, _, _ := iostreams.Test()
	edit := SystemEditor(ios, func(k string) string {
		if k == "EDITOR" {
			return "printf %s >'" + record + "'"
		}
		return ""
	})
	if got, err := edit("comment.md", "text\n"); err != nil || got != "text\n" {
		t.Fatalf("edit = %q, %v", got, err)
	}
	opened, err := os.ReadFile(record)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(string(opened)) != dir {
		t.Errorf("the editor opened %s, not a file in TMPDIR %s", opened, dir)
	}
	if _, err := os.Stat(string(opened)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("%s after editing: %v, want it removed", opened, err)
	}
}
