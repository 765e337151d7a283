package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/supctl/supctl/pkg/store/migrations"
)

// provider is goose over the store's pool. Its migrations hold a session
// advisory lock, so that replicas starting together migrate once.
func (s *Store) provider() (*goose.Provider, func(), error) {
	db := stdlib.OpenDBFromPool(s.pool)
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db, migrations.Postgres, goose.WithSessionLocker(locker))
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return p, func() { db.Close() }, nil
}

// migrate brings the schema up to date, and refuses one newer than this
// program knows.
func (s *Store) migrate(ctx context.Context) error {
	p, done, err := s.provider()
	if err != nil {
		return err
	}
	defer done()
	current, target, err := p.GetVersions(ctx)
	if err != nil {
		return err
	}
	if current > target {
		return fmt.Errorf("its schema version %d is newer than this program's %d: upgrade supctl", current, target)
	}
	if current == target {
		return nil
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrating its schema from version %d: %w", current, err)
	}
	s.log.Info("database schema migrated", "from", current, "to", target)
	return nil
}

// checkSchema refuses a database a read-only store cannot migrate.
func (s *Store) checkSchema(ctx context.Context) error {
	p, done, err := s.provider()
	if err != nil {
		return err
	}
	defer done()
	current, target, err := p.GetVersions(ctx)
	if err == nil && current != target {
		err = fmt.Errorf("its schema version is %d, not %d: open it once for writing to migrate it", current, target)
	}
	return err
}
