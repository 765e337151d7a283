// The reference pages in docs/reference and docs/man and the scripts in
// completions are written from the command tree; CI fails when they are
// out of date.

//go:generate go run ../gen-docs

package main
