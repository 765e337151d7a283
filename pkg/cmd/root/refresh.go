package root

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
)

// newCmdRefreshCompletion is the hidden command a completion starts in the
// background when the cache is missing or stale. It reads through the
// read-only client of a remote profile and writes only the cache: what it
// read, or that it failed, so that completions back off instead of asking
// again at once.
func newCmdRefreshCompletion(f *cmdutil.Factory) *cobra.Command {
	return &cobra.Command{
		Use:    completion.RefreshCommand,
		Hidden: true,
		Args:   cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cache, err := f.CompletionCache()
			if err != nil {
				return err
			}
			var queues []string
			client := f.ReadOnlyAPIClient
			if cfg, err := f.Config(); err == nil {
				if p, err := cfg.Active(); err == nil {
					queues = p.Queues
					if p.IsEmbedded() {
						// A local database is created on first use, as by
						// any command: the refresh is not the user's Tab.
						client = f.APIClient
					}
				}
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), completion.RefreshTimeout)
			defer cancel()
			data, err := completion.Fetch(ctx, client, queues)
			if err != nil {
				_ = cache.SetFailed(f.Now())
				return err
			}
			return cache.SetData(data, f.Now())
		},
	}
}
