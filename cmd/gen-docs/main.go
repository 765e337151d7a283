// Command gen-docs writes supctl's reference pages (markdown and man) and
// its shell completion scripts from the command tree. It is a program of
// its own so that cobra/doc and its markdown-to-man renderer stay out of
// the supctl binary. Run it with `go generate ./...` or `make generate`.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

func main() {
	out := flag.String("out", "", "directory to write docs/reference, docs/man and completions under (default: the repository root)")
	flag.Parse()
	if err := run(*out); err != nil {
		fmt.Fprintln(os.Stderr, "gen-docs: "+err.Error())
		os.Exit(1)
	}
}

func run(out string) error {
	if out == "" {
		root, err := repoRoot()
		if err != nil {
			return err
		}
		out = root
	}
	date, err := manDate(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return err
	}
	return generate(out, date)
}

// repoRoot is the nearest directory at or above the working directory that
// holds go.mod; `go generate` runs in cmd/supctl.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run from the repository or pass --out")
		}
		dir = parent
	}
}
