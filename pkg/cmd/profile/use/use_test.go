package use

import (
	"errors"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const file = `# my profiles
current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support.example.com
  hyderabad:
    api_url: https://in.example.com # India
`

func TestNewCmdUseArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr string
	}{
		{"name", []string{"hyderabad"}, "hyderabad", ""},
		{"missing", nil, "", "missing argument: use <name>"},
		{"too many", []string{"a", "b"}, "", "too many arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *UseOptions
			cmd := NewCmdUse(&cmdutil.Factory{IOStreams: ios}, func(o *UseOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || cmdutil.CodeOf(err) != cmdutil.ExitUsage {
					t.Fatalf("error = %v, want usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || got.Name != tt.want {
				t.Fatalf("Name = %q, err %v; want %q", got.Name, err, tt.want)
			}
		})
	}
}

func runUse(t *testing.T, s *configtest.Setup, tty bool, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	ios.SetStderrTTY(tty)
	cmd := NewCmdUse(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err = cmd.ExecuteC()
	return out.String(), errOut.String(), err
}

func TestUse(t *testing.T) {
	for _, tty := range []bool{false, true} {
		s := configtest.New(t, file)
		stdout, stderr, err := runUse(t, s, tty, "hyderabad")
		if err != nil {
			t.Fatal(err)
		}
		if stdout != "" || stderr != "✓ switched to profile hyderabad\n" {
			t.Errorf("tty=%v: stdout %q, stderr %q", tty, stdout, stderr)
		}
		want := strings.Replace(file, "current_profile: tokyo", "current_profile: hyderabad", 1)
		if got := s.File(t); got != want {
			t.Errorf("file =\n%s\nwant\n%s", got, want)
		}
	}
}

func TestUseWithoutFile(t *testing.T) {
	s := configtest.New(t, "")
	if _, _, err := runUse(t, s, false, "demo"); err != nil {
		t.Fatal(err)
	}
	if got := s.File(t); got != "current_profile: demo\n" {
		t.Errorf("file = %q", got)
	}
}

func TestUseWarnsWhenEnvSelectsAnother(t *testing.T) {
	s := configtest.New(t, file)
	s.Env["SUPCTL_PROFILE"] = "tokyo"
	_, stderr, err := runUse(t, s, false, "hyderabad")
	if err != nil {
		t.Fatal(err)
	}
	want := "✓ switched to profile hyderabad\n! profile tokyo stays active in this shell: SUPCTL_PROFILE selects it\n"
	if stderr != want {
		t.Errorf("stderr = %q, want %q", stderr, want)
	}
}

func TestUseUnknown(t *testing.T) {
	s := configtest.New(t, file)
	_, _, err := runUse(t, s, false, "seoul")
	var upe *config.UnknownProfileError
	if !errors.As(err, &upe) {
		t.Fatalf("error = %v, want UnknownProfileError", err)
	}
	if got := s.File(t); got != file {
		t.Errorf("file changed:\n%s", got)
	}
}
