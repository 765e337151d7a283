// Package migrations holds the schema of every store backend as embedded
// SQL files, one directory per dialect, applied with goose. Files are named
// NNNNN_name.sql and numbered 1, 2, 3, ... without gaps, so the number of
// files is also the latest schema version.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql
var sqliteFiles embed.FS

//go:embed postgres/*.sql
var postgresFiles embed.FS

// SQLite is the SQLite schema, with the migration files at its root as
// goose expects.
var SQLite = sub(sqliteFiles, "sqlite")

// Postgres is the PostgreSQL schema, likewise.
var Postgres = sub(postgresFiles, "postgres")

func sub(fsys fs.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		// fs.Sub fails only for an invalid path, a constant above.
		panic(err)
	}
	return s
}

// Count is the number of migrations in fsys, which is also the version a
// fully migrated database is at.
func Count(fsys fs.FS) int {
	names, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		// fs.Glob fails only for a malformed pattern, a constant here.
		panic(err)
	}
	return len(names)
}
