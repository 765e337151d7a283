package factory

import (
	"bytes"
	"runtime"
	"strings"
	"testing"

	"github.com/creack/pty"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// terminal is a prompter over buffers that CanPrompt takes for a
// terminal, with input as what the user types.
func terminal(input string) (*linePrompter, *bytes.Buffer) {
	ios, in, _, stderr := iostreams.Test()
	ios.SetStdinTTY(true)
	ios.SetStdoutTTY(true)
	in.WriteString(input)
	return newPrompter(ios), stderr
}

// Without a terminal, or with SUPCTL_NO_PROMPT, the Factory's prompter
// writes no question and reads nothing, and says why, with exit 2.
func TestPrompterRefusesWithoutTerminal(t *testing.T) {
	for _, never := range []bool{false, true} {
		ios, in, _, stderr := iostreams.Test()
		ios.SetStdinTTY(never)
		ios.SetStdoutTTY(never)
		ios.SetNeverPrompt(never)
		in.WriteString("yes\n")
		f, _ := New("test", ios)
		_, err1 := f.Prompter.Input("Name", "")
		_, err2 := f.Prompter.Password("Token")
		_, err3 := f.Prompter.Confirm("Escalate?", false)
		_, err4 := f.Prompter.Select("Division", "", []string{"core"})
		for _, err := range []error{err1, err2, err3, err4} {
			if cmdutil.CodeOf(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "not both a terminal") {
				t.Errorf("never prompt %v: error %v (exit %d), want a refusal with exit 2", never, err, cmdutil.CodeOf(err))
			}
		}
		if stderr.Len() != 0 || in.String() != "yes\n" {
			t.Errorf("never prompt %v: wrote %q and left %q of stdin", never, stderr, in)
		}
	}
}

func TestInput(t *testing.T) {
	p, stderr := terminal("\n  Osaka \n")
	if got, err := p.Input("City", "Tokyo"); got != "Tokyo" || err != nil {
		t.Errorf("empty answer = %q, %v; want the default", got, err)
	}
	if got, err := p.Input("City", ""); got != "Osaka" || err != nil {
		t.Errorf("answer = %q, %v", got, err)
	}
	if want := "City (Tokyo): City: "; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
	if _, err := p.Input("City", "Tokyo"); err == nil || err.Error() != `no answer to "City (Tokyo):"` {
		t.Errorf("at end of input: %v", err)
	}
}

func TestConfirm(t *testing.T) {
	p, stderr := terminal("maybe\nYes\n\nn\n")
	for _, tt := range []struct {
		def, want bool
	}{{false, true}, {true, true}, {true, false}} {
		if got, err := p.Confirm("Escalate?", tt.def); got != tt.want || err != nil {
			t.Errorf("Confirm(default %v) = %v, %v; want %v", tt.def, got, err, tt.want)
		}
	}
	want := "Escalate? (y/N): answer y or n\nEscalate? (y/N): Escalate? (Y/n): Escalate? (Y/n): "
	if stderr.String() != want {
		t.Errorf("stderr %q\nwant   %q", stderr, want)
	}
}

func TestSelect(t *testing.T) {
	p, stderr := terminal("4\nkafka\n\n2\n")
	options := []string{"core", "spark", "kafka"}
	if got, err := p.Select("Division", "spark", options); got != 2 || err != nil {
		t.Errorf("after a number out of range, by name = %d, %v; want 2", got, err)
	}
	if got, err := p.Select("Division", "spark", options); got != 1 || err != nil {
		t.Errorf("empty answer = %d, %v; want the default, 1", got, err)
	}
	if got, err := p.Select("Division", "", options); got != 1 || err != nil {
		t.Errorf("by number = %d, %v; want 1", got, err)
	}
	list := "Division:\n  1. core\n  2. spark\n  3. kafka\n"
	want := list + "Choose 1-3 (2): answer a number from 1 to 3\nChoose 1-3 (2): " +
		list + "Choose 1-3 (2): " +
		list + "Choose 1-3: "
	if stderr.String() != want {
		t.Errorf("stderr %q\nwant   %q", stderr, want)
	}
	if _, err := p.Select("Division", "", nil); err == nil {
		t.Error("a choice among no options was answered")
	}
}

// A password is read from the terminal itself, after the question; what
// was typed is not written anywhere.
func TestPassword(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no pseudo-terminal on Windows")
	}
	ptm, tty, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer ptm.Close()
	defer tty.Close()
	ios, _, stdout, stderr := iostreams.Test()
	ios.In = tty
	ios.SetStdinTTY(true)
	ios.SetStdoutTTY(true)
	if _, err := ptm.WriteString("sup_s3cret\n"); err != nil {
		t.Fatal(err)
	}
	got, err := newPrompter(ios).Password("Token")
	if got != "sup_s3cret" || err != nil {
		t.Errorf("Password = %q, %v", got, err)
	}
	if stderr.String() != "Token: \n" || stdout.Len() != 0 {
		t.Errorf("stderr %q, stdout %q; want only the question and a new line", stderr, stdout)
	}
}

// Stdin that CanPrompt was told is a terminal but is not one cannot hide
// the password: the prompter does not read it.
func TestPasswordNeedsRealTerminal(t *testing.T) {
	p, stderr := terminal("sup_s3cret\n")
	if _, err := p.Password("Token"); err == nil || !strings.Contains(err.Error(), "cannot hide what is typed") {
		t.Errorf("error %v", err)
	}
	if stderr.Len() != 0 {
		t.Errorf("stderr %q", stderr)
	}
}
