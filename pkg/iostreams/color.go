package iostreams

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
)

// colorFromEnv decides whether stdout gets colour. CLICOLOR_FORCE wins, even
// when piped; otherwise NO_COLOR, CLICOLOR=0 and TERM=dumb turn it off, and
// a terminal turns it on.
func colorFromEnv(stdoutTTY bool, getenv func(string) string) bool {
	if envTrue(getenv("CLICOLOR_FORCE")) {
		return true
	}
	if getenv("NO_COLOR") != "" || getenv("CLICOLOR") == "0" || getenv("TERM") == "dumb" {
		return false
	}
	return stdoutTTY
}

// ColorEnabled reports whether output on stdout may carry colour.
func (s *IOStreams) ColorEnabled() bool { return s.colorEnabled }

// SetColorEnabled turns colour on or off.
func (s *IOStreams) SetColorEnabled(v bool) {
	s.colorEnabled = v
	s.colorScheme = nil
}

// ColorScheme is the palette for stdout.
func (s *IOStreams) ColorScheme() *ColorScheme {
	if s.colorScheme == nil {
		s.colorScheme = newColorScheme(s)
	}
	return s.colorScheme
}

// ColorScheme styles text by meaning. With colour off every method returns
// its input unchanged.
type ColorScheme struct {
	enabled bool
	r       *lipgloss.Renderer
}

// The palette is fixed ANSI colours: they follow the user's terminal theme
// and need no query of the background colour.
const (
	ansiRed    = "1"
	ansiGreen  = "2"
	ansiYellow = "3"
	ansiCyan   = "6"
	ansiGray   = "8"
)

func newColorScheme(s *IOStreams) *ColorScheme {
	profile := termenv.Ascii
	if s.colorEnabled {
		profile = termenv.ANSI256
	}
	// An explicit profile keeps lipgloss from probing the terminal.
	r := lipgloss.NewRenderer(s.Out, termenv.WithProfile(profile))
	r.SetColorProfile(profile)
	return &ColorScheme{enabled: s.colorEnabled, r: r}
}

// Enabled reports whether the scheme emits colour.
func (c *ColorScheme) Enabled() bool { return c.enabled }

func (c *ColorScheme) style() lipgloss.Style {
	return c.r.NewStyle().TabWidth(lipgloss.NoTabConversion)
}

func (c *ColorScheme) fg(color string) lipgloss.Style {
	return c.style().Foreground(lipgloss.Color(color))
}

// render styles each line on its own: lipgloss would otherwise pad the
// lines of a block to one width.
func (c *ColorScheme) render(st lipgloss.Style, s string) string {
	if !c.enabled || s == "" {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = st.Render(l)
		}
	}
	return strings.Join(lines, "\n")
}

func (c *ColorScheme) Success(s string) string { return c.render(c.fg(ansiGreen), s) }
func (c *ColorScheme) Warning(s string) string { return c.render(c.fg(ansiYellow), s) }
func (c *ColorScheme) Danger(s string) string  { return c.render(c.fg(ansiRed), s) }
func (c *ColorScheme) Muted(s string) string   { return c.render(c.fg(ansiGray), s) }
func (c *ColorScheme) Accent(s string) string  { return c.render(c.fg(ansiCyan), s) }
func (c *ColorScheme) Bold(s string) string    { return c.render(c.style().Bold(true), s) }

// TableHeader styles the header row of a table.
func (c *ColorScheme) TableHeader(s string) string {
	return c.render(c.fg(ansiGray).Bold(true), s)
}

func (c *ColorScheme) SuccessIcon() string { return c.Success("✓") }
func (c *ColorScheme) WarningIcon() string { return c.Warning("!") }
func (c *ColorScheme) FailureIcon() string { return c.Danger("X") }

// Severity colours a ticket severity: S1 danger, S2 warning, S3 plain,
// S4 muted.
func (c *ColorScheme) Severity(s string) string {
	switch s {
	case "S1":
		return c.Danger(s)
	case "S2":
		return c.Warning(s)
	case "S4":
		return c.Muted(s)
	}
	return s
}

// Status colours a state by what it asks of the reader: new work stands
// out, waiting is a warning, failure is danger, finished work fades.
func (c *ColorScheme) Status(s string) string {
	switch s {
	case "new":
		return c.Accent(s)
	case "open", "running", "fulfilled", "validated", "published", "approved":
		return c.Success(s)
	case "pending_customer", "pending_engineering", "on_hold", "paused", "at_risk",
		"work_in_progress", "not_validated", "in_review", "outdated":
		return c.Warning(s)
	case "breached", "failed", "rejected":
		return c.Danger(s)
	case "solved", "closed", "archived", "outside_hours":
		return c.Muted(s)
	}
	return s
}
