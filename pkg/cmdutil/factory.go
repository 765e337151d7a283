// Package cmdutil holds what every command shares: the Factory that hands
// out its dependencies, typed errors with exit codes, and the output flags.
package cmdutil

import (
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// Factory hands a command its dependencies. Everything costly is a func
// called on first use, so --help, --version and completion never read the
// config, a token, a database or the network.
type Factory struct {
	AppVersion string
	IOStreams  *iostreams.IOStreams
	// Profile is the --profile flag; empty when it was not given.
	Profile string
	// Timeout is the --timeout flag; zero when it was not given.
	Timeout time.Duration
	// Config loads the config file and resolves the active profile.
	Config func() (*config.Config, error)
	// APIClient talks to the active profile's backend: over HTTP, or to the
	// server running in-process when the profile's api_url is "embedded".
	APIClient func() (*api.Client, error)
	// ReadOnlyAPIClient is APIClient for shell completion: in embedded mode
	// it opens the database read-only and never creates it.
	ReadOnlyAPIClient func() (*api.Client, error)
	// CompletionCache is the active profile's completion cache; commands
	// that read tickets feed it.
	CompletionCache func() (*completion.Cache, error)
	// Now is the clock; tests pin it.
	Now func() time.Time
	// Editor lets the user write a text in their editor; tests fake it.
	Editor Editor
	// Prompter asks the user questions; tests give a prompttest.Prompter.
	Prompter Prompter
}
