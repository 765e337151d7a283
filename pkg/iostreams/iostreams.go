// Package iostreams is the program's view of its terminal: the three
// standard streams, whether each is a terminal, colour, pager and spinner.
// Nothing here queries the terminal until a caller asks.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"github.com/mattn/go-isatty"
	"golang.org/x/term"
)

// defaultWidth and defaultHeight are the terminal's size assumed when it
// cannot be measured.
const (
	defaultWidth  = 80
	defaultHeight = 24
)

// IOStreams holds the standard streams and what is known about them.
type IOStreams struct {
	In     io.ReadCloser
	Out    io.Writer
	ErrOut io.Writer

	stdinTTY, stdoutTTY, stderrTTY bool

	colorEnabled bool
	colorScheme  *ColorScheme

	// outFile is the real stdout, kept to measure the terminal after the
	// pager has replaced Out.
	outFile    *os.File
	termWidth  int
	termHeight int
	dumbTerm   bool // TERM=dumb: no pager
	noPrompt   bool
	pagerCmd   string
	paged      *pagedWriter
	progress   *spinner
}

// System is the process's own stdin, stdout and stderr, configured from
// the environment.
func System() *IOStreams {
	ios := &IOStreams{
		In:        os.Stdin,
		Out:       os.Stdout,
		ErrOut:    os.Stderr,
		stdinTTY:  isTerminal(os.Stdin),
		stdoutTTY: isTerminal(os.Stdout),
		stderrTTY: isTerminal(os.Stderr),
		outFile:   os.Stdout,
		noPrompt:  envTrue(os.Getenv("SUPCTL_NO_PROMPT")),
		pagerCmd:  pagerFromEnv(os.LookupEnv),
		dumbTerm:  os.Getenv("TERM") == "dumb",
	}
	ios.colorEnabled = colorFromEnv(ios.stdoutTTY, os.Getenv)
	return ios
}

// Test is an IOStreams over buffers: no terminal, no colour, no pager.
func Test() (ios *IOStreams, stdin *bytes.Buffer, stdout *bytes.Buffer, stderr *bytes.Buffer) {
	stdin, stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}
	ios = &IOStreams{In: io.NopCloser(stdin), Out: stdout, ErrOut: stderr}
	return ios, stdin, stdout, stderr
}

func isTerminal(f *os.File) bool {
	return isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
}

func (s *IOStreams) IsStdinTTY() bool  { return s.stdinTTY }
func (s *IOStreams) IsStdoutTTY() bool { return s.stdoutTTY }
func (s *IOStreams) IsStderrTTY() bool { return s.stderrTTY }

func (s *IOStreams) SetStdinTTY(v bool)  { s.stdinTTY = v }
func (s *IOStreams) SetStdoutTTY(v bool) { s.stdoutTTY = v }
func (s *IOStreams) SetStderrTTY(v bool) { s.stderrTTY = v }

// SetNeverPrompt forbids prompts even on a terminal.
func (s *IOStreams) SetNeverPrompt(v bool) { s.noPrompt = v }

// CanPrompt reports whether the user can be asked a question: both stdin
// and stdout are terminals and prompts are not turned off.
func (s *IOStreams) CanPrompt() bool {
	return s.stdinTTY && s.stdoutTTY && !s.noPrompt
}

// TerminalWidth is the width of the terminal on stdout, or 80 when stdout
// is not a terminal or cannot be measured.
func (s *IOStreams) TerminalWidth() int {
	if s.termWidth > 0 {
		return s.termWidth
	}
	if s.stdoutTTY && s.outFile != nil {
		if w, _, err := term.GetSize(int(s.outFile.Fd())); err == nil && w > 0 {
			return w
		}
	}
	return defaultWidth
}

// SetTerminalWidth fixes the width TerminalWidth reports.
func (s *IOStreams) SetTerminalWidth(w int) { s.termWidth = w }

// TerminalHeight is the number of lines of the terminal on stdout, or 24
// when it cannot be measured.
func (s *IOStreams) TerminalHeight() int {
	if s.termHeight > 0 {
		return s.termHeight
	}
	if s.stdoutTTY && s.outFile != nil {
		if _, h, err := term.GetSize(int(s.outFile.Fd())); err == nil && h > 0 {
			return h
		}
	}
	return defaultHeight
}

// SetTerminalHeight fixes the height TerminalHeight reports.
func (s *IOStreams) SetTerminalHeight(h int) { s.termHeight = h }

// envTrue reads a boolean environment value: set, and not "0" or "false".
func envTrue(v string) bool {
	return v != "" && v != "0" && v != "false"
}
