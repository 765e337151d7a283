package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

type issuedToken struct {
	User      support.User `json:"user"`
	Token     string       `json:"token"`
	TokenID   int64        `json:"token_id"`
	ExpiresAt *time.Time   `json:"expires_at"`
}

type tokenKey struct{}

func withToken(ctx context.Context, t support.Token) context.Context {
	return context.WithValue(ctx, tokenKey{}, t)
}

// currentToken is the token the request was sent with; ok is false in the
// CLI's embedded mode, which has none.
func currentToken(r *http.Request) (support.Token, bool) {
	t, ok := r.Context().Value(tokenKey{}).(support.Token)
	return t, ok
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Email     string     `json:"email"`
		Label     string     `json:"label"`
		ExpiresAt *time.Time `json:"expires_at"`
	}
	if _, err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	me := currentUser(r)
	email := strings.ToLower(strings.TrimSpace(req.Email))
	if email == "" {
		email = me.Email
	}
	if email != me.Email && me.Role != "admin" {
		writeProblem(w, r, forbidden("issuing a token for another user needs the admin role"))
		return
	}
	if req.ExpiresAt != nil && !req.ExpiresAt.After(s.now()) {
		s.fail(w, r, &support.ValidationError{Field: "expires_at", Message: "expires_at " + req.ExpiresAt.UTC().Format(time.RFC3339) + " is not in the future"})
		return
	}
	issued, err := issueToken(r.Context(), s.store, actor(r), email, req.Label, req.ExpiresAt)
	if errors.Is(err, support.ErrTooManyTokens) {
		how := "`supctl auth token list`, then `supctl auth token revoke ID`"
		if email != me.Email {
			how = "`supctl admin token list --user " + email + "`, then `supctl admin token revoke ID`"
		}
		writeProblem(w, r, newProblem(http.StatusConflict, "too-many-tokens",
			fmt.Sprintf("%s holds %d unexpired tokens, the most one user may hold: revoke the ones no longer used first (%s)", email, support.MaxLiveTokens, how)))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, issued)
}

// IssueToken creates a new token, which never expires, for the user with
// that email.
func IssueToken(ctx context.Context, st store.Store, by store.Actor, email, label string) (issuedToken, error) {
	return issueToken(ctx, st, by, email, label, nil)
}

func issueToken(ctx context.Context, st store.Store, by store.Actor, email, label string, expiresAt *time.Time) (issuedToken, error) {
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		return issuedToken{}, err
	}
	if by.ID == 0 {
		by = store.Actor{ID: u.ID, Email: u.Email}
	}
	token, hash := newToken()
	t, err := st.CreateToken(ctx, by, store.NewToken{UserID: u.ID, Hash: hash, Label: label, ExpiresAt: expiresAt})
	if err != nil {
		return issuedToken{}, err
	}
	return issuedToken{User: u, Token: token, TokenID: t.ID, ExpiresAt: t.ExpiresAt}, nil
}

// tokenList is the body of GET /api/v1/tokens.
type tokenList struct {
	Tokens []support.Token `json:"tokens"`
	// Live counts the unexpired tokens, which Limit bounds.
	Live  int `json:"live"`
	Limit int `json:"limit"`
}

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	me := currentUser(r)
	owner := me
	if email := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("user"))); email != "" && email != strings.ToLower(me.Email) {
		if me.Role != "admin" {
			writeProblem(w, r, forbidden("listing another user's tokens needs the admin role"))
			return
		}
		u, err := s.store.UserByEmail(r.Context(), email)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		owner = u
	}
	tokens, err := s.store.ListTokens(r.Context(), owner.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	current, _ := currentToken(r)
	now := s.now()
	out := tokenList{Tokens: tokens, Limit: support.MaxLiveTokens}
	for i := range out.Tokens {
		out.Tokens[i].Current = out.Tokens[i].ID == current.ID
		if !out.Tokens[i].Expired(now) {
			out.Live++
		}
	}
	if out.Tokens == nil {
		out.Tokens = []support.Token{}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) revokeToken(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.revoke(w, r, id)
}

func (s *Server) revokeCurrentToken(w http.ResponseWriter, r *http.Request) {
	t, ok := currentToken(r)
	if !ok {
		writeProblem(w, r, newProblem(http.StatusNotFound, "not-found", "this request was made without a token: there is none to revoke"))
		return
	}
	s.revoke(w, r, t.ID)
}

// revoke deletes a token of the caller's, or anyone's for an admin, and
// forgets it at once on this server; others forget it within tokenTTL.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request, id int64) {
	me := currentUser(r)
	owner := me.ID
	if me.Role == "admin" {
		owner = 0
	}
	t, err := s.store.RevokeToken(r.Context(), actor(r), id, owner)
	if errors.Is(err, support.ErrNotFound) {
		detail := fmt.Sprintf("you hold no token %d: it was revoked already or is someone else's (`supctl auth token list` shows yours)", id)
		if owner == 0 {
			detail = fmt.Sprintf("there is no token %d: it was revoked already (`supctl admin token list --user EMAIL` shows a user's)", id)
		}
		writeProblem(w, r, newProblem(http.StatusNotFound, "not-found", detail))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.tokens.purge(t.ID)
	if current, ok := currentToken(r); ok && current.ID == t.ID {
		t.Current = true
	}
	writeJSON(w, http.StatusOK, t)
}
