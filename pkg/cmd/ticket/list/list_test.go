package list

import (
	"bytes"
	"encoding/json"
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
			return strings.Join(o.Statuses, ",") == strings.Join(support.ActiveStatuses, ",") && o.Limit == support.DefaultLimit && o.Sort == "breach"
		}, 0},
		{[]string{"--status", "all"}, func(o *ListOptions) bool { return o.Statuses == nil && o.Sort == "updated" }, 0},
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
