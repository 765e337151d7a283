package store

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"time"
)

// Options are what every backend is opened with.
type Options struct {
	// Now is the source of every timestamp the store writes; time.Now
	// when nil.
	Now func() time.Time
	// Log receives what the backend repaired or noticed; nil discards.
	Log *slog.Logger
	// ReadOnly opens an existing, migrated database without the right to
	// change it.
	ReadOnly bool
}

// Opener opens the database a URL of its scheme names.
type Opener func(ctx context.Context, url string, o Options) (Store, error)

type backend struct {
	form string // how its URLs look, for messages
	open Opener
}

var (
	mu       sync.Mutex
	backends = map[string]backend{}
)

// Register makes a backend available to Open under scheme, such as
// "sqlite" or "postgres"; form shows its URLs, such as "sqlite:PATH". A
// backend registers itself when imported.
func Register(scheme, form string, open Opener) {
	mu.Lock()
	defer mu.Unlock()
	backends[scheme] = backend{form, open}
}

// Open opens the store a URL names, by its scheme: sqlite:PATH,
// postgres://HOST/DB. The scheme's backend must be imported.
func Open(ctx context.Context, url string, o Options) (Store, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	scheme, _, ok := strings.Cut(url, ":")
	mu.Lock()
	b, known := backends[scheme]
	mu.Unlock()
	if !ok || !known {
		return nil, fmt.Errorf("unknown database %q: use %s", url, strings.Join(Forms(), " or "))
	}
	return b.open(ctx, url, o)
}

// Forms lists the URL forms Open takes, such as "sqlite:PATH".
func Forms() []string {
	mu.Lock()
	defer mu.Unlock()
	var out []string
	for _, b := range backends {
		out = append(out, b.form)
	}
	slices.Sort(out)
	return out
}
