package config

import (
	"os"
	"path/filepath"
)

// DefaultPath is where the config file lives: $SUPCTL_CONFIG, else
// $XDG_CONFIG_HOME/supctl/config.yaml, else ~/.config/supctl/config.yaml.
func DefaultPath(getenv func(string) string) string {
	if p := orOS(getenv)("SUPCTL_CONFIG"); p != "" {
		return p
	}
	return filepath.Join(xdgDir(getenv, "XDG_CONFIG_HOME", ".config"), "config.yaml")
}

// CredentialsPath is the 0600 token file used when the keyring is not:
// $XDG_CONFIG_HOME/supctl/credentials.yaml, else ~/.config/supctl/credentials.yaml.
func CredentialsPath(getenv func(string) string) string {
	return filepath.Join(xdgDir(getenv, "XDG_CONFIG_HOME", ".config"), "credentials.yaml")
}

// DataDir holds the embedded server's database: $XDG_DATA_HOME/supctl, else
// ~/.local/share/supctl.
func DataDir(getenv func(string) string) string {
	return xdgDir(getenv, "XDG_DATA_HOME", filepath.Join(".local", "share"))
}

// DatabasePath is the SQLite file of an embedded profile, in DataDir: the
// demo's for the demo and for api_url "demo", else one of its own.
func DatabasePath(getenv func(string) string, p Profile) string {
	name := p.Name
	if p.UsesDemoData() {
		name = DemoName
	}
	return filepath.Join(DataDir(getenv), name+".db")
}

// CacheDir holds what can be thrown away: $XDG_CACHE_HOME/supctl, else
// ~/.cache/supctl.
func CacheDir(getenv func(string) string) string {
	return xdgDir(getenv, "XDG_CACHE_HOME", ".cache")
}

// xdgDir is $env/supctl, else ~/fallback/supctl.
func xdgDir(getenv func(string) string, env, fallback string) string {
	getenv = orOS(getenv)
	if d := getenv(env); d != "" {
		return filepath.Join(d, "supctl")
	}
	home := getenv("HOME")
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	return filepath.Join(home, fallback, "supctl")
}

func orOS(getenv func(string) string) func(string) string {
	if getenv == nil {
		return os.Getenv
	}
	return getenv
}
