package config

import (
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/supctl/supctl/pkg/support"
)

// Profile is everything about the backend and the engineer that differs by
// region.
type Profile struct {
	Name      string   `yaml:"-" mapstructure:"-" json:"name"`
	APIURL    string   `yaml:"api_url,omitempty" mapstructure:"api_url" json:"api_url"`
	User      string   `yaml:"user,omitempty" mapstructure:"user" json:"user"`
	Region    string   `yaml:"region,omitempty" mapstructure:"region" json:"region"`
	Timezone  string   `yaml:"timezone,omitempty" mapstructure:"timezone" json:"timezone"`
	Language  string   `yaml:"language,omitempty" mapstructure:"language" json:"language"`
	Queues    []string `yaml:"queues,omitempty" mapstructure:"queues" json:"queues"`
	HandoffTo string   `yaml:"handoff_to,omitempty" mapstructure:"handoff_to" json:"handoff_to"`
	// Timeout bounds one call to a remote backend, e.g. "30s".
	Timeout string `yaml:"timeout,omitempty" mapstructure:"timeout" json:"timeout,omitempty"`
}

// Keys are the settings of a profile, in the order they are written.
var Keys = []string{"api_url", "user", "region", "timezone", "language", "queues", "handoff_to", "timeout"}

// Embedded is the api_url of the in-process server over a local database.
const Embedded = "embedded"

// DemoData is the api_url of the in-process server over the demo's
// database: a profile with it shares the demo data with the demo profile
// and every other such profile, each acting as its own user.
const DemoData = "demo"

// DemoName is the built-in profile that works with no config file at all.
const DemoName = "demo"

// Demo is the built-in profile: the embedded server filled with sample data.
func Demo() Profile {
	return Profile{
		Name:     DemoName,
		APIURL:   Embedded,
		User:     "ken@example.com",
		Region:   "apac-jp",
		Timezone: "Asia/Tokyo",
		Language: "ja",
		Queues:   []string{"apac-jp/core", "apac-jp/sql", "apac-jp/yarn", "apac-jp/spark"},
	}
}

// IsEmbedded reports whether the profile runs the server in-process.
func (p Profile) IsEmbedded() bool { return p.APIURL == Embedded || p.APIURL == DemoData }

// UsesDemoData reports whether the profile runs the in-process server over
// the demo database: the built-in demo profile, or api_url "demo".
func (p Profile) UsesDemoData() bool {
	return p.APIURL == DemoData || (p.Name == DemoName && p.APIURL == Embedded)
}

// Get returns the value of key as it is shown: queues comma-separated.
func (p Profile) Get(key string) string {
	if key == "queues" {
		return strings.Join(p.Queues, ",")
	}
	if f := p.field(key); f != nil {
		return *f
	}
	return ""
}

// field points at the string setting named key; nil for queues and unknown keys.
func (p *Profile) field(key string) *string {
	switch key {
	case "api_url":
		return &p.APIURL
	case "user":
		return &p.User
	case "region":
		return &p.Region
	case "timezone":
		return &p.Timezone
	case "language":
		return &p.Language
	case "handoff_to":
		return &p.HandoffTo
	case "timeout":
		return &p.Timeout
	}
	return nil
}

// set stores a value already checked by checkValue.
func (p *Profile) set(key, value string) {
	if key == "queues" {
		p.Queues = splitList(value)
		return
	}
	*p.field(key) = value
}

// overlay returns p with every setting that o has replacing p's.
func (p Profile) overlay(o Profile) Profile {
	for _, k := range Keys {
		if v := o.Get(k); v != "" {
			p.set(k, v)
		}
	}
	return p
}

// splitList splits a comma-separated list, dropping blanks.
func splitList(s string) []string {
	var out []string
	for part := range strings.SplitSeq(s, ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	return out
}

func checkKey(key string) error {
	if slices.Contains(Keys, key) {
		return nil
	}
	return &InputError{Msg: fmt.Sprintf("unknown key %q; valid keys: %s", key, strings.Join(Keys, ", "))}
}

// checkValue validates one setting; an empty value means "unset" and is
// allowed for every key but api_url.
func checkValue(key, value string) error {
	if value == "" {
		if key == "api_url" {
			return &InputError{Msg: "api_url cannot be empty; " + apiURLExample}
		}
		return nil
	}
	var err error
	switch key {
	case "api_url":
		err = checkAPIURL(value)
	case "region":
		err = support.Regions.Check(key, value)
	case "queues":
		for _, name := range splitList(value) {
			if _, qerr := support.ParseQueue(name); qerr != nil {
				err = fmt.Errorf("queues: %w", qerr)
				break
			}
		}
	case "language":
		err = support.Languages.Check(key, value)
	case "timezone":
		if _, lerr := time.LoadLocation(value); lerr != nil {
			err = fmt.Errorf("invalid timezone %q: use an IANA name such as Asia/Tokyo", value)
		}
	case "timeout":
		_, err = ParseTimeout(value)
	}
	if err != nil {
		return &InputError{Msg: err.Error()}
	}
	return nil
}

// DefaultTimeout bounds one call to a remote backend when neither
// --timeout, SUPCTL_TIMEOUT nor the profile's timeout says otherwise.
const DefaultTimeout = 30 * time.Second

// ParseTimeout reads a timeout setting: a positive duration such as 10s
// or 2m.
func ParseTimeout(value string) (time.Duration, error) {
	d, err := time.ParseDuration(value)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid timeout %q: use a positive duration such as 10s or 2m", value)
	}
	return d, nil
}

func checkAPIURL(value string) error {
	if value == Embedded || value == DemoData {
		return nil
	}
	if problem, _ := apiURLProblem(value); problem != "" {
		return fmt.Errorf("invalid api_url %q: %s; %s", value, problem, apiURLExample)
	}
	return nil
}

// apiURLExample is what an api_url looks like.
const apiURLExample = `use "embedded" or a server's address such as https://support.example.com`

// apiURLProblem says what is wrong with an api_url other than "embedded",
// "" when nothing is, and the api_url meant when that is clear. An
// api_url is a server's address alone: http or https, a host, an optional
// port; the client adds the /api/v1 paths itself, and a token is bound to
// that address.
func apiURLProblem(value string) (problem, meant string) {
	if strings.IndexFunc(value, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
		return "it contains a space or a control character", ""
	}
	if !strings.Contains(value, "://") {
		if value != "" && !strings.ContainsAny(value, "/?#@") {
			return "it has no scheme (http:// or https://)", guessScheme(value) + value
		}
		return "it is not a URL", ""
	}
	u, err := url.Parse(value)
	switch {
	case err != nil:
		return "it is not a URL", ""
	case u.Scheme != "http" && u.Scheme != "https":
		return "the scheme must be http or https", ""
	case u.Host == "" || u.Hostname() == "":
		return "it names no host", ""
	case u.User != nil:
		return "it holds a user name or password (log in with `supctl auth login`)", ""
	case (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return "it has a path, query or fragment; the address alone is " + u.Scheme + "://" + u.Host, u.Scheme + "://" + u.Host
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return "the port must be a number from 1 to 65535", ""
		}
	} else if strings.HasSuffix(u.Host, ":") {
		return "it has an empty port", ""
	}
	return "", ""
}

// guessScheme is the scheme an address without one most likely needs:
// http on this machine (a local `supctl serve`), https elsewhere.
func guessScheme(hostPort string) string {
	host := hostPort
	if h, _, err := net.SplitHostPort(hostPort); err == nil {
		host = h
	}
	if ip := net.ParseIP(host); host == "localhost" || (ip != nil && ip.IsLoopback()) {
		return "http://"
	}
	return "https://"
}

// Validate checks the name and every setting of a profile; api_url is
// required.
func (p Profile) Validate() error {
	if err := checkName(p.Name); err != nil {
		return err
	}
	for _, k := range Keys {
		if err := checkValue(k, p.Get(k)); err != nil {
			return err
		}
	}
	return nil
}

// nameRE is compiled on first use: start-up does no work for it.
var nameRE = lazyRegexp(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func checkName(name string) error {
	if !nameRE().MatchString(name) {
		return &InputError{Msg: fmt.Sprintf("invalid profile name %q: use letters, digits, '.', '_' and '-'", name)}
	}
	return nil
}
