package iostreams

import (
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
	if err := ios.StartPager(); err != nil {
		t.Fatal(err)
	}
	if _, err := ios.Out.Write([]byte("hello pager\n")); err != nil {
		t.Fatal(err)
	}
	ios.StopPager()
	if got := stdout.String(); got != "HELLO PAGER\n" {
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
	pw := ios.Out.(*pagerWriter)
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
