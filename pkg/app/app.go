// Package app is the supctl process: it builds the Factory and the command
// tree, runs the command and turns its error into a message and an exit
// code (`supctl help exit-codes`).
package app

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/build"
	"github.com/supctl/supctl/pkg/cmd/factory"
	"github.com/supctl/supctl/pkg/cmd/root"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// Main runs supctl with the process's arguments and returns its exit code.
func Main() cmdutil.ExitCode {
	ios := iostreams.System()
	f, cleanup := factory.New(build.Get().Version, ios)
	defer cleanup()

	// No signal handler here: Ctrl-C ends a command the default way, which
	// the shell reports as 130, and SQLite rolls back any transaction it
	// cut short. `supctl serve` catches SIGINT and SIGTERM to drain.
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs(cmdutil.NormalizeJSONArgs(os.Args[1:]))
	return Report(ios.ErrOut, cmd.ExecuteContext(context.Background()))
}

// Report prints err (a line, and a hint line when there is one) and returns
// its exit code.
func Report(w io.Writer, err error) cmdutil.ExitCode {
	if err == nil {
		return cmdutil.ExitOK
	}
	if errors.Is(err, cmdutil.ErrSilent) {
		return cmdutil.ExitError
	}
	code, hint := classify(err)
	fmt.Fprintln(w, "error: "+firstLine(err.Error()))
	if hint != "" {
		fmt.Fprintln(w, "hint: "+hint)
	}
	return code
}

// classify picks the exit code and hint of err. A command that wrapped
// the error with its own code or hint has the last word; otherwise they
// follow from what went wrong: an API answer, an unreachable backend, a
// config or cobra error.
func classify(err error) (cmdutil.ExitCode, string) {
	code, hint := classifyCause(err)
	if chosen := cmdutil.ExitCoder(nil); errors.As(err, &chosen) {
		code = chosen.ExitCode()
	}
	return code, cmp.Or(cmdutil.HintOf(err), hint)
}

func classifyCause(err error) (cmdutil.ExitCode, string) {
	var httpErr *api.HTTPError
	var transport *api.TransportError
	var redirect *api.RedirectError
	var unexpected *api.UnexpectedResponseError
	var coded interface{ Code() int }
	switch {
	case errors.As(err, &httpErr):
		return httpCode(httpErr)
	case errors.As(err, &redirect):
		return cmdutil.ExitUnavailable, redirectHint(redirect)
	case errors.As(err, &unexpected):
		return cmdutil.ExitUnavailable, "is the api_url" + ofProfile(unexpected.Profile) + " a supctl server? check it with `supctl profile show`"
	case errors.As(err, &transport) && transport.TimedOut():
		return cmdutil.ExitUnavailable, timeoutHint(transport)
	case errors.As(err, &transport):
		if transport.Profile != "" {
			return cmdutil.ExitUnavailable, fmt.Sprintf("is the server running? check the api_url of profile %s with `supctl profile show %s`", transport.Profile, transport.Profile)
		}
		return cmdutil.ExitUnavailable, ""
	case errors.As(err, &coded):
		return cmdutil.ExitCode(coded.Code()), ""
	case isCobraUsageError(err):
		return cmdutil.ExitUsage, "see `supctl --help` or the command's --help"
	}
	return cmdutil.ExitError, ""
}

// timeoutHint says what a timed-out request may have done and what to do:
// a read can be given longer; a write may have been applied, so it says
// whether sending it again is safe. Commands whose writes the server
// deduplicates wrap the error with the exact command to retry.
func timeoutHint(e *api.TransportError) string {
	longer := "if the server is only slow, give it longer with --timeout, SUPCTL_TIMEOUT or the profile's timeout setting"
	if !e.IsWrite() {
		return longer
	}
	if e.SafeRetry != "" {
		return "the change may have been made; " + e.SafeRetry
	}
	return "the change may have been made: check before you run the command again; " + longer
}

// redirectHint suggests the redirect's target as the profile's api_url
// when it is another server: an http:// address behind a proxy that sends
// everything to https:// is the usual case.
func redirectHint(e *api.RedirectError) string {
	target := e.TargetOrigin()
	from, _ := api.OriginOf(e.URL)
	if target == "" || target == from {
		return "check the api_url" + ofProfile(e.Profile) + " with `supctl profile show`"
	}
	cmd := "supctl profile set api_url " + api.ShortOrigin(target)
	if e.Profile != "" {
		cmd = "supctl -P " + e.Profile + " profile set api_url " + api.ShortOrigin(target)
	}
	return "if the API moved there, run `" + cmd + "`"
}

func ofProfile(name string) string {
	if name == "" {
		return ""
	}
	return " of profile " + name
}

// problemStorageFull is the problem type of a write the server could not
// keep for want of storage (507).
const problemStorageFull = "urn:supctl:problem:storage-full"

func httpCode(e *api.HTTPError) (cmdutil.ExitCode, string) {
	if e.Problem.Type == "" {
		// Not a supctl server, or a proxy in front of one that failed.
		return cmdutil.ExitUnavailable, "is the profile's api_url a supctl server? check it with `supctl profile show`"
	}
	if e.Problem.Type == problemStorageFull {
		// Not a usage error and not unreachable: the server answered, and
		// trying again will fail the same way until someone frees space.
		return cmdutil.ExitError, "the server's disk is full, so nothing was saved: ask the server's operator to free space, then run the command again"
	}
	switch e.StatusCode {
	case http.StatusBadRequest, http.StatusUnprocessableEntity, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType:
		return cmdutil.ExitUsage, ""
	case http.StatusUnauthorized:
		if e.Problem.Type == api.ProblemUnknownUser {
			return cmdutil.ExitAuth, "run `supctl profile set user EMAIL`, or set SUPCTL_USER, to the email of a user of that database"
		}
		if e.Problem.Type == api.ProblemTokenExpired {
			return cmdutil.ExitAuth, "log in again with a new token: `supctl auth login` (an administrator issues one with `supctl admin token create`)"
		}
		return cmdutil.ExitAuth, "run `supctl auth login` to sign in again"
	case http.StatusForbidden:
		return cmdutil.ExitAuth, ""
	case http.StatusNotFound:
		return cmdutil.ExitNotFound, ""
	case http.StatusConflict, http.StatusPreconditionFailed:
		return cmdutil.ExitConflict, ""
	case http.StatusServiceUnavailable, http.StatusGatewayTimeout, http.StatusBadGateway:
		return cmdutil.ExitUnavailable, ""
	}
	return cmdutil.ExitError, ""
}

// isCobraUsageError recognises the argument errors cobra raises itself.
func isCobraUsageError(err error) bool {
	msg := err.Error()
	for _, prefix := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "flag needs an argument", "invalid argument", "accepts ", "requires at least", "requires at most", "required flag", "if any flags in the group"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
