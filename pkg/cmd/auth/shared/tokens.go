package shared

import (
	"fmt"
	"strconv"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
	"github.com/supctl/supctl/pkg/support"
	"github.com/supctl/supctl/pkg/tableprinter"
	"github.com/supctl/supctl/pkg/text"
)

// TokenFields are the JSON fields of a token list: never the token or its
// hash.
var TokenFields = []string{"id", "user", "label", "created_at", "last_used_at", "expires_at", "current"}

// TokenJSONHelp documents what the JSON fields of a token list hold.
const TokenJSONHelp = `With --json, each token is an object: "id" (to revoke it by), "user" (its
owner's email), "label", "created_at", "last_used_at" (to within a minute;
null if never used), "expires_at" (null for never) and "current" (true for
the token this command was run with). Times are RFC 3339 in UTC. The token
itself and its hash are never shown.`

// LifetimeHelp explains the values --expires takes.
const LifetimeHelp = "how long the token works: days such as `90d`, or a duration such as 720h (default: until revoked)"

// ParseLifetime reads an --expires value into an expiry instant from now;
// an empty value is no expiry.
func ParseLifetime(value string, now time.Time) (*time.Time, error) {
	if value == "" {
		return nil, nil
	}
	d, err := support.ParseLifetime(value)
	if err != nil {
		return nil, cmdutil.UsageErrorf("--expires: %v", err)
	}
	at := now.Add(d).UTC().Truncate(time.Second)
	return &at, nil
}

// PrintTokens shows a token list: a table on a terminal, with how many
// live tokens the user holds of how many they may on stderr; tab-separated
// rows when piped. An empty list prints none, on a terminal, on stderr.
func PrintTokens(ios *iostreams.IOStreams, now time.Time, list api.TokenList, none string) error {
	cs := ios.ColorScheme()
	if len(list.Tokens) == 0 {
		if ios.IsStderrTTY() {
			fmt.Fprintln(ios.ErrOut, none)
		}
		return nil
	}
	owner := list.Tokens[0].User
	tp := tableprinter.NewWithColumns(ios,
		tableprinter.Column{Header: "ID"},
		tableprinter.Column{Header: "LABEL", Truncate: true},
		tableprinter.Column{Header: "CREATED", ShortenRank: 10, DropRank: 20},
		tableprinter.Column{Header: "LAST USED", ShortenRank: 10},
		tableprinter.Column{Header: "EXPIRES", ShortenRank: 10, Shorten: text.CompactTimes},
		tableprinter.Column{},
	)
	expired := 0
	for _, t := range list.Tokens {
		tp.AddField(strconv.FormatInt(t.ID, 10))
		tp.AddField(t.Label)
		tp.AddTimeField(now, t.CreatedAt)
		switch {
		case t.LastUsedAt != nil:
			tp.AddTimeField(now, *t.LastUsedAt)
		case ios.IsStdoutTTY():
			tp.AddField("never", tableprinter.WithColor(cs.Muted))
		default:
			tp.AddField("")
		}
		switch {
		case t.ExpiresAt == nil && ios.IsStdoutTTY():
			tp.AddField("never", tableprinter.WithColor(cs.Muted))
		case t.ExpiresAt == nil:
			tp.AddField("")
		case t.Expired(now):
			expired++
			if ios.IsStdoutTTY() {
				tp.AddField("expired "+text.RelativeTime(now, *t.ExpiresAt), tableprinter.WithColor(cs.Danger))
			} else {
				tp.AddTimeField(now, *t.ExpiresAt)
			}
		default:
			tp.AddTimeField(now, *t.ExpiresAt)
		}
		if t.Current {
			tp.AddField("current", tableprinter.WithColor(cs.Success))
		} else {
			tp.AddField("")
		}
		tp.EndRow()
	}
	if err := tp.Render(); err != nil {
		return err
	}
	if ios.IsStderrTTY() {
		fmt.Fprintf(ios.ErrOut, "%s holds %s of at most %d", owner, text.Pluralize(list.Live, "live token"), list.Limit)
		if expired > 0 {
			fmt.Fprintf(ios.ErrOut, ", and %d expired", expired)
		}
		fmt.Fprintln(ios.ErrOut)
	}
	return nil
}

// ParseTokenID reads a token id argument.
func ParseTokenID(arg string) (int64, error) {
	id, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || id <= 0 {
		return 0, cmdutil.UsageErrorf("invalid token id %q: ids are positive integers, as `supctl auth token list` shows them", arg)
	}
	return id, nil
}

// PrintIssued prints a new token alone on stdout, for pipes, and what was
// issued on stderr, its expiry as when words it.
func PrintIssued(ios *iostreams.IOStreams, issued api.IssuedToken, when func(time.Time) string) {
	what := fmt.Sprintf("issued token %d for %s", issued.TokenID, issued.User.Email)
	if issued.ExpiresAt != nil {
		what += ", valid until " + when(*issued.ExpiresAt)
	}
	fmt.Fprintln(ios.Out, issued.Token)
	fmt.Fprintf(ios.ErrOut, "%s %s; the token above is shown only once\n", ios.ColorScheme().SuccessIcon(), what)
}
