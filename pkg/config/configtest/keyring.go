// Package configtest has keyrings for tests, so that no test ever touches
// the real OS keyring.
package configtest

import (
	"errors"
	"sync"

	"github.com/zalando/go-keyring"
)

// ErrUnavailable is what a failing or released hanging keyring returns.
var ErrUnavailable = errors.New("no secret service")

// Keyring is an in-memory keyring. With Fail set every call fails.
type Keyring struct {
	mu      sync.Mutex
	secrets map[string]string
	Fail    bool
}

// NewKeyring returns an empty working keyring.
func NewKeyring() *Keyring { return &Keyring{secrets: map[string]string{}} }

// Get returns the secret, or keyring.ErrNotFound like the real one.
func (k *Keyring) Get(service, user string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail {
		return "", ErrUnavailable
	}
	s, ok := k.secrets[service+"/"+user]
	if !ok {
		return "", keyring.ErrNotFound
	}
	return s, nil
}

// Set stores the secret.
func (k *Keyring) Set(service, user, secret string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail {
		return ErrUnavailable
	}
	k.secrets[service+"/"+user] = secret
	return nil
}

// Delete removes the secret, or returns keyring.ErrNotFound.
func (k *Keyring) Delete(service, user string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.Fail {
		return ErrUnavailable
	}
	if _, ok := k.secrets[service+"/"+user]; !ok {
		return keyring.ErrNotFound
	}
	delete(k.secrets, service+"/"+user)
	return nil
}

// Hanging is a keyring that does not answer until Release; it stands for a
// locked or absent secret service.
type Hanging struct{ release chan struct{} }

// NewHanging returns a hanging keyring; call Release (t.Cleanup) to let
// its pending calls return.
func NewHanging() *Hanging { return &Hanging{release: make(chan struct{})} }

// Release lets every pending and later call return ErrUnavailable.
func (k *Hanging) Release() { close(k.release) }

func (k *Hanging) wait() error {
	<-k.release
	return ErrUnavailable
}

// Get blocks until Release.
func (k *Hanging) Get(string, string) (string, error) { return "", k.wait() }

// Set blocks until Release.
func (k *Hanging) Set(string, string, string) error { return k.wait() }

// Delete blocks until Release.
func (k *Hanging) Delete(string, string) error { return k.wait() }
