package root

import (
	"context"
	"os"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
	"github.com/supctl/supctl/pkg/config"
)

// newCmdRefreshCompletion is the hidden command a completion starts in the
// background when the cache is missing or stale. It reads through the
// read-only client and writes only the cache: what it read, or that it
// failed, so that completions back off instead of asking again at once.
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
			defer cache.RefreshDone()
			var queues []string
			if cfg, err := f.Config(); err == nil {
				if p, err := cfg.Active(); err == nil {
					queues = p.Queues
					if _, err := os.Stat(config.DatabasePath(os.Getenv, p)); p.IsEmbedded() && err != nil {
						// Completion never creates a local database; the
						// first command that opens it does. Not a failure.
						return nil
					}
				}
			}
			ctx, cancel := context.WithTimeout(cmd.Context(), completion.RefreshTimeout)
			defer cancel()
			data, err := completion.Fetch(ctx, f.ReadOnlyAPIClient, queues)
			if err != nil {
				_ = cache.SetFailed(f.Now())
				return err
			}
			return cache.SetData(data, f.Now())
		},
	}
}
