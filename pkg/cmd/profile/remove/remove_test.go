package remove

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const file = `current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support.example.com
  # India
  hyderabad:
    api_url: https://in.example.com
`

func TestNewCmdRemoveArgs(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *RemoveOptions
	cmd := NewCmdRemove(&cmdutil.Factory{IOStreams: ios}, func(o *RemoveOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"tokyo"})
	if _, err := cmd.ExecuteC(); err != nil || got.Name != "tokyo" {
		t.Fatalf("Name = %v, err %v", got, err)
	}
	cmd = NewCmdRemove(&cmdutil.Factory{IOStreams: ios}, func(*RemoveOptions) error { return nil })
	cmd.SetArgs(nil)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if _, err := cmd.ExecuteC(); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("no argument: error = %v, want a usage error", err)
	}
}

func runRemove(t *testing.T, s *configtest.Setup, args ...string) (stderr string, err error) {
	t.Helper()
	ios, _, stdout, errOut := iostreams.Test()
	cmd := NewCmdRemove(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err = cmd.ExecuteC()
	if stdout.Len() > 0 {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	return errOut.String(), err
}

func TestRemoveCurrentWithToken(t *testing.T) {
	s := configtest.New(t, file)
	if err := s.Keyring.Set("supctl", "tokyo", "sup_secret"); err != nil {
		t.Fatal(err)
	}
	stderr, err := runRemove(t, s, "tokyo")
	if err != nil {
		t.Fatal(err)
	}
	want := "profiles:\n  # India\n  hyderabad:\n    api_url: https://in.example.com\n"
	if got := s.File(t); got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
	wantErr := "✓ removed profile tokyo and its stored token\n! it was the current profile; now using demo (switch with `supctl profile use NAME`)\n"
	if stderr != wantErr {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, wantErr)
	}
	if _, err := s.Keyring.Get("supctl", "tokyo"); err == nil {
		t.Error("the token is still in the keyring")
	}
}

func TestRemoveOther(t *testing.T) {
	s := configtest.New(t, file)
	stderr, err := runRemove(t, s, "hyderabad")
	if err != nil {
		t.Fatal(err)
	}
	if stderr != "✓ removed profile hyderabad\n" {
		t.Errorf("stderr = %q", stderr)
	}
	want := "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: https://support.example.com\n"
	if got := s.File(t); got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
}

func TestRemoveErrors(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"seoul", `unknown profile "seoul"; known profiles: demo, hyderabad, tokyo`},
		{"demo", "the built-in demo profile cannot be removed"},
	} {
		s := configtest.New(t, file)
		if _, err := runRemove(t, s, tt.name); err == nil || err.Error() != tt.want {
			t.Errorf("remove %s: error = %v, want %q", tt.name, err, tt.want)
		}
		if got := s.File(t); got != file {
			t.Errorf("remove %s changed the file:\n%s", tt.name, got)
		}
	}
}
