package config

import (
	"fmt"
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
