package comment

import (
	"errors"
	"net/http"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

// term is a command test on a terminal (stdin too) whose editor is faked.
type term struct {
	f      *cmdutil.Factory
	io     cmdtest.Streams
	client *api.Client
	// id is a demo ticket's, before the number of its comments.
	id     int64
	before int
}

func terminal(t *testing.T, edit cmdutil.Editor) term {
	t.Helper()
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetStdinTTY(true)
	f.Editor = edit
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	id := page.Tickets[0].ID
	return term{f: f, io: io, client: client, id: id, before: countComments(t, client, id)}
}

func countComments(t *testing.T, client *api.Client, id int64) int {
	t.Helper()
	cs, err := client.Comments(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}

// On a terminal with no body, the comment is written in the editor: it
// opens on a template of commented instructions, which are stripped.
func TestCommentWrittenInEditor(t *testing.T) {
	var opened string
	tm := terminal(t, func(name, text string) (string, error) {
		opened = text
		return "Please send the NodeManager log.\n\nThanks\n" + text, nil
	})
	io, id, before := tm.io, tm.id, tm.before
	if err := cmdtest.Run(NewCmdComment(tm.f, nil), strconv.FormatInt(id, 10), "--internal"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(opened, cmdutil.EditorCutLine) || !strings.Contains(opened, "internal note on #"+strconv.FormatInt(id, 10)) {
		t.Errorf("editor opened on %q", opened)
	}
	cs, _ := tm.client.Comments(t.Context(), id)
	if len(cs) != before+1 {
		t.Fatalf("%d comments, want %d", len(cs), before+1)
	}
	if last := cs[len(cs)-1]; last.Body != "Please send the NodeManager log.\n\nThanks" || !last.Internal {
		t.Errorf("posted %+v", last)
	}
	if !strings.Contains(io.ErrOut.String(), "added internal note") {
		t.Errorf("stderr %q", io.ErrOut)
	}
}

// Saving the template as it was (or only blank lines) sends nothing and
// is exit 2, as an empty --body is.
func TestEmptyEditorSendsNothing(t *testing.T) {
	tm := terminal(t, func(name, text string) (string, error) { return "\n  \n" + text, nil })
	err := cmdtest.Run(NewCmdComment(tm.f, nil), strconv.FormatInt(tm.id, 10))
	if cmdutil.CodeOf(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "the comment is empty: nothing was sent") {
		t.Fatalf("error %v (exit %d)", err, cmdutil.CodeOf(err))
	}
	if n := countComments(t, tm.client, tm.id); n != tm.before {
		t.Errorf("%d comments, want %d", n, tm.before)
	}
}

// Off a terminal, no editor opens: the missing body is a usage error.
func TestNoEditorWhenPiped(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	f.Editor = func(string, string) (string, error) {
		t.Fatal("the editor opened off a terminal")
		return "", nil
	}
	err := cmdtest.Run(NewCmdComment(f, func(*CommentOptions) error { return nil }), "1")
	if cmdutil.CodeOf(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "give --body or --body-file") {
		t.Errorf("error %v", err)
	}
}

// A comment written in the editor that fails to post is kept in a file,
// and stderr says how to send it again.
func TestFailedCommentKeptInRecoverFile(t *testing.T) {
	tm := terminal(t, func(name, text string) (string, error) { return "A long answer I do not want to lose.\n" + text, nil })
	io := tm.io
	err := cmdtest.Run(NewCmdComment(tm.f, nil), "999999")
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusNotFound {
		t.Fatalf("error %v, want a 404", err)
	}
	path := recoverPath(t, io.ErrOut.String())
	data, err := os.ReadFile(path)
	if err != nil || string(data) != "A long answer I do not want to lose." {
		t.Errorf("recover file %s: %q (%v)", path, data, err)
	}
	if !strings.Contains(io.ErrOut.String(), "comment 999999 --body-file "+path) {
		t.Errorf("stderr %q does not say how to send it again", io.ErrOut)
	}
}

// recoverPath is the file named by "--body-file PATH" in s.
func recoverPath(t *testing.T, s string) string {
	t.Helper()
	_, after, ok := strings.Cut(s, "--body-file ")
	if !ok {
		t.Fatalf("no --body-file in %q", s)
	}
	path := strings.Fields(after)[0]
	t.Cleanup(func() { os.Remove(path) })
	return path
}
