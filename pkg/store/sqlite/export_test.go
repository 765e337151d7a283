package sqlite

import "database/sql"

// DB is the store's database, for tests that load data in bulk.
func DB(s *Store) *sql.DB { return s.db }
