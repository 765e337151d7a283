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

// Column declares a column and how it gives way on a terminal narrower
// than the table: first the columns with a rank shorten or drop, lowest
// rank first, as long as a truncatable column would otherwise be cut below
// its KeepWidth; then truncatable columns are cut down to their MinWidth.
// Piped output ignores all of it: every column, every field whole.
type Column struct {
	Header string
	// Truncate lets the column be cut, ending with "…".
	Truncate bool
	// MinWidth is the narrowest a truncated column gets (default: the
	// header's width, at least 10 cells).
	MinWidth int
	// KeepWidth is how wide the column stays before other columns give
	// way (default: MinWidth); Whole keeps it whole until they all have.
	KeepWidth int
	// ShortenRank, when positive, is the rank at which fields switch to
	// their short form: the one given WithShort, else Shorten's.
	ShortenRank int
	Shorten     func(string) string
	// DropRank, when positive, is the rank at which the column is left out.
	DropRank int
}

// Whole is a KeepWidth wider than any column: the column is cut only
// after every other column has given way.
const Whole = 1 << 20

// FieldOption changes how one field is shown on a terminal.
type FieldOption func(*field)

// WithColor styles the field, after truncation. Piped, it applies only
// when colour is forced (CLICOLOR_FORCE).
func WithColor(fn func(string) string) FieldOption {
	return func(f *field) { f.color = fn }
}

// WithTruncate lets the field's column be shortened, with "…", when the
// table is wider than the terminal, as Column.Truncate does.
func WithTruncate() FieldOption {
	return func(f *field) { f.truncate = true }
}

// WithShort gives the field's shorter form, shown on a terminal once its
// column's ShortenRank is reached.
func WithShort(s string) FieldOption {
	return func(f *field) { f.short, f.hasShort = s, true }
}

type field struct {
	text     string
	short    string
	hasShort bool
	color    func(string) string
	truncate bool
}

// TablePrinter collects rows and prints them in one go, so that column
// widths fit every row.
type TablePrinter struct {
	ios     *iostreams.IOStreams
	columns []Column
	rows    [][]field
	row     []field
}

// New starts a table; headers are shown upper-case, and only on a
// terminal. No column gives way except those fields added WithTruncate.
func New(ios *iostreams.IOStreams, headers ...string) *TablePrinter {
	cols := make([]Column, len(headers))
	for i, h := range headers {
		cols[i].Header = h
	}
	return &TablePrinter{ios: ios, columns: cols}
}

// NewWithColumns starts a table of declared columns.
func NewWithColumns(ios *iostreams.IOStreams, cols ...Column) *TablePrinter {
	return &TablePrinter{ios: ios, columns: cols}
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
		rel := text.RelativeTime(now, tm)
		t.AddField(rel, append([]FieldOption{WithShort(text.CompactTimes(rel))}, opts...)...)
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
// expect: no header, nothing shortened, colour only when forced.
func (t *TablePrinter) renderTSV(w io.Writer) error {
	var b strings.Builder
	color := t.ios.ColorEnabled()
	for _, row := range t.rows {
		for i, f := range row {
			if i > 0 {
				b.WriteByte('\t')
			}
			s := oneLine(f.text)
			if color && f.color != nil {
				s = f.color(s)
			}
			b.WriteString(s)
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

// ShortenEmail drops the domain of an e-mail address, a Column.Shorten for
// columns of people: ken@example.com becomes ken.
func ShortenEmail(s string) string {
	if i := strings.LastIndexByte(s, '@'); i > 0 {
		return s[:i]
	}
	return s
}
