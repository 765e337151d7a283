package view

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// ticketWithNotes finds a demo ticket whose thread has an internal note.
func ticketWithNotes(t *testing.T, f *cmdutil.Factory) support.Ticket {
	t.Helper()
	client, _ := f.APIClient()
	tickets, err := client.ListAllTickets(t.Context(), support.TicketFilter{Languages: []string{"ja"}, Statuses: []string{"open"}}, 50)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range tickets {
		comments, err := client.Comments(t.Context(), tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range comments {
			if c.Internal {
				return tk
			}
		}
	}
	t.Fatal("no open Japanese demo ticket has an internal note")
	return support.Ticket{}
}

func TestArguments(t *testing.T) {
	for _, c := range []struct {
		args []string
		want cmdutil.ExitCode
	}{
		{[]string{"abc"}, cmdutil.ExitUsage},
		{[]string{"0"}, cmdutil.ExitUsage},
		{[]string{}, cmdutil.ExitUsage},
		{[]string{"1", "2"}, cmdutil.ExitUsage},
	} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdView(f, func(*ViewOptions) error { return nil }), c.args...)
		if code := cmdutil.CodeOf(err); code != c.want {
			t.Errorf("%v: exit %d (%v), want %d", c.args, code, err, c.want)
		}
	}
	f, _ := cmdtest.Factory(t, false)
	var got *ViewOptions
	if err := cmdtest.Run(NewCmdView(f, func(o *ViewOptions) error { got = o; return nil }), "#42", "--comments"); err != nil || got.ID != 42 || !got.Comments {
		t.Errorf("#42 --comments parsed as %+v, %v", got, err)
	}
}

func TestViewShowsHeaderAndThread(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	tk := ticketWithNotes(t, f)
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	for _, want := range []string{tk.Subject, "status:", tk.Status, "severity:", tk.AccountName, "INTERNAL NOTE", "JST", "ago)"} {
		if !strings.Contains(out, want) {
			t.Errorf("view output lacks %q:\n%s", want, out)
		}
	}
}

func TestViewMissingTicketIsNotFound(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	err := cmdtest.Run(NewCmdView(f, nil), "99999999")
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusNotFound {
		t.Fatalf("err = %v, want a 404", err)
	}
}

func TestViewJSONIncludesComments(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	tk := ticketWithNotes(t, f)
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--json", "id,version,comments"); err != nil {
		t.Fatal(err)
	}
	var got struct {
		ID       int64             `json:"id"`
		Version  int               `json:"version"`
		Comments []support.Comment `json:"comments"`
	}
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got.ID != tk.ID || got.Version != tk.Version || len(got.Comments) == 0 {
		t.Errorf("got %+v", got)
	}
}

// TestClocksFollowTheCustomerShownInBothZones: a Tokyo customer's ticket
// viewed from a San Jose profile on a wide terminal shows its SLA instants
// in the viewer's time and the customer's, and a paused clock says why.
func TestClocksFollowTheCustomerShownInBothZones(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	io.Env["SUPCTL_TIMEZONE"] = "America/Los_Angeles"
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Statuses: []string{"pending_customer"}, Regions: []string{"apac-jp"}, Limit: 1})
	if err != nil || len(page.Tickets) == 0 {
		t.Fatalf("no Tokyo ticket waiting on the customer: %v", err)
	}
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(page.Tickets[0].ID)); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	for _, want := range []string{"SLA", "Asia/Tokyo", "paused: waiting on customer", " PST = ", " JST customer's"} {
		if !strings.Contains(out, want) {
			t.Errorf("view lacks %q:\n%s", want, out)
		}
	}
}

// A customer's text cannot steer the engineer's terminal: escape codes and
// other control characters in the ticket and its thread are shown, not
// obeyed.
func TestViewShowsControlCharactersInert(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	client, _ := f.APIClient()
	tk, err := client.CreateTicket(t.Context(), support.NewTicket{Subject: "\x1b]0;pwned\a\x1b[31mRED", Description: "\x1b[2Jcleared",
		Division: "core", Region: "apac-jp", Language: "en", RequesterKind: "internal"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.AddComment(t.Context(), tk.ID, support.NewComment{Body: "ok\r\nthen\x1b[1A up"}, ""); err != nil {
		t.Fatal(err)
	}
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	// An internal request has no requester and no version: no empty frames.
	for _, seq := range []string{"\x1b]", "\a", "\x1b[31mRED", "\x1b[2J", "\x1b[1A", "\r", "<>", " · \n"} {
		if strings.Contains(out, seq) {
			t.Errorf("view output carries %q:\n%q", seq, out)
		}
	}
	for _, want := range []string{"\uFFFD[31mRED", "\uFFFD[2Jcleared", "ok\n  then\uFFFD[1A up"} {
		if !strings.Contains(out, want) {
			t.Errorf("view output lacks %q:\n%q", want, out)
		}
	}
}

// addIndentedComment comments on a Japanese demo ticket with an indented
// list item longer than a terminal line, and returns the ticket.
func addIndentedComment(t *testing.T, f *cmdutil.Factory) support.Ticket {
	t.Helper()
	tk := ticketWithNotes(t, f)
	client, _ := f.APIClient()
	body := "手順:\n  - NodeManager の yarn.nodemanager.pmem-check-enabled を false にしてから、全ノードで NodeManager を再起動してください。\nDone."
	if _, err := client.AddComment(t.Context(), tk.ID, support.NewComment{Body: body}, ""); err != nil {
		t.Fatal(err)
	}
	return tk
}

// TestViewAt80Columns: on an 80-column terminal with a Tokyo profile no
// line is wider than the terminal, the SLA lines are phrases in JST (no
// "calendar left of ... wall"), and a comment's long indented line wraps
// under its own indentation.
func TestViewAt80Columns(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetTerminalWidth(80)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	tk := addIndentedComment(t, f)
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	for _, line := range strings.Split(out, "\n") {
		if w := text.DisplayWidth(line); w > 80 {
			t.Errorf("%d columns: %s", w, line)
		}
	}
	sla := out[strings.Index(out, "\nSLA "):]
	sla = sla[:strings.Index(sla[1:], "\n\n")+1]
	if strings.Contains(sla, " left of ") || strings.Contains(sla, "wall") || !strings.Contains(sla, " JST") {
		t.Errorf("SLA lines do not read clearly:\n%s", sla)
	}
	if !strings.Contains(out, "\n    - NodeManager の yarn.nodemanager.pmem-check-enabled を false にしてから、全\n      ノードで NodeManager を再起動してください。\n") {
		t.Errorf("the indented line is not wrapped under its indentation:\n%s", out)
	}
}

// TestViewPipedTimesAreRFC3339: piped, the SLA instants are RFC 3339 like
// every other time, nothing is relative, and bodies are left as written.
func TestViewPipedTimesAreRFC3339(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	tk := addIndentedComment(t, f)
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	if strings.Contains(out, "JST") || strings.Contains(out, " ago") || strings.Contains(out, " in ") {
		t.Errorf("piped view has a time for people:\n%s", out)
	}
	sla := out[strings.Index(out, "\nSLA "):]
	sla = sla[:strings.Index(sla[1:], "\n\n")+1]
	if !regexp.MustCompile(`(met|due|breached at) \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).MatchString(sla) {
		t.Errorf("SLA lines carry no RFC 3339 instant:\n%s", sla)
	}
	if !strings.Contains(out, "\n    - NodeManager の yarn.nodemanager.pmem-check-enabled を false にしてから、全ノードで NodeManager を再起動してください。\n") {
		t.Errorf("the piped body was changed:\n%s", out)
	}
}

// TestViewHistory: --history adds who claimed and released the ticket,
// with the reason given, in the profile's timezone; it has no JSON form.
func TestViewHistory(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Statuses: []string{"new"}, Regions: []string{"apac-jp"}, Limit: 1})
	if err != nil || len(page.Tickets) == 0 {
		t.Fatalf("no new Tokyo ticket: %v", err)
	}
	id := page.Tickets[0].ID
	if _, err := client.Claim(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Release(t.Context(), id, "customer wants Seoul"); err != nil {
		t.Fatal(err)
	}
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(id), "--history"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	for _, want := range []string{`── history: \d+ events ──`, `\n18:30 JST  ken@example\.com +claimed \(status new → open\)\n`, `\n18:30 JST  ken@example\.com +released: customer wants Seoul\n`} {
		if !regexp.MustCompile(want).MatchString(out) {
			t.Errorf("view --history lacks %s:\n%s", want, out)
		}
	}
	err = cmdtest.Run(NewCmdView(f, nil), shared.Ref(id), "--history", "--json", "id")
	if code := cmdutil.CodeOf(err); code != cmdutil.ExitUsage {
		t.Errorf("--history --json: exit %d (%v), want a usage error", code, err)
	}
}

// TestViewWrapsHeaderAndKoreanAt80Columns: a long header value wraps under
// itself, and Korean text breaks between words, never inside one.
func TestViewWrapsHeaderAndKoreanAt80Columns(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetTerminalWidth(80)
	client, _ := f.APIClient()
	tk, err := client.CreateTicket(t.Context(), support.NewTicket{Subject: "Spark 작업이 executor 메모리 부족으로 실패합니다",
		Description:    "이번 주부터 Spark 작업(recommendation_train)이 실패하기 시작했습니다. 조인 스테이지에서 executor가 OutOfMemoryError로 연이어 유실됩니다.",
		ProductVersion: "7.5.0", Environment: "Rocky Linux 8.6, 120-node cluster, Kerberos, ResourceManager HA, NameNode HA",
		Division: "spark", Region: "apac-kr", Language: "ko", RequesterKind: "internal"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID)); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	for _, line := range strings.Split(out, "\n") {
		if w := text.DisplayWidth(line); w > 80 {
			t.Errorf("%d columns: %s", w, line)
		}
	}
	for _, want := range []string{"\nversion:    7.5.0 · Rocky Linux 8.6, 120-node cluster, Kerberos, ResourceManager\n            HA, NameNode HA\n",
		"\n이번 주부터 Spark 작업(recommendation_train)이 실패하기 시작했습니다. 조인\n스테이지에서 executor가"} {
		if !strings.Contains(out, want) {
			t.Errorf("view lacks %q:\n%s", want, out)
		}
	}
}

// A customer's bidirectional overrides cannot reorder what the engineer
// reads (a file name "invoice\u202Efdp.exe" reads as "invoiceexe.pdf"):
// they are shown as their codes, in the ticket and in its thread.
func TestViewShowsBidiControlsEscaped(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	client, _ := f.APIClient()
	tk, err := client.CreateTicket(t.Context(), support.NewTicket{Subject: "open invoice\u202Efdp.exe", Description: "see \u2067attached\u2069",
		Division: "core", Region: "apac-jp", Language: "en", RequesterKind: "internal", RequesterName: "Eve\u202D"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.AddComment(t.Context(), tk.ID, support.NewComment{Body: "run \u202Etxt.sh"}, ""); err != nil {
		t.Fatal(err)
	}
	if err := cmdtest.Run(NewCmdView(f, nil), shared.Ref(tk.ID), "--comments"); err != nil {
		t.Fatal(err)
	}
	out := io.Out.String()
	if strings.ContainsFunc(out, func(r rune) bool { return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 }) {
		t.Errorf("view output carries a bidirectional control:\n%q", out)
	}
	for _, want := range []string{"invoice<U+202E>fdp.exe", "see <U+2067>attached<U+2069>", "run <U+202E>txt.sh"} {
		if !strings.Contains(out, want) {
			t.Errorf("view output lacks %q:\n%q", want, out)
		}
	}
}
