// Package logout implements `supctl auth logout`.
package logout

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// LogoutOptions are the flags of `auth logout`.
type LogoutOptions struct {
	IO     *iostreams.IOStreams
	Config func() (*config.Config, error)
}

// NewCmdLogout returns the command; runF replaces the run in tests.
func NewCmdLogout(f *cmdutil.Factory, runF func(*LogoutOptions) error) *cobra.Command {
	opts := &LogoutOptions{IO: f.IOStreams, Config: f.Config}
	cmd := &cobra.Command{
		Use:   "logout",
		Short: "Remove the active profile's stored token",
		Long: `Remove the active profile's token from the keyring and the credentials file.
The token stays valid on the backend until an administrator revokes it.
A token in SUPCTL_TOKEN is not stored, so unset the variable yourself.`,
		Example: `  $ supctl auth logout
  $ supctl auth logout --profile hyderabad`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return logoutRun(opts)
		},
	}
	return cmd
}

func logoutRun(opts *LogoutOptions) error {
	cfg, err := opts.Config()
	if err != nil {
		return err
	}
	p, err := cfg.Active()
	if err != nil {
		return err
	}
	cs := opts.IO.ColorScheme()
	if p.IsEmbedded() {
		fmt.Fprintf(opts.IO.ErrOut, "profile %s uses the embedded server: there is no token to remove\n", p.Name)
		return nil
	}
	removed, err := cfg.DeleteToken(p.Name)
	if err != nil {
		return err
	}
	if len(removed) == 0 {
		fmt.Fprintf(opts.IO.ErrOut, "%s no stored token for profile %s\n", cs.WarningIcon(), p.Name)
	} else {
		fmt.Fprintf(opts.IO.ErrOut, "%s logged out of %s (profile %s; token removed from %s)\n",
			cs.SuccessIcon(), p.APIURL, p.Name, strings.Join(removed, " and "))
	}
	if cfg.HasEnvToken() {
		fmt.Fprintf(opts.IO.ErrOut, "%s SUPCTL_TOKEN is still set in this shell\n", cs.WarningIcon())
	}
	return nil
}
