package iostreams

import (
	"fmt"
	"io"
	"os/exec"
	"strings"
	"testing"
)

func TestPagerFromEnv(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, "less -FRX"},
		{map[string]string{"PAGER": "more"}, "more"},
		{map[string]string{"PAGER": ""}, "less -FRX"},
		{map[string]string{"PAGER": "more", "SUPCTL_PAGER": "most"}, "most"},
		{map[string]string{"PAGER": "more", "SUPCTL_PAGER": ""}, ""},
	}
	for _, tt := range tests {
		lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
		if got := pagerFromEnv(lookup); got != tt.want {
			t.Errorf("pagerFromEnv(%v) = %q, want %q", tt.env, got, tt.want)
		}
	}
}

func needCommand(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s not installed", name)
	}
}

func TestPagerPipesOutput(t *testing.T) {
	needCommand(t, "tr")
	ios, _, stdout, _ := Test()
	ios.SetStdoutTTY(true)
	ios.SetPager("tr a-z A-Z")
	ios.SetTerminalHeight(2)
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	if _, err := ios.Out.Write([]byte("hello pager\nline two\n")); err != nil {
		t.Fatal(err)
	}
	ios.StopPager()
	if got := stdout.String(); got != "HELLO PAGER\nLINE TWO\n" {
		t.Errorf("paged output %q", got)
	}
	if ios.Out != stdout {
		t.Error("StopPager did not restore Out")
	}
}

func TestPagerQuitIsNotAnError(t *testing.T) {
	needCommand(t, "true")
	ios, _, _, _ := Test()
	ios.SetStdoutTTY(true)
	ios.SetPager("true")
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	pw := ios.Out.(*pagedWriter)
	line := []byte(strings.Repeat("x", 1023) + "\n")
	// More than a pipe buffer, so a write must meet the closed pipe.
	for range 1024 {
		if _, err := ios.Out.Write(line); err != nil {
			t.Fatalf("write after the pager quit: %v", err)
		}
	}
	if !pw.closed {
		t.Error("1 MiB went into a pager that reads nothing")
	}
	ios.StopPager()
}

func TestPagerOff(t *testing.T) {
	for _, tt := range []struct {
		name  string
		tty   bool
		pager string
	}{
		{"piped", false, "less"},
		{"cat", true, "cat"},
		{"empty", true, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, stdout, _ := Test()
			ios.SetStdoutTTY(tt.tty)
			ios.SetPager(tt.pager)
			if err := ios.StartPager(); err != nil {
				t.Fatal(err)
			}
			if ios.Out != stdout {
				t.Error("pager started")
			}
			ios.StopPager()
		})
	}
}

func TestPagerMissing(t *testing.T) {
	ios, _, stdout, _ := Test()
	ios.SetStdoutTTY(true)
	ios.SetPager("supctl-no-such-pager")
	if err := ios.StartPager(); err == nil || !strings.Contains(err.Error(), "supctl-no-such-pager") {
		t.Errorf("StartPager error = %v", err)
	}
	if ios.Out != stdout {
		t.Error("Out replaced although the pager did not start")
	}
}

func TestPagerEnv(t *testing.T) {
	got := pagerEnv([]string{"LESS=-S", "HOME=/h"})
	want := []string{"LESS=-S", "HOME=/h", "LV=-c"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("pagerEnv = %v, want %v", got, want)
	}
}

// Output that fits on the screen is written as it is: no pager starts, so
// none can wait for a key.
func TestPagerOnlyWhenTallerThanTheScreen(t *testing.T) {
	needCommand(t, "tr")
	ios, _, stdout, _ := Test()
	ios.SetStdoutTTY(true)
	ios.SetPager("tr a-z A-Z")
	ios.SetTerminalHeight(3)
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(ios.Out, "one\ntwo\n")
	if got := stdout.String(); got != "" {
		t.Errorf("output written before it was known to fit: %q", got)
	}
	ios.StopPager()
	if got := stdout.String(); got != "one\ntwo\n" {
		t.Errorf("two lines on a three-line screen went through the pager: %q", got)
	}
	if ios.Out != stdout {
		t.Error("StopPager did not restore Out")
	}

	stdout.Reset()
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	fmt.Fprint(ios.Out, "one\ntwo\n")
	fmt.Fprint(ios.Out, "three\n")
	ios.StopPager()
	if got := stdout.String(); got != "ONE\nTWO\nTHREE\n" {
		t.Errorf("three lines on a three-line screen did not go through the pager: %q", got)
	}
}

// Long lines take several screen rows; colour takes none.
func TestPagerCountsScreenRows(t *testing.T) {
	p := &pagedWriter{width: 10}
	p.count([]byte("0123456789\n"))
	p.count([]byte("\x1b[31m0123456789\x1b[0m\n"))
	p.count([]byte("01234567890\n"))
	p.count([]byte("日本語日本語\n"))
	if p.rows != 6 {
		t.Errorf("rows = %d, want 6", p.rows)
	}
}

func TestPagerNotOnDumbTerminal(t *testing.T) {
	needCommand(t, "tr")
	for _, term := range []string{"dumb", "xterm-256color"} {
		t.Setenv("TERM", term)
		ios := System()
		ios.SetStdoutTTY(true)
		ios.SetPager("tr a-z A-Z")
		out := &strings.Builder{}
		ios.Out = out
		if err := ios.StartPager(); err != nil {
			t.Fatal(err)
		}
		if started := ios.Out != io.Writer(out); started != (term != "dumb") {
			t.Errorf("TERM=%s: pager set up %v", term, started)
		}
		ios.Out = out
		ios.paged = nil
	}
}
