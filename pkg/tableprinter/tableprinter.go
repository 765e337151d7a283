// Package tableprinter prints rows of fields: an aligned, coloured table
// on a terminal, tab-separated values when piped.
package tableprinter

import (
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

// FieldOption changes how one field is shown on a terminal.
type FieldOption func(*field)

// WithColor styles the field on a terminal, after truncation.
func WithColor(fn func(string) string) FieldOption {
	return func(f *field) { f.color = fn }
}

// WithTruncate lets the field's column be shortened, with "…", when the
// table is wider than the terminal. Other columns are never cut: an ID or
// an email address cut short is worse than a wrapped line.
func WithTruncate() FieldOption {
	return func(f *field) { f.truncate = true }
}

type field struct {
	text     string
	color    func(string) string
	truncate bool
}

// TablePrinter collects rows and prints them in one go, so that column
// widths fit every row.
type TablePrinter struct {
	ios     *iostreams.IOStreams
	headers []string
	rows    [][]field
	row     []field
}

// New starts a table; headers are shown upper-case, and only on a terminal.
func New(ios *iostreams.IOStreams, headers ...string) *TablePrinter {
	return &TablePrinter{ios: ios, headers: headers}
}

// AddField appends a field to the current row.
func (t *TablePrinter) AddField(s string, opts ...FieldOption) {
	f := field{text: s}
	for _, o := range opts {
		o(&f)
	}
	t.row = append(t.row, f)
}

// AddTimeField appends a time: relative to now on a terminal ("3 hours
// ago"), RFC 3339 in UTC when piped. A zero time is an empty field.
func (t *TablePrinter) AddTimeField(now, tm time.Time, opts ...FieldOption) {
	switch {
	case tm.IsZero():
		t.AddField("", opts...)
	case t.ios.IsStdoutTTY():
		t.AddField(text.RelativeTime(now, tm), opts...)
	default:
		t.AddField(tm.UTC().Format(time.RFC3339), opts...)
	}
}

// EndRow finishes the current row.
func (t *TablePrinter) EndRow() {
	t.rows = append(t.rows, t.row)
	t.row = nil
}

// Render prints the table to the IOStreams' Out, ending a row left open.
// A table without rows prints nothing.
func (t *TablePrinter) Render() error {
	if len(t.row) > 0 {
		t.EndRow()
	}
	if len(t.rows) == 0 {
		return nil
	}
	if t.ios.IsStdoutTTY() {
		return t.renderTTY()
	}
	return t.renderTSV(t.ios.Out)
}

// renderTSV prints one row per line, fields separated by tabs, as scripts
// expect: no header, no colour, nothing shortened.
func (t *TablePrinter) renderTSV(w io.Writer) error {
	var b strings.Builder
	for _, row := range t.rows {
		for i, f := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			b.WriteString(oneLine(f.text))
		}
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine turns control characters into spaces: a field must not break
// the row it is in, nor send escape sequences to the terminal.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}
