package comment

import (
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

func TestValidation(t *testing.T) {
	for _, args := range [][]string{{"1"}, {"1", "--body", "  "}, {"abc", "--body", "x"}, {"1", "--body", "x", "--body-file", "-"}, {"1", "--body-file", "/nonexistent/file"}, {"1", "--body", "x", "--internal", "--from-requester"}} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdComment(f, func(*CommentOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestInternalNoteFromStdin(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	client, _ := f.APIClient()
	page, _ := client.ListTickets(t.Context(), support.TicketFilter{Limit: 1})
	id := page.Tickets[0].ID
	io.In.WriteString("NodeManager ログを確認しました。\n再現しました。\n")
	if err := cmdtest.Run(NewCmdComment(f, nil), strconv.FormatInt(id, 10), "--internal", "--body-file", "-"); err != nil {
		t.Fatal(err)
	}
	comments, err := client.Comments(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	last := comments[len(comments)-1]
	if !last.Internal || last.Author != "ken@example.com" || !strings.Contains(last.Body, "再現しました。") {
		t.Errorf("last comment = %+v", last)
	}
	if !strings.Contains(io.ErrOut.String(), "internal note") {
		t.Errorf("stderr = %q", io.ErrOut)
	}
}

func TestReplyFromRequester(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	client, _ := f.APIClient()
	page, _ := client.ListTickets(t.Context(), support.TicketFilter{Limit: 1})
	id := page.Tickets[0].ID
	if err := cmdtest.Run(NewCmdComment(f, nil), strconv.FormatInt(id, 10), "--from-requester", "--body", "Restarted the NodeManager, the job ran."); err != nil {
		t.Fatal(err)
	}
	comments, err := client.Comments(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	last := comments[len(comments)-1]
	if !last.FromRequester || last.Internal || last.Author != "ken@example.com" {
		t.Errorf("last comment = %+v, want a public reply from the requester entered by ken", last)
	}
	if !strings.Contains(io.ErrOut.String(), "reply from the requester") {
		t.Errorf("stderr = %q", io.ErrOut)
	}
}
