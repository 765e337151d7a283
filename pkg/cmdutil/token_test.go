package cmdutil

import (
	"bytes"
	"errors"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
)

// readOnlyKeyring holds one old, unbound token and refuses writes, as a
// locked keyring does.
type readOnlyKeyring struct{ token string }

func (k readOnlyKeyring) Get(_, user string) (string, error) {
	if user == "tokyo" {
		return k.token, nil
	}
	return "", keyring.ErrNotFound
}
func (readOnlyKeyring) Set(string, string, string) error { return errors.New("the keyring is locked") }
func (readOnlyKeyring) Delete(string, string) error      { return errors.New("the keyring is locked") }

const tokyo = "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: https://support.example.com\n"

func load(t *testing.T, s *configtest.Setup) (*config.Config, config.Profile) {
	t.Helper()
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	p, err := c.ActiveForConnection()
	if err != nil {
		t.Fatal(err)
	}
	return c, p
}

func TestProfileToken(t *testing.T) {
	t.Run("bound to the api_url", func(t *testing.T) {
		s := configtest.New(t, tokyo)
		c, p := load(t, s)
		if _, err := c.StoreToken("tokyo", "sup_T", "https://support.example.com:443", false); err != nil {
			t.Fatal(err)
		}
		var w bytes.Buffer
		cr, err := ProfileToken(c, p, &w, true)
		if err != nil || cr.Token != "sup_T" || w.Len() != 0 {
			t.Errorf("ProfileToken = %+v, %v; printed %q", cr, err, w.String())
		}
	})
	t.Run("bound elsewhere", func(t *testing.T) {
		s := configtest.New(t, tokyo)
		c, p := load(t, s)
		if _, err := c.StoreToken("tokyo", "sup_T", "https://support.example.com:8443", false); err != nil {
			t.Fatal(err)
		}
		_, err := ProfileToken(c, p, nil, true)
		want := "the token of profile tokyo was issued for https://support.example.com:8443, not https://support.example.com; it is not sent there"
		if CodeOf(err) != ExitAuth || err.Error() != want {
			t.Errorf("error %v (exit %d), want %q", err, CodeOf(err), want)
		}
	})
	t.Run("old token, completion", func(t *testing.T) {
		s := configtest.New(t, tokyo)
		s.SetKeyring(t, readOnlyKeyring{"sup_OLD"})
		c, p := load(t, s)
		if _, err := ProfileToken(c, p, nil, false); CodeOf(err) != ExitAuth {
			t.Errorf("error %v, want exit 4: completion binds nothing and sends nothing unbound", err)
		}
	})
	t.Run("old token, store locked", func(t *testing.T) {
		s := configtest.New(t, tokyo)
		s.SetKeyring(t, readOnlyKeyring{"sup_OLD"})
		c, p := load(t, s)
		var w bytes.Buffer
		cr, err := ProfileToken(c, p, &w, true)
		want := "warning: the token of profile tokyo is not yet bound to https://support.example.com: cannot update the token of profile tokyo in the keyring: the keyring is locked\n"
		if err != nil || cr.Token != "sup_OLD" || w.String() != want {
			t.Errorf("ProfileToken = %+v, %v; printed %q, want %q", cr, err, w.String(), want)
		}
	})
	t.Run("SUPCTL_TOKEN", func(t *testing.T) {
		s := configtest.New(t, tokyo)
		s.Env["SUPCTL_TOKEN"] = "sup_ENV"
		c, p := load(t, s)
		cr, err := ProfileToken(c, p, nil, true)
		if err != nil || cr.Token != "sup_ENV" || cr.Origin != "" {
			t.Errorf("ProfileToken = %+v, %v", cr, err)
		}
	})
}

func TestWarnPlainHTTP(t *testing.T) {
	for url, warn := range map[string]bool{
		"http://support.example.com":    true,
		"http://10.0.0.5:7420":          true,
		"https://support.example.com":   false,
		"http://127.0.0.1:7420":         false,
		"http://localhost:7420":         false,
		"http://[::1]:7420":             false,
		"HTTP://support.example.com:80": true,
	} {
		var w bytes.Buffer
		WarnPlainHTTP(&w, config.Profile{Name: "tokyo", APIURL: url})
		if (w.Len() > 0) != warn {
			t.Errorf("%s: printed %q", url, w.String())
		}
	}
}
