package cmdutil

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/supctl/supctl/pkg/api"
)

// UncertainWriteError is a write whose answer did not come in time: the
// server may have applied it all the same. It says so, and its hint is
// how to find out or retry without doing it twice. Exit 6.
type UncertainWriteError struct {
	// Err is the *api.TransportError of the write.
	Err error
	// Applied says what may have happened: "the comment may have been posted".
	Applied string
	// Retry is the hint: the command that retries safely, or what to check.
	Retry string
}

func (e *UncertainWriteError) Error() string {
	return e.Err.Error() + ": " + e.Applied
}
func (e *UncertainWriteError) Unwrap() error      { return e.Err }
func (e *UncertainWriteError) ExitCode() ExitCode { return ExitUnavailable }
func (e *UncertainWriteError) Hint() string       { return e.Retry }

// TimedOutWrite returns the *api.TransportError in err's chain when it is a
// write whose answer did not come in time, else nil.
func TimedOutWrite(err error) *api.TransportError {
	var te *api.TransportError
	if errors.As(err, &te) && te.TimedOut() && te.IsWrite() {
		return te
	}
	return nil
}

// RetryWithKey is the hint of a timed-out write the server deduplicates:
// the command to run again with the same Idempotency-Key. does says what
// the write does: "posts the comment".
func RetryWithKey(command, does string) string {
	return fmt.Sprintf("retry with the same key, which %s at most once:\n  %s", does, command)
}

// RetryCommand is the command line that runs cmd again with args and the
// flags the user gave, except those in set, which are set as given (in
// order; an empty value drops the flag). Values are quoted for a POSIX
// shell.
func RetryCommand(cmd *cobra.Command, args []string, set ...string) string {
	replaced := map[string]bool{}
	for i := 0; i+1 < len(set); i += 2 {
		replaced[set[i]] = true
	}
	words := []string{cmd.CommandPath()}
	for _, a := range args {
		words = append(words, ShellQuote(a))
	}
	cmd.Flags().Visit(func(f *pflag.Flag) {
		if replaced[f.Name] {
			return
		}
		values := []string{f.Value.String()}
		if sv, ok := f.Value.(pflag.SliceValue); ok {
			values = sv.GetSlice()
		}
		for _, v := range values {
			if f.Value.Type() == "bool" {
				if v == "true" {
					words = append(words, "--"+f.Name)
				} else {
					words = append(words, "--"+f.Name+"=false")
				}
				continue
			}
			words = append(words, "--"+f.Name, ShellQuote(v))
		}
	})
	for i := 0; i+1 < len(set); i += 2 {
		if set[i+1] != "" {
			words = append(words, "--"+set[i], ShellQuote(set[i+1]))
		}
	}
	return strings.Join(words, " ")
}

// ShellQuote quotes s for a POSIX shell when it needs it.
func ShellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@%+=,#", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
