package server

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

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
	var req service.TokenRequest
	if _, err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	me := currentUser(r)
	issued, err := s.svc.IssueToken(r.Context(), me, req)
	if errors.Is(err, support.ErrTooManyTokens) {
		email := cmp.Or(strings.ToLower(strings.TrimSpace(req.Email)), me.Email)
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

func (s *Server) listTokens(w http.ResponseWriter, r *http.Request) {
	current, _ := currentToken(r)
	list, err := s.svc.ListTokens(r.Context(), currentUser(r), r.URL.Query().Get("user"), current.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list)
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

// FollowRevocations forgets, at once, the tokens other replicas revoke,
// when the store tells of them, until ctx ends.
func (s *Server) FollowRevocations(ctx context.Context) {
	s.svc.FollowRevocations(ctx, s.tokens.purge)
}

// revoke deletes a token of the caller's, or anyone's for an admin, and
// forgets it at once on this server; other replicas forget it when the
// store tells them (FollowRevocations), or else within tokenTTL.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request, id int64) {
	me := currentUser(r)
	t, err := s.svc.RevokeToken(r.Context(), me, id)
	if errors.Is(err, support.ErrNotFound) {
		detail := fmt.Sprintf("you hold no token %d: it was revoked already or is someone else's (`supctl auth token list` shows yours)", id)
		if me.Can(support.ManageUsers) {
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
