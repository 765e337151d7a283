// Package demo implements `supctl demo`.
package demo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/embedded"
	"github.com/supctl/supctl/pkg/iostreams"
)

// NewCmdDemo returns `supctl demo` and its subcommands.
func NewCmdDemo(f *cmdutil.Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "demo <command>",
		Short: "Manage the built-in demo data",
		Long: `The built-in demo profile runs an embedded server over a local database of
realistic sample data: accounts in six regions, engineers, and tickets in
English, Japanese and Korean. It is used whenever no config file exists.`,
		Example: "  $ supctl demo reset",
	}
	cmd.AddCommand(NewCmdReset(f, nil))
	return cmd
}

// ResetOptions are the flags of `demo reset`.
type ResetOptions struct {
	IO      *iostreams.IOStreams
	Now     func() time.Time
	DataDir string
}

// NewCmdReset returns `demo reset`; runF replaces the run in tests.
func NewCmdReset(f *cmdutil.Factory, runF func(*ResetOptions) error) *cobra.Command {
	opts := &ResetOptions{IO: f.IOStreams, Now: f.Now, DataDir: config.DataDir(os.Getenv)}
	cmd := &cobra.Command{
		Use:   "reset",
		Short: "Rebuild the demo database from scratch",
		Long: `Delete the demo database, with every change made to it and the temporary
files interrupted first runs left next to it, and fill a new one with the
sample data. It is also the way out when the demo database is damaged.`,
		Example: "  $ supctl demo reset",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return resetRun(cmd.Context(), opts)
		},
	}
	return cmd
}

func resetRun(ctx context.Context, opts *ResetOptions) error {
	path := filepath.Join(opts.DataDir, "demo.db")
	if err := embedded.Reset(path); err != nil {
		return cmdutil.Errorf("cannot delete %s: %v", path, err)
	}
	b, err := embedded.Open(ctx, embedded.Options{Path: path, User: demo.DemoUser, Demo: true, Now: opts.Now})
	if err != nil {
		return cmdutil.Errorf("cannot rebuild the demo database: %v", err)
	}
	if err := b.Close(); err != nil {
		return cmdutil.Errorf("cannot rebuild the demo database: %v", err)
	}
	fmt.Fprintf(opts.IO.ErrOut, "%s rebuilt the demo database %s\n", opts.IO.ColorScheme().SuccessIcon(), path)
	return nil
}
