package completion

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/support"
)

const (
	// StaleAfter is the age past which a completion refreshes the cache in
	// the background; it still answers from the cache at once.
	StaleAfter = 5 * time.Minute
	// MaxMine bounds how many of the user's open tickets are cached.
	MaxMine = 100
	// MaxClaimable bounds how many waiting tickets of each queue are cached.
	MaxClaimable = 30
	// MaxHolders bounds how many active tickets are read to learn the
	// engineers from when the user may not list users.
	MaxHolders = 200
	// RefreshTimeout bounds the whole background refresh.
	RefreshTimeout = 10 * time.Second
)

// TicketSet says which tickets a command's argument takes.
type TicketSet int

const (
	// AnyTicket: the user's open tickets, then the ones seen lately.
	AnyTicket TicketSet = iota
	// Claimable: the tickets waiting in the profile's queues, in pick order.
	Claimable
	// Held: the user's open tickets.
	Held
)

// Live completes values that live on the backend (tickets, queues,
// engineers, accounts) from the profile's cache only: a Tab sends no
// request. When the cache is missing or stale it asks Refresh to update it
// in the background, unless a recent refresh failed (see Snapshot.RetryAt).
type Live struct {
	// Cache returns the active profile's cache.
	Cache func() (*Cache, error)
	Now   func() time.Time
	// Refresh starts a refresh of the profile's cache and returns at once.
	Refresh func(profile string)
}

// snapshot is the cached state, after asking for a refresh when it is due.
func (l Live) snapshot() (Snapshot, bool) {
	cache, err := l.Cache()
	if err != nil {
		return Snapshot{}, false
	}
	snap := cache.Load()
	if now := l.Now(); now.Sub(snap.FetchedAt) > StaleAfter && !now.Before(snap.RetryAt()) && l.Refresh != nil {
		l.Refresh(cache.Profile())
	}
	return snap, true
}

// Tickets completes a command's first argument, a ticket id, from set;
// the shell keeps the order (the user's tickets first).
func (l Live) Tickets(set TicketSet) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		if len(args) > 0 {
			return nil, directive
		}
		snap, ok := l.snapshot()
		if !ok {
			return nil, directive
		}
		var lists [][]Ticket
		switch set {
		case Claimable:
			lists = [][]Ticket{snap.Claimable}
		case Held:
			lists = [][]Ticket{snap.Mine}
		default:
			lists = [][]Ticket{snap.Mine, snap.Recent}
		}
		return candidates(lists, toComplete), directive
	}
}

// Queues completes a queue name: the profile's queues first, then every
// other queue the backend has.
func (l Live) Queues(profileQueues func() []string) cobra.CompletionFunc {
	return l.names(func(s Snapshot) []Named {
		var out []Named
		if profileQueues != nil {
			for _, q := range profileQueues() {
				out = append(out, Named{Name: q, Desc: "in this profile"})
			}
		}
		return append(out, s.Queues...)
	})
}

// QueueArg completes a command's first argument with Queues.
func (l Live) QueueArg(profileQueues func() []string) cobra.CompletionFunc {
	complete := l.Queues(profileQueues)
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) > 0 {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return complete(cmd, args, toComplete)
	}
}

// Engineers completes a user's e-mail: the engineers the cache knows.
func (l Live) Engineers() cobra.CompletionFunc {
	return l.names(func(s Snapshot) []Named { return s.Engineers })
}

// Accounts completes an account id, with its name as the description.
func (l Live) Accounts() cobra.CompletionFunc {
	return l.names(func(s Snapshot) []Named { return s.Accounts })
}

// names completes from one cached list, each value once, in its order.
func (l Live) names(list func(Snapshot) []Named) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		const directive = cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveKeepOrder
		snap, ok := l.snapshot()
		if !ok {
			return nil, directive
		}
		seen := map[string]bool{}
		var out []cobra.Completion
		for _, n := range list(snap) {
			if seen[n.Name] || !strings.HasPrefix(n.Name, toComplete) {
				continue
			}
			seen[n.Name] = true
			if n.Desc == "" {
				out = append(out, n.Name)
			} else {
				out = append(out, cobra.CompletionWithDesc(n.Name, oneLine(n.Desc)))
			}
		}
		return out, directive
	}
}

// Data is what a refresh reads from the backend.
type Data struct {
	Mine, Claimable []support.Ticket
	Queues          []support.QueueStat
	Engineers       []support.User
	Accounts        []support.Account
}

// Fetch reads what completion offers: the signed-in user's active tickets,
// the queues, the tickets waiting in the profile's queues, and the
// engineers and accounts the user may list. Only the user's tickets are
// required; a list the user's role may not read is left empty.
func Fetch(ctx context.Context, client func() (*api.Client, error), profileQueues []string) (Data, error) {
	var d Data
	c, err := client()
	if err != nil {
		return d, err
	}
	me, err := c.Me(ctx)
	if err != nil {
		return d, err
	}
	if d.Mine, err = c.ListAllTickets(ctx, support.TicketFilter{Assignee: me.Email, Statuses: support.ActiveStatuses}, MaxMine); err != nil {
		return d, err
	}
	d.Queues, _ = c.QueueStats(ctx, nil)
	for _, name := range profileQueues {
		q, err := support.ParseQueue(name)
		if err != nil {
			continue
		}
		waiting, err := c.QueueTickets(ctx, q, MaxClaimable)
		if err != nil {
			continue
		}
		d.Claimable = append(d.Claimable, waiting...)
	}
	d.Engineers, err = c.Users(ctx)
	var httpErr *api.HTTPError
	if err != nil && !errors.As(err, &httpErr) {
		return d, err
	}
	if err != nil {
		// A role that may not list users still sees who holds tickets.
		active, _ := c.ListAllTickets(ctx, support.TicketFilter{Statuses: support.ActiveStatuses}, MaxHolders)
		seen := map[string]bool{}
		for _, t := range active {
			if t.Assignee != "" && !seen[t.Assignee] {
				seen[t.Assignee] = true
				d.Engineers = append(d.Engineers, support.User{Email: t.Assignee, Role: "engineer", Region: t.Region})
			}
		}
	}
	d.Accounts, _ = c.Accounts(ctx)
	return d, ctx.Err()
}

// candidates are the tickets of lists, each once, whose id starts with
// prefix ("#" allowed), with the subject as the description.
func candidates(lists [][]Ticket, prefix string) []cobra.Completion {
	prefix = strings.TrimPrefix(prefix, "#")
	seen := map[int64]bool{}
	var out []cobra.Completion
	for _, list := range lists {
		for _, t := range list {
			id := strconv.FormatInt(t.ID, 10)
			if seen[t.ID] || !strings.HasPrefix(id, prefix) {
				continue
			}
			seen[t.ID] = true
			out = append(out, cobra.CompletionWithDesc(id, oneLine(t.Subject)+" ("+t.Status+")"))
		}
	}
	return out
}

// Candidates are the user's open tickets, then recent ones, each once,
// whose id starts with prefix ("#" allowed), with the subject as the
// description.
func Candidates(s Snapshot, prefix string) []cobra.Completion {
	return candidates([][]Ticket{s.Mine, s.Recent}, prefix)
}

// oneLine keeps a description on one line: shells split candidates on
// newlines and tabs.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// StartProcess starts a process and does not wait for it; tests replace it
// to see what a completion would start.
var StartProcess = func(name string, args ...string) {
	cmd := exec.Command(name, args...)
	if cmd.Start() == nil {
		_ = cmd.Process.Release()
	}
}

// SpawnRefresh runs `supctl --profile <p> __refresh-completion` detached, at
// most once per minute per profile, and returns without waiting. Its
// output goes nowhere: a completion's stdout carries candidates only.
func SpawnRefresh(cacheDir string) func(profile string) {
	return func(profile string) {
		mark := filepath.Join(cacheDir, profile, refreshMark)
		if info, err := os.Stat(mark); err == nil && time.Since(info.ModTime()) < time.Minute {
			return
		}
		if os.MkdirAll(filepath.Dir(mark), 0o700) != nil || os.WriteFile(mark, nil, 0o600) != nil {
			return
		}
		// The name the shell ran, not os.Executable: that resolves links,
		// and a multi-call binary must be called by its own name.
		StartProcess(os.Args[0], "--profile", profile, RefreshCommand)
	}
}

// refreshMark is the file that says a refresh is running, at most a minute.
const refreshMark = "refreshing"

// RefreshCommand is the hidden command that refreshes the cache.
const RefreshCommand = "__refresh-completion"
