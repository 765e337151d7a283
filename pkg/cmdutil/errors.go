package cmdutil

import (
	"errors"
	"fmt"
)

// ExitCode is the process exit status; `supctl help exit-codes` documents each.
type ExitCode int

const (
	ExitOK          ExitCode = 0
	ExitError       ExitCode = 1
	ExitUsage       ExitCode = 2 // usage error or invalid input
	ExitNotFound    ExitCode = 3
	ExitAuth        ExitCode = 4 // not authenticated or not allowed
	ExitConflict    ExitCode = 5 // claim lost, stale update
	ExitUnavailable ExitCode = 6 // backend unreachable or timed out
	ExitInterrupted ExitCode = 130
)

// ExitCoder is implemented by errors that choose their exit code.
type ExitCoder interface{ ExitCode() ExitCode }

// Hinter is implemented by errors that carry a line telling how to fix them.
type Hinter interface{ Hint() string }

// Error is an error with an exit code and an optional hint line.
type Error struct {
	Code    ExitCode
	Message string
	HintMsg string
	Err     error
}

func (e *Error) Error() string {
	if e.Message == "" && e.Err != nil {
		return e.Err.Error()
	}
	return e.Message
}
func (e *Error) Unwrap() error      { return e.Err }
func (e *Error) ExitCode() ExitCode { return e.Code }
func (e *Error) Hint() string       { return e.HintMsg }

// WithHint returns a copy of e with a hint line.
func (e *Error) WithHint(format string, args ...any) *Error {
	c := *e
	c.HintMsg = fmt.Sprintf(format, args...)
	return &c
}

// UsageErrorf is bad input on the command line: exit 2.
func UsageErrorf(format string, args ...any) *Error {
	return &Error{Code: ExitUsage, Message: fmt.Sprintf(format, args...)}
}

// NotFoundErrorf is a thing that does not exist: exit 3.
func NotFoundErrorf(format string, args ...any) *Error {
	return &Error{Code: ExitNotFound, Message: fmt.Sprintf(format, args...)}
}

// Errorf is any other failure: exit 1.
func Errorf(format string, args ...any) *Error {
	return &Error{Code: ExitError, Message: fmt.Sprintf(format, args...)}
}

// ErrSilent ends a command with exit 1 after it has printed its own message.
var ErrSilent = errors.New("silent error")

// CodeOf is the exit code for err: the code an error in its chain chose,
// else 1.
func CodeOf(err error) ExitCode {
	if err == nil {
		return ExitOK
	}
	var c ExitCoder
	if errors.As(err, &c) {
		return c.ExitCode()
	}
	return ExitError
}

// HintOf is the hint of the first error in err's chain that has one.
func HintOf(err error) string {
	var h Hinter
	if errors.As(err, &h) {
		return h.Hint()
	}
	return ""
}
