package completion

import (
	"context"
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
	// FirstFetchTimeout bounds the one fetch a completion waits for: when
	// the profile has no cache at all yet.
	FirstFetchTimeout = 300 * time.Millisecond
	// MaxMine bounds how many of the user's open tickets are cached.
	MaxMine = 100
)

// Tickets completes ticket ids.
type Tickets struct {
	// Cache returns the active profile's cache.
	Cache func() (*Cache, error)
	// Client is a client that never writes (see Factory.ReadOnlyAPIClient).
	Client func() (*api.Client, error)
	Now    func() time.Time
	// Refresh starts a refresh of the profile's cache and returns at once.
	Refresh func(profile string)
}

// Complete is a cobra completion func for a command's first argument.
func (t Tickets) Complete(cmd *cobra.Command, args []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	const directive = cobra.ShellCompDirectiveNoFileComp
	if len(args) > 0 {
		return nil, directive
	}
	cache, err := t.Cache()
	if err != nil {
		return nil, directive
	}
	snap := cache.Load()
	switch {
	case snap.FetchedAt.IsZero():
		ctx, cancel := context.WithTimeout(context.Background(), FirstFetchTimeout)
		defer cancel()
		if mine, err := FetchMine(ctx, t.Client); err == nil && cache.SetMine(mine, t.Now()) == nil {
			snap = cache.Load()
		}
	case t.Now().Sub(snap.FetchedAt) > StaleAfter:
		t.Refresh(cache.Profile())
	}
	return Candidates(snap, toComplete), directive
}

// FetchMine reads the signed-in user's active tickets.
func FetchMine(ctx context.Context, client func() (*api.Client, error)) ([]support.Ticket, error) {
	c, err := client()
	if err != nil {
		return nil, err
	}
	me, err := c.Me(ctx)
	if err != nil {
		return nil, err
	}
	return c.ListAllTickets(ctx, support.TicketFilter{Assignee: me.Email, Statuses: support.ActiveStatuses}, MaxMine)
}

// Candidates are the user's open tickets, then recent ones, each once,
// whose id starts with prefix ("#" allowed), with the subject as the
// description.
func Candidates(s Snapshot, prefix string) []cobra.Completion {
	prefix = strings.TrimPrefix(prefix, "#")
	seen := map[int64]bool{}
	var out []cobra.Completion
	for _, list := range [][]Ticket{s.Mine, s.Recent} {
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

// oneLine keeps a description on one line: shells split candidates on
// newlines and tabs.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// SpawnRefresh runs `supctl --profile <p> __refresh-completion` detached, at
// most once per minute per profile, and returns without waiting. Its
// output goes nowhere: a completion's stdout carries candidates only.
func SpawnRefresh(cacheDir string) func(profile string) {
	return func(profile string) {
		mark := filepath.Join(cacheDir, profile, "refreshing")
		if info, err := os.Stat(mark); err == nil && time.Since(info.ModTime()) < time.Minute {
			return
		}
		if os.MkdirAll(filepath.Dir(mark), 0o700) != nil || os.WriteFile(mark, nil, 0o600) != nil {
			return
		}
		// The name the shell ran, not os.Executable: that resolves links,
		// and a multi-call binary must be called by its own name.
		cmd := exec.Command(os.Args[0], "--profile", profile, RefreshCommand)
		if cmd.Start() == nil {
			_ = cmd.Process.Release()
		}
	}
}

// RefreshCommand is the hidden command that refreshes the cache.
const RefreshCommand = "__refresh-completion"
