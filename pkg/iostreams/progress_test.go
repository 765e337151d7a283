package iostreams

import (
	"strings"
	"testing"
)

func TestProgressIndicator(t *testing.T) {
	ios, _, stdout, stderr := Test()
	ios.SetStdoutTTY(true)
	ios.SetStderrTTY(true)
	ios.StartProgressIndicator()
	ios.StartProgressIndicator() // a second start must not leak a spinner
	ios.StopProgressIndicator()
	ios.StopProgressIndicator()
	got := stderr.String()
	if !strings.HasPrefix(got, "\r⣾") || !strings.HasSuffix(got, "\r\x1b[K") || strings.Count(got, "\x1b[K") != 1 {
		t.Errorf("spinner wrote %q", got)
	}
	if stdout.Len() != 0 {
		t.Errorf("spinner wrote to stdout: %q", stdout)
	}
}

func TestProgressIndicatorNeedsTerminals(t *testing.T) {
	for _, tt := range []struct{ stdout, stderr bool }{{false, true}, {true, false}, {false, false}} {
		ios, _, _, stderr := Test()
		ios.SetStdoutTTY(tt.stdout)
		ios.SetStderrTTY(tt.stderr)
		ios.StartProgressIndicator()
		ios.StopProgressIndicator()
		if stderr.Len() != 0 {
			t.Errorf("stdout tty=%v stderr tty=%v: spinner wrote %q", tt.stdout, tt.stderr, stderr)
		}
	}
}

func TestProgressIndicatorSaysWhatItWaitsFor(t *testing.T) {
	ios, _, _, stderr := Test()
	ios.SetStdoutTTY(true)
	ios.SetStderrTTY(true)
	ios.StartProgressIndicatorWithLabel("Fetching tickets…")
	ios.StopProgressIndicator()
	if got := stderr.String(); !strings.HasPrefix(got, "\r⣾ Fetching tickets…") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("spinner wrote %q", got)
	}
}
