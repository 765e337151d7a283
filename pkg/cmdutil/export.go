package cmdutil

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strings"
	"text/template"
	"time"

	"github.com/itchyny/gojq"
	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

// Exporter prints a command's data as JSON restricted to chosen fields,
// through a jq expression, or through a Go template.
type Exporter struct {
	fields   []string
	whole    bool // the command declares no fields: data is printed whole
	jq       *gojq.Code
	template *template.Template
	now      func() time.Time
}

// AddJSONFlags gives cmd the --json, --jq and --template flags. fields are
// the JSON names the command can export; with none, the data is printed
// whole and --json takes no field names. Before cmd runs, *exp is set to an
// Exporter when any of the flags was given, and left nil otherwise; flag
// mistakes are usage errors. Call it after setting cmd.PreRunE, which it
// wraps.
//
// A bare --json followed by field names only parses once the arguments have
// gone through NormalizeJSONArgs.
func AddJSONFlags(cmd *cobra.Command, exp **Exporter, fields []string) {
	f := cmd.Flags()
	f.StringSlice("json", nil, "output JSON with the given comma-separated `fields` (all fields when none are given)")
	f.Lookup("json").NoOptDefVal = "*"
	f.String("jq", "", "filter JSON output with a jq `expression`")
	f.StringP("template", "t", "", "format JSON output with a Go `template`")
	_ = cmd.RegisterFlagCompletionFunc("json", completeFields(fields))
	if help := JSONFieldsHelp(fields); help != "" {
		cmd.Long = strings.TrimRight(cmd.Long, "\n") + "\n\n" + help
	}

	preRun := cmd.PreRunE
	cmd.PreRunE = func(c *cobra.Command, args []string) error {
		if preRun != nil {
			if err := preRun(c, args); err != nil {
				return err
			}
		}
		e, err := newExporter(c.Flags(), fields)
		if err != nil {
			return err
		}
		*exp = e
		return nil
	}
}

func newExporter(flags *pflag.FlagSet, valid []string) (*Exporter, error) {
	jq, _ := flags.GetString("jq")
	tmpl, _ := flags.GetString("template")
	if !flags.Changed("json") && jq == "" && tmpl == "" {
		return nil, nil
	}
	if jq != "" && tmpl != "" {
		return nil, UsageErrorf("--jq and --template cannot be used together")
	}
	requested, _ := flags.GetStringSlice("json")
	fields, err := selectFields(requested, valid)
	if err != nil {
		return nil, err
	}
	e := &Exporter{fields: fields, whole: len(valid) == 0, now: time.Now}
	if jq != "" {
		if e.jq, err = compileJQ(jq); err != nil {
			return nil, err
		}
	}
	if tmpl != "" {
		if e.template, err = template.New("template").Funcs(e.templateFuncs()).Parse(tmpl); err != nil {
			return nil, UsageErrorf("invalid --template: %v", err)
		}
	}
	return e, nil
}

// selectFields checks the requested fields; none, or "*", means all.
func selectFields(requested, valid []string) ([]string, error) {
	if len(requested) == 0 || slices.Contains(requested, "*") {
		return slices.Clone(valid), nil
	}
	var fields []string
	for _, name := range requested {
		if len(valid) == 0 {
			return nil, UsageErrorf("--json takes no field names for this command").
				WithHint("use --jq to pick values from the output")
		}
		name = strings.TrimSpace(name)
		switch {
		case name == "" || slices.Contains(fields, name): // blank or repeated
		case !slices.Contains(valid, name):
			return nil, UsageErrorf("unknown JSON field %q", name).
				WithHint("available fields: %s", strings.Join(slices.Sorted(slices.Values(valid)), ", "))
		default:
			fields = append(fields, name)
		}
	}
	return fields, nil
}

func compileJQ(expr string) (*gojq.Code, error) {
	q, err := gojq.Parse(expr)
	if err == nil {
		var code *gojq.Code
		if code, err = gojq.Compile(q, gojq.WithEnvironLoader(os.Environ)); err == nil {
			return code, nil
		}
	}
	return nil, UsageErrorf("invalid --jq expression %q: %v", expr, err)
}

// completeFields completes the comma-separated list after --json=.
func completeFields(fields []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
		cut := strings.LastIndex(toComplete, ",") + 1
		prefix, used := toComplete[:cut], strings.Split(toComplete[:cut], ",")
		var out []string
		for _, f := range fields {
			if !slices.Contains(used, f) && strings.HasPrefix(prefix+f, toComplete) {
				out = append(out, prefix+f)
			}
		}
		return out, cobra.ShellCompDirectiveNoSpace | cobra.ShellCompDirectiveNoFileComp
	}
}

// Fields are the fields the output keeps.
func (e *Exporter) Fields() []string { return slices.Clone(e.fields) }

// SetClock sets the clock the template function timeago reads.
func (e *Exporter) SetClock(now func() time.Time) { e.now = now }

// Write prints data, a struct, a slice of structs or maps, keeping only
// the selected fields: as JSON (indented on a terminal, one line when
// piped), through the jq expression or through the template.
func (e *Exporter) Write(ios *iostreams.IOStreams, data any) error {
	v, err := e.filter(data)
	if err != nil {
		return err
	}
	switch {
	case e.jq != nil:
		return e.writeJQ(ios.Out, v)
	case e.template != nil:
		if err := e.template.Execute(ios.Out, v); err != nil {
			return Errorf("--template failed: %v", err)
		}
		return nil
	default:
		return writeJSON(ios, v)
	}
}

// filter turns data into its JSON form with only the selected fields.
// Numbers stay json.Number so that large IDs print exactly.
func (e *Exporter) filter(data any) (any, error) {
	if rv := reflect.ValueOf(data); rv.Kind() == reflect.Slice && rv.IsNil() {
		data = []any{} // an empty list is [], never null
	}
	b, err := json.Marshal(data)
	if err != nil {
		return nil, err
	}
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if e.whole {
		return v, nil
	}
	switch v := v.(type) {
	case map[string]any:
		return e.pick(v), nil
	case []any:
		for i, item := range v {
			if m, ok := item.(map[string]any); ok {
				v[i] = e.pick(m)
			}
		}
	}
	return v, nil
}

func (e *Exporter) pick(m map[string]any) map[string]any {
	out := make(map[string]any, len(e.fields))
	for _, f := range e.fields {
		if v, ok := m[f]; ok {
			out[f] = v
		}
	}
	return out
}

// writeJQ prints each result on its own line, strings raw as `jq -r` does.
func (e *Exporter) writeJQ(w io.Writer, v any) error {
	iter := e.jq.Run(v)
	for {
		r, ok := iter.Next()
		if !ok {
			return nil
		}
		if err, ok := r.(error); ok {
			var halt *gojq.HaltError
			if errors.As(err, &halt) && halt.Value() == nil {
				return nil
			}
			return Errorf("--jq failed: %v", err)
		}
		var line []byte
		if s, ok := r.(string); ok {
			line = []byte(s)
		} else {
			line, _ = gojq.Marshal(r) // cannot fail on a value gojq emitted
		}
		if _, err := w.Write(append(line, '\n')); err != nil {
			return err
		}
	}
}

// writeJSON indents for a reader on a terminal, colouring the keys, and
// keeps one line for scripts.
func writeJSON(ios *iostreams.IOStreams, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if ios.IsStdoutTTY() {
		enc.SetIndent("", "  ")
	}
	if err := enc.Encode(v); err != nil {
		return err
	}
	out := buf.String()
	if ios.IsStdoutTTY() && ios.ColorEnabled() {
		out = colorKeys(out, ios.ColorScheme().Accent)
	}
	_, err := io.WriteString(ios.Out, out)
	return err
}

// colorKeys styles the object keys of valid JSON: the strings followed by
// a colon.
func colorKeys(js string, style func(string) string) string {
	var b strings.Builder
	for i := 0; i < len(js); {
		if js[i] != '"' {
			b.WriteByte(js[i])
			i++
			continue
		}
		j := i + 1
		for j < len(js) && js[j] != '"' {
			if js[j] == '\\' {
				j++
			}
			j++
		}
		j = min(j+1, len(js))
		if j < len(js) && js[j] == ':' {
			b.WriteString(style(js[i:j]))
		} else {
			b.WriteString(js[i:j])
		}
		i = j
	}
	return b.String()
}

func (e *Exporter) templateFuncs() template.FuncMap {
	return template.FuncMap{
		"json": func(v any) string {
			b, _ := gojq.Marshal(v) // cannot fail on decoded JSON
			return string(b)
		},
		"join": func(sep string, v any) string {
			list, _ := v.([]any)
			parts := make([]string, len(list))
			for i, item := range list {
				parts[i] = stringOf(item)
			}
			return strings.Join(parts, sep)
		},
		"upper":    func(v any) string { return strings.ToUpper(stringOf(v)) },
		"lower":    func(v any) string { return strings.ToLower(stringOf(v)) },
		"truncate": func(n int, v any) string { return text.Truncate(n, stringOf(v)) },
		"timeago": func(v any) (string, error) {
			t, err := parseTime(v)
			if err != nil || t.IsZero() {
				return "", err
			}
			return text.RelativeTime(e.now(), t), nil
		},
		// timefmt LAYOUT TIME [ZONE]: TIME in ZONE, an IANA name such as
		// "Asia/Tokyo", or as the JSON has it (UTC) when none is given.
		"timefmt": func(layout string, v any, zone ...string) (string, error) {
			if len(zone) > 1 {
				return "", fmt.Errorf("timefmt takes one zone, not %d", len(zone))
			}
			t, err := parseTime(v)
			if err != nil || t.IsZero() {
				return "", err
			}
			if len(zone) == 1 {
				loc, err := loadZone(zone[0])
				if err != nil {
					return "", err
				}
				t = t.In(loc)
			}
			return t.Format(layout), nil
		},
	}
}

// stringOf is a JSON value as text: strings as they are, null as nothing,
// arrays and objects as JSON.
func stringOf(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case []any, map[string]any:
		b, _ := gojq.Marshal(v)
		return string(b)
	}
	return fmt.Sprint(v)
}

// loadZone reads an IANA timezone name; "Local", which would be the
// machine's zone rather than one the user chose, is refused.
func loadZone(name string) (*time.Location, error) {
	if name == "" || name == "Local" {
		return nil, fmt.Errorf("timefmt needs a timezone name such as Asia/Tokyo or UTC, not %q", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("timefmt: unknown timezone %q: use an IANA name such as Asia/Tokyo", name)
	}
	return loc, nil
}

// parseTime reads an RFC 3339 time; null and "" are the zero time.
func parseTime(v any) (time.Time, error) {
	s := stringOf(v)
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not an RFC 3339 time", s)
	}
	return t, nil
}

// JSONFieldsHelp is the "JSON FIELDS" help section: the sorted field names
// wrapped to 80 columns.
func JSONFieldsHelp(fields []string) string {
	if len(fields) == 0 {
		return ""
	}
	const indent, width = "  ", 72
	sorted := slices.Sorted(slices.Values(fields))
	var b strings.Builder
	b.WriteString("JSON FIELDS\n")
	line := indent
	for i, f := range sorted {
		if i < len(sorted)-1 {
			f += ","
		}
		if line != indent && len(line)+1+len(f) > width {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += f
	}
	b.WriteString(line + "\n")
	return b.String()
}

// NormalizeJSONArgs lets --json take its field list as the next argument
// while a bare --json still means all fields: "--json id,subject" becomes
// "--json=id,subject" when the next argument is a list of lower-case field
// names, and any other bare "--json" becomes "--json=*". Arguments after
// "--" and shell-completion requests are left alone.
func NormalizeJSONArgs(args []string) []string {
	if len(args) > 0 && (args[0] == cobra.ShellCompRequestCmd || args[0] == cobra.ShellCompNoDescRequestCmd) {
		return args
	}
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--":
			return append(out, args[i:]...)
		case a != "--json":
			out = append(out, a)
		case i+1 < len(args) && isFieldList(args[i+1]):
			out = append(out, "--json="+args[i+1])
			i++
		default:
			out = append(out, "--json=*")
		}
	}
	return out
}

// isFieldList matches ^[a-z_]+(,[a-z_]+)*$.
func isFieldList(s string) bool {
	for name := range strings.SplitSeq(s, ",") {
		if name == "" {
			return false
		}
		for _, r := range name {
			if r != '_' && (r < 'a' || r > 'z') {
				return false
			}
		}
	}
	return true
}
