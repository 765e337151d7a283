// Package factory builds the Factory the real binary runs with.
package factory

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/embedded"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/store/sqlite"
)

// New returns the Factory for the process and a func that releases what it
// opened (the embedded database).
func New(appVersion string, ios *iostreams.IOStreams) (*cmdutil.Factory, func()) {
	f := &cmdutil.Factory{
		AppVersion: appVersion,
		IOStreams:  ios,
		Now:        time.Now,
		Editor:     cmdutil.SystemEditor(ios, os.Getenv),
		Prompter:   newPrompter(ios),
	}
	var closers []func() error
	f.Config = sync.OnceValues(func() (*config.Config, error) {
		return config.Load(config.LoadOptions{Profile: f.Profile, Warnings: ios.ErrOut})
	})
	f.APIClient = sync.OnceValues(func() (*api.Client, error) { return newClient(f, false, &closers) })
	f.ReadOnlyAPIClient = sync.OnceValues(func() (*api.Client, error) { return newClient(f, true, &closers) })
	f.CompletionCache = sync.OnceValues(func() (*completion.Cache, error) {
		cfg, err := f.Config()
		if err != nil {
			return nil, err
		}
		name, _ := cfg.ActiveName()
		return completion.New(config.CacheDir(os.Getenv), name), nil
	})
	return f, func() {
		for _, c := range closers {
			_ = c()
		}
	}
}

// embeddedError says why the embedded database of a profile cannot be
// opened, and what to do: rebuild or restore a damaged or emptied file,
// or give the data directory the right permissions.
func embeddedError(profile string, err error) error {
	e := &cmdutil.Error{Code: cmdutil.ExitError, Message: fmt.Sprintf("cannot open the embedded database of profile %s: %v", profile, err)}
	switch {
	case errors.Is(err, embedded.ErrInterrupted):
		e.Code = cmdutil.ExitInterrupted
		return e
	case errors.Is(err, embedded.ErrEmpty):
		path := filepath.Join(config.DataDir(os.Getenv), profile+".db")
		return e.WithHint("%s", embedded.Advice(path, profile == config.DemoName))
	case sqlite.IsDamaged(err):
		path := filepath.Join(config.DataDir(os.Getenv), profile+".db")
		return e.WithHint("the file is damaged; %s", embedded.Advice(path, profile == config.DemoName))
	}
	return e.WithHint("check that the data directory is writable, or set XDG_DATA_HOME to one that is")
}

// newClient is the API client of the active profile. In embedded mode it
// opens the profile's database, read-only when asked; remote profiles need
// a token bound to their api_url (see cmdutil.ProfileToken). The read-only
// client of shell completion writes nothing, not even a warning.
func newClient(f *cmdutil.Factory, readOnly bool, closers *[]func() error) (*api.Client, error) {
	cfg, err := f.Config()
	if err != nil {
		return nil, err
	}
	p, err := cfg.ActiveForConnection()
	if err != nil {
		return nil, err
	}
	if p.IsEmbedded() {
		if p.User == "" {
			return nil, cmdutil.UsageErrorf("profile %s names no user to act as in its embedded database", p.Name).
				WithHint("run `supctl -P %s profile set user EMAIL`: the first user becomes its admin", p.Name)
		}
		b, err := embedded.Open(context.Background(), embedded.Options{
			Path:     config.DatabasePath(os.Getenv, p),
			User:     p.User,
			Demo:     p.UsesDemoData(),
			ReadOnly: readOnly,
			Now:      f.Now,
		})
		if err != nil {
			return nil, embeddedError(p.Name, err)
		}
		*closers = append(*closers, b.Close)
		return api.New(embedded.BaseURL, b.Client(), "").WithProfile(p.Name), nil
	}
	var notices io.Writer = f.IOStreams.ErrOut
	if readOnly {
		notices = nil
	}
	cr, err := cmdutil.ProfileToken(cfg, p, notices, !readOnly)
	if err != nil {
		return nil, err
	}
	timeout, err := requestTimeout(f.Timeout, p)
	if err != nil {
		return nil, err
	}
	hc := &http.Client{Timeout: timeout}
	return api.New(p.APIURL, hc, cr.Token).WithProfile(p.Name), nil
}

// requestTimeout bounds one call to a remote backend: the --timeout flag,
// else the profile's timeout (which SUPCTL_TIMEOUT overrides), else
// config.DefaultTimeout.
func requestTimeout(flag time.Duration, p config.Profile) (time.Duration, error) {
	switch {
	case flag < 0:
		return 0, cmdutil.UsageErrorf("invalid --timeout %s: use a positive duration such as 10s or 2m", flag)
	case flag > 0:
		return flag, nil
	case p.Timeout == "":
		return config.DefaultTimeout, nil
	}
	// An invalid SUPCTL_TIMEOUT is refused when the config loads; one in
	// the file is found here.
	d, err := config.ParseTimeout(p.Timeout)
	if err != nil {
		return 0, cmdutil.UsageErrorf("the timeout of profile %s: %v", p.Name, err)
	}
	return d, nil
}
