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

// InsertUser stores a user; emails are unique regardless of case.
func (t *txn) InsertUser(ctx context.Context, u support.User) (int64, error) {
	divisions, err := stringsJSON(u.Divisions)
	if err != nil {
		return 0, err
	}
	languages, err := stringsJSON(u.Languages)
	if err != nil {
		return 0, err
	}
	res, err := t.ExecContext(ctx, `INSERT INTO users (email, name, role, region, tier, account_id,
		divisions, languages, wip_limit, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Email, u.Name, u.Role, u.Region, u.Tier, nullID(u.AccountID), divisions, languages, u.WIPLimit, u.CreatedAt.UnixMilli())
	if isUnique(err) {
		return 0, fmt.Errorf("user %s: %w", u.Email, support.ErrDuplicate)
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

// UserByID finds a user by id in the transaction.
func (t *txn) UserByID(ctx context.Context, id int64) (support.User, error) {
	return userWhere(ctx, t, "id = ?", id, fmt.Sprintf("user %d", id))
}

// UserByEmail finds a user by email, ignoring case, in the transaction.
func (t *txn) UserByEmail(ctx context.Context, email string) (support.User, error) {
	return userWhere(ctx, t, "email = ?", email, "user "+email)
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

// LiveTokens counts a user's tokens unexpired at now.
func (t *txn) LiveTokens(ctx context.Context, userID int64, now time.Time) (int, error) {
	var live int
	err := t.QueryRowContext(ctx, `SELECT count(*) FROM tokens WHERE user_id = ? AND (expires_at IS NULL OR expires_at > ?)`,
		userID, now.UnixMilli()).Scan(&live)
	return live, err
}

// InsertToken stores a token's hash, never the token.
func (t *txn) InsertToken(ctx context.Context, n store.NewToken, at time.Time) (int64, error) {
	res, err := t.ExecContext(ctx, `INSERT INTO tokens (hash, user_id, label, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		n.Hash, n.UserID, n.Label, at.UnixMilli(), millisOrNull(n.ExpiresAt))
	if isUnique(err) {
		return 0, fmt.Errorf("token: %w", support.ErrDuplicate)
	}
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
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

// Token finds a token by id.
func (t *txn) Token(ctx context.Context, id int64) (support.Token, error) {
	tk, err := scanToken(t.QueryRowContext(ctx,
		`SELECT `+tokenColumns+` FROM tokens JOIN users ON users.id = tokens.user_id WHERE tokens.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return tk, fmt.Errorf("token %d: %w", id, support.ErrNotFound)
	}
	return tk, err
}

// DeleteToken deletes a token.
func (t *txn) DeleteToken(ctx context.Context, id int64) error {
	_, err := t.ExecContext(ctx, `DELETE FROM tokens WHERE id = ?`, id)
	return err
}

// TouchToken records a token's use at at, unless its last use is after
// unlessAfter.
func (t *txn) TouchToken(ctx context.Context, id int64, at, unlessAfter time.Time) (bool, error) {
	res, err := t.ExecContext(ctx, `UPDATE tokens SET last_used_at = ? WHERE id = ? AND coalesce(last_used_at, 0) <= ?`,
		at.UnixMilli(), id, unlessAfter.UnixMilli())
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
