package config

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/zalando/go-keyring"
)

// envOf is a getenv over a fixed environment.
func envOf(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

// writeConfig writes content as a config file in a fresh directory.
func writeConfig(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// load loads the file at path with the given environment, a keyring that
// holds nothing and a home of its own.
func load(t *testing.T, path string, vars map[string]string) *Config {
	t.Helper()
	c, err := Load(LoadOptions{Path: path, Getenv: envOf(withHome(t, vars)), Keyring: noKeyring{}})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// withHome points XDG_CONFIG_HOME at a temporary directory unless vars
// already says where it is.
func withHome(t *testing.T, vars map[string]string) map[string]string {
	out := map[string]string{"XDG_CONFIG_HOME": t.TempDir()}
	for k, v := range vars {
		out[k] = v
	}
	return out
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// noKeyring holds nothing; the tests of credentials use configtest's.
type noKeyring struct{}

func (noKeyring) Get(string, string) (string, error) { return "", keyring.ErrNotFound }
func (noKeyring) Set(string, string, string) error   { return errors.New("no keyring") }
func (noKeyring) Delete(string, string) error        { return keyring.ErrNotFound }
