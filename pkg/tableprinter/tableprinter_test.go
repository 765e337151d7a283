package tableprinter

import (
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mattn/go-runewidth"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

var now = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

type ticket struct {
	id, severity, subject, status string
	updated                       time.Time
}

var tickets = []ticket{
	{"1041", "S1", "Cluster down after upgrade to 7.1: all nodes fail health checks", "open", now.Add(-3 * time.Minute)},
	{"1042", "S2", "「MapR-FS ボリュームのミラーリングが失敗する」", "pending_customer", now.Add(-50 * time.Hour)},
	{"987", "S3", "Spark 작업이 메모리 부족으로 실패합니다", "new", now.Add(4*time.Hour + time.Minute)},
	{"12", "S4", "Hive query ± 5% slower → see ①", "closed", now.Add(-400 * 24 * time.Hour)},
}

func render(t *testing.T, ios *iostreams.IOStreams) {
	t.Helper()
	cs := ios.ColorScheme()
	tp := New(ios, "id", "sev", "subject", "status", "updated")
	for _, tk := range tickets {
		tp.AddField(tk.id)
		tp.AddField(tk.severity, WithColor(cs.Severity))
		tp.AddField(tk.subject, WithTruncate())
		tp.AddField(tk.status, WithColor(cs.Status))
		tp.AddTimeField(now, tk.updated, WithColor(cs.Muted))
		tp.EndRow()
	}
	if err := tp.Render(); err != nil {
		t.Fatal(err)
	}
}

func ttyStreams(width int, color bool) (*iostreams.IOStreams, *strings.Builder) {
	ios, _, _, _ := iostreams.Test()
	out := &strings.Builder{}
	ios.Out = out
	ios.SetStdoutTTY(true)
	ios.SetTerminalWidth(width)
	ios.SetColorEnabled(color)
	return ios, out
}

// stripANSI removes CSI sequences (ESC [ ... final byte).
func stripANSI(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '[' {
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// columnStarts is the display offset of each column: the start of the
// line, and every non-space that follows a gap of two or more spaces.
func columnStarts(line string) []int {
	starts := []int{0}
	col, spaces := 0, 0
	for _, r := range line {
		if r == ' ' {
			spaces++
		} else {
			if spaces >= 2 {
				starts = append(starts, col)
			}
			spaces = 0
		}
		col += text.DisplayWidth(string(r))
	}
	return starts
}

func checkAligned(t *testing.T, out string, width int) []string {
	t.Helper()
	if strings.Contains(out, "\t") {
		t.Errorf("terminal table contains a tab:\n%s", out)
	}
	lines := strings.Split(strings.TrimSuffix(stripANSI(out), "\n"), "\n")
	if len(lines) != len(tickets)+1 {
		t.Fatalf("%d lines, want a header and %d rows (was a cell wrapped?):\n%s", len(lines), len(tickets), out)
	}
	want := columnStarts(lines[0])
	if len(want) != 5 {
		t.Fatalf("header has columns at %v, want 5 columns: %q", want, lines[0])
	}
	for _, l := range lines {
		if got := columnStarts(l); !slices.Equal(got, want) {
			t.Errorf("columns start at %v, header at %v:\n%s", got, want, strings.Join(lines, "\n"))
		}
		if w := text.DisplayWidth(l); w > width {
			t.Errorf("line is %d columns wide, terminal is %d: %q", w, width, l)
		}
	}
	return lines
}

func TestTTYAlignedInEveryLocale(t *testing.T) {
	for _, lang := range []string{"ja_JP.UTF-8", "C.UTF-8", "ko_KR.UTF-8"} {
		for _, color := range []bool{false, true} {
			name := lang
			if color {
				name += "/colour"
			}
			t.Run(name, func(t *testing.T) {
				t.Setenv("LANG", lang)
				t.Setenv("LC_ALL", lang)
				ios, out := ttyStreams(72, color)
				render(t, ios)
				if got := strings.Contains(out.String(), "\x1b["); got != color {
					t.Errorf("colour is %v, escape sequences present: %v", color, got)
				}
				lines := checkAligned(t, out.String(), 72)
				if !strings.HasPrefix(lines[0], "ID    SEV  SUBJECT") {
					t.Errorf("header %q", lines[0])
				}
				if !strings.Contains(lines[2], "「MapR-FS ボリュームの") || !strings.Contains(lines[2], "…") {
					t.Errorf("Japanese subject should be shortened with an ellipsis: %q", lines[2])
				}
				for _, want := range []string{"3 minutes ago", "2 days ago", "in 4 hours"} {
					if !strings.Contains(out.String(), want) {
						t.Errorf("no %q in\n%s", want, out)
					}
				}
			})
		}
	}
}

func TestTTYWideTerminalKeepsSubjects(t *testing.T) {
	ios, out := ttyStreams(200, false)
	render(t, ios)
	checkAligned(t, out.String(), 200)
	for _, tk := range tickets {
		if !strings.Contains(out.String(), tk.subject) {
			t.Errorf("subject %q shortened on a wide terminal:\n%s", tk.subject, out)
		}
	}
	if strings.Contains(out.String(), "…") {
		t.Errorf("nothing should be shortened:\n%s", out)
	}
}

// Only columns marked WithTruncate shrink, the widest first, never below
// their minimum even if the table then overflows.
func TestTTYOnlyMarkedColumnsShrink(t *testing.T) {
	ios, out := ttyStreams(40, false)
	tp := New(ios, "name", "note", "more")
	tp.AddField("a-name-that-must-stay-whole")
	tp.AddField("a note that may be shortened", WithTruncate())
	tp.AddField("short", WithTruncate())
	tp.EndRow()
	if err := tp.Render(); err != nil {
		t.Fatal(err)
	}
	want := "NAME                         NOTE        MORE\n" +
		"a-name-that-must-stay-whole  a note th…  short\n"
	if out.String() != want {
		t.Errorf("got\n%q\nwant\n%q", out.String(), want)
	}
}

// TestTTYAlignedDespiteEastAsianStartup runs the table in a child process
// whose environment makes tablewriter start up measuring ambiguous runes
// (like "…") as two columns.
func TestTTYAlignedDespiteEastAsianStartup(t *testing.T) {
	if os.Getenv("SUPCTL_TABLEPRINTER_CHILD") == "1" {
		if !runewidth.EastAsianWidth {
			t.Fatal("tablewriter did not start in East Asian mode")
		}
		ios, out := ttyStreams(72, true)
		render(t, ios)
		checkAligned(t, out.String(), 72)
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTTYAlignedDespiteEastAsianStartup$", "-test.count=1")
	cmd.Env = append(os.Environ(), "SUPCTL_TABLEPRINTER_CHILD=1", "LANG=ja_JP.UTF-8", "LC_ALL=ja_JP.UTF-8", "RUNEWIDTH_EASTASIAN=1")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
}

func TestPipedIsTSV(t *testing.T) {
	ios, _, stdout, _ := iostreams.Test()
	render(t, ios)
	want := "1041\tS1\tCluster down after upgrade to 7.1: all nodes fail health checks\topen\t2025-03-10T11:57:00Z\n" +
		"1042\tS2\t「MapR-FS ボリュームのミラーリングが失敗する」\tpending_customer\t2025-03-08T10:00:00Z\n" +
		"987\tS3\tSpark 작업이 메모리 부족으로 실패합니다\tnew\t2025-03-10T16:01:00Z\n" +
		"12\tS4\tHive query ± 5% slower → see ①\tclosed\t2024-02-04T12:00:00Z\n"
	if got := stdout.String(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestPipedTimeInUTC(t *testing.T) {
	ios, _, stdout, _ := iostreams.Test()
	tp := New(ios)
	tokyo := time.FixedZone("JST", 9*3600)
	tp.AddTimeField(now, time.Date(2025, 3, 10, 9, 0, 0, 0, tokyo))
	tp.AddTimeField(now, time.Time{})
	if err := tp.Render(); err != nil {
		t.Fatal(err)
	}
	if got := stdout.String(); got != "2025-03-10T00:00:00Z\t\n" {
		t.Errorf("got %q", got)
	}
}

func TestControlCharactersStayInTheirCell(t *testing.T) {
	for _, tty := range []bool{false, true} {
		ios, out := ttyStreams(80, false)
		ios.SetStdoutTTY(tty)
		tp := New(ios, "a", "b")
		tp.AddField("line one\nline\ttwo\x1b[31m")
		tp.AddField("x")
		tp.EndRow()
		if err := tp.Render(); err != nil {
			t.Fatal(err)
		}
		body := out.String()
		if tty {
			body = strings.SplitN(body, "\n", 2)[1]
		}
		want := "line one line two [31m\tx\n"
		if tty {
			want = "line one line two [31m  x\n"
		}
		if body != want {
			t.Errorf("tty=%v: got %q, want %q", tty, body, want)
		}
	}
}

func TestTTYEmptyLastCell(t *testing.T) {
	ios, out := ttyStreams(80, true)
	cs := ios.ColorScheme()
	tp := New(ios, "status", "updated")
	tp.AddField("closed", WithColor(cs.Muted))
	tp.AddTimeField(now, time.Time{})
	tp.EndRow()
	tp.AddField("open", WithColor(cs.Success))
	tp.AddTimeField(now, now.Add(-time.Hour))
	tp.EndRow()
	if err := tp.Render(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if got := stripANSI(lines[1]); got != "closed" {
		t.Errorf("row with an empty last cell is %q, want %q", got, "closed")
	}
	if !strings.HasSuffix(lines[1], "\x1b[0m") {
		t.Errorf("row %q does not end by resetting its colour", lines[1])
	}
	if got := stripANSI(lines[2]); got != "open    1 hour ago" {
		t.Errorf("row %q", got)
	}
}

func TestEmptyTablePrintsNothing(t *testing.T) {
	ios, out := ttyStreams(80, true)
	if err := New(ios, "id").Render(); err != nil {
		t.Fatal(err)
	}
	if out.Len() != 0 {
		t.Errorf("empty table printed %q", out.String())
	}
}

// Forced colour (CLICOLOR_FORCE) colours the fields of piped rows, as it
// promises, and changes nothing else.
func TestPipedForcedColour(t *testing.T) {
	ios, _, stdout, _ := iostreams.Test()
	ios.SetColorEnabled(true)
	render(t, ios)
	lines := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
	if !strings.Contains(lines[0], "\x1b[") {
		t.Errorf("forced colour left the row plain: %q", lines[0])
	}
	if got, want := stripANSI(lines[0]), "1041\tS1\tCluster down after upgrade to 7.1: all nodes fail health checks\topen\t2025-03-10T11:57:00Z"; got != want {
		t.Errorf("row without colour is %q, want %q", got, want)
	}
}

type listRow struct{ id, status, sla, subject, region, division, assignee, updated string }

var listRows = []listRow{
	{"#1041", "open", "in 3 hours", "Cluster down after upgrade to 7.1: all nodes fail health checks", "apac-jp", "core", "ken@example.com", "3 minutes ago"},
	{"#1042", "pending_engineering", "breached 24 days ago", "「MapR-FS ボリュームのミラーリングが失敗する」ので調査をお願いします", "apac-jp", "core", "akira.watanabe@example.com", "2 days ago"},
	{"#987", "new", "in 40 minutes", "Spark 작업이 메모리 부족으로 실패합니다 (executor OOM)", "apac-kr", "spark", "-", "in 4 hours"},
}

func localPart(s string) string {
	if i := strings.IndexByte(s, '@'); i > 0 {
		return s[:i]
	}
	return s
}

func renderList(t *testing.T, width int, mustFit bool) []string {
	t.Helper()
	ios, out := ttyStreams(width, false)
	tp := NewWithColumns(ios,
		Column{Header: "ID"},
		Column{Header: "STATUS"},
		Column{Header: "SLA", ShortenRank: 50, Shorten: text.CompactTimes},
		Column{Header: "SUBJECT", Truncate: true, MinWidth: 20, KeepWidth: 30},
		Column{Header: "REGION", DropRank: 40},
		Column{Header: "DIVISION", DropRank: 30},
		Column{Header: "ASSIGNEE", ShortenRank: 10, Shorten: localPart, DropRank: 60},
		Column{Header: "UPDATED", DropRank: 20},
	)
	for _, r := range listRows {
		tp.AddField(r.id)
		tp.AddField(r.status)
		tp.AddField(r.sla)
		tp.AddField(r.subject)
		tp.AddField(r.region)
		tp.AddField(r.division)
		tp.AddField(r.assignee)
		tp.AddField(r.updated)
		tp.EndRow()
	}
	if err := tp.Render(); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != len(listRows)+1 {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(listRows)+1, out)
	}
	want := columnStarts(lines[0])
	for _, l := range lines {
		if w := text.DisplayWidth(l); mustFit && w > width {
			t.Errorf("line is %d cells wide at %d: %q", w, width, l)
		}
		if got := columnStarts(l); !slices.Equal(got, want) {
			t.Errorf("columns at %v, header at %v:\n%s", got, want, out)
		}
	}
	return lines
}

// Columns give way in rank order before the subject is cut below its keep
// width: the assignee's domain first, then UPDATED, DIVISION, REGION, the
// SLA's long units, and the assignee last.
func TestTTYColumnsGiveWayByRank(t *testing.T) {
	tests := []struct {
		width       int
		header      string
		contains    []string
		notContains []string
	}{
		{200, "ID     STATUS               SLA                   SUBJECT", []string{"ken@example.com", "3 minutes ago", "「MapR-FS ボリュームのミラーリングが失敗する」ので調査をお願いします"}, []string{"…"}},
		{140, "ID     STATUS               SLA                   SUBJECT", []string{"  ken  ", "3 minutes ago", "DIVISION"}, []string{"@example.com"}},
		{120, "ID     STATUS               SLA                   SUBJECT", []string{"DIVISION", "REGION"}, []string{"UPDATED", "3 minutes ago"}},
		{108, "ID     STATUS               SLA                   SUBJECT", []string{"REGION", "akira.watanabe"}, []string{"UPDATED", "DIVISION"}},
		{100, "ID     STATUS               SLA                   SUBJECT", []string{"ASSIGNEE", "akira.watanabe"}, []string{"REGION", "UPDATED", "DIVISION"}},
		{92, "ID     STATUS               SLA               SUBJECT", []string{"breached 24d ago", "in 40m", "ASSIGNEE"}, []string{"REGION", "UPDATED", "DIVISION"}},
		{80, "ID     STATUS               SLA               SUBJECT", []string{"breached 24d ago", "「MapR-FS"}, []string{"ASSIGNEE", "REGION"}},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.width), func(t *testing.T) {
			lines := renderList(t, tt.width, true)
			all := strings.Join(lines, "\n")
			if !strings.HasPrefix(lines[0], tt.header) {
				t.Errorf("header %q, want it to start %q", lines[0], tt.header)
			}
			for _, s := range tt.contains {
				if !strings.Contains(all, s) {
					t.Errorf("no %q at %d columns:\n%s", s, tt.width, all)
				}
			}
			for _, s := range tt.notContains {
				if strings.Contains(all, s) {
					t.Errorf("%q at %d columns:\n%s", s, tt.width, all)
				}
			}
			subject := columnStarts(lines[0])[3]
			if w := text.DisplayWidth(strings.TrimRight(lines[2][strings.Index(lines[2], "「"):], " ")); subject+min(w, 20) > tt.width {
				t.Errorf("subject cut below 20 cells:\n%s", all)
			}
		})
	}
}

// On a terminal too narrow for anything else, the subject is still cut
// no shorter than its minimum, and a wide character is never split.
func TestTTYSubjectNeverBelowMinimum(t *testing.T) {
	lines := renderList(t, 64, false)
	for _, l := range lines[1:] {
		start := columnStarts(lines[0])[3]
		var cells int
		col := 0
		for _, r := range l {
			if col >= start {
				cells += text.DisplayWidth(string(r))
			}
			col += text.DisplayWidth(string(r))
		}
		if strings.TrimRight(l, " ") != l || cells < 19 {
			t.Errorf("subject of %q is %d cells, want at least 19 (20 less a split wide character)", l, cells)
		}
	}
}

// A column kept Whole is cut only once every other column has given way.
func TestTTYWholeColumnCutLast(t *testing.T) {
	for _, tt := range []struct {
		width int
		want  string
	}{
		{60, "https://support-gateway.example.co.jp:8443  ken   apac-jp\n"},
		{40, "https://support-gateway.example.c…  ken\n"},
	} {
		ios, out := ttyStreams(tt.width, false)
		tp := NewWithColumns(ios,
			Column{Header: "URL", Truncate: true, MinWidth: 20, KeepWidth: Whole},
			Column{Header: "USER", ShortenRank: 10, Shorten: ShortenEmail},
			Column{Header: "REGION", DropRank: 20},
		)
		tp.AddField("https://support-gateway.example.co.jp:8443")
		tp.AddField("ken@example.com")
		tp.AddField("apac-jp")
		if err := tp.Render(); err != nil {
			t.Fatal(err)
		}
		if _, body, _ := strings.Cut(out.String(), "\n"); body != tt.want {
			t.Errorf("at %d columns got %q, want %q", tt.width, body, tt.want)
		}
	}
}
