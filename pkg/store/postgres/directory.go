package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

const userColumns = `id, email, name, role, region, tier, account_id, divisions, languages, wip_limit, created_at`

func scanUser(row pgx.Row) (support.User, error) {
	var u support.User
	var account *int64
	var divisions, languages string
	var created int64
	err := row.Scan(&u.ID, &u.Email, &u.Name, &u.Role, &u.Region, &u.Tier, &account, &divisions, &languages, &u.WIPLimit, &created)
	if err != nil {
		return u, err
	}
	if account != nil {
		u.AccountID = *account
	}
	u.CreatedAt = fromMillis(created)
	if u.Divisions, err = stringList(divisions); err != nil {
		return u, err
	}
	u.Languages, err = stringList(languages)
	return u, err
}

// stringList decodes a JSON array of strings; the empty one costs nothing.
func stringList(data string) ([]string, error) {
	if data == "[]" || data == "" {
		return []string{}, nil
	}
	var list []string
	return list, json.Unmarshal([]byte(data), &list)
}

// stringsJSON encodes a list of strings as a JSON array, never null.
func stringsJSON(list []string) (string, error) {
	if list == nil {
		list = []string{}
	}
	data, err := json.Marshal(list)
	return string(data), err
}

func userWhere(ctx context.Context, q querier, cond string, arg any, what string) (support.User, error) {
	u, err := scanUser(q.QueryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+cond, arg))
	return u, notFound(err, what)
}

// UserByEmail finds a user by email, ignoring case.
func (s *Store) UserByEmail(ctx context.Context, email string) (support.User, error) {
	return userWhere(ctx, s.pool, "lower(email) = lower($1)", email, "user "+email)
}

// UserByEmail is UserByEmail in the transaction.
func (t *txn) UserByEmail(ctx context.Context, email string) (support.User, error) {
	return userWhere(ctx, t.q, "lower(email) = lower($1)", email, "user "+email)
}

// UserByID finds a user in the transaction and keeps the row from
// changing until it ends: a pick reads the picker's limit under that lock,
// so that their picks on several replicas take turns and the limit holds.
func (t *txn) UserByID(ctx context.Context, id int64) (support.User, error) {
	return userWhere(ctx, t.q, "id = $1"+t.forUpdate("FOR UPDATE"), id, fmt.Sprintf("user %d", id))
}

// ListUsers returns every user in creation order.
func (s *Store) ListUsers(ctx context.Context) ([]support.User, error) {
	return queryAll(ctx, s.pool, scanUser, `SELECT `+userColumns+` FROM users ORDER BY id`)
}

// CountUsers is the number of users.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
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
	var id int64
	err = t.writeRow(ctx, `INSERT INTO users (email, name, role, region, tier, account_id, divisions, languages, wip_limit, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		u.Email, u.Name, u.Role, u.Region, u.Tier, idOrNil(u.AccountID), divisions, languages, u.WIPLimit, u.CreatedAt.UnixMilli()).Scan(&id)
	if isUnique(err) {
		return 0, fmt.Errorf("user %s: %w", u.Email, support.ErrDuplicate)
	}
	return id, err
}

const tokenColumns = `tokens.id, tokens.user_id, users.email, tokens.label, tokens.created_at, tokens.last_used_at, tokens.expires_at`
const tokenFrom = ` FROM tokens JOIN users ON users.id = tokens.user_id`

func scanToken(row pgx.Row) (support.Token, error) {
	var t support.Token
	var created int64
	var lastUsed, expires *int64
	err := row.Scan(&t.ID, &t.UserID, &t.User, &t.Label, &created, &lastUsed, &expires)
	t.CreatedAt, t.LastUsedAt, t.ExpiresAt = fromMillis(created), timeOrNil(lastUsed), timeOrNil(expires)
	return t, err
}

// TokenByHash finds a token and its owner.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (support.User, support.Token, error) {
	t, err := scanToken(s.pool.QueryRow(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE tokens.hash = $1`, hash))
	if err != nil {
		return support.User{}, t, notFound(err, "token")
	}
	u, err := userWhere(ctx, s.pool, "id = $1", t.UserID, "token")
	return u, t, err
}

// ListTokens lists a user's tokens in the order they were issued.
func (s *Store) ListTokens(ctx context.Context, userID int64) ([]support.Token, error) {
	return queryAll(ctx, s.pool, scanToken, `SELECT `+tokenColumns+tokenFrom+` WHERE tokens.user_id = $1 ORDER BY tokens.id`, userID)
}

// LiveTokens counts a user's tokens unexpired at now.
func (t *txn) LiveTokens(ctx context.Context, userID int64, now time.Time) (int, error) {
	var n int
	err := t.q.QueryRow(ctx, `SELECT count(*) FROM tokens WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > $2)`,
		userID, now.UnixMilli()).Scan(&n)
	return n, err
}

// InsertToken stores a token's hash, never the token.
func (t *txn) InsertToken(ctx context.Context, n store.NewToken, at time.Time) (int64, error) {
	var id int64
	err := t.writeRow(ctx, `INSERT INTO tokens (hash, user_id, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		n.Hash, n.UserID, n.Label, at.UnixMilli(), millisOrNil(n.ExpiresAt)).Scan(&id)
	if isUnique(err) {
		return 0, fmt.Errorf("token: %w", support.ErrDuplicate)
	}
	return id, err
}

// Token finds a token by id.
func (t *txn) Token(ctx context.Context, id int64) (support.Token, error) {
	tk, err := scanToken(t.q.QueryRow(ctx, `SELECT `+tokenColumns+tokenFrom+` WHERE tokens.id = $1`+t.forUpdate("FOR UPDATE OF tokens"), id))
	return tk, notFound(err, fmt.Sprintf("token %d", id))
}

// DeleteToken deletes a token and, once the transaction commits, tells
// every replica (see FollowRevocations).
func (t *txn) DeleteToken(ctx context.Context, id int64) error {
	if _, err := t.exec(ctx, `DELETE FROM tokens WHERE id = $1`, id); err != nil {
		return err
	}
	_, err := t.exec(ctx, `SELECT pg_notify($1, $2)`, revokedChannel, strconv.FormatInt(id, 10))
	return err
}

// TouchToken records a token's use at at, unless its last use is after
// unlessAfter.
func (t *txn) TouchToken(ctx context.Context, id int64, at, unlessAfter time.Time) (bool, error) {
	tag, err := t.exec(ctx, `UPDATE tokens SET last_used_at = $1 WHERE id = $2 AND coalesce(last_used_at, 0) <= $3`,
		at.UnixMilli(), id, unlessAfter.UnixMilli())
	return tag.RowsAffected() > 0, err
}

const accountColumns = `id, name, kind, partner_id, plan, region, created_at`

func scanAccount(row pgx.Row) (support.Account, error) {
	var a support.Account
	var partner *int64
	var created int64
	err := row.Scan(&a.ID, &a.Name, &a.Kind, &partner, &a.Plan, &a.Region, &created)
	if partner != nil {
		a.PartnerID = *partner
	}
	a.CreatedAt = fromMillis(created)
	return a, err
}

func account(ctx context.Context, q querier, id int64) (support.Account, error) {
	a, err := scanAccount(q.QueryRow(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = $1`, id))
	return a, notFound(err, fmt.Sprintf("account %d", id))
}

// Account finds an account by id.
func (s *Store) Account(ctx context.Context, id int64) (support.Account, error) {
	return account(ctx, s.pool, id)
}

// Account finds an account by id in the transaction.
func (t *txn) Account(ctx context.Context, id int64) (support.Account, error) {
	return account(ctx, t.q, id)
}

// ListAccounts returns every account in creation order.
func (s *Store) ListAccounts(ctx context.Context) ([]support.Account, error) {
	return queryAll(ctx, s.pool, scanAccount, `SELECT `+accountColumns+` FROM accounts ORDER BY id`)
}

// InsertAccount stores an organisation; names are unique.
func (t *txn) InsertAccount(ctx context.Context, a support.Account) (int64, error) {
	var id int64
	err := t.writeRow(ctx, `INSERT INTO accounts (name, kind, partner_id, plan, region, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		a.Name, a.Kind, idOrNil(a.PartnerID), a.Plan, a.Region, a.CreatedAt.UnixMilli()).Scan(&id)
	if isUnique(err) {
		return 0, fmt.Errorf("account %s: %w", a.Name, support.ErrDuplicate)
	}
	return id, err
}
