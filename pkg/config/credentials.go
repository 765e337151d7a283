package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Token sources other than the credentials file, whose source is its path.
const (
	TokenSourceEnv     = "SUPCTL_TOKEN"
	TokenSourceKeyring = "keyring"
)

// Credential is a profile's token, the server it was issued for, and
// where it was found.
type Credential struct {
	Token string
	// Origin is the scheme://host:port of the server the token was issued
	// for (as api.Origin writes it): the token is sent nowhere else. It is
	// "" for SUPCTL_TOKEN, which the user chose and which is not bound, and
	// for a token stored before tokens were bound to a server.
	Origin string
	// Source is TokenSourceEnv, TokenSourceKeyring, or the credentials
	// file's path.
	Source string
}

// storedToken is one profile's entry in the credentials file or the
// keyring. Older versions stored the token alone: a plain string.
type storedToken struct {
	Token  string `yaml:"token" json:"token"`
	Origin string `yaml:"origin,omitempty" json:"origin,omitempty"`
}

// UnmarshalYAML reads an entry, or a token alone as older versions wrote.
func (s *storedToken) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		if n.Tag == "!!null" {
			*s = storedToken{}
			return nil
		}
		*s = storedToken{Token: n.Value}
		return nil
	}
	return n.Decode((*tokenEntry)(s))
}

// MarshalYAML writes a token that is bound to no server as older versions
// did, a string, and a bound one as a mapping.
func (s storedToken) MarshalYAML() (any, error) {
	if s.Origin == "" {
		return s.Token, nil
	}
	return tokenEntry(s), nil
}

// tokenEntry is storedToken without its YAML methods.
type tokenEntry storedToken

// decodeKeyring reads a keyring secret: a JSON entry, or a token alone
// as older versions stored it (a token never starts with '{').
func decodeKeyring(secret string) storedToken {
	var s storedToken
	if strings.HasPrefix(secret, "{") && json.Unmarshal([]byte(secret), &s) == nil && s.Token != "" {
		return s
	}
	return storedToken{Token: secret}
}

// encodeKeyring writes a keyring secret; one bound to no server is the
// token alone, as older versions stored it.
func encodeKeyring(s storedToken) string {
	if s.Origin == "" {
		return s.Token
	}
	data, _ := json.Marshal(s) // a struct of two strings always marshals
	return string(data)
}

// Credential finds the profile's token: $SUPCTL_TOKEN, else the OS
// keyring, else the credentials file. A zero Token with a nil error means
// there is none. A keyring that fails or does not answer in time is
// skipped.
func (c *Config) Credential(profile string) (Credential, error) {
	if c.HasEnvToken() {
		return Credential{Token: strings.TrimSpace(c.getenv("SUPCTL_TOKEN")), Source: TokenSourceEnv}, nil
	}
	if secret, err := c.keyringGet(profile); err == nil && secret != "" {
		s := decodeKeyring(secret)
		return Credential{Token: s.Token, Origin: s.Origin, Source: TokenSourceKeyring}, nil
	}
	path := c.CredentialsPath()
	tokens, err := c.readCredentials(path)
	if err != nil {
		return Credential{}, err
	}
	if s := tokens[profile]; s.Token != "" {
		return Credential{Token: s.Token, Origin: s.Origin, Source: path}, nil
	}
	return Credential{}, nil
}

// Token is the profile's token and where it was found (see Credential).
func (c *Config) Token(profile string) (token, source string, err error) {
	cr, err := c.Credential(profile)
	return cr.Token, cr.Source, err
}

// HasEnvToken reports whether $SUPCTL_TOKEN is set: it outranks any
// stored token.
func (c *Config) HasEnvToken() bool {
	return strings.TrimSpace(c.getenv("SUPCTL_TOKEN")) != ""
}

// StoreToken saves the profile's token, bound to origin (the server it
// was issued for), in the keyring, or in the credentials file when
// insecure is set or the keyring is unavailable. where is "keyring" or
// the file's path. The copy it does not use is removed, so an old token
// can never shadow the new one.
func (c *Config) StoreToken(profile, token, origin string, insecure bool) (where string, err error) {
	s := storedToken{Token: token, Origin: origin}
	if !insecure && c.keyringSet(profile, encodeKeyring(s)) == nil {
		return TokenSourceKeyring, c.updateCredentials(profile, storedToken{})
	}
	// Credential looks in the keyring first, so an old copy there must go.
	// A keyring that cannot be reached is left as it is.
	_ = c.keyringDelete(profile)
	path := c.CredentialsPath()
	return path, c.updateCredentials(profile, s)
}

// BindToken binds a token stored before tokens were bound to origin,
// where it is stored (cr.Source: the keyring or the credentials file).
func (c *Config) BindToken(profile string, cr Credential, origin string) error {
	s := storedToken{Token: cr.Token, Origin: origin}
	switch cr.Source {
	case TokenSourceEnv:
		return errors.New("SUPCTL_TOKEN is not bound to a server")
	case TokenSourceKeyring:
		if err := c.keyringSet(profile, encodeKeyring(s)); err != nil {
			return fmt.Errorf("cannot update the token of profile %s in the keyring: %w", profile, err)
		}
		return nil
	}
	return c.updateCredentials(profile, s)
}

// DeleteToken removes the profile's token from the keyring and the
// credentials file, and lists where one was found. $SUPCTL_TOKEN is the
// caller's to unset.
func (c *Config) DeleteToken(profile string) (removed []string, err error) {
	if c.keyringDelete(profile) == nil {
		removed = append(removed, TokenSourceKeyring)
	}
	path := c.CredentialsPath()
	tokens, err := c.readCredentials(path)
	if err != nil {
		return removed, err
	}
	if _, ok := tokens[profile]; ok {
		if err := c.updateCredentials(profile, storedToken{}); err != nil {
			return removed, err
		}
		removed = append(removed, path)
	}
	return removed, nil
}

// CredentialsPath is the credentials file this config uses.
func (c *Config) CredentialsPath() string { return CredentialsPath(c.getenv) }

// updateCredentials sets (or with an empty token, removes) one profile's
// entry in the file, removing the file once it holds none.
func (c *Config) updateCredentials(profile string, s storedToken) error {
	path := c.CredentialsPath()
	tokens, err := c.readCredentials(path)
	if err != nil {
		return err
	}
	if s.Token == "" {
		if _, ok := tokens[profile]; !ok {
			return nil
		}
		delete(tokens, profile)
	} else {
		tokens[profile] = s
	}
	if len(tokens) == 0 {
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("cannot remove %s: %w", path, err)
		}
		return nil
	}
	data, err := yaml.Marshal(tokens)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, data)
}

// readCredentials reads the profile → token file; a missing file is empty.
// A file that others may read is made private first (see protect).
func (c *Config) readCredentials(path string) (map[string]storedToken, error) {
	tokens := map[string]storedToken{}
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return tokens, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read credentials file: %w", err)
	}
	defer f.Close()
	if err := c.protect(path, f); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(f)
	if err != nil {
		return nil, fmt.Errorf("cannot read credentials file: %w", err)
	}
	if err := yaml.Unmarshal(data, &tokens); err != nil {
		pe := yamlError(path, err)
		syntaxLine(data, pe)
		return nil, pe
	}
	if tokens == nil { // the file holds only null
		tokens = map[string]storedToken{}
	}
	return tokens, nil
}

// protect makes a credentials file that its group or others may read
// private (0600) and says so on the warnings stream; one it cannot change
// is refused. Windows has no such mode bits.
func (c *Config) protect(path string, f *os.File) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot read credentials file: %w", err)
	}
	mode := fi.Mode().Perm()
	if mode&0o077 == 0 {
		return nil
	}
	if err := f.Chmod(0o600); err != nil {
		return &CredentialsModeError{Path: path, Mode: mode, Err: err}
	}
	fmt.Fprintf(c.warnings, "warning: %s could be read by other users (mode %04o); it is now 0600\n", path, mode)
	return nil
}
