package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmd/root"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// The output directories under the repository root. Every file in them
// whose name starts with "supctl" is generated and replaced on each run.
const (
	referenceDir   = "docs/reference"
	manDir         = "docs/man"
	completionsDir = "completions"
)

// defaultManDate is the date in the man pages' header when
// SOURCE_DATE_EPOCH is unset. It is fixed so that regenerating the pages
// changes them only when the commands change.
var defaultManDate = time.Date(2026, time.November, 1, 0, 0, 0, 0, time.UTC)

func manDate(sourceDateEpoch string) (time.Time, error) {
	if sourceDateEpoch == "" {
		return defaultManDate, nil
	}
	secs, err := strconv.ParseInt(sourceDateEpoch, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("invalid SOURCE_DATE_EPOCH %q: set it to seconds since 1970 or unset it", sourceDateEpoch)
	}
	return time.Unix(secs, 0).UTC(), nil
}

// generate writes the markdown pages, man pages and completion scripts
// under out, removing the ones of commands that no longer exist.
func generate(out string, date time.Time) error {
	dirs := []string{referenceDir, manDir, completionsDir}
	for _, d := range dirs {
		if err := clean(filepath.Join(out, d)); err != nil {
			return err
		}
	}
	if err := writeMarkdown(commandTree(), filepath.Join(out, referenceDir)); err != nil {
		return err
	}
	if err := writeMan(commandTree(), filepath.Join(out, manDir), date); err != nil {
		return err
	}
	return writeCompletions(commandTree(), filepath.Join(out, completionsDir))
}

// commandTree builds supctl's commands with a Factory whose funcs are nil:
// building the tree and describing it never loads config or connects.
func commandTree() *cobra.Command {
	ios, _, _, _ := iostreams.Test()
	cmd := root.NewCmdRoot(&cmdutil.Factory{IOStreams: ios})
	cmd.DisableAutoGenTag = true
	// cobra adds `supctl completion` only when the command runs.
	cmd.InitDefaultCompletionCmd()
	// Help topics are laid out in columns that markdown would reflow.
	for _, t := range helpTopics(cmd) {
		t.Long = "```\n" + t.Long + "\n```"
	}
	return cmd
}

// clean creates dir and removes the generated files in it, so that a
// removed command leaves no page behind.
func clean(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	stale, err := filepath.Glob(filepath.Join(dir, "supctl*"))
	if err != nil {
		return err
	}
	for _, f := range stale {
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	return nil
}

// helpTopics returns the commands that are only help text, like
// `supctl help exit-codes`: cobra/doc's tree walkers skip them.
func helpTopics(cmd *cobra.Command) []*cobra.Command {
	var topics []*cobra.Command
	for _, c := range cmd.Commands() {
		switch {
		case c.IsAdditionalHelpTopicCommand():
			topics = append(topics, c)
		case c.IsAvailableCommand():
			topics = append(topics, helpTopics(c)...)
		}
	}
	return topics
}

// writeFile creates path and fills it with write.
func writeFile(path string, write func(f *os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
