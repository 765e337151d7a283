package login

import (
	"errors"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmd/auth/authtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/cmdutil/prompttest"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestNewCmdLoginFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		tty     bool
		want    LoginOptions
		wantErr string
	}{
		{name: "with token", args: []string{"--with-token"}, want: LoginOptions{WithToken: true}},
		{name: "insecure", args: []string{"--with-token", "--insecure-storage"}, want: LoginOptions{WithToken: true, InsecureStorage: true}},
		{name: "prompt on a terminal", tty: true, want: LoginOptions{}},
		{name: "no terminal, no token", wantErr: "no token: pipe one to `supctl auth login --with-token`"},
		{name: "arguments", args: []string{"tokyo"}, wantErr: `unknown command "tokyo"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			ios.SetStdinTTY(tt.tty)
			ios.SetStdoutTTY(tt.tty)
			var got *LoginOptions
			cmd := NewCmdLogin(&cmdutil.Factory{IOStreams: ios}, func(o *LoginOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if got != nil {
					t.Error("run was called despite the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.WithToken != tt.want.WithToken || got.InsecureStorage != tt.want.InsecureStorage {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func TestNoTokenIsUsageError(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	cmd := NewCmdLogin(&cmdutil.Factory{IOStreams: ios}, nil)
	cmd.SetArgs(nil)
	if _, err := cmd.ExecuteC(); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("error = %v (exit %d), want exit 2", err, cmdutil.CodeOf(err))
	}
}

// profileFile is a config whose current profile points at url.
func profileFile(url, user string) string {
	s := "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: " + url + "\n"
	if user != "" {
		s += "    user: " + user + "\n"
	}
	return s
}

type result struct {
	stdout, stderr string
	err            error
}

// runLogin runs the command on a terminal when prompter is given, else
// piped with a prompter that fails the test on any question.
func runLogin(t *testing.T, s *configtest.Setup, stdin string, prompter *prompttest.Prompter, args ...string) result {
	t.Helper()
	ios, in, stdout, stderr := iostreams.Test()
	in.WriteString(stdin)
	if prompter != nil {
		ios.SetStdinTTY(true)
		ios.SetStdoutTTY(true)
	} else {
		prompter = prompttest.New(t)
	}
	cmd := NewCmdLogin(&cmdutil.Factory{IOStreams: ios, Config: s.Load, Prompter: prompter}, func(o *LoginOptions) error {
		return loginRun(t.Context(), o)
	})
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err := cmd.ExecuteC()
	return result{stdout.String(), stderr.String(), err}
}

func TestLoginWithToken(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, ""))
	r := runLogin(t, s, "  "+authtest.Token+"\n", nil, "--with-token")
	if r.err != nil {
		t.Fatal(r.err)
	}
	want := "✓ logged in to " + srv.URL + " as ken@example.com (profile tokyo; token stored in keyring)\n" +
		"✓ set user of profile tokyo to ken@example.com\n"
	if r.stdout != "" || r.stderr != want {
		t.Errorf("stdout %q, stderr =\n%s\nwant\n%s", r.stdout, r.stderr, want)
	}
	if got, err := s.Keyring.Get("supctl", "tokyo"); err != nil || got != `{"token":"`+authtest.Token+`","origin":"`+srv.URL+`"}` {
		t.Errorf("keyring holds %q (%v), want the token bound to %s", got, err, srv.URL)
	}
	if got := s.File(t); got != profileFile(srv.URL, "ken@example.com") {
		t.Errorf("file =\n%s", got)
	}
	if s.Credentials(t) != "" {
		t.Error("the token was also written to the credentials file")
	}
}

func TestLoginInsecureStorage(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "ken@example.com"))
	r := runLogin(t, s, authtest.Token, nil, "--with-token", "--insecure-storage")
	if r.err != nil {
		t.Fatal(r.err)
	}
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	want := "✓ logged in to " + srv.URL + " as ken@example.com (profile tokyo; token stored in " + c.CredentialsPath() + ")\n"
	if r.stderr != want {
		t.Errorf("stderr =\n%s\nwant\n%s", r.stderr, want)
	}
	if got := s.Credentials(t); got != "tokyo:\n    token: "+authtest.Token+"\n    origin: "+srv.URL+"\n" {
		t.Errorf("credentials file = %q", got)
	}
}

func TestLoginKeyringUnavailable(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "ken@example.com"))
	s.SetKeyring(t, configtest.NewHanging())
	r := runLogin(t, s, authtest.Token, nil, "--with-token")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if !strings.Contains(r.stderr, "! the keyring is unavailable: the token is stored unencrypted in ") {
		t.Errorf("stderr lacks the warning:\n%s", r.stderr)
	}
	if got := s.Credentials(t); got != "tokyo:\n    token: "+authtest.Token+"\n    origin: "+srv.URL+"\n" {
		t.Errorf("credentials file = %q", got)
	}
}

func TestLoginPrompt(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "ken@example.com"))
	p := prompttest.New(t)
	p.ExpectPassword("Paste a token for "+srv.URL+" (profile tokyo)", authtest.Token, nil)
	r := runLogin(t, s, "", p)
	if r.err != nil {
		t.Fatal(r.err)
	}
	if strings.Contains(r.stderr+r.stdout, authtest.Token) {
		t.Error("the token was echoed")
	}
	if _, err := s.Keyring.Get("supctl", "tokyo"); err != nil {
		t.Errorf("the token was not stored: %v", err)
	}
}

// A terminal that cannot be read ends the login with exit 1 and stores
// nothing.
func TestLoginPromptFails(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "ken@example.com"))
	p := prompttest.New(t)
	p.ExpectPassword("Paste a token for "+srv.URL+" (profile tokyo)", "", errors.New("input/output error"))
	r := runLogin(t, s, "", p)
	if r.err == nil || r.err.Error() != "cannot read the token: input/output error" || cmdutil.CodeOf(r.err) != cmdutil.ExitError {
		t.Errorf("error = %v (exit %d), want exit 1", r.err, cmdutil.CodeOf(r.err))
	}
	if _, err := s.Keyring.Get("supctl", "tokyo"); err == nil {
		t.Error("a token was stored")
	}
}

func TestLoginRejectedToken(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, ""))
	r := runLogin(t, s, "sup_BADTOKEN0123456789", nil, "--with-token")
	if cmdutil.CodeOf(r.err) != cmdutil.ExitAuth {
		t.Fatalf("error = %v (exit %d), want exit 4", r.err, cmdutil.CodeOf(r.err))
	}
	want := srv.URL + " rejected the token of profile tokyo: invalid or revoked token"
	if r.err.Error() != want {
		t.Errorf("error = %q, want %q", r.err, want)
	}
	if strings.Contains(r.err.Error(), "sup_BAD") {
		t.Error("the error shows the token")
	}
	if _, err := s.Keyring.Get("supctl", "tokyo"); err == nil {
		t.Error("a rejected token was stored")
	}
}

func TestLoginBadInput(t *testing.T) {
	srv := authtest.NewServer(t)
	for _, tt := range []struct{ name, stdin, want string }{
		{"empty", " \n", "no token given"},
		{"two words", "sup_a sup_b\n", "a token is one word without spaces; give only the token"},
		{"too long", strings.Repeat("x", maxTokenSize+1), "standard input is too long for a token"},
	} {
		s := configtest.New(t, profileFile(srv.URL, ""))
		r := runLogin(t, s, tt.stdin, nil, "--with-token")
		if r.err == nil || r.err.Error() != tt.want || cmdutil.CodeOf(r.err) != cmdutil.ExitUsage {
			t.Errorf("%s: error = %v, want usage error %q", tt.name, r.err, tt.want)
		}
	}
}

func TestLoginEmbeddedNeedsNoToken(t *testing.T) {
	s := configtest.New(t, "")
	r := runLogin(t, s, "", nil, "--with-token")
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.stderr != "profile demo uses the embedded server: no token is needed\n" {
		t.Errorf("stderr = %q", r.stderr)
	}
}

func TestLoginWarnsAboutEnvToken(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "someone@example.com"))
	s.Env["SUPCTL_TOKEN"] = "sup_OTHER"
	r := runLogin(t, s, authtest.Token, nil, "--with-token")
	if r.err != nil {
		t.Fatal(r.err)
	}
	for _, want := range []string{
		"! SUPCTL_TOKEN is set and takes precedence over the stored token\n",
		"! profile tokyo names user someone@example.com, but the token belongs to ken@example.com\n",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
}

// Login binds the token to the server it was checked against; a profile
// that then points elsewhere does not send it there (see
// cmdutil.ProfileToken), and logging in there binds it anew.
func TestLoginRebindsToNewServer(t *testing.T) {
	old := authtest.NewServer(t)
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(old.URL, "ken@example.com"))
	if r := runLogin(t, s, authtest.Token, nil, "--with-token"); r.err != nil {
		t.Fatal(r.err)
	}
	s.Env["SUPCTL_API_URL"] = srv.URL
	if r := runLogin(t, s, authtest.Token, nil, "--with-token"); r.err != nil {
		t.Fatal(r.err)
	}
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	cr, err := c.Credential("tokyo")
	if err != nil || cr.Origin != srv.URL {
		t.Errorf("Credential = %+v, %v; want it bound to %s", cr, err, srv.URL)
	}
}

// A plain http:// api_url to another machine is warned about before the
// token is sent; loopback is not.
func TestLoginWarnsOfPlainHTTP(t *testing.T) {
	srv := authtest.NewServer(t)
	s := configtest.New(t, profileFile(srv.URL, "ken@example.com"))
	r := runLogin(t, s, authtest.Token, nil, "--with-token")
	if r.err != nil || strings.Contains(r.stderr, "warning") {
		t.Errorf("loopback: err %v, stderr %q", r.err, r.stderr)
	}
	s = configtest.New(t, profileFile("http://192.0.2.1:1", "ken@example.com"))
	r = runLogin(t, s, "not a token", nil, "--with-token")
	want := "warning: profile tokyo uses plain http:// to 192.0.2.1:1: the token and the data cross the network unencrypted; use https://\n"
	if !strings.HasPrefix(r.stderr, want) {
		t.Errorf("stderr =\n%s\nwant it to start with\n%s", r.stderr, want)
	}
}

// A hand-edited api_url that no client can use is exit 2, before any
// token is asked for.
func TestLoginBadAPIURL(t *testing.T) {
	s := configtest.New(t, profileFile("localhost:7420", ""))
	r := runLogin(t, s, authtest.Token, nil, "--with-token")
	var coded interface{ Code() int }
	if !errors.As(r.err, &coded) || coded.Code() != 2 || !strings.Contains(r.err.Error(), "profile tokyo") {
		t.Errorf("error %v, want exit 2 naming the profile", r.err)
	}
}
