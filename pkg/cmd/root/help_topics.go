package root

import "github.com/spf13/cobra"

type helpTopic struct {
	name, short, long string
}

var helpTopics = []helpTopic{
	{"exit-codes", "What supctl's exit codes mean", `supctl exits with:

  0    success; an empty list is a success too
  1    an error not listed below
  2    usage error or invalid input: an unknown flag, a malformed id, a bad
       value, a malformed config file or api_url, an unknown profile
  3    not found: the ticket, account or user asked for does not exist (or
       is not visible to you); one named in what you send, such as the
       account of a new ticket, is invalid input (2)
  4    not authenticated or not allowed: no token, a revoked token, a
       stored token issued for another server than api_url, or a role
       that may not do this
  5    conflict: the ticket changed since it was read (stale update), or
       someone else claimed it first
  6    the backend cannot be reached or timed out, or what answers is not
       the supctl API: a redirect (never followed for a write, so nothing
       was written), another server's page. A write that timed out may
       have been applied: the message says so and how to retry safely
       (for a comment or a new ticket, the same --idempotency-key)
  130  interrupted (Ctrl-C)

Messages go to stderr, one line, followed by a "hint:" line when there is a
likely fix. Data goes to stdout only.`},
	{"environment", "Environment variables supctl reads", `SUPCTL_CONFIG        path of the config file (default
                     $XDG_CONFIG_HOME/supctl/config.yaml); a file it
                     names must exist (exit 2 otherwise)
SUPCTL_PROFILE       the profile to use, like --profile
SUPCTL_API_URL, SUPCTL_USER, SUPCTL_REGION, SUPCTL_TIMEZONE,
SUPCTL_LANGUAGE, SUPCTL_QUEUES, SUPCTL_HANDOFF_TO, SUPCTL_TIMEOUT
                     override that key of the active profile (file < env
                     < flags); a value a flag would refuse is exit 2
SUPCTL_TOKEN         the API token; takes precedence over the keyring and
                     the credentials file. Unlike a stored token, which
                     goes only to the server it was issued for, it is sent
                     to whatever api_url the profile has
SUPCTL_PAGER, PAGER  the pager for output taller than the terminal
                     (default "less -FRX"); SUPCTL_PAGER=cat turns it off,
                     and so does TERM=dumb
SUPCTL_NO_PROMPT     never prompt, even on a terminal
SUPCTL_EDITOR, VISUAL, EDITOR
                     the editor for a comment or description given neither
                     --body nor --body-file on a terminal (default nano,
                     else vi)
NO_COLOR             no colour at all
CLICOLOR=0           no colour
CLICOLOR_FORCE=1     colour even when piped: the tab-separated rows of a
                     list get the colours of the table; JSON is coloured
                     only on a terminal
XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME
                     where config, embedded databases and caches live`},
	{"formatting", "How supctl formats output for people and scripts", `On a terminal, lists are aligned tables with colour and relative times,
output taller than the terminal goes through a pager, and slow calls show a
spinner on stderr. Japanese and Korean text is measured by display width so
columns line up. A table fits the terminal's width: on a narrow one the
less important columns are shortened (an assignee without the domain of
the e-mail address, "3d" for "3 days") or left out, then the subject is cut
with "…"; a row never wraps. Piped output always has every column whole.

Piped, lists are tab-separated rows with no header, no colour and times in
RFC 3339 (UTC), one record per line: stable for cut, awk and sort.

Every read command also takes:

  --json [fields]   JSON of the given comma-separated fields (all fields
                    when none are given; the command's help lists them)
  --jq EXPR         filter the JSON with a jq expression (built in; no jq
                    needed). Strings print raw.
  --template TMPL   format the JSON with a Go template; functions: json,
                    join, upper, lower, truncate, timeago, and timefmt
                    LAYOUT TIME [ZONE], e.g. {{timefmt "15:04 MST"
                    .updated_at "Asia/Tokyo"}} (UTC without a zone)

The JSON of each command is a stable contract for scripts.

ticket list stops at --limit tickets (30 by default). When more match, it
says so on stderr and still exits 0: "showing 30 of 195" when stderr is a
terminal, otherwise a line starting "warning: the list stops at"; the JSON
stays an array. --all reads every page; piped rows print as pages arrive.

  $ supctl ticket list --json id,subject,severity --jq '.[] | select(.severity=="S1") | .id'
  $ supctl ticket list --template '{{range .}}{{.id}} {{.subject}}{{"\n"}}{{end}}'`},
	{"profiles", "Profiles per region", `A profile holds what differs by region: the backend's api_url, your user,
region, timezone, language, queues and handoff_to, the profile of the region
you hand the shift over to. They live in $XDG_CONFIG_HOME/supctl/config.yaml
(SUPCTL_CONFIG overrides):

  current_profile: tokyo
  profiles:
    tokyo:
      api_url: https://support.example.com   # or "embedded"
      user: ken@example.com
      region: apac-jp
      timezone: Asia/Tokyo
      language: ja
      queues: [apac-jp/core, apac-jp/spark]
      handoff_to: hyderabad
      timeout: 30s      # how long to wait for the server's answer

Precedence: the file, then SUPCTL_* variables, then flags. --profile (-P) or
SUPCTL_PROFILE picks another profile for one command, profile set included:
"supctl -P hyderabad profile set timezone Asia/Kolkata". A key the program
does not know is kept but warned about, with the key probably meant.

With no file, the built-in "demo" profile runs an embedded server over a
local SQLite database of sample data ($XDG_DATA_HOME/supctl/demo.db);
"supctl demo reset" rebuilds it.

Tokens are never stored in the config file: SUPCTL_TOKEN, else the OS
keyring, else a 0600 credentials file ("supctl auth status" says which).
A stored token is bound to the scheme, host and port it was issued for
and sent nowhere else: after changing api_url, run "supctl auth login".`},
}

func newHelpTopic(t helpTopic) *cobra.Command {
	return &cobra.Command{
		Use:   t.name,
		Short: t.short,
		Long:  t.long,
		Args:  cobra.NoArgs,
	}
}
