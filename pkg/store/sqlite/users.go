package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

const userColumns = `id, email, name, role, region, tier, account_id, divisions, languages, wip_limit, created_at`

func scanUser(row scanner) (support.User, error) {
	var u support.User
	var account sql.NullInt64
	var divisions, languages string
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Region, &u.Tier, &account, &divisions, &languages, &u.WIPLimit, &created)
	if err != nil {
		return u, err
	}
	u.AccountID, u.CreatedAt = account.Int64, fromMillis(created)
	return u, decodeSkills(&u, divisions, languages)
}

// decodeSkills sets u's skills from their JSON columns.
func decodeSkills(u *support.User, divisions, languages string) error {
	var err error
	if u.Divisions, err = stringList(divisions); err != nil {
		return err
	}
	u.Languages, err = stringList(languages)
	return err
}

// stringList decodes a JSON array of strings; the empty one, which most
// users' skills are, costs nothing.
func stringList(data string) ([]string, error) {
	if data == "[]" {
		return []string{}, nil
	}
	var list []string
	return list, json.Unmarshal([]byte(data), &list)
}

// skills reads what a pick needs of the actor: the divisions and languages
// they take, and their work-in-progress limit.
func skills(ctx context.Context, q queryer, actor store.Actor) (support.User, error) {
	u := support.User{ID: actor.ID, Email: actor.Email}
	var divisions, languages string
	err := q.QueryRowContext(ctx, `SELECT divisions, languages, wip_limit FROM users WHERE id = ?`, actor.ID).
		Scan(&divisions, &languages, &u.WIPLimit)
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("user %s: %w", actor.Email, support.ErrNotFound)
	}
	if err != nil {
		return u, err
	}
	return u, decodeSkills(&u, divisions, languages)
}

// CreateUser adds a user; emails are unique regardless of case.
func (s *Store) CreateUser(ctx context.Context, actor store.Actor, u support.User) (support.User, error) {
	err := s.write(ctx, func(tx *txn, now time.Time) error {
		u.CreatedAt = now
		u.Divisions, u.Languages = nonNil(u.Divisions), nonNil(u.Languages)
		if u.AccountID != 0 {
			if err := checkAccount(ctx, tx, "account_id", u.AccountID, "partner"); err != nil {
				return err
			}
		}
		divisions, err := stringsJSON(u.Divisions)
		if err != nil {
			return err
		}
		languages, err := stringsJSON(u.Languages)
		if err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO users (email, name, role, region, tier, account_id,
			divisions, languages, wip_limit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Email, u.Name, u.Role, u.Region, u.Tier, nullID(u.AccountID), divisions, languages, u.WIPLimit, now.UnixMilli())
		if isUnique(err) {
			return fmt.Errorf("user %s: %w", u.Email, support.ErrDuplicate)
		}
		if err != nil {
			return err
		}
		if u.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityUser, u.ID, kindCreated, nil, u)
	})
	return u, err
}

// UserByEmail finds a user by email, ignoring case.
func (s *Store) UserByEmail(ctx context.Context, email string) (support.User, error) {
	return userWhere(ctx, s.reads, "email = ?", email, fmt.Sprintf("user %s", email))
}

func userWhere(ctx context.Context, q queryer, cond string, arg any, what string) (support.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, fmt.Errorf("%s: %w", what, support.ErrNotFound)
	}
	return u, err
}

// ListUsers returns every user in creation order.
func (s *Store) ListUsers(ctx context.Context) ([]support.User, error) {
	return queryAll(ctx, s.reads, scanUser, `SELECT `+userColumns+` FROM users ORDER BY id`)
}

// CountUsers is the number of users; zero means the server is not set up.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.reads.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

const tokenColumns = `tokens.id, tokens.user_id, users.email, tokens.label, tokens.created_at, tokens.last_used_at, tokens.expires_at`

func scanToken(row scanner) (support.Token, error) {
	var t support.Token
	var created int64
	var lastUsed, expires sql.NullInt64
	err := row.Scan(&t.ID, &t.UserID, &t.User, &t.Label, &created, &lastUsed, &expires)
	t.CreatedAt, t.LastUsedAt, t.ExpiresAt = fromMillis(created), timeOrNil(lastUsed), timeOrNil(expires)
	return t, err
}

// tokenEvent is what a token's events record of it: never the hash.
func tokenEvent(t support.Token) map[string]any {
	return map[string]any{"id": t.ID, "label": t.Label, "expires_at": t.ExpiresAt}
}

// CreateToken stores a token hash and records the grant on the user's
// history, with its label but never the hash.
func (s *Store) CreateToken(ctx context.Context, actor store.Actor, n store.NewToken) (support.Token, error) {
	var t support.Token
	err := s.write(ctx, func(tx *txn, now time.Time) error {
		u, err := userWhere(ctx, tx, "id = ?", n.UserID, fmt.Sprintf("user %d", n.UserID))
		if err != nil {
			return err
		}
		var live int
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM tokens WHERE user_id = ? AND (expires_at IS NULL OR expires_at > ?)`,
			n.UserID, now.UnixMilli()).Scan(&live)
		if err != nil {
			return err
		}
		if live >= support.MaxLiveTokens {
			return fmt.Errorf("%s holds %d unexpired tokens, the most one user may hold: %w", u.Email, live, support.ErrTooManyTokens)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, user_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
			n.Hash, n.UserID, n.Label, now.UnixMilli(), millisOrNull(n.ExpiresAt))
		if isUnique(err) {
			return fmt.Errorf("token: %w", support.ErrDuplicate)
		}
		if err != nil {
			return err
		}
		t = support.Token{UserID: u.ID, User: u.Email, Label: n.Label, CreatedAt: now}
		if n.ExpiresAt != nil {
			t.ExpiresAt = timeOrNil(millisOrNull(n.ExpiresAt))
		}
		if t.ID, err = res.LastInsertId(); err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityUser, n.UserID, kindTokenCreated, nil, tokenEvent(t))
	})
	return t, err
}

// TokenByHash finds a token and its owner.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (support.User, support.Token, error) {
	t, err := scanToken(s.reads.QueryRowContext(ctx,
		`SELECT `+tokenColumns+` FROM tokens JOIN users ON users.id = tokens.user_id WHERE tokens.hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return support.User{}, t, fmt.Errorf("token: %w", support.ErrNotFound)
	}
	if err != nil {
		return support.User{}, t, err
	}
	u, err := userWhere(ctx, s.reads, "id = ?", t.UserID, "token")
	return u, t, err
}

// ListTokens lists a user's tokens in the order they were issued.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]support.Token, error) {
	return queryAll(ctx, s.reads, scanToken,
		`SELECT `+tokenColumns+` FROM tokens JOIN users ON users.id = tokens.user_id WHERE tokens.user_id = ? ORDER BY tokens.id`, userID)
}

// RevokeToken deletes a token and records the revocation on its owner's
// history.
func (s *Store) RevokeToken(ctx context.Context, actor store.Actor, id, ownerID int64) (support.Token, error) {
	var t support.Token
	err := s.write(ctx, func(tx *txn, now time.Time) error {
		var err error
		t, err = scanToken(tx.QueryRowContext(ctx,
			`SELECT `+tokenColumns+` FROM tokens JOIN users ON users.id = tokens.user_id WHERE tokens.id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) || err == nil && ownerID != 0 && t.UserID != ownerID {
			return fmt.Errorf("token %d: %w", id, support.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM tokens WHERE id = ?`, id); err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityUser, t.UserID, kindTokenRevoked, tokenEvent(t), nil)
	})
	return t, err
}

// TouchToken records that a token was used now, unless it was within
// support.LastUsedResolution.
func (s *Store) TouchToken(ctx context.Context, id int64) (bool, error) {
	var wrote bool
	err := s.write(ctx, func(tx *txn, now time.Time) error {
		res, err := tx.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ? AND coalesce(last_used_at, 0) <= ?`,
			now.UnixMilli(), id, now.Add(-support.LastUsedResolution).UnixMilli())
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		wrote = n > 0
		return err
	})
	return wrote, err
}
