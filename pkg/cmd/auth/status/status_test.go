package status

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/authtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestNewCmdStatusFlags(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *StatusOptions
	cmd := NewCmdStatus(&cmdutil.Factory{IOStreams: ios}, func(o *StatusOptions) error { got = o; return nil })
	cmd.SetArgs(cmdutil.NormalizeJSONArgs([]string{"--json", "logged_in,user"}))
	if _, err := cmd.ExecuteC(); err != nil {
		t.Fatal(err)
	}
	if got.Exporter == nil || strings.Join(got.Exporter.Fields(), ",") != "logged_in,user" {
		t.Errorf("exporter = %v", got.Exporter)
	}
	cmd = NewCmdStatus(&cmdutil.Factory{IOStreams: ios}, func(*StatusOptions) error { return nil })
	cmd.SetArgs([]string{"extra"})
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if _, err := cmd.ExecuteC(); err == nil {
		t.Error("an argument was accepted")
	}
}

func profileFile(url string) string {
	return "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: " + url + "\n"
}

func runStatus(t *testing.T, s *configtest.Setup, tty bool, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	ios, _, out, errOut := iostreams.Test()
	ios.SetStdoutTTY(tty)
	cmd := NewCmdStatus(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(cmdutil.NormalizeJSONArgs(args))
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err = cmd.ExecuteC()
	return out.String(), errOut.String(), err
}

// storeToken stores a token in the keyring as `auth login` does, bound to
// the server at url.
func storeToken(t *testing.T, s *configtest.Setup, token, url string) {
	t.Helper()
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	origin, err := api.OriginOf(url)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.StoreToken("tokyo", token, origin, false); err != nil {
		t.Fatal(err)
	}
}

func TestStatusLoggedIn(t *testing.T) {
	srv := authtest.NewServer(t)
	for _, tty := range []bool{false, true} {
		s := configtest.New(t, profileFile(srv.URL))
		storeToken(t, s, authtest.Token, srv.URL)
		stdout, stderr, err := runStatus(t, s, tty)
		if err != nil {
			t.Fatal(err)
		}
		want := "profile: tokyo\napi_url: " + srv.URL + "\ntoken: sup_GOOD… (from keyring)\nuser: ken@example.com (Ken Sato, engineer)\n"
		if stdout != want || stderr != "" {
			t.Errorf("tty=%v: stdout =\n%s\nwant\n%s\nstderr %q", tty, stdout, want, stderr)
		}
		if strings.Contains(stdout, authtest.Token) {
			t.Error("the token is shown")
		}
	}
}

func TestStatusTokenFromEnvAndFile(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL))
	s.Env["SUPCTL_TOKEN"] = authtest.Token
	stdout, _, err := runStatus(t, s, false)
	if err != nil || !strings.Contains(stdout, "token: sup_GOOD… (from SUPCTL_TOKEN)\n") {
		t.Errorf("env: stdout =\n%s\nerr %v", stdout, err)
	}

	s = configtest.New(t, profileFile(srv.URL))
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.StoreToken("tokyo", authtest.Token, "", true); err != nil {
		t.Fatal(err)
	}
	stdout, _, err = runStatus(t, s, false)
	if err != nil || !strings.Contains(stdout, "token: sup_GOOD… (from "+c.CredentialsPath()+")\n") {
		t.Errorf("file: stdout =\n%s\nerr %v", stdout, err)
	}
}

func TestStatusNotLoggedIn(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL))
	stdout, _, err := runStatus(t, s, false)
	if cmdutil.CodeOf(err) != cmdutil.ExitAuth {
		t.Fatalf("error = %v (exit %d), want exit 4", err, cmdutil.CodeOf(err))
	}
	if want := "not logged in to " + srv.URL + " (profile tokyo)"; err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if want := "profile: tokyo\napi_url: " + srv.URL + "\ntoken: none\n"; stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
}

func TestStatusRejectedToken(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL))
	if err := s.Keyring.Set("supctl", "tokyo", "sup_REVOKED0123456789"); err != nil {
		t.Fatal(err)
	}
	stdout, _, err := runStatus(t, s, false)
	if cmdutil.CodeOf(err) != cmdutil.ExitAuth {
		t.Fatalf("error = %v (exit %d), want exit 4", err, cmdutil.CodeOf(err))
	}
	if want := "profile: tokyo\napi_url: " + srv.URL + "\ntoken: sup_REVO… (from keyring)\n"; stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
}

func TestStatusEmbedded(t *testing.T) {
	s := configtest.New(t, "")
	stdout, _, err := runStatus(t, s, false)
	if err != nil {
		t.Fatal(err)
	}
	want := "profile: demo\napi_url: embedded\nuser: ken@example.com\ntoken: not needed (embedded server)\n"
	if stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
}

func TestStatusJSON(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL))
	storeToken(t, s, authtest.Token, srv.URL)
	stdout, _, err := runStatus(t, s, false, "--json", "logged_in,token,token_source,user,role")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"logged_in":true,"role":"engineer","token":"sup_GOOD…","token_source":"keyring","user":"ken@example.com"}` + "\n"
	if stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
	s = configtest.New(t, profileFile(srv.URL))
	stdout, _, err = runStatus(t, s, false, "--json", "logged_in")
	if cmdutil.CodeOf(err) != cmdutil.ExitAuth || stdout != `{"logged_in":false}`+"\n" {
		t.Errorf("not logged in: stdout %q, err %v", stdout, err)
	}
}

// A token issued for another server is not sent to this one: exit 4, and
// the server never sees it.
func TestStatusTokenOfAnotherServer(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL))
	storeToken(t, s, authtest.Token, "https://support.example.com")
	stdout, _, err := runStatus(t, s, false)
	if cmdutil.CodeOf(err) != cmdutil.ExitAuth {
		t.Fatalf("error = %v (exit %d), want exit 4", err, cmdutil.CodeOf(err))
	}
	want := "the token of profile tokyo was issued for https://support.example.com, not " + srv.URL + "; it is not sent there"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if want := "profile: tokyo\napi_url: " + srv.URL + "\ntoken: sup_GOOD… (from keyring)\n"; stdout != want {
		t.Errorf("stdout =\n%s\nwant\n%s", stdout, want)
	}
}
