// Package config holds the client configuration: profiles per region in a
// YAML file, their resolution against the environment and flags, and the
// tokens that go with them.
package config

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"time"

	"github.com/spf13/pflag"
	"go.yaml.in/yaml/v3"
)

// LoadOptions says where the config is and what overrides it.
type LoadOptions struct {
	Path    string              // "" = DefaultPath
	Profile string              // the --profile flag, "" when unset
	Getenv  func(string) string // nil = os.Getenv
	// Keyring is the OS secret store; nil = the real one.
	Keyring Keyring
	// KeyringTimeout bounds every keyring call; 0 = DefaultKeyringTimeout.
	KeyringTimeout time.Duration
	// Warnings receives what the config fixed on its own, such as a
	// credentials file made private; nil = os.Stderr.
	Warnings io.Writer
}

// Config is the loaded config file plus what overrides it. Edits change the
// file's YAML tree, so Save keeps the user's comments, key order and keys
// this program does not know.
type Config struct {
	path        string
	getenv      func(string) string
	flagProfile string
	flags       map[string]*pflag.Flag

	file    fileData
	tree    *yaml.Node // document node; nil until the file has one
	comment []byte     // the text of a file that holds only comments

	keyring        Keyring
	keyringTimeout time.Duration
	warnings       io.Writer
}

// fileData is what the program reads from the file.
type fileData struct {
	CurrentProfile string             `yaml:"current_profile"`
	Profiles       map[string]Profile `yaml:"profiles"`
}

// Load reads the config file; a missing file is an empty config, except
// one that SUPCTL_CONFIG names: that is a *MissingFileError, returned with
// the empty config for the commands that create the file.
func Load(opts LoadOptions) (*Config, error) {
	getenv := orOS(opts.Getenv)
	c := &Config{
		path:           opts.Path,
		getenv:         getenv,
		flagProfile:    opts.Profile,
		flags:          map[string]*pflag.Flag{},
		keyring:        opts.Keyring,
		keyringTimeout: opts.KeyringTimeout,
		warnings:       opts.Warnings,
	}
	if c.warnings == nil {
		c.warnings = os.Stderr
	}
	if c.path == "" {
		c.path = DefaultPath(getenv)
	}
	if c.keyring == nil {
		c.keyring = osKeyring{}
	}
	if c.keyringTimeout <= 0 {
		c.keyringTimeout = DefaultKeyringTimeout
	}
	data, err := os.ReadFile(c.path)
	if errors.Is(err, fs.ErrNotExist) {
		if opts.Path == "" && getenv("SUPCTL_CONFIG") != "" {
			// A named file that is missing is a typo more often than a
			// wish for the demo; the config is returned for commands that
			// create the file (profile add).
			return c, &MissingFileError{Path: c.path}
		}
		return c, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read config file: %w", err)
	}
	if err := c.parse(data); err != nil {
		return nil, err
	}
	c.warnUnknownKeys()
	c.warnHandoffs()
	return c, nil
}

func (c *Config) parse(data []byte) error {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		pe := yamlError(c.path, err)
		syntaxLine(data, pe)
		return pe
	}
	if doc.Kind == 0 {
		c.comment = data
		return nil
	}
	c.tree = &doc
	return c.decode()
}

// decode refreshes what the program reads from the YAML tree.
func (c *Config) decode() error {
	var f fileData
	if err := c.tree.Decode(&f); err != nil {
		return yamlError(c.path, err)
	}
	for name, p := range f.Profiles {
		p.Name = name
		f.Profiles[name] = p
	}
	c.file = f
	return nil
}

// Path is the config file's path, whether or not it exists.
func (c *Config) Path() string { return c.path }

// CurrentName is the profile the file selects, else the built-in demo.
func (c *Config) CurrentName() string {
	if c.file.CurrentProfile != "" {
		return c.file.CurrentProfile
	}
	return DemoName
}

// ProfileNames lists every profile, the built-in demo included, sorted.
func (c *Config) ProfileNames() []string {
	names := []string{DemoName}
	for name := range c.file.Profiles {
		if name != DemoName {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// Profile is the named profile as stored, without environment or flag
// overrides. A demo profile in the file changes only the keys it sets.
func (c *Config) Profile(name string) (Profile, error) {
	p, inFile := c.file.Profiles[name]
	switch {
	case name == DemoName:
		return Demo().overlay(p), nil
	case inFile:
		return p, nil
	}
	return Profile{}, &UnknownProfileError{Name: name, Known: c.ProfileNames()}
}

func (c *Config) exists(name string) bool {
	_, ok := c.file.Profiles[name]
	return ok || name == DemoName
}
