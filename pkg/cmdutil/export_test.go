package cmdutil

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
	"github.com/supctl/supctl/pkg/iostreams"
)

type exportTicket struct {
	ID        int64     `json:"id"`
	Subject   string    `json:"subject"`
	Status    string    `json:"status"`
	Tags      []string  `json:"tags"`
	UpdatedAt time.Time `json:"updated_at"`
}

var exportFields = []string{"id", "subject", "status", "tags", "updated_at"}

var exportNow = time.Date(2025, 3, 10, 12, 0, 0, 0, time.UTC)

var exportTickets = []exportTicket{
	{ID: 1, Subject: "「MapR-FS ボリュームのミラーリングが失敗する」", Status: "open", Tags: []string{"mapr", "mirror"}, UpdatedAt: exportNow.Add(-3 * time.Hour)},
	{ID: 9007199254740993, Subject: "Spark <job> & driver OOM", Status: "new", Tags: nil, UpdatedAt: exportNow.Add(-48 * time.Hour)},
}

// parseExporter runs a command with the JSON flags on args, the way the
// program does: arguments normalised first.
func parseExporter(t *testing.T, args ...string) (*Exporter, error) {
	t.Helper()
	var exp *Exporter
	cmd := &cobra.Command{
		Use:           "list",
		Args:          cobra.NoArgs,
		RunE:          func(*cobra.Command, []string) error { return nil },
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	AddJSONFlags(cmd, &exp, exportFields)
	cmd.SetArgs(NormalizeJSONArgs(args))
	err := cmd.Execute()
	return exp, err
}

func mustExporter(t *testing.T, args ...string) *Exporter {
	t.Helper()
	exp, err := parseExporter(t, args...)
	if err != nil {
		t.Fatalf("%v: %v", args, err)
	}
	if exp == nil {
		t.Fatalf("%v: no exporter", args)
	}
	exp.SetClock(func() time.Time { return exportNow })
	return exp
}

func TestJSONFlags(t *testing.T) {
	tests := []struct {
		args   []string
		fields []string // nil: no exporter
	}{
		{nil, nil},
		{[]string{"--json"}, exportFields},
		{[]string{"--json="}, exportFields},
		{[]string{"--json=*"}, exportFields},
		{[]string{"--json", "subject,id"}, []string{"subject", "id"}},
		{[]string{"--json=id,id, subject"}, []string{"id", "subject"}},
		{[]string{"--json", "--jq", ".[].id"}, exportFields},
		{[]string{"--jq", ".[].id"}, exportFields},
		{[]string{"-t", "{{.}}"}, exportFields},
		{[]string{"--template", "{{.}}", "--json", "id"}, []string{"id"}},
	}
	for _, tt := range tests {
		exp, err := parseExporter(t, tt.args...)
		if err != nil {
			t.Errorf("%q: %v", tt.args, err)
			continue
		}
		if tt.fields == nil {
			if exp != nil {
				t.Errorf("%q: exporter without output flags", tt.args)
			}
			continue
		}
		if exp == nil || !slices.Equal(exp.Fields(), tt.fields) {
			t.Errorf("%q: fields %v, want %v", tt.args, exp.Fields(), tt.fields)
		}
	}
}

func TestJSONFlagErrors(t *testing.T) {
	tests := []struct {
		args    []string
		message string
		hint    string
	}{
		{[]string{"--json", "id,bogus"}, `unknown JSON field "bogus"`, "available fields: id, status, subject, tags, updated_at"},
		{[]string{"--jq", ".", "--template", "{{.}}"}, "--jq and --template cannot be used together", ""},
		{[]string{"--jq", ".[0"}, `invalid --jq expression ".[0"`, ""},
		{[]string{"--jq", "no_such_function"}, `invalid --jq expression "no_such_function"`, ""},
		{[]string{"--template", "{{.id"}, "invalid --template", ""},
	}
	for _, tt := range tests {
		_, err := parseExporter(t, tt.args...)
		if err == nil {
			t.Errorf("%q: no error", tt.args)
			continue
		}
		if CodeOf(err) != ExitUsage {
			t.Errorf("%q: exit code %d, want %d", tt.args, CodeOf(err), ExitUsage)
		}
		if !strings.HasPrefix(err.Error(), tt.message) {
			t.Errorf("%q: error %q, want it to start with %q", tt.args, err, tt.message)
		}
		if HintOf(err) != tt.hint {
			t.Errorf("%q: hint %q, want %q", tt.args, HintOf(err), tt.hint)
		}
	}
}

func TestJSONFlagsWithoutFields(t *testing.T) {
	run := func(args ...string) (*Exporter, error) {
		var exp *Exporter
		cmd := &cobra.Command{Use: "api", RunE: func(*cobra.Command, []string) error { return nil }, SilenceErrors: true, SilenceUsage: true}
		AddJSONFlags(cmd, &exp, nil)
		cmd.SetArgs(NormalizeJSONArgs(args))
		return exp, cmd.Execute()
	}
	exp, err := run("--json")
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"id": 7, "nested": map[string]any{"a": true}}
	if got := exportWrite(t, exp, false, false, data); got != `{"id":7,"nested":{"a":true}}`+"\n" {
		t.Errorf("data not printed whole: %s", got)
	}
	if _, err := run("--json", "id"); CodeOf(err) != ExitUsage || !strings.Contains(err.Error(), "takes no field names") {
		t.Errorf("--json id on a command without fields: %v", err)
	}
}

func TestPreRunEIsKept(t *testing.T) {
	var exp *Exporter
	sentinel := errors.New("earlier check failed")
	cmd := &cobra.Command{
		Use:           "list",
		PreRunE:       func(*cobra.Command, []string) error { return sentinel },
		RunE:          func(*cobra.Command, []string) error { return nil },
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	AddJSONFlags(cmd, &exp, exportFields)
	cmd.SetArgs([]string{"--json=id"})
	if err := cmd.Execute(); !errors.Is(err, sentinel) {
		t.Errorf("error %v, want the command's own PreRunE error", err)
	}
}

func exportWrite(t *testing.T, exp *Exporter, tty, color bool, data any) string {
	t.Helper()
	ios, _, stdout, _ := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetColorEnabled(color)
	if err := exp.Write(ios, data); err != nil {
		t.Fatal(err)
	}
	return stdout.String()
}

func TestWriteFiltersFields(t *testing.T) {
	exp := mustExporter(t, "--json", "id,subject")
	tests := []struct {
		name string
		data any
		want string
	}{
		{"struct", exportTickets[0], `{"id":1,"subject":"「MapR-FS ボリュームのミラーリングが失敗する」"}` + "\n"},
		{"pointer", &exportTickets[0], `{"id":1,"subject":"「MapR-FS ボリュームのミラーリングが失敗する」"}` + "\n"},
		{"slice", exportTickets, `[{"id":1,"subject":"「MapR-FS ボリュームのミラーリングが失敗する」"},{"id":9007199254740993,"subject":"Spark <job> & driver OOM"}]` + "\n"},
		{"map", map[string]any{"id": 7, "subject": "s", "secret": "x"}, `{"id":7,"subject":"s"}` + "\n"},
		{"nil slice", []exportTicket(nil), "[]\n"},
	}
	for _, tt := range tests {
		if got := exportWrite(t, exp, false, false, tt.data); got != tt.want {
			t.Errorf("%s: got %s want %s", tt.name, got, tt.want)
		}
	}
}

func TestWriteJSONOnTerminal(t *testing.T) {
	exp := mustExporter(t, "--json", "id,tags")
	want := "[\n  {\n    \"id\": 1,\n    \"tags\": [\n      \"mapr\",\n      \"mirror\"\n    ]\n  }\n]\n"
	if got := exportWrite(t, exp, true, false, exportTickets[:1]); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	got := exportWrite(t, exp, true, true, exportTickets[:1])
	if !strings.Contains(got, "\x1b[36m\"id\"\x1b[0m: 1") || !strings.Contains(got, "\x1b[36m\"tags\"\x1b[0m: [") {
		t.Errorf("keys not coloured:\n%q", got)
	}
	if strings.Contains(got, "\x1b[36m\"mapr\"") {
		t.Errorf("a value was coloured as a key:\n%q", got)
	}
}

func TestWriteJQ(t *testing.T) {
	tests := []struct {
		expr string
		want string
	}{
		{".[0].id", "1\n"},
		{".[1].id", "9007199254740993\n"},
		{".[].subject", "「MapR-FS ボリュームのミラーリングが失敗する」\nSpark <job> & driver OOM\n"},
		{".[0] | {id, status}", `{"id":1,"status":"open"}` + "\n"},
		{"[.[].tags | length]", "[2,0]\n"},
		{"map(select(.status == \"new\")) | .[].id", "9007199254740993\n"},
		{"halt", ""},
	}
	for _, tt := range tests {
		exp := mustExporter(t, "--jq", tt.expr)
		if got := exportWrite(t, exp, true, true, exportTickets); got != tt.want {
			t.Errorf("--jq %s: got %q, want %q", tt.expr, got, tt.want)
		}
	}
}

func TestWriteJQRuntimeError(t *testing.T) {
	exp := mustExporter(t, "--jq", ".[0].id | ascii_downcase")
	ios, _, _, _ := iostreams.Test()
	err := exp.Write(ios, exportTickets)
	if err == nil || CodeOf(err) != ExitError || !strings.HasPrefix(err.Error(), "--jq failed:") {
		t.Errorf("error %v (exit %d)", err, CodeOf(err))
	}
}

func TestWriteTemplate(t *testing.T) {
	tests := []struct {
		tmpl string
		want string
	}{
		{`{{range .}}{{.id}}{{"\n"}}{{end}}`, "1\n9007199254740993\n"},
		{`{{range .}}{{upper .status}} {{lower "ABC"}} {{truncate 8 .subject}}|{{join ", " .tags}}{{"\n"}}{{end}}`,
			"OPEN abc 「MapR-…|mapr, mirror\nNEW abc Spark <…|\n"},
		{`{{range .}}{{timeago .updated_at}} {{timefmt "2006-01-02 15:04" .updated_at}} {{json .tags}}{{"\n"}}{{end}}`,
			"3 hours ago 2025-03-10 09:00 [\"mapr\",\"mirror\"]\n2 days ago 2025-03-08 12:00 null\n"},
	}
	for _, tt := range tests {
		exp := mustExporter(t, "--template", tt.tmpl)
		if got := exportWrite(t, exp, false, false, exportTickets); got != tt.want {
			t.Errorf("--template %s:\ngot  %q\nwant %q", tt.tmpl, got, tt.want)
		}
	}
}

// TestTemplateTimefmtZone: timefmt takes a zone, so a script prints times
// in Tokyo's; without one the time stays in UTC, as the JSON has it.
func TestTemplateTimefmtZone(t *testing.T) {
	exp := mustExporter(t, "--template", `{{range .}}{{timefmt "2006-01-02 15:04 MST" .updated_at "Asia/Tokyo"}}|{{timefmt "15:04" .updated_at}}{{"\n"}}{{end}}`)
	if got, want := exportWrite(t, exp, false, false, exportTickets), "2025-03-10 18:00 JST|09:00\n2025-03-08 21:00 JST|12:00\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	for _, tmpl := range []string{`{{timefmt "15:04" .updated_at "Asia/Tokio"}}`, `{{timefmt "15:04" .updated_at "Local"}}`, `{{timefmt "15:04" .updated_at "UTC" "UTC"}}`} {
		exp := mustExporter(t, "--template", tmpl)
		ios, _, _, _ := iostreams.Test()
		if err := exp.Write(ios, exportTickets[0]); err == nil || !strings.Contains(err.Error(), "timefmt") {
			t.Errorf("%s: error %v, want one naming timefmt", tmpl, err)
		}
	}
}

func TestWriteTemplateBadTime(t *testing.T) {
	exp := mustExporter(t, "--template", `{{timeago .subject}}`)
	ios, _, _, _ := iostreams.Test()
	err := exp.Write(ios, exportTickets[0])
	if err == nil || !strings.Contains(err.Error(), "is not an RFC 3339 time") {
		t.Errorf("error %v", err)
	}
}

func TestJSONFieldsHelp(t *testing.T) {
	fields := strings.Fields("zeta alpha requester_email product_version environment account_name assignee created_at updated_at description severity division region language channel requester_kind requester_name")
	help := JSONFieldsHelp(fields)
	lines := strings.Split(strings.TrimSuffix(help, "\n"), "\n")
	if lines[0] != "JSON FIELDS" {
		t.Fatalf("heading %q", lines[0])
	}
	if len(lines) < 3 {
		t.Errorf("%d fields on %d lines: not wrapped", len(fields), len(lines)-1)
	}
	var listed []string
	for _, l := range lines[1:] {
		if len(l) > 80 || !strings.HasPrefix(l, "  ") {
			t.Errorf("line %q: longer than 80 or not indented", l)
		}
		for _, f := range strings.Fields(l) {
			listed = append(listed, strings.TrimSuffix(f, ","))
		}
	}
	if !slices.IsSorted(listed) || len(listed) != len(fields) {
		t.Errorf("listed %v", listed)
	}
	if JSONFieldsHelp(nil) != "" {
		t.Error("help for no fields")
	}
}

func TestNormalizeJSONArgs(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{[]string{"ticket", "list"}, []string{"ticket", "list"}},
		{[]string{"ticket", "list", "--json"}, []string{"ticket", "list", "--json=*"}},
		{[]string{"list", "--json", "id,subject"}, []string{"list", "--json=id,subject"}},
		{[]string{"list", "--json", "updated_at", "--limit", "5"}, []string{"list", "--json=updated_at", "--limit", "5"}},
		{[]string{"list", "--json", "--jq", ".[]"}, []string{"list", "--json=*", "--jq", ".[]"}},
		{[]string{"view", "--json", "1234"}, []string{"view", "--json=*", "1234"}},
		{[]string{"list", "--json", "Id"}, []string{"list", "--json=*", "Id"}},
		{[]string{"list", "--json", "id,"}, []string{"list", "--json=*", "id,"}},
		{[]string{"list", "--json", "id,,status"}, []string{"list", "--json=*", "id,,status"}},
		{[]string{"list", "--json=id", "--json"}, []string{"list", "--json=id", "--json=*"}},
		{[]string{"list", "--", "--json", "id"}, []string{"list", "--", "--json", "id"}},
		{[]string{"list", "--json", "--"}, []string{"list", "--json=*", "--"}},
		{[]string{"__complete", "list", "--json", ""}, []string{"__complete", "list", "--json", ""}},
		{nil, []string{}},
	}
	for _, tt := range tests {
		if got := NormalizeJSONArgs(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("NormalizeJSONArgs(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCompleteJSONFields(t *testing.T) {
	got, dir := completeFields(exportFields)(nil, nil, "id,sub")
	want := []string{"id,subject"}
	if !slices.Equal(got, want) {
		t.Errorf("completions %q, want %q", got, want)
	}
	got, _ = completeFields(exportFields)(nil, nil, "status,")
	if want := []string{"status,id", "status,subject", "status,tags", "status,updated_at"}; !slices.Equal(got, want) {
		t.Errorf("completions %q, want %q", got, want)
	}
	if dir&cobra.ShellCompDirectiveNoSpace == 0 {
		t.Error("completion should not add a space after a field")
	}
}
