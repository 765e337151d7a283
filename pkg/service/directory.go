package service

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// System is who makes the changes nobody signed in for, such as the first
// admin of a new database.
var System = support.User{Role: support.RoleAdmin}

// ListUsers lists everyone who signs in.
func (s *Service) ListUsers(ctx context.Context, me support.User) ([]support.User, error) {
	if err := me.Check(support.ListUsers); err != nil {
		return nil, err
	}
	return s.store.ListUsers(ctx)
}

// UserByEmail finds a user by email, ignoring case.
func (s *Service) UserByEmail(ctx context.Context, email string) (support.User, error) {
	return s.store.UserByEmail(ctx, email)
}

// CreateUser adds a user; a taken email is support.ErrDuplicate.
func (s *Service) CreateUser(ctx context.Context, me support.User, u support.User) (support.User, error) {
	if err := me.Check(support.ManageUsers); err != nil {
		return u, err
	}
	if err := u.Normalize(); err != nil {
		return u, err
	}
	err := s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		u.CreatedAt = now
		u.Divisions, u.Languages = nonNil(u.Divisions), nonNil(u.Languages)
		if u.AccountID != 0 {
			if err := checkAccount(ctx, tx, "account_id", u.AccountID, "partner"); err != nil {
				return err
			}
		}
		var err error
		if u.ID, err = tx.InsertUser(ctx, u); err != nil {
			return err
		}
		return record(ctx, tx, me, now, support.Change{Entity: support.EntityUser, EntityID: u.ID, Kind: support.EventCreated, After: u})
	})
	return u, err
}

// nonNil is list, or an empty list for nil, so that it encodes as [].
func nonNil(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

// IssuedToken is a new bearer token with its owner: the only time the
// token itself is seen.
type IssuedToken struct {
	User      support.User `json:"user"`
	Token     string       `json:"token"`
	TokenID   int64        `json:"token_id"`
	ExpiresAt *time.Time   `json:"expires_at"`
}

// AddUser adds a user and issues their first token.
func (s *Service) AddUser(ctx context.Context, me support.User, u support.User) (IssuedToken, error) {
	created, err := s.CreateUser(ctx, me, u)
	if err != nil {
		return IssuedToken{}, err
	}
	by := support.User{ID: cmp.Or(me.ID, created.ID), Email: cmp.Or(me.Email, created.Email), Role: me.Role}
	return s.issue(ctx, by, created.Email, "first token", nil)
}

// Bootstrap creates the first admin of an empty database and returns its
// one-time token; on a database that has users it does nothing. The user
// and the token are two writes: callers run it on a new database that no
// one sees before it returns (sqlite.Create), so a process stopped between
// them leaves no admin without a token.
func (s *Service) Bootstrap(ctx context.Context, email string) (token string, err error) {
	n, err := s.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", err
	}
	issued, err := s.AddUser(ctx, System, support.User{Email: email, Name: "Administrator", Role: support.RoleAdmin, Region: "americas-west"})
	return issued.Token, err
}

// TokenRequest asks for a new token: for Email (the caller when empty),
// with a label, expiring at ExpiresAt (nil: never).
type TokenRequest struct {
	Email     string     `json:"email"`
	Label     string     `json:"label"`
	ExpiresAt *time.Time `json:"expires_at"`
}

// IssueToken issues a token for the caller, or, for an admin, anyone. A
// user who holds support.MaxLiveTokens unexpired tokens gets an error
// wrapping support.ErrTooManyTokens.
func (s *Service) IssueToken(ctx context.Context, me support.User, req TokenRequest) (IssuedToken, error) {
	email := strings.ToLower(strings.TrimSpace(req.Email))
	if email == "" {
		email = me.Email
	}
	if email != me.Email {
		if err := me.CheckAs(support.ManageUsers, "issuing a token for another user needs the admin role"); err != nil {
			return IssuedToken{}, err
		}
	}
	if req.ExpiresAt != nil && !req.ExpiresAt.After(s.now()) {
		return IssuedToken{}, &support.ValidationError{Field: "expires_at", Message: "expires_at " + req.ExpiresAt.UTC().Format(time.RFC3339) + " is not in the future"}
	}
	return s.issue(ctx, me, email, req.Label, req.ExpiresAt)
}

// issue creates a token for the user with that email, on behalf of by
// (the user themself when by has no id).
func (s *Service) issue(ctx context.Context, by support.User, email, label string, expiresAt *time.Time) (IssuedToken, error) {
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil {
		return IssuedToken{}, err
	}
	if by.ID == 0 {
		by = u
	}
	token, hash := newToken()
	var t support.Token
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		live, err := tx.LiveTokens(ctx, u.ID, now)
		if err != nil {
			return err
		}
		if live >= support.MaxLiveTokens {
			return fmt.Errorf("%s holds %d unexpired tokens, the most one user may hold: %w", u.Email, live, support.ErrTooManyTokens)
		}
		n := store.NewToken{UserID: u.ID, Hash: hash, Label: label, ExpiresAt: expiresAt}
		t = support.Token{UserID: u.ID, User: u.Email, Label: label, CreatedAt: now}
		if expiresAt != nil {
			at := time.UnixMilli(expiresAt.UnixMilli()).UTC() // as precise as stores keep times
			t.ExpiresAt = &at
		}
		if t.ID, err = tx.InsertToken(ctx, n, now); err != nil {
			return err
		}
		return record(ctx, tx, by, now, support.Change{Entity: support.EntityUser, EntityID: u.ID, Kind: support.EventTokenCreated, After: grant(t)})
	})
	if err != nil {
		return IssuedToken{}, err
	}
	return IssuedToken{User: u, Token: token, TokenID: t.ID, ExpiresAt: t.ExpiresAt}, nil
}

// grant is what a token's events record of it: never the hash.
func grant(t support.Token) support.TokenGrant {
	return support.TokenGrant{ID: t.ID, Label: t.Label, ExpiresAt: t.ExpiresAt}
}

// Authenticate finds the user a token's hash belongs to, with the token,
// expired or not: the caller refuses an expired one.
func (s *Service) Authenticate(ctx context.Context, hash []byte) (support.User, support.Token, error) {
	return s.store.TokenByHash(ctx, hash)
}

// FollowRevocations calls revoked with the id of every token revoked
// through any replica of a shared store (0: any token), until ctx ends; a
// store without such a feed returns at once.
func (s *Service) FollowRevocations(ctx context.Context, revoked func(tokenID int64)) {
	if feed, ok := s.store.(store.RevocationFeed); ok {
		feed.FollowRevocations(ctx, revoked)
	}
}

// TouchToken records that a token was used now, unless it was within
// support.LastUsedResolution, and reports whether it wrote.
func (s *Service) TouchToken(ctx context.Context, id int64) (wrote bool, err error) {
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		wrote, err = tx.TouchToken(ctx, id, now, now.Add(-support.LastUsedResolution))
		return err
	})
	return wrote, err
}

// TokenList is a user's tokens, with how many are live.
type TokenList struct {
	Tokens []support.Token `json:"tokens"`
	// Live counts the unexpired tokens, which Limit bounds.
	Live  int `json:"live"`
	Limit int `json:"limit"`
}

// ListTokens lists the tokens of me, or for an admin of the user with that
// email; current, the id of the token of the request, is marked.
func (s *Service) ListTokens(ctx context.Context, me support.User, email string, current int64) (TokenList, error) {
	owner := me
	if email = strings.ToLower(strings.TrimSpace(email)); email != "" && email != strings.ToLower(me.Email) {
		if err := me.CheckAs(support.ManageUsers, "listing another user's tokens needs the admin role"); err != nil {
			return TokenList{}, err
		}
		u, err := s.store.UserByEmail(ctx, email)
		if err != nil {
			return TokenList{}, err
		}
		owner = u
	}
	tokens, err := s.store.ListTokens(ctx, owner.ID)
	if err != nil {
		return TokenList{}, err
	}
	now := s.now()
	out := TokenList{Tokens: tokens, Limit: support.MaxLiveTokens}
	for i := range out.Tokens {
		out.Tokens[i].Current = out.Tokens[i].ID == current
		if !out.Tokens[i].Expired(now) {
			out.Live++
		}
	}
	if out.Tokens == nil {
		out.Tokens = []support.Token{}
	}
	return out, nil
}

// RevokeToken deletes a token of me's, or, for an admin, anyone's, and
// records it on its owner's history. A token of someone else's is
// support.ErrNotFound to others, as a missing one is.
func (s *Service) RevokeToken(ctx context.Context, me support.User, id int64) (t support.Token, err error) {
	err = s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		t, err = tx.Token(ctx, id)
		if err == nil && t.UserID != me.ID && !me.Can(support.ManageUsers) {
			err = fmt.Errorf("token %d: %w", id, support.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if err := tx.DeleteToken(ctx, id); err != nil {
			return err
		}
		return record(ctx, tx, me, now, support.Change{Entity: support.EntityUser, EntityID: t.UserID, Kind: support.EventTokenRevoked, Before: grant(t)})
	})
	return t, err
}

// tokenPrefix marks supctl tokens so secret scanners can find leaked ones.
const tokenPrefix = "sup_"

// newToken returns a fresh bearer token and the hash that is stored in its
// place; the token itself is never stored.
func newToken() (token string, hash []byte) {
	b := make([]byte, 20)
	_, _ = rand.Read(b)
	token = tokenPrefix + base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
	return token, HashToken(token)
}

// HashToken is what the store keeps of a token, and finds it by.
func HashToken(token string) []byte {
	sum := sha256.Sum256([]byte(token))
	return sum[:]
}

// ListAccounts lists the accounts me may see: to a partner, its own and
// the customers it serves.
func (s *Service) ListAccounts(ctx context.Context, me support.User) ([]support.Account, error) {
	accounts, err := s.store.ListAccounts(ctx)
	visible := accounts[:0]
	for _, a := range accounts {
		if me.CanSeeAccount(a) {
			visible = append(visible, a)
		}
	}
	return visible, err
}

// Account reads an account me may see.
func (s *Service) Account(ctx context.Context, me support.User, id int64) (support.Account, error) {
	a, err := s.store.Account(ctx, id)
	if err == nil && !me.CanSeeAccount(a) {
		// As a missing one, so that a partner cannot probe for accounts.
		return support.Account{}, fmt.Errorf("account %d: %w", id, support.ErrNotFound)
	}
	return a, err
}

// CreateAccount adds an organisation; names are unique. A customer's
// PartnerID must name a partner account.
func (s *Service) CreateAccount(ctx context.Context, me support.User, a support.Account) (support.Account, error) {
	if err := me.Check(support.AddAccounts); err != nil {
		return a, err
	}
	if err := a.Normalize(); err != nil {
		return a, err
	}
	err := s.store.InTx(ctx, func(tx store.Tx, now time.Time) error {
		a.CreatedAt = now
		if a.PartnerID != 0 {
			p, err := tx.Account(ctx, a.PartnerID)
			if errors.Is(err, support.ErrNotFound) {
				return &support.ValidationError{Field: "partner_id", Message: fmt.Sprintf("partner account %d does not exist", a.PartnerID)}
			}
			if err != nil {
				return err
			}
			if p.Kind != "partner" {
				return &support.ValidationError{Field: "partner_id", Message: fmt.Sprintf("account %d (%s) is not a partner", p.ID, p.Name)}
			}
		}
		var err error
		if a.ID, err = tx.InsertAccount(ctx, a); err != nil {
			return err
		}
		return record(ctx, tx, me, now, support.Change{Entity: support.EntityAccount, EntityID: a.ID, Kind: support.EventCreated, After: a})
	})
	return a, err
}
