package logout

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const file = "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: https://support.example.com\n"

func TestNewCmdLogoutArgs(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	called := false
	cmd := NewCmdLogout(&cmdutil.Factory{IOStreams: ios}, func(*LogoutOptions) error { called = true; return nil })
	cmd.SetArgs([]string{"tokyo"})
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if _, err := cmd.ExecuteC(); err == nil || called {
		t.Errorf("an argument was accepted (err %v)", err)
	}
}

func runLogout(t *testing.T, s *configtest.Setup) (stderr string, err error) {
	t.Helper()
	ios, _, stdout, errOut := iostreams.Test()
	cmd := NewCmdLogout(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(nil)
	_, err = cmd.ExecuteC()
	if stdout.Len() > 0 {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	return errOut.String(), err
}

func TestLogoutRemovesEveryCopy(t *testing.T) {
	s := configtest.New(t, file)
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.StoreToken("tokyo", "sup_file", "", true); err != nil {
		t.Fatal(err)
	}
	if err := s.Keyring.Set("supctl", "tokyo", "sup_keyring"); err != nil {
		t.Fatal(err)
	}
	stderr, err := runLogout(t, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "✓ logged out of https://support.example.com (profile tokyo; token removed from keyring and " + c.CredentialsPath() + ")\n"
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
	if token, _, _ := c.Token("tokyo"); token != "" {
		t.Errorf("token %q left behind", token)
	}
}

func TestLogoutWithoutToken(t *testing.T) {
	s := configtest.New(t, file)
	s.Env["SUPCTL_TOKEN"] = "sup_env"
	stderr, err := runLogout(t, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "! no stored token for profile tokyo\n! SUPCTL_TOKEN is still set in this shell\n"
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
}

func TestLogoutEmbedded(t *testing.T) {
	s := configtest.New(t, "")
	stderr, err := runLogout(t, s)
	if err != nil || stderr != "profile demo uses the embedded server: there is no token to remove\n" {
		t.Errorf("stderr %q, err %v", stderr, err)
	}
}
