package iostreams

import "testing"

func TestTestStreams(t *testing.T) {
	ios, stdin, stdout, stderr := Test()
	if ios.IsStdinTTY() || ios.IsStdoutTTY() || ios.IsStderrTTY() {
		t.Error("Test streams should not be terminals")
	}
	if ios.ColorEnabled() || ios.CanPrompt() {
		t.Error("Test streams should have no colour and no prompts")
	}
	stdin.WriteString("in")
	buf := make([]byte, 2)
	if _, err := ios.In.Read(buf); err != nil || string(buf) != "in" {
		t.Errorf("In reads %q, %v", buf, err)
	}
	ios.Out.Write([]byte("out"))
	ios.ErrOut.Write([]byte("err"))
	if stdout.String() != "out" || stderr.String() != "err" {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
}

func TestCanPrompt(t *testing.T) {
	tests := []struct {
		stdin, stdout, never bool
		want                 bool
	}{
		{true, true, false, true},
		{true, false, false, false},
		{false, true, false, false},
		{true, true, true, false},
	}
	for _, tt := range tests {
		ios, _, _, _ := Test()
		ios.SetStdinTTY(tt.stdin)
		ios.SetStdoutTTY(tt.stdout)
		ios.SetNeverPrompt(tt.never)
		if got := ios.CanPrompt(); got != tt.want {
			t.Errorf("CanPrompt(stdin=%v stdout=%v never=%v) = %v, want %v", tt.stdin, tt.stdout, tt.never, got, tt.want)
		}
	}
}

func TestSystemNoPrompt(t *testing.T) {
	t.Setenv("SUPCTL_NO_PROMPT", "1")
	ios := System()
	ios.SetStdinTTY(true)
	ios.SetStdoutTTY(true)
	if ios.CanPrompt() {
		t.Error("SUPCTL_NO_PROMPT=1 should forbid prompts")
	}
}

func TestTerminalWidth(t *testing.T) {
	ios, _, _, _ := Test()
	ios.SetStdoutTTY(true)
	if got := ios.TerminalWidth(); got != 80 {
		t.Errorf("unmeasurable width = %d, want 80", got)
	}
	ios.SetTerminalWidth(132)
	if got := ios.TerminalWidth(); got != 132 {
		t.Errorf("width = %d, want 132", got)
	}
}
