package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Token sources other than the credentials file, whose source is its path.
const (
	TokenSourceEnv     = "SUPCTL_TOKEN"
	TokenSourceKeyring = "keyring"
)

// Token finds the profile's token: $SUPCTL_TOKEN, else the OS keyring, else
// the credentials file. source says which (the file by its path); an empty
// token with a nil error means there is none. A keyring that fails or does
// not answer in time is skipped.
func (c *Config) Token(profile string) (token, source string, err error) {
	if c.HasEnvToken() {
		return strings.TrimSpace(c.getenv("SUPCTL_TOKEN")), TokenSourceEnv, nil
	}
	if t, err := c.keyringGet(profile); err == nil && t != "" {
		return t, TokenSourceKeyring, nil
	}
	path := c.CredentialsPath()
	tokens, err := readCredentials(path)
	if err != nil {
		return "", "", err
	}
	if t := tokens[profile]; t != "" {
		return t, path, nil
	}
	return "", "", nil
}

// HasEnvToken reports whether $SUPCTL_TOKEN is set: it outranks any
// stored token.
func (c *Config) HasEnvToken() bool {
	return strings.TrimSpace(c.getenv("SUPCTL_TOKEN")) != ""
}

// StoreToken saves the profile's token in the keyring, or in the
// credentials file when insecure is set or the keyring is unavailable.
// where is "keyring" or the file's path. The copy it does not use is
// removed, so an old token can never shadow the new one.
func (c *Config) StoreToken(profile, token string, insecure bool) (where string, err error) {
	if !insecure && c.keyringSet(profile, token) == nil {
		return TokenSourceKeyring, c.updateCredentials(profile, "")
	}
	// Token looks in the keyring first, so an old copy there must go. A
	// keyring that cannot be reached is left as it is.
	_ = c.keyringDelete(profile)
	path := c.CredentialsPath()
	return path, c.updateCredentials(profile, token)
}

// DeleteToken removes the profile's token from the keyring and the
// credentials file, and lists where one was found. $SUPCTL_TOKEN is the
// caller's to unset.
func (c *Config) DeleteToken(profile string) (removed []string, err error) {
	if c.keyringDelete(profile) == nil {
		removed = append(removed, TokenSourceKeyring)
	}
	path := c.CredentialsPath()
	tokens, err := readCredentials(path)
	if err != nil {
		return removed, err
	}
	if _, ok := tokens[profile]; ok {
		if err := c.updateCredentials(profile, ""); err != nil {
			return removed, err
		}
		removed = append(removed, path)
	}
	return removed, nil
}

// CredentialsPath is the credentials file this config uses.
func (c *Config) CredentialsPath() string { return CredentialsPath(c.getenv) }

// updateCredentials sets (or with an empty token, removes) one profile's
// token in the file, removing the file once it holds none.
func (c *Config) updateCredentials(profile, token string) error {
	path := c.CredentialsPath()
	tokens, err := readCredentials(path)
	if err != nil {
		return err
	}
	if token == "" {
		if _, ok := tokens[profile]; !ok {
			return nil
		}
		delete(tokens, profile)
	} else {
		tokens[profile] = token
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
func readCredentials(path string) (map[string]string, error) {
	tokens := map[string]string{}
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return tokens, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read credentials file: %w", err)
	}
	if err := yaml.Unmarshal(data, &tokens); err != nil {
		return nil, yamlError(path, err)
	}
	if tokens == nil { // the file holds only null
		tokens = map[string]string{}
	}
	return tokens, nil
}
