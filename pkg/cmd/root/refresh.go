package root

import (
	"context"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/completion"
)

// newCmdRefreshCompletion is the hidden command a completion starts in the
// background when the cache has gone stale. It reads through the read-only
// client and writes only the cache.
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
			ctx, cancel := context.WithTimeout(cmd.Context(), 10*time.Second)
			defer cancel()
			mine, err := completion.FetchMine(ctx, f.ReadOnlyAPIClient)
			if err != nil {
				return err
			}
			return cache.SetMine(mine, f.Now())
		},
	}
}
