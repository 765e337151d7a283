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

// CreateToken stores a token hash and records the grant on the user's
// history, with its label but never the hash.
func (s *Store) CreateToken(ctx context.Context, actor store.Actor, userID int64, hash []byte, label string) error {
	return s.write(ctx, func(tx *txn, now time.Time) error {
		if _, err := userWhere(ctx, tx, "id = ?", userID, fmt.Sprintf("user %d", userID)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO tokens (hash, user_id, label, created_at) VALUES (?, ?, ?, ?)`,
			hash, userID, label, now.UnixMilli())
		if isUnique(err) {
			return fmt.Errorf("token: %w", support.ErrDuplicate)
		}
		if err != nil {
			return err
		}
		return event(ctx, tx, now, actor, entityUser, userID, kindTokenCreated, nil, map[string]string{"label": label})
	})
}

// UserByTokenHash finds the owner of a token.
func (s *Store) UserByTokenHash(ctx context.Context, hash []byte) (support.User, error) {
	return userWhere(ctx, s.reads, "id = (SELECT user_id FROM tokens WHERE hash = ?)", hash, "token")
}
