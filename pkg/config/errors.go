package config

import (
	"cmp"
	"fmt"
	"io/fs"
	"strings"
)

// The errors below carry Code() instead of cmdutil's ExitCode() because
// cmdutil imports this package; the caller maps Code() to the exit status.
// Every one is bad input: exit 2.

// ParseError is a config or credentials file that cannot be read as one.
type ParseError struct {
	Path string
	Line int // 0 when unknown
	Msg  string
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("invalid config file %s: line %d: %s", e.Path, e.Line, e.Msg)
	}
	return fmt.Sprintf("invalid config file %s: %s", e.Path, e.Msg)
}

// Code is the exit status: usage or invalid input.
func (e *ParseError) Code() int { return 2 }

// MissingFileError is a config file that SUPCTL_CONFIG names and that does
// not exist.
type MissingFileError struct{ Path string }

func (e *MissingFileError) Error() string {
	return fmt.Sprintf("config file %s (SUPCTL_CONFIG) does not exist", e.Path)
}

// Code is the exit status: usage or invalid input.
func (e *MissingFileError) Code() int { return 2 }

// Hint says how to fix it.
func (e *MissingFileError) Hint() string {
	return "check SUPCTL_CONFIG, unset it to use the default config, or create the file with `supctl profile add NAME ...`"
}

// EnvError is an environment variable whose value a flag would refuse.
type EnvError struct {
	Var, Value string
	Err        error
}

func (e *EnvError) Error() string {
	return fmt.Sprintf("invalid %s=%s: %v", e.Var, e.Value, e.Err)
}

func (e *EnvError) Unwrap() error { return e.Err }

// Code is the exit status: usage or invalid input.
func (e *EnvError) Code() int { return 2 }

// Hint says how to fix it.
func (e *EnvError) Hint() string { return fmt.Sprintf("fix %s or unset it", e.Var) }

// UnknownProfileError names a profile that is neither in the file nor built in.
type UnknownProfileError struct {
	Name  string
	Known []string
}

func (e *UnknownProfileError) Error() string {
	return fmt.Sprintf("unknown profile %q; known profiles: %s", e.Name, strings.Join(e.Known, ", "))
}

// Code is the exit status: usage or invalid input.
func (e *UnknownProfileError) Code() int { return 2 }

// InputError is a change the config refuses: an invalid value or name, or a
// profile that already exists.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Code is the exit status: usage or invalid input.
func (e *InputError) Code() int { return 2 }

// CredentialsModeError is a credentials file that others may read and
// that cannot be made private: its tokens are not used.
type CredentialsModeError struct {
	Path string
	Mode fs.FileMode
	Err  error
}

func (e *CredentialsModeError) Error() string {
	return fmt.Sprintf("credentials file %s can be read by other users (mode %04o) and cannot be made private: %v", e.Path, e.Mode, e.Err)
}

func (e *CredentialsModeError) Unwrap() error { return e.Err }

// Code is the exit status: not authenticated, as its tokens are not used.
func (e *CredentialsModeError) Code() int { return 4 }

// Hint says how to fix it.
func (e *CredentialsModeError) Hint() string {
	return fmt.Sprintf("make it private with `chmod 600 %s` as its owner, then check who may have read it", e.Path)
}

// APIURLError is an api_url that a command cannot connect with, and where
// it comes from: the config file or SUPCTL_API_URL.
type APIURLError struct {
	Profile string
	Value   string
	Problem string // what is wrong
	Meant   string // the api_url probably meant; "" when unclear
	Source  Source
	Path    string // the config file
}

func (e *APIURLError) Error() string {
	if e.Source == SourceEnv {
		return fmt.Sprintf("invalid SUPCTL_API_URL %q (profile %s): %s", e.Value, e.Profile, e.Problem)
	}
	return fmt.Sprintf("invalid api_url %q in profile %s (%s): %s", e.Value, e.Profile, e.Path, e.Problem)
}

// Code is the exit status: invalid input.
func (e *APIURLError) Code() int { return 2 }

// Hint says how to fix it.
func (e *APIURLError) Hint() string {
	url := cmp.Or(e.Meant, "https://HOST[:PORT]")
	if e.Source == SourceEnv {
		return fmt.Sprintf("set SUPCTL_API_URL=%s, or unset it", url)
	}
	return fmt.Sprintf("fix it with `supctl -P %s profile set api_url %s`", e.Profile, url)
}
