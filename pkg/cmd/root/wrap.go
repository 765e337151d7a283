package root

import (
	"bytes"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/text"
)

// wrapHelp makes help fit the terminal: cobra renders it as usual, then
// every line wider than the terminal is wrapped at spaces.
func wrapHelp(ios *iostreams.IOStreams, help func(*cobra.Command, []string)) func(*cobra.Command, []string) {
	return func(c *cobra.Command, args []string) {
		out := c.OutOrStdout()
		var buf bytes.Buffer
		c.SetOut(&buf)
		help(c, args)
		c.SetOut(out)
		_, _ = io.WriteString(out, wrapLines(buf.String(), ios.TerminalWidth()))
	}
}

// wrapLines wraps each line wider than width at spaces. A continued line
// is indented like its text: under a flag's or a command's description
// (after the first gap of two spaces), else as the line itself. An example
// command ("$ ...") is continued with a backslash, so that it still runs
// when copied. Only a word wider than the whole line is cut.
func wrapLines(s string, width int) string {
	if width < 20 {
		return s
	}
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		if text.DisplayWidth(l) <= width {
			b.WriteString(l)
			continue
		}
		if strings.HasPrefix(strings.TrimLeft(l, " "), "$ ") {
			b.WriteString(wrapExample(l, width))
			continue
		}
		b.WriteString(wrapLine(l, width))
	}
	return b.String()
}

func wrapLine(l string, width int) string {
	head, rest, indent := splitHanging(l, width)
	return strings.Join(text.WrapHanging(width, head, strings.Repeat(" ", indent), rest), "\n")
}

// splitHanging splits a line into the part kept whole at its start and
// the words to wrap, and says how deep continued lines are indented.
func splitHanging(l string, width int) (head, rest string, indent int) {
	trimmed := strings.TrimLeft(l, " ")
	lead := len(l) - len(trimmed)
	if i := strings.Index(trimmed, "  "); i > 0 {
		j := i + len(trimmed[i:]) - len(strings.TrimLeft(trimmed[i:], " "))
		if h := text.DisplayWidth(l[:lead+j]); h <= width/2 {
			return l[:lead+j], trimmed[j:], h
		}
	}
	return l[:lead], trimmed, lead
}

// wrapExample breaks a shell command at spaces outside quotes, ending each
// broken line with " \\" and indenting what follows, so that the lines
// still paste as the same command. A command with no such space that
// fits is left as it is.
func wrapExample(l string, width int) string {
	trimmed := strings.TrimLeft(l, " ")
	indent := strings.Repeat(" ", len(l)-len(trimmed)+4)
	var lines []string
	for text.DisplayWidth(l) > width {
		cut := lastBreak(l, width-2, len(indent))
		if cut < 0 {
			break
		}
		lines = append(lines, l[:cut]+" \\")
		l = indent + strings.TrimLeft(l[cut:], " ")
	}
	return strings.Join(append(lines, l), "\n")
}

// lastBreak is the byte offset of the last space outside quotes after
// from whose line start is at most cells wide, preferring one before a
// flag or a pipe, so that a flag stays with its value; -1 when there is
// none.
func lastBreak(l string, cells, from int) int {
	best, beforeFlag, col := -1, -1, 0
	var quote rune
	escaped := false
	for i, r := range l {
		if col > cells {
			break
		}
		switch {
		case escaped:
			escaped = false
		case r == '\\' && quote != '\'':
			escaped = true
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == ' ' && i > from && !strings.HasSuffix(strings.TrimRight(l[:i], " "), "$"):
			best = i
			if next := strings.TrimLeft(l[i:], " "); strings.HasPrefix(next, "-") || strings.HasPrefix(next, "|") {
				beforeFlag = i
			}
		}
		col += text.DisplayWidth(string(r))
	}
	if beforeFlag > 0 {
		return beforeFlag
	}
	return best
}
