package config_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
)

// credConfig is a config with its own credentials directory.
func credConfig(t *testing.T, kr config.Keyring, env map[string]string) *config.Config {
	t.Helper()
	s := configtest.New(t, "")
	s.SetKeyring(t, kr)
	for k, v := range env {
		s.Env[k] = v
	}
	c, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func writeCredentials(t *testing.T, c *config.Config, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(c.CredentialsPath()), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(c.CredentialsPath(), []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func failing() config.Keyring {
	k := configtest.NewKeyring()
	k.Fail = true
	return k
}

func TestTokenLookupOrder(t *testing.T) {
	t.Parallel()
	kr := configtest.NewKeyring()
	if err := kr.Set("supctl", "tokyo", "sup_keyring"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		kr         config.Keyring
		env        string
		file       string
		wantToken  string
		wantSource string // "file" for the credentials path
	}{
		{"env first", kr, " sup_env\n", "tokyo: sup_file\n", "sup_env", config.TokenSourceEnv},
		{"keyring next", kr, "", "tokyo: sup_file\n", "sup_keyring", config.TokenSourceKeyring},
		{"file when keyring lacks it", configtest.NewKeyring(), "", "tokyo: sup_file\n", "sup_file", "file"},
		{"file when keyring fails", failing(), "", "tokyo: sup_file\n", "sup_file", "file"},
		{"file when keyring hangs", configtest.NewHanging(), "", "tokyo: sup_file\n", "sup_file", "file"},
		{"none", configtest.NewKeyring(), "", "hyderabad: sup_other\n", "", ""},
		{"no file", configtest.NewKeyring(), "", "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := credConfig(t, tt.kr, map[string]string{"SUPCTL_TOKEN": tt.env})
			if tt.file != "" {
				writeCredentials(t, c, tt.file)
			}
			token, source, err := c.Token("tokyo")
			if err != nil {
				t.Fatal(err)
			}
			if tt.wantSource == "file" {
				tt.wantSource = c.CredentialsPath()
			}
			if token != tt.wantToken || source != tt.wantSource {
				t.Errorf("Token = %q from %q, want %q from %q", token, source, tt.wantToken, tt.wantSource)
			}
		})
	}
}

func TestMalformedCredentialsHideTokens(t *testing.T) {
	t.Parallel()
	c := credConfig(t, configtest.NewKeyring(), nil)
	writeCredentials(t, c, "sup_secret_value\n")
	_, _, err := c.Token("tokyo")
	var pe *config.ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error = %v, want config.ParseError", err)
	}
	if strings.Contains(err.Error(), "sup_secret") {
		t.Errorf("error shows the file's content: %v", err)
	}
	want := "invalid config file " + c.CredentialsPath() + ": line 1: expected a mapping of profile names to tokens"
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestStoreTokenInKeyring(t *testing.T) {
	t.Parallel()
	kr := configtest.NewKeyring()
	c := credConfig(t, kr, nil)
	writeCredentials(t, c, "tokyo: sup_old\nhyderabad: sup_hyd\n")
	where, err := c.StoreToken("tokyo", "sup_new", "", false)
	if err != nil {
		t.Fatal(err)
	}
	if where != config.TokenSourceKeyring {
		t.Errorf("stored in %q, want keyring", where)
	}
	if got, _ := kr.Get("supctl", "tokyo"); got != "sup_new" {
		t.Errorf("keyring holds %q, want sup_new", got)
	}
	if got := readFile(t, c.CredentialsPath()); got != "hyderabad: sup_hyd\n" {
		t.Errorf("credentials file still holds the old token:\n%s", got)
	}
}

func TestStoreTokenInFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		kr       config.Keyring
		insecure bool
	}{
		{"insecure", configtest.NewKeyring(), true},
		{"keyring fails", failing(), false},
		{"keyring hangs", configtest.NewHanging(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := credConfig(t, tt.kr, nil)
			where, err := c.StoreToken("tokyo", "sup_new", "", tt.insecure)
			if err != nil {
				t.Fatal(err)
			}
			if where != c.CredentialsPath() {
				t.Errorf("stored in %q, want %q", where, c.CredentialsPath())
			}
			fi, err := os.Stat(where)
			if err != nil {
				t.Fatal(err)
			}
			if fi.Mode() != 0o600 {
				t.Errorf("mode = %v, want 0600", fi.Mode())
			}
			token, source, err := c.Token("tokyo")
			if err != nil || token != "sup_new" || source != where {
				t.Errorf("Token = %q from %q (%v), want sup_new from %s", token, source, err, where)
			}
		})
	}
}

func TestStoreTokenInFileClearsKeyring(t *testing.T) {
	t.Parallel()
	kr := configtest.NewKeyring()
	if err := kr.Set("supctl", "tokyo", "sup_old"); err != nil {
		t.Fatal(err)
	}
	c := credConfig(t, kr, nil)
	if _, err := c.StoreToken("tokyo", "sup_new", "", true); err != nil {
		t.Fatal(err)
	}
	token, _, err := c.Token("tokyo")
	if err != nil || token != "sup_new" {
		t.Errorf("Token = %q (%v), want sup_new: the keyring's old token shadows it", token, err)
	}
}

func TestDeleteToken(t *testing.T) {
	t.Parallel()
	kr := configtest.NewKeyring()
	if err := kr.Set("supctl", "tokyo", "sup_k"); err != nil {
		t.Fatal(err)
	}
	c := credConfig(t, kr, nil)
	writeCredentials(t, c, "tokyo: sup_f\nhyderabad: sup_h\n")
	removed, err := c.DeleteToken("tokyo")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"keyring", c.CredentialsPath()}; !reflect.DeepEqual(removed, want) {
		t.Errorf("removed from %q, want %q", removed, want)
	}
	if token, _, _ := c.Token("tokyo"); token != "" {
		t.Errorf("token %q left behind", token)
	}
	if token, _, _ := c.Token("hyderabad"); token != "sup_h" {
		t.Errorf("another profile's token was removed")
	}
	removed, err = c.DeleteToken("hyderabad")
	if err != nil || !reflect.DeepEqual(removed, []string{c.CredentialsPath()}) {
		t.Errorf("DeleteToken(hyderabad) = %q, %v", removed, err)
	}
	if _, err := os.Stat(c.CredentialsPath()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("empty credentials file not removed: %v", err)
	}
}

func TestDeleteTokenWithHangingKeyring(t *testing.T) {
	t.Parallel()
	c := credConfig(t, configtest.NewHanging(), nil)
	writeCredentials(t, c, "tokyo: sup_f\n")
	removed, err := c.DeleteToken("tokyo")
	if err != nil || !reflect.DeepEqual(removed, []string{c.CredentialsPath()}) {
		t.Errorf("DeleteToken = %q, %v", removed, err)
	}
}
