package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
	"github.com/spf13/pflag"
)

// writeMarkdown writes one page per command, supctl_ticket_list.md for
// `supctl ticket list`, linked to each other by file name.
func writeMarkdown(cmd *cobra.Command, dir string) error {
	noPrefix := func(string) string { return "" }
	if err := doc.GenMarkdownTreeCustom(cmd, dir, noPrefix, relativeLink); err != nil {
		return err
	}
	for _, t := range helpTopics(cmd) {
		path := filepath.Join(dir, pageName(t, "_")+".md")
		err := writeFile(path, func(f *os.File) error { return doc.GenMarkdownCustom(t, f, relativeLink) })
		if err != nil {
			return err
		}
	}
	return nil
}

// relativeLink keeps cobra's link, the bare file name of a page in the
// same directory, so links work on any host and in a checkout.
func relativeLink(name string) string { return name }

// writeMan writes one section 1 page per command, supctl-ticket-list.1
// for `supctl ticket list`. It changes the usage texts of cmd.
func writeMan(cmd *cobra.Command, dir string, date time.Time) error {
	escapePlaceholders(cmd, map[*pflag.Flag]bool{})
	header := func() *doc.GenManHeader {
		return &doc.GenManHeader{Title: "SUPCTL", Section: "1", Date: &date, Source: "supctl", Manual: "supctl manual"}
	}
	if err := doc.GenManTree(cmd, header(), dir); err != nil {
		return err
	}
	for _, t := range helpTopics(cmd) {
		path := filepath.Join(dir, pageName(t, "-")+".1")
		err := writeFile(path, func(f *os.File) error { return doc.GenMan(t, header(), f) })
		if err != nil {
			return err
		}
	}
	return nil
}

// pageName is the command path joined by sep, as cobra/doc names pages.
func pageName(cmd *cobra.Command, sep string) string {
	return strings.ReplaceAll(cmd.CommandPath(), " ", sep)
}

// escapePlaceholders escapes the "<" of placeholders like <id> in the
// usage lines and flag descriptions of cmd and its subcommands: the man
// renderer would drop them as HTML tags.
func escapePlaceholders(cmd *cobra.Command, seen map[*pflag.Flag]bool) {
	cmd.Use = escapeLT(cmd.Use)
	escapeFlag := func(f *pflag.Flag) {
		if !seen[f] {
			seen[f] = true
			f.Usage = escapeLT(f.Usage)
		}
	}
	cmd.Flags().VisitAll(escapeFlag)
	cmd.PersistentFlags().VisitAll(escapeFlag)
	for _, c := range cmd.Commands() {
		escapePlaceholders(c, seen)
	}
}

func escapeLT(s string) string { return strings.ReplaceAll(s, "<", `\<`) }
