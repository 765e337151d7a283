package list

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const twoProfiles = `current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support.example.com
    user: ken@example.com
    region: apac-jp
    timezone: Asia/Tokyo
    queues: [apac-jp/core]
  hyderabad:
    api_url: https://in.example.com
    region: apac-in
`

func TestNewCmdListFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantJSON []string // nil: no exporter
		wantErr  string
	}{
		{"no flags", nil, nil, ""},
		{"json fields", []string{"--json", "name,active"}, []string{"name", "active"}, ""},
		{"unknown field", []string{"--json", "color"}, nil, `unknown JSON field "color"`},
		{"no arguments", []string{"tokyo"}, nil, `unknown command "tokyo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *ListOptions
			cmd := NewCmdList(&cmdutil.Factory{IOStreams: ios}, func(o *ListOptions) error { got = o; return nil })
			cmd.SetArgs(cmdutil.NormalizeJSONArgs(tt.args))
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case tt.wantJSON == nil && got.Exporter != nil:
				t.Errorf("exporter set without --json")
			case tt.wantJSON != nil && (got.Exporter == nil || strings.Join(got.Exporter.Fields(), ",") != strings.Join(tt.wantJSON, ",")):
				t.Errorf("exporter = %v, want fields %v", got.Exporter, tt.wantJSON)
			}
		})
	}
}

func runList(t *testing.T, tty bool, env map[string]string, args ...string) string {
	t.Helper()
	s := configtest.New(t, twoProfiles)
	for k, v := range env {
		s.Env[k] = v
	}
	ios, _, stdout, _ := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetTerminalWidth(120)
	cmd := NewCmdList(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(cmdutil.NormalizeJSONArgs(args))
	if _, err := cmd.ExecuteC(); err != nil {
		t.Fatal(err)
	}
	return stdout.String()
}

func TestListPiped(t *testing.T) {
	got := runList(t, false, nil)
	want := "\tdemo\tembedded\tken@example.com\tapac-jp\tAsia/Tokyo\n" +
		"\thyderabad\thttps://in.example.com\t\tapac-in\t\n" +
		"*\ttokyo\thttps://support.example.com\tken@example.com\tapac-jp\tAsia/Tokyo\n"
	if got != want {
		t.Errorf("output =\n%q\nwant\n%q", got, want)
	}
}

func TestListMarksEnvProfile(t *testing.T) {
	got := runList(t, false, map[string]string{"SUPCTL_PROFILE": "hyderabad"})
	if !strings.HasPrefix(strings.Split(got, "\n")[1], "*\thyderabad") {
		t.Errorf("hyderabad not marked active:\n%s", got)
	}
}

func TestListTTY(t *testing.T) {
	got := runList(t, true, nil)
	lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("want a header and 3 rows, got:\n%s", got)
	}
	for i, want := range [][]string{
		{"NAME", "API URL", "USER", "REGION", "TIMEZONE"},
		{"demo", "embedded", "ken@example.com", "apac-jp", "Asia/Tokyo"},
		{"hyderabad", "https://in.example.com", "apac-in"},
		{"*", "tokyo", "https://support.example.com"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("line %d %q lacks %q", i, lines[i], w)
			}
		}
	}
	if strings.Contains(lines[1], "*") || strings.Contains(lines[2], "*") {
		t.Errorf("an inactive profile is marked:\n%s", got)
	}
}

func TestListJSON(t *testing.T) {
	got := runList(t, false, nil, "--json", "name,active,queues")
	want := `[{"active":false,"name":"demo","queues":["apac-jp/core","apac-jp/sql","apac-jp/yarn","apac-jp/spark"]},` +
		`{"active":false,"name":"hyderabad","queues":[]},` +
		`{"active":true,"name":"tokyo","queues":["apac-jp/core"]}]` + "\n"
	if got != want {
		t.Errorf("output =\n%s\nwant\n%s", got, want)
	}
}
