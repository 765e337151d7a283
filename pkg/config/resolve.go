package config

import (
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/pflag"
	"github.com/spf13/viper"
)

// Source says where an effective value came from.
type Source string

const (
	SourceUnset   Source = "unset"   // no value anywhere
	SourceDefault Source = "default" // the built-in demo profile
	SourceFile    Source = "file"
	SourceEnv     Source = "env"
	SourceFlag    Source = "flag"
)

// Resolution is the active profile with the environment and flags applied,
// and where each value came from.
type Resolution struct {
	Profile Profile
	// Sources maps "name" and every key in Keys to its source.
	Sources map[string]Source
}

// EnvVar is the environment variable that overrides key, e.g. SUPCTL_API_URL.
func EnvVar(key string) string { return "SUPCTL_" + strings.ToUpper(key) }

// envValue is the environment's override of key; blank counts as unset.
func (c *Config) envValue(key string) string {
	return strings.TrimSpace(c.getenv(EnvVar(key)))
}

// BindFlag makes flag, when set, override key of the active profile.
func (c *Config) BindFlag(key string, flag *pflag.Flag) {
	if !slices.Contains(Keys, key) {
		panic(fmt.Sprintf("config: BindFlag of unknown key %q", key))
	}
	c.flags[key] = flag
}

// ActiveName is the profile in use and what chose it: the --profile flag,
// else SUPCTL_PROFILE, else the file's current_profile, else demo.
func (c *Config) ActiveName() (string, Source) {
	env := strings.TrimSpace(c.getenv("SUPCTL_PROFILE"))
	switch {
	case c.flagProfile != "":
		return c.flagProfile, SourceFlag
	case env != "":
		return env, SourceEnv
	case c.file.CurrentProfile != "":
		return c.file.CurrentProfile, SourceFile
	}
	return DemoName, SourceDefault
}

// Active is the active profile with the environment and flags applied.
func (c *Config) Active() (Profile, error) {
	r, err := c.Resolve()
	return r.Profile, err
}

// ActiveForConnection is the active profile, as Active, once its api_url
// is checked: the profile a command connects with. A bad api_url (one
// edited by hand in the file, or given in SUPCTL_API_URL) is an
// *APIURLError naming where it comes from and how to fix it.
func (c *Config) ActiveForConnection() (Profile, error) {
	r, err := c.Resolve()
	if err != nil {
		return Profile{}, err
	}
	p := r.Profile
	if p.IsEmbedded() {
		return p, nil
	}
	problem, meant := apiURLProblem(p.APIURL)
	if p.APIURL == "" {
		problem = "the profile has none"
	}
	if problem == "" {
		return p, nil
	}
	return p, &APIURLError{Profile: p.Name, Value: p.APIURL, Problem: problem, Meant: meant, Source: r.Sources["api_url"], Path: c.path}
}

// Resolve applies file < environment < flags to the active profile.
//
// Viper's own precedence is flag > config > default, and it reads the
// environment only through os.LookupEnv; so the stored profile is given as
// defaults and the environment (read through getenv, which tests replace)
// as the config layer.
func (c *Config) Resolve() (Resolution, error) {
	name, nameSource := c.ActiveName()
	stored, err := c.Profile(name)
	if err != nil {
		return Resolution{}, err
	}
	v := viper.New()
	env := map[string]any{}
	for _, k := range Keys {
		if k == "queues" {
			v.SetDefault(k, stored.Queues)
		} else {
			v.SetDefault(k, stored.Get(k))
		}
		if val := c.envValue(k); val != "" {
			// A flag that is set wins, and is checked as a flag.
			if f := c.flags[k]; f == nil || !f.Changed {
				if err := c.checkEnv(name, k, val); err != nil {
					return Resolution{}, err
				}
			}
			env[k] = val
		}
		if f := c.flags[k]; f != nil {
			if err := v.BindPFlag(k, f); err != nil {
				return Resolution{}, err
			}
		}
	}
	if err := v.MergeConfigMap(env); err != nil {
		return Resolution{}, err
	}
	r := Resolution{Profile: Profile{Name: name}, Sources: map[string]Source{"name": nameSource}}
	for _, k := range Keys {
		if k == "queues" {
			r.Profile.Queues = splitEach(v.GetStringSlice(k))
		} else {
			*r.Profile.field(k) = v.GetString(k)
		}
		r.Sources[k] = c.source(name, k, stored)
	}
	return r, nil
}

// checkEnv checks an environment value the way the flag or `profile set`
// would. A bad SUPCTL_API_URL is left to ActiveForConnection, which names
// it with its fix.
func (c *Config) checkEnv(profile, key, value string) error {
	var err error
	switch key {
	case "api_url":
		return nil
	case "handoff_to":
		err = c.checkHandoff(profile, value)
	default:
		err = checkValue(key, value)
	}
	if err != nil {
		return &EnvError{Var: EnvVar(key), Value: value, Err: err}
	}
	return nil
}

// splitEach splits comma-separated items: the environment gives queues as
// one string.
func splitEach(items []string) []string {
	return splitList(strings.Join(items, ","))
}

// ResolveStored is the named profile as stored, with where each value
// comes from: the file or the built-in demo. Overrides apply only to the
// active profile, so none appear here.
func (c *Config) ResolveStored(name string) (Resolution, error) {
	stored, err := c.Profile(name)
	if err != nil {
		return Resolution{}, err
	}
	r := Resolution{Profile: stored, Sources: map[string]Source{"name": SourceDefault}}
	if _, ok := c.file.Profiles[name]; ok {
		r.Sources["name"] = SourceFile
	}
	for _, k := range Keys {
		r.Sources[k] = c.storedSource(name, k, stored)
	}
	return r, nil
}

func (c *Config) source(name, key string, stored Profile) Source {
	if f := c.flags[key]; f != nil && f.Changed {
		return SourceFlag
	}
	if c.envValue(key) != "" {
		return SourceEnv
	}
	return c.storedSource(name, key, stored)
}

func (c *Config) storedSource(name, key string, stored Profile) Source {
	if p, ok := c.file.Profiles[name]; ok && p.Get(key) != "" {
		return SourceFile
	}
	if stored.Get(key) != "" {
		return SourceDefault
	}
	return SourceUnset
}
