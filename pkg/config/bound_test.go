package config_test

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
)

const origin = "https://support.example.com:443"

// A token is stored with the server it was issued for, in the keyring or
// the file, and read back with it.
func TestStoreTokenBindsOrigin(t *testing.T) {
	t.Parallel()
	for _, insecure := range []bool{false, true} {
		kr := configtest.NewKeyring()
		c := credConfig(t, kr, nil)
		where, err := c.StoreToken("tokyo", "sup_new", origin, insecure)
		if err != nil {
			t.Fatal(err)
		}
		cr, err := c.Credential("tokyo")
		if err != nil {
			t.Fatal(err)
		}
		if want := (config.Credential{Token: "sup_new", Origin: origin, Source: where}); cr != want {
			t.Errorf("insecure=%v: Credential = %+v, want %+v", insecure, cr, want)
		}
		if insecure {
			want := "tokyo:\n    token: sup_new\n    origin: " + origin + "\n"
			if got := readFile(t, c.CredentialsPath()); got != want {
				t.Errorf("credentials file:\n%s\nwant\n%s", got, want)
			}
		} else if got, _ := kr.Get("supctl", "tokyo"); got != `{"token":"sup_new","origin":"`+origin+`"}` {
			t.Errorf("keyring holds %q", got)
		}
	}
}

// A token stored before tokens were bound has no origin until BindToken
// binds it where it is stored; other profiles' entries are kept as they
// were.
func TestBindOldToken(t *testing.T) {
	t.Parallel()
	t.Run("file", func(t *testing.T) {
		t.Parallel()
		c := credConfig(t, configtest.NewKeyring(), nil)
		writeCredentials(t, c, "tokyo: sup_old\nhyderabad: sup_hyd\n")
		cr, err := c.Credential("tokyo")
		if err != nil || cr.Origin != "" || cr.Token != "sup_old" {
			t.Fatalf("Credential = %+v, %v", cr, err)
		}
		if err := c.BindToken("tokyo", cr, origin); err != nil {
			t.Fatal(err)
		}
		want := "hyderabad: sup_hyd\ntokyo:\n    token: sup_old\n    origin: " + origin + "\n"
		if got := readFile(t, c.CredentialsPath()); got != want {
			t.Errorf("credentials file:\n%s\nwant\n%s", got, want)
		}
		if cr, _ := c.Credential("tokyo"); cr.Origin != origin {
			t.Errorf("origin after BindToken: %q", cr.Origin)
		}
	})
	t.Run("keyring", func(t *testing.T) {
		t.Parallel()
		kr := configtest.NewKeyring()
		if err := kr.Set("supctl", "tokyo", "sup_old"); err != nil {
			t.Fatal(err)
		}
		c := credConfig(t, kr, nil)
		cr, err := c.Credential("tokyo")
		if err != nil || cr.Origin != "" || cr.Source != config.TokenSourceKeyring {
			t.Fatalf("Credential = %+v, %v", cr, err)
		}
		if err := c.BindToken("tokyo", cr, origin); err != nil {
			t.Fatal(err)
		}
		if cr, _ := c.Credential("tokyo"); cr.Origin != origin || cr.Token != "sup_old" {
			t.Errorf("after BindToken: %+v", cr)
		}
	})
	t.Run("SUPCTL_TOKEN", func(t *testing.T) {
		t.Parallel()
		c := credConfig(t, configtest.NewKeyring(), map[string]string{"SUPCTL_TOKEN": "sup_env"})
		cr, _ := c.Credential("tokyo")
		if cr.Origin != "" || cr.Source != config.TokenSourceEnv {
			t.Fatalf("Credential = %+v", cr)
		}
		if err := c.BindToken("tokyo", cr, origin); err == nil {
			t.Error("SUPCTL_TOKEN was bound")
		}
	})
}

// A credentials file that others can read is made private, with a
// warning, by whatever reads it.
func TestCredentialsFileMadePrivate(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	for _, mode := range []os.FileMode{0o644, 0o640, 0o604, 0o660} {
		s := configtest.New(t, "")
		var warnings bytes.Buffer
		s.Warnings = &warnings
		s.SetKeyring(t, configtest.NewKeyring())
		c, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		writeCredentials(t, c, "tokyo: sup_f\n")
		if err := os.Chmod(c.CredentialsPath(), mode); err != nil {
			t.Fatal(err)
		}
		if token, _, err := c.Token("tokyo"); err != nil || token != "sup_f" {
			t.Fatalf("Token = %q, %v", token, err)
		}
		fi, err := os.Stat(c.CredentialsPath())
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %04o after reading a %04o file, want 0600", fi.Mode().Perm(), mode)
		}
		want := fmt.Sprintf("warning: %s could be read by other users (mode %04o); it is now 0600\n", c.CredentialsPath(), mode)
		if got := warnings.String(); got != want {
			t.Errorf("warning %q, want %q", got, want)
		}
		warnings.Reset()
		if _, _, err := c.Token("tokyo"); err != nil || warnings.Len() != 0 {
			t.Errorf("second read: %v, warning %q", err, warnings.String())
		}
	}
}

// An api_url edited by hand into something no client can use is exit 2,
// naming the profile, the file and the command that fixes it.
func TestActiveForConnectionBadAPIURL(t *testing.T) {
	t.Parallel()
	bad := []struct{ value, problem, meant string }{
		{"htp://x", "the scheme must be http or https", ""},
		{"://", "it is not a URL", ""},
		{"localhost:7420", "it has no scheme (http:// or https://)", "http://localhost:7420"},
		{"127.0.0.1:7420", "it has no scheme", "http://127.0.0.1:7420"},
		{"support.example.com", "it has no scheme", "https://support.example.com"},
		{"https://support.example.com/api", "it has a path, query or fragment; the address alone is https://support.example.com", "https://support.example.com"},
		{"https://support.example.com?x=1", "it has a path, query or fragment", "https://support.example.com"},
		{"https://support.example.com#top", "it has a path, query or fragment", "https://support.example.com"},
		{"https://sup port.example.com", "it contains a space or a control character", ""},
		{"http://127.0.0.1:99999", "the port must be a number from 1 to 65535", ""},
		{"http://127.0.0.1:", "it has an empty port", ""},
		{"https://ken:pw@support.example.com", "it holds a user name or password", ""},
		{"https://", "it names no host", ""},
	}
	for _, tt := range bad {
		s := configtest.New(t, "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: '"+tt.value+"'\n")
		c, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.ActiveForConnection()
		var ue *config.APIURLError
		if !errors.As(err, &ue) {
			t.Errorf("%q: error %v, want an *APIURLError", tt.value, err)
			continue
		}
		want := fmt.Sprintf("invalid api_url %q in profile tokyo (%s): %s", tt.value, s.Path, tt.problem)
		if msg := err.Error(); !strings.HasPrefix(msg, want) {
			t.Errorf("message %q, want %q", msg, want)
		}
		wantHint := "fix it with `supctl -P tokyo profile set api_url " + cmp.Or(tt.meant, "https://HOST[:PORT]") + "`"
		if ue.Code() != 2 || ue.Hint() != wantHint {
			t.Errorf("%q: code %d, hint %q, want %q", tt.value, ue.Code(), ue.Hint(), wantHint)
		}
	}
	for _, good := range []string{"https://support.example.com", "https://support.example.com/", "http://127.0.0.1:7420", "http://[::1]:7420", "embedded"} {
		s := configtest.New(t, "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: '"+good+"'\n")
		c, err := s.Load()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.ActiveForConnection(); err != nil {
			t.Errorf("%q: %v", good, err)
		}
	}
}

// A bad SUPCTL_API_URL says so, not the file.
func TestActiveForConnectionBadEnvAPIURL(t *testing.T) {
	t.Parallel()
	s := configtest.New(t, "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: https://support.example.com\n")
	s.Env["SUPCTL_API_URL"] = "support.example.com"
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ActiveForConnection()
	var ue *config.APIURLError
	if !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), `invalid SUPCTL_API_URL "support.example.com" (profile tokyo): it has no scheme`) ||
		ue.Hint() != "set SUPCTL_API_URL=https://support.example.com, or unset it" {
		t.Fatalf("error %v", err)
	}
}
