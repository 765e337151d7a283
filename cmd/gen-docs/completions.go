package main

import (
	"os"
	"path/filepath"

	"github.com/spf13/cobra"
)

// writeCompletions writes the completion script of each shell, with
// descriptions. The scripts ask the binary for candidates through its
// hidden __complete command, so they need regenerating only when cobra's
// scripts change, not when commands do.
func writeCompletions(cmd *cobra.Command, dir string) error {
	scripts := []struct {
		name string
		gen  func(f *os.File) error
	}{
		{"supctl.bash", func(f *os.File) error { return cmd.GenBashCompletionV2(f, true) }},
		{"supctl.zsh", func(f *os.File) error { return cmd.GenZshCompletion(f) }},
		{"supctl.fish", func(f *os.File) error { return cmd.GenFishCompletion(f, true) }},
		{"supctl.ps1", func(f *os.File) error { return cmd.GenPowerShellCompletionWithDesc(f) }},
	}
	for _, s := range scripts {
		if err := writeFile(filepath.Join(dir, s.name), s.gen); err != nil {
			return err
		}
	}
	return nil
}
