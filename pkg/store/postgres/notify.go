package postgres

import (
	"context"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
)

// revokedChannel is the NOTIFY channel of token revocations; a message's
// payload is the token's id. PostgreSQL delivers it when the revoking
// transaction commits, and never if it rolls back.
const revokedChannel = "supctl_token_revoked"

// relisten is how long FollowRevocations waits before it connects again
// after losing its connection.
const relisten = time.Second

// FollowRevocations listens for revocations on a connection of its own,
// and listens again after losing it. Each time it starts listening it
// reports 0 (any token): what was revoked before may have been missed.
func (s *Store) FollowRevocations(ctx context.Context, revoked func(tokenID int64)) {
	for ctx.Err() == nil {
		err := s.listen(ctx, revoked)
		if ctx.Err() != nil {
			return
		}
		s.log.Warn("lost the token revocation feed; listening again", "err", err)
		select {
		case <-ctx.Done():
		case <-time.After(relisten):
		}
	}
}

// listen holds a connection that LISTENs and reports each notification,
// until the connection fails or ctx ends.
func (s *Store) listen(ctx context.Context, revoked func(tokenID int64)) error {
	pooled, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	// A connection that listened is closed, never handed back to the pool.
	conn := pooled.Hijack()
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{revokedChannel}.Sanitize()); err != nil {
		return err
	}
	revoked(0)
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		if id, err := strconv.ParseInt(n.Payload, 10, 64); err == nil {
			revoked(id)
		}
	}
}
