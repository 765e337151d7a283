package config

import (
	"errors"
	"time"

	"github.com/zalando/go-keyring"
)

// Keyring is the OS secret store.
type Keyring interface {
	Get(service, user string) (string, error)
	Set(service, user, secret string) error
	Delete(service, user string) error
}

// DefaultKeyringTimeout bounds a keyring call: a locked or absent secret
// service must not stall every command.
const DefaultKeyringTimeout = 300 * time.Millisecond

// keyringService is the service name tokens are stored under; the user is
// the profile name.
const keyringService = "supctl"

var errKeyringTimeout = errors.New("the keyring did not answer in time")

type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Set(service, user, secret string) error   { return keyring.Set(service, user, secret) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// withTimeout runs a keyring call, giving up after the timeout; the call
// itself is left to finish in the background.
func (c *Config) withTimeout(call func() (string, error)) (string, error) {
	type result struct {
		value string
		err   error
	}
	done := make(chan result, 1)
	go func() {
		v, err := call()
		done <- result{v, err}
	}()
	timer := time.NewTimer(c.keyringTimeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r.value, r.err
	case <-timer.C:
		return "", errKeyringTimeout
	}
}

func (c *Config) keyringGet(profile string) (string, error) {
	return c.withTimeout(func() (string, error) { return c.keyring.Get(keyringService, profile) })
}

func (c *Config) keyringSet(profile, token string) error {
	_, err := c.withTimeout(func() (string, error) { return "", c.keyring.Set(keyringService, profile, token) })
	return err
}

func (c *Config) keyringDelete(profile string) error {
	_, err := c.withTimeout(func() (string, error) { return "", c.keyring.Delete(keyringService, profile) })
	return err
}
