package comment

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// A comment whose answer does not come in time may have been posted: the
// error says so (exit 6) and prints a command that retries with the same
// idempotency key; that retry returns the first comment and posts nothing
// twice.
func TestTimedOutCommentRetriedWithSameKey(t *testing.T) {
	tm := terminal(t, func(name, text string) (string, error) { return "Reproduced on 7.5.0.\n" + text, nil })
	stalling, writes := cmdtest.StallingClient(t, tm.client)
	tm.f.APIClient = func() (*api.Client, error) { return stalling, nil }

	err := cmdtest.Run(NewCmdComment(tm.f, nil), strconv.FormatInt(tm.id, 10), "--internal")
	var uw *cmdutil.UncertainWriteError
	if !errors.As(err, &uw) || cmdutil.CodeOf(err) != cmdutil.ExitUnavailable {
		t.Fatalf("error %v (exit %d), want an *UncertainWriteError, exit 6", err, cmdutil.CodeOf(err))
	}
	if msg := err.Error(); !strings.Contains(msg, "no answer from") || !strings.Contains(msg, "the comment may have been posted") {
		t.Errorf("message %q", msg)
	}
	cs, _ := tm.client.Comments(t.Context(), tm.id)
	if len(cs) != tm.before+1 {
		t.Fatalf("after the timeout: %d comments, want %d (the stalled write was applied)", len(cs), tm.before+1)
	}
	first := cs[len(cs)-1]

	hint := cmdutil.HintOf(err)
	lines := strings.Split(hint, "\n")
	retry := strings.Fields(lines[len(lines)-1])
	if len(retry) < 2 || retry[0] != "comment" || !strings.Contains(hint, "--idempotency-key ") || !strings.Contains(hint, "--internal") {
		t.Fatalf("hint %q", hint)
	}
	path := recoverPath(t, hint)

	tm.io.ErrOut.Reset()
	tm.f.Editor = func(string, string) (string, error) { t.Fatal("the retry opened the editor"); return "", nil }
	if err := cmdtest.Run(NewCmdComment(tm.f, nil), retry[1:]...); err != nil {
		t.Fatalf("retry %v: %v", retry, err)
	}
	if n := countComments(t, tm.client, tm.id); n != tm.before+1 {
		t.Errorf("after the retry: %d comments, want %d", n, tm.before+1)
	}
	if want := "internal note " + strconv.FormatInt(first.ID, 10) + " was already on #" + strconv.FormatInt(tm.id, 10) + ": the first attempt with this key posted it"; !strings.Contains(tm.io.ErrOut.String(), want) {
		t.Errorf("retry said %q, want %q", tm.io.ErrOut, want)
	}
	if writes.Load() != 2 || !strings.HasPrefix(path, "/") {
		t.Errorf("%d writes reached the server; recover file %q", writes.Load(), path)
	}
}

// With --body, the retry repeats the body as given.
func TestTimedOutCommentRetryKeepsBody(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	backend, _ := f.APIClient()
	stalling, _ := cmdtest.StallingClient(t, backend)
	f.APIClient = func() (*api.Client, error) { return stalling, nil }
	err := cmdtest.Run(NewCmdComment(f, nil), "3", "--body", "It's fixed in 7.5.1", "--idempotency-key", "k-1")
	want := "comment 3 --body 'It'\\''s fixed in 7.5.1' --idempotency-key k-1"
	if hint := cmdutil.HintOf(err); !strings.HasSuffix(hint, want) {
		t.Errorf("hint %q, want it to end with %q", hint, want)
	}
}

// A body read from standard input cannot be read again: a timed-out
// comment keeps it in a file and the retry reads that file.
func TestTimedOutCommentFromStdinKeptInFile(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	backend, _ := f.APIClient()
	stalling, _ := cmdtest.StallingClient(t, backend)
	f.APIClient = func() (*api.Client, error) { return stalling, nil }
	io.In.WriteString("From a pipe.\n")
	err := cmdtest.Run(NewCmdComment(f, nil), "3", "--body-file", "-")
	hint := cmdutil.HintOf(err)
	if strings.Contains(hint, "--body-file -") {
		t.Fatalf("hint %q retries from standard input", hint)
	}
	path := recoverPath(t, hint)
	if data, err := os.ReadFile(path); err != nil || string(data) != "From a pipe.\n" {
		t.Errorf("recover file %s: %q (%v)", path, data, err)
	}
}
