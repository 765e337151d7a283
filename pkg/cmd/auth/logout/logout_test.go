package logout

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmd/auth/authtest"

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

func profileFile(url string) string {
	return "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: " + url + "\n"
}

func TestLogoutRevokesAndRemovesEveryCopy(t *testing.T) {
	b := authtest.NewBackend(t, time.Now())
	s := configtest.New(t, profileFile(b.URL))
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.StoreToken("tokyo", "sup_file", "", true); err != nil {
		t.Fatal(err)
	}
	if err := s.Keyring.Set("supctl", "tokyo", b.KenToken); err != nil {
		t.Fatal(err)
	}
	stderr, err := runLogout(t, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "✓ revoked token 2 (first token) on " + b.URL + "\n" +
		"✓ logged out of " + b.URL + " (profile tokyo; token removed from keyring and " + c.CredentialsPath() + ")\n"
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
	if token, _, _ := c.Token("tokyo"); token != "" {
		t.Errorf("token %q left behind", token)
	}
	if _, err := b.Client(b.KenToken).Me(t.Context()); err == nil {
		t.Error("the token still works on the server after logout")
	}
}

// A token the server no longer takes is removed all the same.
func TestLogoutOfARevokedToken(t *testing.T) {
	b := authtest.NewBackend(t, time.Now())
	s := configtest.New(t, profileFile(b.URL))
	if err := s.Keyring.Set("supctl", "tokyo", "sup_REVOKEDALREADY"); err != nil {
		t.Fatal(err)
	}
	stderr, err := runLogout(t, s)
	if err != nil {
		t.Fatal(err)
	}
	want := "! " + b.URL + " no longer accepted the token (revoked or expired already)\n" +
		"✓ logged out of " + b.URL + " (profile tokyo; token removed from keyring)\n"
	if stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
}

// An unreachable server cannot revoke: the token is removed here, and the
// error says it still works there and how to revoke it.
func TestLogoutUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	s := configtest.New(t, profileFile(url))
	if err := s.Keyring.Set("supctl", "tokyo", authtest.Token); err != nil {
		t.Fatal(err)
	}
	stderr, err := runLogout(t, s)
	if cmdutil.CodeOf(err) != cmdutil.ExitUnavailable || !strings.Contains(err.Error(), "the token is removed from this machine but not revoked, and still works on the server") {
		t.Fatalf("error %v (exit %d), want exit 6 saying the token still works", err, cmdutil.CodeOf(err))
	}
	var hinter cmdutil.Hinter
	if !errors.As(err, &hinter) || !strings.Contains(hinter.Hint(), "supctl auth token revoke ID") {
		t.Errorf("hint %v, want the command to revoke it", hinter)
	}
	if want := "✓ logged out of " + url + " (profile tokyo; token removed from keyring)\n"; stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, want)
	}
	c, _ := s.Load()
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
