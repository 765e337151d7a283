package list

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

func TestFlagParsing(t *testing.T) {
	cases := []struct {
		args     []string
		check    func(*ListOptions) bool
		wantCode cmdutil.ExitCode
	}{
		{[]string{}, func(o *ListOptions) bool {
			return strings.Join(o.Statuses, ",") == "new,open" && o.ProfileView && o.Regions == nil &&
				o.Limit == support.DefaultLimit && !o.All && o.Sort == sortDue
		}, 0},
		{[]string{"--status", "all"}, func(o *ListOptions) bool { return o.Statuses == nil && o.Sort == "updated" }, 0},
		{[]string{"--status", "pending_customer,on_hold"}, func(o *ListOptions) bool { return len(o.Statuses) == 2 && o.Sort == sortDue }, 0},
		{[]string{"--status", "new,solved"}, func(o *ListOptions) bool { return o.Sort == "updated" }, 0},
		{[]string{"--region", "all"}, func(o *ListOptions) bool { return o.Regions == nil && !o.ProfileView }, 0},
		{[]string{"--region", "apac-kr"}, func(o *ListOptions) bool { return o.Regions[0] == "apac-kr" && !o.ProfileView }, 0},
		{[]string{"--division", "spark"}, func(o *ListOptions) bool { return o.Divisions[0] == "spark" && o.ProfileView }, 0},
		{[]string{"--region", "all,apac-jp"}, nil, cmdutil.ExitUsage},
		{[]string{"--assignee", "@me"}, func(o *ListOptions) bool { return !o.ProfileView }, 0},
		{[]string{"--assignee", "none"}, func(o *ListOptions) bool { return o.ProfileView }, 0},
		{[]string{"--sort", "due", "--status", "all"}, func(o *ListOptions) bool { return o.Sort == sortDue }, 0},
		{[]string{"--tag", "Outage,poc", "--tag", "hdfs"}, func(o *ListOptions) bool { return strings.Join(o.Tags, ",") == "Outage,poc,hdfs" }, 0},
		{[]string{"--tag", "two words"}, nil, cmdutil.ExitUsage},
		{[]string{"--updated-since", "24h"}, func(o *ListOptions) bool { return o.UpdatedSince == "24h" }, 0},
		{[]string{"--updated-since", "7d"}, func(o *ListOptions) bool { return o.UpdatedSince == "7d" }, 0},
		{[]string{"--updated-since", "2026-11-20T09:00:00+09:00"}, func(o *ListOptions) bool { return true }, 0},
		{[]string{"--updated-since", "yesterday"}, nil, cmdutil.ExitUsage},
		{[]string{"--updated-since", "-2h"}, nil, cmdutil.ExitUsage},
		{[]string{"--all"}, func(o *ListOptions) bool { return o.All }, 0},
		{[]string{"--all", "--limit", "5"}, nil, cmdutil.ExitUsage},
		{[]string{"--search", strings.Repeat("検", support.MaxSearch+1)}, nil, cmdutil.ExitUsage},
		{[]string{"--breaching-within", "2h"}, func(o *ListOptions) bool { return o.BreachingWithin.Hours() == 2 }, 0},
		{[]string{"--breached", "--breaching-within", "2h"}, nil, cmdutil.ExitUsage},
		{[]string{"--breaching-within", "soon"}, nil, cmdutil.ExitUsage},
		{[]string{"--severity", "S1,S2", "--region", "apac-jp", "--region", "apac-kr", "-a", "@me"}, func(o *ListOptions) bool {
			return strings.Join(o.Severities, ",") == "S1,S2" && strings.Join(o.Regions, ",") == "apac-jp,apac-kr" && o.Assignee == "@me"
		}, 0},
		{[]string{"--search", "ミラーリング", "--limit", "5", "--sort", "severity"}, func(o *ListOptions) bool {
			return o.Search == "ミラーリング" && o.Limit == 5 && o.Sort == "severity"
		}, 0},
		{[]string{"--severity", "S9"}, nil, cmdutil.ExitUsage},
		{[]string{"--division", "hdfs"}, nil, cmdutil.ExitUsage},
		{[]string{"--limit", "0"}, nil, cmdutil.ExitUsage},
		{[]string{"--sort", "random"}, nil, cmdutil.ExitUsage},
		{[]string{"--json", "id,nosuchfield"}, nil, cmdutil.ExitUsage},
		{[]string{"extra"}, nil, cmdutil.ExitUsage},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			f, _ := cmdtest.Factory(t, false)
			var got *ListOptions
			err := cmdtest.Run(NewCmdList(f, func(o *ListOptions) error { got = o; return nil }), c.args...)
			if c.wantCode != 0 {
				if code := codeOf(err); code != c.wantCode {
					t.Fatalf("exit code %d (%v), want %d", code, err, c.wantCode)
				}
				return
			}
			if err != nil || !c.check(got) {
				t.Fatalf("err %v, options %+v", err, got)
			}
		})
	}
}

// codeOf is the exit code the binary would use; cobra's own argument
// errors count as usage errors there too.
func codeOf(err error) cmdutil.ExitCode {
	if err != nil && cmdutil.CodeOf(err) == cmdutil.ExitError && strings.HasPrefix(err.Error(), "unknown command") {
		return cmdutil.ExitUsage
	}
	return cmdutil.CodeOf(err)
}

func TestPipedOutputIsTSV(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--limit", "40", "--status", "all"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(io.Out.String(), "\n"), "\n")
	if len(lines) != 40 {
		t.Fatalf("%d lines, want 40", len(lines))
	}
	if bytes.ContainsRune(io.Out.Bytes(), 0x1b) {
		t.Error("piped output contains escape bytes")
	}
	for _, line := range lines {
		fields := strings.Split(line, "\t")
		if len(fields) != 9 {
			t.Fatalf("%d fields in %q, want 9", len(fields), line)
		}
		if !support.Severities.Has(fields[1]) || !support.Statuses.Has(fields[2]) {
			t.Errorf("severity/status columns wrong in %q", line)
		}
		if _, err := time.Parse(time.RFC3339, fields[8]); err != nil {
			t.Errorf("updated column %q is not RFC 3339", fields[8])
		}
		if _, err := time.Parse(time.RFC3339, fields[3]); fields[3] != "" && err != nil {
			t.Errorf("SLA column %q is neither empty nor RFC 3339", fields[3])
		}
	}
}

func TestTTYOutputHasHeaderAndRelativeTimes(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	if err := cmdtest.Run(NewCmdList(f, nil), "--limit", "5"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(io.Out.String(), "\n")
	if !strings.HasPrefix(lines[0], "ID") || !strings.Contains(lines[0], "SUBJECT") {
		t.Errorf("first line %q is not the header", lines[0])
	}
	if !strings.HasPrefix(lines[1], "#") || !strings.Contains(lines[1], " ago") {
		t.Errorf("row %q lacks a #id or a relative time", lines[1])
	}
}

func TestFiltersReachTheServer(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	err := cmdtest.Run(NewCmdList(f, nil), "--region", "apac-jp", "--division", "core", "--status", "all", "--json", "region,division,language", "--limit", "1000")
	if err != nil {
		t.Fatal(err)
	}
	var got []map[string]string
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no apac-jp core tickets in the demo data")
	}
	for _, tk := range got {
		if tk["region"] != "apac-jp" || tk["division"] != "core" || len(tk) != 3 {
			t.Fatalf("ticket %v escaped the filter or carries extra fields", tk)
		}
	}
}

func TestAssigneeMe(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--assignee", "@me", "--status", "all", "--jq", ".[].assignee"); err != nil {
		t.Fatal(err)
	}
	lines := strings.Fields(io.Out.String())
	if len(lines) == 0 {
		t.Fatal("the demo user has no tickets")
	}
	for _, a := range lines {
		if a != "ken@example.com" {
			t.Fatalf("assignee %q, want ken@example.com", a)
		}
	}
}

func TestJSONContract(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--limit", "1", "--json"); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil || len(got) != 1 {
		t.Fatalf("%v: %s", err, io.Out)
	}
	for _, field := range []string{"id", "subject", "description", "status", "severity", "division", "region", "language", "channel",
		"requester_kind", "requester_name", "requester_email", "account_name", "assignee", "tier", "tam", "product_version",
		"environment", "tags", "version", "created_at", "updated_at"} {
		if _, ok := got[0][field]; !ok {
			t.Errorf("field %q missing from the JSON of ticket list", field)
		}
	}
}

func TestJQAndTemplate(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--json", "id,subject,severity", "--jq", ".[0].id"); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Fields(io.Out.String()); len(lines) != 1 {
		t.Fatalf("--jq .[0].id printed %q, want one id", io.Out)
	}
	io.Out.Reset()
	if err := cmdtest.Run(NewCmdList(f, nil), "--limit", "3", "--template", `{{range .}}{{.id}}{{"\n"}}{{end}}`); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Fields(io.Out.String()); len(lines) != 3 {
		t.Fatalf("template printed %q, want three ids", io.Out)
	}
}

func TestSearchFindsJapanese(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--search", "ミラーリング", "--status", "all", "--jq", ".[] | .subject + .description"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.Out.String(), "ミラーリング") {
		t.Fatalf("search for ミラーリング found nothing: %q", io.Out)
	}
}

func TestBreachedAndBreachOrder(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--breached", "--limit", "1000", "--json", "id,next_breach"); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID         int64      `json:"id"`
		NextBreach *time.Time `json:"next_breach"`
	}
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) == 0 {
		t.Fatal("no breached ticket in the demo data")
	}
	for i, tk := range got {
		if tk.NextBreach == nil || tk.NextBreach.After(cmdtest.Now) {
			t.Fatalf("ticket %d breaches at %v, after now (%v)", tk.ID, tk.NextBreach, cmdtest.Now)
		}
		if i > 0 && tk.NextBreach.Before(*got[i-1].NextBreach) {
			t.Fatalf("tickets not in breach order at %d", tk.ID)
		}
	}
}

// On the demo from the Tokyo demo profile, plain `ticket list` is the
// shift's view: apac-jp's new and open tickets, running clocks by earliest
// due, then breached ones; the first screen of an 80×24 terminal holds the
// new unassigned S1.
func TestDefaultViewIsTheShift(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--json", "id,status,region,severity,assignee,next_breach"); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID         int64      `json:"id"`
		Status     string     `json:"status"`
		Region     string     `json:"region"`
		Severity   string     `json:"severity"`
		Assignee   string     `json:"assignee"`
		NextBreach *time.Time `json:"next_breach"`
	}
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got) < 10 {
		t.Fatalf("%d tickets in the shift's view of the demo, want a screenful", len(got))
	}
	// 0: running clocks, 1: breached, 2: no running clock.
	phase := func(b *time.Time) int {
		switch {
		case b == nil:
			return 2
		case b.After(cmdtest.Now):
			return 0
		}
		return 1
	}
	s1 := -1
	for i, tk := range got {
		if tk.Region != "apac-jp" || (tk.Status != "new" && tk.Status != "open") {
			t.Fatalf("ticket %d (%s, %s) is not new or open in apac-jp", tk.ID, tk.Region, tk.Status)
		}
		if tk.Severity == "S1" && tk.Status == "new" && tk.Assignee == "" && s1 < 0 {
			s1 = i
		}
		if i == 0 {
			if phase(tk.NextBreach) != 0 {
				t.Fatalf("the list starts with ticket %d, breaching at %v, not with a running clock", tk.ID, tk.NextBreach)
			}
			continue
		}
		prev := got[i-1]
		p, q := phase(prev.NextBreach), phase(tk.NextBreach)
		if q < p || (p == q && q < 2 && tk.NextBreach.Before(*prev.NextBreach)) {
			t.Fatalf("ticket %d (breach %v) comes after ticket %d (breach %v)", tk.ID, tk.NextBreach, prev.ID, prev.NextBreach)
		}
	}
	// An 80×24 terminal shows the header and 22 rows above the pager's prompt.
	if s1 < 0 || s1 >= 22 {
		t.Fatalf("the new unassigned S1 is row %d of the shift's view, want it on the first screen", s1+1)
	}

	f, io = cmdtest.Factory(t, true)
	f.IOStreams.SetTerminalWidth(80)
	if err := cmdtest.Run(NewCmdList(f, nil)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(io.Out.String(), "\n")
	if !strings.Contains(strings.Join(lines[:min(len(lines), 23)], "\n"), fmt.Sprintf("#%d ", got[s1].ID)) {
		t.Errorf("the first screen lacks #%d, the new unassigned S1:\n%s", got[s1].ID, io.Out)
	}
}

func TestParseSince(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.UTC)
	for in, want := range map[string]time.Time{
		"24h":                       now.Add(-24 * time.Hour),
		"90m":                       now.Add(-90 * time.Minute),
		"7d":                        now.Add(-7 * 24 * time.Hour),
		"2026-11-20T09:00:00+09:00": time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC),
	} {
		got, err := parseSince(in, now)
		if err != nil || !got.Equal(want) {
			t.Errorf("parseSince(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"", "d", "1.5d", "7days", "-1d", "2026-11-20"} {
		if _, err := parseSince(in, now); err == nil {
			t.Errorf("parseSince(%q) accepted", in)
		}
	}
}

// A list cut at its limit says so on stderr, on a terminal and piped,
// with --json too, and exits 0; --all and a limit above the count print
// every ticket and say nothing.
func TestCutListSaysSo(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--status", "all", "--region", "all", "--json", "id", "--jq", "length", "--limit", "1000"); err != nil {
		t.Fatal(err)
	}
	total, err := strconv.Atoi(strings.TrimSpace(io.Out.String()))
	if err != nil || total <= support.DefaultLimit || total >= support.MaxLimit {
		t.Fatalf("the demo has %q tickets (%v): want more than a page and less than the maximum", io.Out, err)
	}
	cases := []struct {
		name   string
		tty    bool
		args   []string
		rows   int
		stderr string
	}{
		{"piped", false, []string{"--limit", "5"}, 5, "warning: the list stops at 5 tickets and more match; use --limit N or --all\n"},
		{"terminal", true, []string{"--limit", "5"}, 6, fmt.Sprintf("showing 5 of %d — --limit N or --all\n", total)},
		{"json", false, []string{"--limit", "5", "--json", "id", "--jq", ".[].id"}, 5, "warning: the list stops at 5 tickets and more match; use --limit N or --all\n"},
		{"piped default", false, nil, support.DefaultLimit, ""},
		{"all piped", false, []string{"--all"}, total, ""},
		{"all json", false, []string{"--all", "--json", "id", "--jq", ".[].id"}, total, ""},
		{"all terminal", true, []string{"--all"}, total + 1, ""},
		{"limit above the count", false, []string{"--limit", strconv.Itoa(total)}, total, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, io := cmdtest.Factory(t, c.tty)
			args := append([]string{"--status", "all", "--region", "all"}, c.args...)
			if err := cmdtest.Run(NewCmdList(f, nil), args...); err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(io.Out.String(), "\n"); n != c.rows {
				t.Errorf("%d lines on stdout, want %d", n, c.rows)
			}
			stderr := io.ErrOut.String()
			if i := strings.LastIndex(stderr, "\x1b[K"); c.tty && i >= 0 {
				stderr = stderr[i+len("\x1b[K"):] // the spinner, cleared
			}
			if c.name == "piped default" {
				if !strings.Contains(stderr, "more match") {
					t.Errorf("stderr %q: the default page of %d tickets is cut silently", stderr, total)
				}
				return
			}
			if stderr != c.stderr {
				t.Errorf("stderr %q, want %q", stderr, c.stderr)
			}
		})
	}
}

// A profile's queues narrow the default view to their divisions; a
// division flag replaces them, a region flag drops both.
func TestProfileQueuesScopeTheDefaultView(t *testing.T) {
	cases := []struct {
		args      []string
		regions   string
		divisions string
	}{
		{nil, "apac-kr", "spark,sql"},
		{[]string{"--division", "core"}, "apac-kr", "core"},
		{[]string{"--region", "all"}, "", ""},
		{[]string{"--region", "emea-de"}, "emea-de", ""},
	}
	for _, c := range cases {
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			f, io := cmdtest.Factory(t, false)
			config := "current_profile: seoul\nprofiles:\n  seoul:\n    api_url: embedded\n    user: ken@example.com\n" +
				"    region: apac-kr\n    queues: [apac-kr/spark, apac-kr/sql, apac-jp/core]\n"
			if err := os.WriteFile(io.Env["SUPCTL_CONFIG"], []byte(config), 0o600); err != nil {
				t.Fatal(err)
			}
			args := append([]string{"--status", "all", "--limit", "1000", "--json", "region,division"}, c.args...)
			if err := cmdtest.Run(NewCmdList(f, nil), args...); err != nil {
				t.Fatal(err)
			}
			var got []map[string]string
			if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil || len(got) == 0 {
				t.Fatalf("%v: %s", err, io.Out)
			}
			regions, divisions := map[string]bool{}, map[string]bool{}
			for _, tk := range got {
				regions[tk["region"]], divisions[tk["division"]] = true, true
			}
			check := func(what, want string, seen map[string]bool) {
				if want == "" {
					if len(seen) < 2 {
						t.Errorf("%s %v: want several", what, seen)
					}
					return
				}
				wanted := strings.Split(want, ",")
				for v := range seen {
					if !slices.Contains(wanted, v) {
						t.Errorf("%s %q listed, want only %s", what, v, want)
					}
				}
			}
			check("region", c.regions, regions)
			check("division", c.divisions, divisions)
		})
	}
}

// --breaching-within keeps the running clocks due in the window, never
// the breached ones.
func TestBreachingWithin(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdList(f, nil), "--breaching-within", "72h", "--region", "all", "--all", "--json", "id,next_breach"); err != nil {
		t.Fatal(err)
	}
	var got []struct {
		ID         int64      `json:"id"`
		NextBreach *time.Time `json:"next_breach"`
	}
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil || len(got) == 0 {
		t.Fatalf("%v: %s", err, io.Out)
	}
	for i, tk := range got {
		if tk.NextBreach == nil || !tk.NextBreach.After(cmdtest.Now) || tk.NextBreach.After(cmdtest.Now.Add(72*time.Hour)) {
			t.Fatalf("ticket %d breaches at %v, outside (now, now+72h]", tk.ID, tk.NextBreach)
		}
		if i > 0 && tk.NextBreach.Before(*got[i-1].NextBreach) {
			t.Fatalf("ticket %d out of breach order", tk.ID)
		}
	}
}
