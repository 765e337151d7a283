package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/creack/pty"

	"github.com/supctl/supctl/pkg/text"
)

// The tests in this file run supctl (this test binary, which TestMain puts
// on PATH under that name) on a pseudo-terminal of a fixed size, as a
// person at a terminal meets it, on the demo profile in a private data
// directory.

// ptyEnv is a clean environment for supctl on a terminal of cols columns:
// its own config, data and cache directories, no pager settings of the
// user's, UTF-8.
func ptyEnv(dir string, cols int, extra ...string) []string {
	env := []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"),
		"XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"),
		"LANG=C.UTF-8",
		"TERM=xterm-256color",
		"COLUMNS=" + strconv.Itoa(cols),
	}
	return append(env, extra...)
}

// runPTY runs supctl with args on a terminal of rows×cols and returns
// what it wrote there, with colour removed and lines split. stdin is the
// terminal too, and nothing is ever typed: a command that waits for a key
// is killed after a generous deadline and the test fails. Stderr goes
// to a pipe, so that no spinner draws over the screen.
func runPTY(t *testing.T, env []string, rows, cols int, args ...string) []string {
	t.Helper()
	cmd := exec.Command("supctl", args...)
	cmd.Env = env
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: uint16(rows), Cols: uint16(cols)})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out bytes.Buffer
	read := make(chan struct{})
	go func() {
		defer close(read)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			out.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(30 * time.Second):
		_ = cmd.Process.Kill()
		<-done
		<-read
		t.Fatalf("supctl %s waited for input on the terminal; it wrote:\n%s", strings.Join(args, " "), out.String())
	}
	<-read
	if err != nil {
		t.Fatalf("supctl %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), stderr.String())
	}
	screen := ansi.ReplaceAllString(out.String(), "")
	screen = strings.TrimRight(strings.ReplaceAll(screen, "\r\n", "\n"), "\n")
	return strings.Split(screen, "\n")
}

var ansi = regexp.MustCompile(`\x1b\[[0-9;?]*[ -/]*[@-~]`)

// runPiped runs supctl with stdout on a pipe, as a script does.
func runPiped(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command("supctl", args...)
	cmd.Env = env
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("supctl %s: %v", strings.Join(args, " "), err)
	}
	return string(out)
}

// cells is a line as the terminal shows it: one entry per display cell,
// the rune that starts there, or 0 for the second cell of a wide rune.
func cells(line string) []rune {
	var c []rune
	for _, r := range line {
		c = append(c, r)
		if text.DisplayWidth(string(r)) == 2 {
			c = append(c, 0)
		}
	}
	return c
}

// headerColumns is the cell where each column of a table header starts.
func headerColumns(header string) []int {
	starts := []int{0}
	c := cells(header)
	for i := 2; i < len(c); i++ {
		if c[i] != ' ' && c[i-1] == ' ' && c[i-2] == ' ' {
			starts = append(starts, i)
		}
	}
	return starts
}

// checkTable checks a table on the screen: no line is wider than the
// terminal (so none wrapped), there are exactly as many rows as the piped
// output has, each on one line, and in every row each column starts in
// the same cell as its header, after a gap, so that Japanese and Korean
// rows line up with the others. It returns the rows.
func checkTable(t *testing.T, lines []string, cols, want int) []string {
	t.Helper()
	for _, l := range lines {
		if w := text.DisplayWidth(l); w > cols {
			t.Errorf("line %d cells wide on a %d-column terminal, so it wrapped: %q", w, cols, l)
		}
	}
	if len(lines) != want+1 {
		t.Fatalf("%d lines for a header and %d rows:\n%s", len(lines), want, strings.Join(lines, "\n"))
	}
	starts := headerColumns(lines[0])
	if len(starts) < 3 {
		t.Fatalf("header %q has columns at %v", lines[0], starts)
	}
	for _, l := range lines[1:] {
		c := cells(l)
		for _, s := range starts[1:] {
			if s >= len(c) {
				continue // an empty last field
			}
			if c[s-1] != ' ' || c[s-2] != ' ' || c[s] == 0 || c[s] == ' ' {
				t.Errorf("row is not aligned with the header at cell %d:\n%s\n%s", s, lines[0], l)
				break
			}
		}
	}
	return lines[1:]
}

func hasScript(lines []string, table *unicode.RangeTable) bool {
	for _, l := range lines {
		for _, r := range l {
			if unicode.Is(table, r) {
				return true
			}
		}
	}
	return false
}

func needPTY(t *testing.T) {
	t.Helper()
	f, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal: %v", err)
	}
	f.Close()
	tty.Close()
}

// TestPTY runs supctl on pseudo-terminals, all on one demo database.
func TestPTY(t *testing.T) {
	needPTY(t)
	dir := t.TempDir()
	t.Run("tables fit the terminal", func(t *testing.T) { ptyTablesFitTheTerminal(t, dir) })
	t.Run("profile list fits", func(t *testing.T) { ptyProfileListFits(t, t.TempDir()) })
	t.Run("ticket view header", func(t *testing.T) { ptyTicketViewHeader(t, dir) })
	t.Run("dumb terminal never pages", func(t *testing.T) { ptyDumbTerminalNeverPages(t, dir) })
	t.Run("short list never pages", func(t *testing.T) { ptyShortListNeverPages(t, dir) })
}

// ptyTablesFitTheTerminal shows the tables of a shift at 80 and 140
// columns: no row wraps, every row is one line, and Japanese and Korean
// rows line up with the rest.
func ptyTablesFitTheTerminal(t *testing.T, dir string) {
	for _, cols := range []int{80, 140} {
		t.Run(strconv.Itoa(cols), func(t *testing.T) {
			env := ptyEnv(dir, cols)
			for _, args := range [][]string{
				{"ticket", "list"},
				{"ticket", "list", "--status", "all", "--region", "all", "--limit", "80"},
				{"ticket", "list", "--region", "apac-jp", "--limit", "40"},
				{"ticket", "list", "--language", "ko", "--status", "all", "--region", "all"},
				{"queue", "show", "apac-jp/sql"},
				{"queue", "show", "apac-kr/sql"},
				{"queue", "list"},
			} {
				t.Run(strings.Join(args, " "), func(t *testing.T) {
					piped := strings.Count(runPiped(t, env, args...), "\n")
					if piped == 0 {
						t.Fatal("the demo has no rows for this")
					}
					rows := checkTable(t, runPTY(t, env, 500, cols, args...), cols, piped)
					if len(args) > 2 && args[2] == "--status" {
						if !hasScript(rows, unicode.Hangul) {
							t.Errorf("no Korean row to check:\n%s", strings.Join(rows, "\n"))
						}
					}
					if len(args) > 3 && args[3] == "apac-jp" {
						if !hasScript(rows, unicode.Katakana) && !hasScript(rows, unicode.Hiragana) {
							t.Errorf("no Japanese row to check:\n%s", strings.Join(rows, "\n"))
						}
					}
				})
			}
		})
	}
}

// ptyProfileListFits lists profiles whose URLs and users are long.
func ptyProfileListFits(t *testing.T, dir string) {
	config := `current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support-gateway.apac.example-enterprise.co.jp:8443
    user: ken.yamamoto@support.example-enterprise.co.jp
    region: apac-jp
    timezone: Asia/Tokyo
  seoul:
    api_url: https://support-gateway.apac.example-enterprise.co.kr:8443
    user: jiwoo.park@support.example-enterprise.co.kr
    region: apac-kr
    timezone: Asia/Seoul
  sanjose:
    api_url: https://support.example.com
    user: maria.garcia@example.com
    region: americas-west
    timezone: America/Los_Angeles
`
	if err := os.MkdirAll(filepath.Join(dir, "config", "supctl"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "config", "supctl", "config.yaml"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, cols := range []int{80, 140} {
		t.Run(strconv.Itoa(cols), func(t *testing.T) {
			env := ptyEnv(dir, cols)
			piped := strings.Count(runPiped(t, env, "profile", "list"), "\n")
			rows := checkTable(t, runPTY(t, env, 50, cols, "profile", "list"), cols, piped)
			if !strings.Contains(strings.Join(rows, "\n"), "ken.yamamoto") {
				t.Errorf("the user is gone:\n%s", strings.Join(rows, "\n"))
			}
		})
	}
}

// ptyTicketViewHeader checks the fields at the top of a Japanese
// ticket: every value starts in the same cell, and none wraps.
func ptyTicketViewHeader(t *testing.T, dir string) {
	for _, cols := range []int{80, 140} {
		env := ptyEnv(dir, cols)
		id := strings.TrimSpace(runPiped(t, env, "ticket", "list", "--status", "all", "--language", "ja", "--limit", "1", "--json", "id", "--jq", ".[0].id"))
		lines := runPTY(t, env, 500, cols, "ticket", "view", id)
		if !hasScript(lines[:1], unicode.Han) && !hasScript(lines[:1], unicode.Katakana) && !hasScript(lines[:1], unicode.Hiragana) {
			t.Fatalf("ticket %s has no Japanese title: %q", id, lines[0])
		}
		// The title wraps under itself; the fields start at "status:".
		first := slices.IndexFunc(lines, func(l string) bool { return strings.HasPrefix(l, "status:") })
		if first < 0 {
			t.Fatalf("no status field:\n%s", strings.Join(lines, "\n"))
		}
		var value int
		for _, l := range lines[:first] {
			if w := text.DisplayWidth(l); w > cols {
				t.Errorf("%d columns: title line %d cells wide: %q", cols, w, l)
			}
		}
		for _, l := range lines[first:] {
			if l == "" {
				break
			}
			if w := text.DisplayWidth(l); w > cols {
				t.Errorf("%d columns: field line %d cells wide: %q", cols, w, l)
			}
			key, rest, ok := strings.Cut(l, ":")
			if strings.HasPrefix(l, " ") {
				key, rest, ok = "", l, true // a long value wrapped under itself
			}
			if !ok {
				t.Fatalf("not a field: %q", l)
			}
			start := text.DisplayWidth(key) + len(rest) - len(strings.TrimLeft(rest, " "))
			if key != "" {
				start++ // the colon
			}
			if value == 0 {
				value = start
			}
			if start != value {
				t.Errorf("value of %q starts at cell %d, the others at %d", key, start, value)
			}
		}
	}
}

// ptyDumbTerminalNeverPages runs a list taller than the screen on
// TERM=dumb with the default pager: it must print and exit, not wait in
// less for a key nobody presses.
func ptyDumbTerminalNeverPages(t *testing.T, dir string) {
	if _, err := exec.LookPath("less"); err != nil {
		t.Skip("less not installed")
	}
	env := ptyEnv(dir, 80, "TERM=dumb")
	lines := runPTY(t, env, 10, 80, "ticket", "list", "--status", "all", "--limit", "40")
	if len(lines) < 20 {
		t.Errorf("%d lines, want the whole list:\n%s", len(lines), strings.Join(lines, "\n"))
	}
}

// ptyShortListNeverPages gives a pager that would wait for ever: a
// list that fits on the screen must not start it.
func ptyShortListNeverPages(t *testing.T, dir string) {
	waiting := filepath.Join(t.TempDir(), "waiting-pager")
	if err := os.WriteFile(waiting, []byte("#!/bin/sh\nread line </dev/tty\ncat\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	env := ptyEnv(dir, 80, "SUPCTL_PAGER="+waiting)
	lines := runPTY(t, env, 24, 80, "ticket", "list", "--status", "all", "--limit", "2")
	if len(lines) != 3 {
		t.Errorf("want a header and two rows:\n%s", strings.Join(lines, "\n"))
	}
}
