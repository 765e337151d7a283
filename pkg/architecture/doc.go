// Package architecture holds the import rules between the project's layers,
// as a table in imports_test.go, and a test that checks every package of
// the module against it with `go list`. It has no code of its own: see
// docs/architecture.md for what the layers are and why the lines run where
// they do.
package architecture
