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
	cols := t.measure(headers, cells)
	l := layout(cols, t.ios.TerminalWidth())
	shown := make([]int, 0, len(cols))
	for c := range cols {
		if !l.dropped[c] {
			shown = append(shown, c)
		}
	}
	var buf bytes.Buffer
	table := tablewriter.NewTable(&buf, tableOptions(len(shown))...)
	if len(t.columns) > 0 {
		cs := t.ios.ColorScheme()
		styled := make([]any, len(shown))
		for i, c := range shown {
			styled[i] = cs.TableHeader(headers[c])
		}
		table.Header(styled...)
	}
	if err := table.Bulk(fit(cells, shown, l)); err != nil {
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
	cols := len(t.columns)
	for _, row := range t.rows {
		cols = max(cols, len(row))
	}
	headers = make([]string, cols)
	for i, c := range t.columns {
		headers[i] = strings.ToUpper(oneLine(c.Header))
	}
	cells = make([][]field, len(t.rows))
	for r, row := range t.rows {
		cells[r] = make([]field, cols)
		for c, f := range row {
			f.text = oneLine(f.text)
			switch {
			case f.hasShort:
				f.short = oneLine(f.short)
			case c < len(t.columns) && t.columns[c].Shorten != nil:
				f.short = oneLine(t.columns[c].Shorten(f.text))
			default:
				f.short = f.text
			}
			cells[r][c] = f
		}
	}
	return headers, cells
}

// fit keeps the shown columns, picks each field's long or short form,
// shortens it to its column's width, then colours it, so tablewriter
// never has to wrap and colour never counts as width.
func fit(cells [][]field, shown []int, l plan) [][]string {
	out := make([][]string, len(cells))
	for r, row := range cells {
		out[r] = make([]string, len(shown))
		for i, c := range shown {
			f := row[c]
			s := f.text
			if l.short[c] {
				s = f.short
			}
			if text.DisplayWidth(s) > l.widths[c] {
				s = text.Truncate(l.widths[c], s)
			}
			if f.color != nil {
				s = f.color(s)
			}
			out[r][i] = s
		}
	}
	return out
}

// measure describes each column for the layout: its width with long and
// with short fields, how far it may be cut and when it gives way.
func (t *TablePrinter) measure(headers []string, cells [][]field) []column {
	cols := make([]column, len(headers))
	for c := range cols {
		hw := text.DisplayWidth(headers[c])
		cols[c] = column{long: hw, short: hw}
		var spec Column
		if c < len(t.columns) {
			spec = t.columns[c]
		}
		cols[c].truncatable = spec.Truncate
		cols[c].shortenRank, cols[c].dropRank = spec.ShortenRank, spec.DropRank
		cols[c].minimum = spec.MinWidth
		if cols[c].minimum <= 0 {
			cols[c].minimum = max(hw, minTruncatedWidth)
		}
		cols[c].keep = max(spec.KeepWidth, cols[c].minimum)
	}
	for _, row := range cells {
		for c, f := range row {
			cols[c].long = max(cols[c].long, text.DisplayWidth(f.text))
			cols[c].short = max(cols[c].short, text.DisplayWidth(f.short))
			cols[c].truncatable = cols[c].truncatable || f.truncate
		}
	}
	return cols
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
