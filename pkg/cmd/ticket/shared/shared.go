// Package shared holds what several ticket commands use: id parsing, the
// JSON fields of a ticket, body input and the header block of a ticket.
package shared

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/text"
)

// TicketFields are the JSON fields of a ticket, as the API names them.
var TicketFields = []string{
	"id", "subject", "description", "status", "severity", "division", "region", "language",
	"channel", "requester_kind", "requester_name", "requester_email", "account_id", "account_name",
	"assignee", "assigned_at", "tier", "tam", "product_version", "environment", "tags", "next_breach", "version",
	"created_at", "updated_at",
}

// ParseID reads a ticket id: "1042" or "#1042".
func ParseID(arg string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(arg, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, cmdutil.UsageErrorf("invalid ticket id %q: ticket ids are positive numbers, e.g. 1042", arg)
	}
	return id, nil
}

// ReadBody returns the text of --body, or of --body-file (a path, or "-"
// for standard input). Exactly one must be given.
func ReadBody(ios *iostreams.IOStreams, body, bodyFile string, bodySet bool) (string, error) {
	switch {
	case bodySet && bodyFile != "":
		return "", cmdutil.UsageErrorf("give --body or --body-file, not both")
	case bodySet:
		return body, nil
	case bodyFile == "-":
		b, err := io.ReadAll(ios.In)
		if err != nil {
			return "", cmdutil.Errorf("cannot read the body from standard input: %v", err)
		}
		return string(b), nil
	case bodyFile != "":
		b, err := os.ReadFile(bodyFile)
		if err != nil {
			return "", cmdutil.UsageErrorf("cannot read --body-file: %v", err)
		}
		return string(b), nil
	}
	return "", nil
}

// EnumFlag is the values given to a flag whose values are enumerated.
type EnumFlag struct {
	Flag   string
	Enum   support.Enum
	Values []string
}

// CheckEnumFlags fails with a usage error on the first value that is not
// allowed, listing the allowed ones. Empty values pass: they mean unset.
// Values are matched as cmdutil.CanonicalEnum does and replaced in place
// by their canonical form: "s1" becomes S1.
func CheckEnumFlags(flags ...EnumFlag) error {
	for _, f := range flags {
		for i, v := range f.Values {
			if v == "" {
				continue
			}
			c, ok := cmdutil.CanonicalEnum(f.Enum, v)
			if !ok {
				return cmdutil.UsageErrorf("invalid --%s %q: valid values are %s", f.Flag, v, strings.Join(f.Enum.Values(), ", "))
			}
			f.Values[i] = c
		}
	}
	return nil
}

// Printable is t with its free-text fields made safe to print on a
// terminal (see text.Safe): customers write them.
func Printable(t support.Ticket) support.Ticket {
	for _, f := range []*string{&t.Subject, &t.Description, &t.AccountName, &t.RequesterName, &t.RequesterEmail,
		&t.ProductVersion, &t.Environment, &t.TAM} {
		*f = text.Safe(*f)
	}
	t.Tags = slices.Clone(t.Tags)
	for i := range t.Tags {
		t.Tags[i] = text.Safe(t.Tags[i])
	}
	return t
}

// Ref is how a ticket is named in messages: "#1042".
func Ref(id int64) string { return fmt.Sprintf("#%d", id) }

// IDField is how a ticket id shows in a table: "#1042" on a terminal, the
// bare number when piped.
func IDField(ios *iostreams.IOStreams, id int64) string {
	if ios.IsStdoutTTY() {
		return Ref(id)
	}
	return strconv.FormatInt(id, 10)
}

// AssigneeField shows an unassigned ticket as "-" on a terminal and as an
// empty field when piped.
func AssigneeField(ios *iostreams.IOStreams, assignee string) string {
	if assignee == "" && ios.IsStdoutTTY() {
		return "-"
	}
	return assignee
}

// CompleteTicketIDs completes a ticket id argument from the profile's
// completion cache: the user's open tickets, then recent ones.
func CompleteTicketIDs(f *cmdutil.Factory) cobra.CompletionFunc {
	return Live(f).Tickets(completion.AnyTicket)
}

// Live completes values from the active profile's completion cache, which
// a background refresh keeps; a Tab sends no request.
func Live(f *cmdutil.Factory) completion.Live {
	return completion.Live{
		Cache:   f.CompletionCache,
		Now:     f.Now,
		Refresh: completion.SpawnRefresh(config.CacheDir(os.Getenv)),
	}
}

// ProfileQueues are the active profile's queues, for completion.
func ProfileQueues(f *cmdutil.Factory) func() []string {
	return func() []string {
		cfg, err := f.Config()
		if err != nil {
			return nil
		}
		p, err := cfg.Active()
		if err != nil {
			return nil
		}
		return p.Queues
	}
}

// Remember feeds tickets a command showed into the completion cache; a
// cache that cannot be written only makes completion poorer.
func Remember(cache func() (*completion.Cache, error), tickets ...support.Ticket) {
	if cache == nil {
		return
	}
	if c, err := cache(); err == nil {
		_ = c.RememberRecent(tickets[:min(len(tickets), 20)])
	}
}

// BreachField shows an SLA breach instant in a table: on a terminal the
// time left ("in 3 hours", "breached 20 minutes ago") coloured by risk,
// piped the instant in RFC 3339; no instant is "-" or empty.
func BreachField(ios *iostreams.IOStreams, now time.Time, at *time.Time) (string, func(string) string) {
	cs := ios.ColorScheme()
	plain := func(s string) string { return s }
	switch {
	case at == nil && ios.IsStdoutTTY():
		return "-", cs.Muted
	case at == nil:
		return "", plain
	case !ios.IsStdoutTTY():
		return at.UTC().Format(time.RFC3339), plain
	}
	left := at.Sub(now)
	switch {
	case left <= 0:
		return "breached " + text.RelativeTime(now, *at), cs.Danger
	case left < time.Hour:
		return text.RelativeTime(now, *at), cs.Danger
	case left < 4*time.Hour:
		return text.RelativeTime(now, *at), cs.Warning
	}
	return text.RelativeTime(now, *at), plain
}
