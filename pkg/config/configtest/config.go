package configtest

import (
	"cmp"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/config"
)

// Setup is a config of a test's own: a config file and a credentials
// directory in temporary directories, a fixed environment and an in-memory
// keyring.
type Setup struct {
	Path    string            // the config file
	Env     map[string]string // what Getenv sees; XDG_CONFIG_HOME is set
	Keyring config.Keyring
	// KeyringTimeout is long, so a working fake keyring always answers in
	// time however loaded the machine; SetKeyring shortens it for a hanging one.
	KeyringTimeout time.Duration
	Profile        string // the --profile flag
	// Warnings receives the config's warnings; nil discards them.
	Warnings io.Writer
}

// New writes content as the config file ("" leaves no file) and returns
// the setup around it.
func New(t testing.TB, content string) *Setup {
	t.Helper()
	dir := t.TempDir()
	s := &Setup{
		Path:           filepath.Join(dir, "config", "supctl", "config.yaml"),
		Env:            map[string]string{"XDG_CONFIG_HOME": filepath.Join(dir, "config"), "HOME": dir},
		Keyring:        NewKeyring(),
		KeyringTimeout: time.Minute,
	}
	if content != "" {
		if err := os.MkdirAll(filepath.Dir(s.Path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(s.Path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// SetKeyring replaces the keyring. A Hanging one is released when the
// test ends and given up on after a millisecond.
func (s *Setup) SetKeyring(t testing.TB, k config.Keyring) {
	s.Keyring = k
	if h, ok := k.(*Hanging); ok {
		t.Cleanup(h.Release)
		s.KeyringTimeout = time.Millisecond
	}
}

// Load loads the config as a command would.
func (s *Setup) Load() (*config.Config, error) {
	return config.Load(config.LoadOptions{
		Path:           s.Path,
		Profile:        s.Profile,
		Getenv:         func(k string) string { return s.Env[k] },
		Keyring:        s.Keyring,
		KeyringTimeout: s.KeyringTimeout,
		Warnings:       cmp.Or(s.Warnings, io.Discard),
	})
}

// File is the config file's content, "" when there is none.
func (s *Setup) File(t testing.TB) string {
	t.Helper()
	return readIfExists(t, s.Path)
}

// Credentials is the credentials file's content, "" when there is none.
func (s *Setup) Credentials(t testing.TB) string {
	t.Helper()
	return readIfExists(t, config.CredentialsPath(func(k string) string { return s.Env[k] }))
}

func readIfExists(t testing.TB, path string) string {
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
