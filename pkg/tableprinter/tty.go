package tableprinter

import (
	"bytes"
	"io"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"github.com/supctl/supctl/pkg/text"
)

// renderTTY lays the table out for the terminal: borderless like kubectl,
// fitted to the terminal width, coloured.
func (t *TablePrinter) renderTTY() error {
	headers, cells := t.grid()
	natural, minimum, truncatable := measure(headers, cells)
	widths := fitWidths(natural, minimum, truncatable, t.ios.TerminalWidth())

	var buf bytes.Buffer
	table := tablewriter.NewTable(&buf, tableOptions(len(headers))...)
	if len(t.headers) > 0 {
		cs := t.ios.ColorScheme()
		styled := make([]any, len(headers))
		for i, h := range headers {
			styled[i] = cs.TableHeader(h)
		}
		table.Header(styled...)
	}
	if err := table.Bulk(fit(cells, widths)); err != nil {
		return err
	}
	if err := table.Render(); err != nil {
		return err
	}
	_, err := io.WriteString(t.ios.Out, trimLines(buf.String()))
	return err
}

// grid squares the rows off: every row gets a field per column, and the
// text of headers and fields fits on one line.
func (t *TablePrinter) grid() (headers []string, cells [][]field) {
	cols := len(t.headers)
	for _, row := range t.rows {
		cols = max(cols, len(row))
	}
	headers = make([]string, cols)
	for i, h := range t.headers {
		headers[i] = strings.ToUpper(oneLine(h))
	}
	cells = make([][]field, len(t.rows))
	for r, row := range t.rows {
		cells[r] = make([]field, cols)
		for c, f := range row {
			f.text = oneLine(f.text)
			cells[r][c] = f
		}
	}
	return headers, cells
}

// fit shortens each field to its column's width, then colours it, so
// tablewriter never has to wrap and colour never counts as width. Only
// truncatable columns are ever narrower than their fields.
func fit(cells [][]field, widths []int) [][]string {
	out := make([][]string, len(cells))
	for r, row := range cells {
		out[r] = make([]string, len(row))
		for c, f := range row {
			s := f.text
			if text.DisplayWidth(s) > widths[c] {
				s = text.Truncate(widths[c], s)
			}
			if f.color != nil {
				s = f.color(s)
			}
			out[r][c] = s
		}
	}
	return out
}

// measure finds each column's width and how far it may shrink: a column
// is truncatable when any of its fields was added WithTruncate.
func measure(headers []string, cells [][]field) (natural, minimum []int, truncatable []bool) {
	cols := len(headers)
	natural = make([]int, cols)
	minimum = make([]int, cols)
	truncatable = make([]bool, cols)
	for c := range cols {
		natural[c] = text.DisplayWidth(headers[c])
	}
	for _, row := range cells {
		for c, f := range row {
			natural[c] = max(natural[c], text.DisplayWidth(f.text))
			truncatable[c] = truncatable[c] || f.truncate
		}
	}
	for c := range cols {
		minimum[c] = min(natural[c], max(text.DisplayWidth(headers[c]), minTruncatedWidth))
	}
	return natural, minimum, truncatable
}

// tableOptions configure tablewriter for a borderless table whose cells
// arrive already fitted: no wrapping, no reformatting, and widths measured
// with East Asian ambiguous runes narrow whatever the locale detection at
// start-up decided, as text.DisplayWidth measures them.
func tableOptions(cols int) []tablewriter.Option {
	padding := make([]tw.Padding, cols)
	for i := range padding {
		padding[i] = tw.Padding{Right: strings.Repeat(" ", columnGap), Overwrite: true}
	}
	padding[cols-1] = tw.PaddingNone
	cell := tw.CellConfig{
		Alignment: tw.CellAlignment{Global: tw.AlignLeft},
		Padding:   tw.CellPadding{Global: tw.PaddingNone, PerColumn: padding},
	}
	return []tablewriter.Option{
		tablewriter.WithEastAsian(false),
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{ShowHeader: tw.Off, ShowFooter: tw.Off, BetweenRows: tw.Off, BetweenColumns: tw.Off},
				Lines:      tw.Lines{ShowTop: tw.Off, ShowBottom: tw.Off, ShowHeaderLine: tw.Off, ShowFooterLine: tw.Off},
			},
		})),
		tablewriter.WithHeaderConfig(cell),
		tablewriter.WithRowConfig(cell),
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithHeaderAutoWrap(tw.WrapNone),
		tablewriter.WithRowAutoWrap(tw.WrapNone),
		tablewriter.WithTrimSpace(tw.Off),
	}
}

const ansiReset = "\x1b[0m"

// trimLines drops the spaces that pad the last column. tablewriter may
// put colour resets among them; one reset is kept so no colour bleeds.
func trimLines(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	for i, l := range lines {
		reset := false
		for {
			trimmed := strings.TrimRight(l, " ")
			if rest, ok := strings.CutSuffix(trimmed, ansiReset); ok {
				l, reset = rest, true
				continue
			}
			l = trimmed
			break
		}
		if reset {
			l += ansiReset
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n") + "\n"
}
