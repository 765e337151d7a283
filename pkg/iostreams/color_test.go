package iostreams

import (
	"strings"
	"testing"
)

func TestColorFromEnv(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"piped", false, nil, false},
		{"NO_COLOR", true, map[string]string{"NO_COLOR": "1"}, false},
		{"CLICOLOR=0", true, map[string]string{"CLICOLOR": "0"}, false},
		{"CLICOLOR=1", true, map[string]string{"CLICOLOR": "1"}, true},
		{"TERM=dumb", true, map[string]string{"TERM": "dumb"}, false},
		{"CLICOLOR_FORCE piped", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"CLICOLOR_FORCE over NO_COLOR", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(k string) string { return tt.env[k] }
			if got := colorFromEnv(tt.tty, getenv); got != tt.want {
				t.Errorf("colorFromEnv = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSystemColorEnv(t *testing.T) {
	t.Setenv("CLICOLOR_FORCE", "1")
	if !System().ColorEnabled() {
		t.Error("CLICOLOR_FORCE=1 should enable colour even when piped")
	}
	t.Setenv("CLICOLOR_FORCE", "")
	t.Setenv("NO_COLOR", "1")
	if System().ColorEnabled() {
		t.Error("NO_COLOR should disable colour")
	}
}

func TestColorSchemeDisabled(t *testing.T) {
	ios, _, _, _ := Test()
	cs := ios.ColorScheme()
	for _, tt := range []struct{ got, want string }{
		{cs.Success("a"), "a"},
		{cs.Danger("a"), "a"},
		{cs.Bold("a"), "a"},
		{cs.TableHeader("ID"), "ID"},
		{cs.Severity("S1"), "S1"},
		{cs.Status("new"), "new"},
	} {
		if tt.got != tt.want {
			t.Errorf("disabled scheme: got %q, want %q", tt.got, tt.want)
		}
	}
	if cs.SuccessIcon() != "✓" || cs.WarningIcon() != "!" || cs.FailureIcon() != "X" {
		t.Errorf("icons %q %q %q", cs.SuccessIcon(), cs.WarningIcon(), cs.FailureIcon())
	}
}

func TestColorSchemeEnabled(t *testing.T) {
	ios, _, _, _ := Test()
	ios.SetColorEnabled(true)
	cs := ios.ColorScheme()
	tests := []struct {
		got, want string
	}{
		{cs.Success("ok"), "\x1b[32mok\x1b[0m"},
		{cs.Warning("hm"), "\x1b[33mhm\x1b[0m"},
		{cs.Danger("no"), "\x1b[31mno\x1b[0m"},
		{cs.Muted("mm"), "\x1b[90mmm\x1b[0m"},
		{cs.Accent("aa"), "\x1b[36maa\x1b[0m"},
		{cs.Bold("bb"), "\x1b[1mbb\x1b[0m"},
		{cs.Success("a\tb"), "\x1b[32ma\tb\x1b[0m"},
		{cs.Success("a\nlonger"), "\x1b[32ma\x1b[0m\n\x1b[32mlonger\x1b[0m"},
		{cs.Success(""), ""},
		{cs.Severity("S1"), cs.Danger("S1")},
		{cs.Severity("S2"), cs.Warning("S2")},
		{cs.Severity("S3"), "S3"},
		{cs.Severity("S4"), cs.Muted("S4")},
		{cs.Status("new"), cs.Accent("new")},
		{cs.Status("open"), cs.Success("open")},
		{cs.Status("pending_customer"), cs.Warning("pending_customer")},
		{cs.Status("breached"), cs.Danger("breached")},
		{cs.Status("closed"), cs.Muted("closed")},
		{cs.Status("unheard_of"), "unheard_of"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if !strings.Contains(cs.TableHeader("ID"), "\x1b[") {
		t.Errorf("header not styled: %q", cs.TableHeader("ID"))
	}

	ios.SetColorEnabled(false)
	if got := ios.ColorScheme().Success("ok"); got != "ok" {
		t.Errorf("after disabling colour: %q", got)
	}
}
