package server

import (
	"cmp"
	"context"
	"net/http"
	"strings"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, currentUser(r))
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	if role := currentUser(r).Role; role != "admin" && role != "lead" {
		writeProblem(w, r, forbidden("listing users needs the admin or lead role"))
		return
	}
	users, err := s.store.ListUsers(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users})
}

type issuedToken struct {
	User  support.User `json:"user"`
	Token string       `json:"token"`
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	if currentUser(r).Role != "admin" {
		writeProblem(w, r, forbidden("adding users needs the admin role"))
		return
	}
	var req support.NewUser
	if _, err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	issued, err := CreateUserWithToken(r.Context(), s.store, actor(r), req.User())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, issued)
}

// CreateUserWithToken validates u, stores it and issues its first token.
// `supctl serve` uses it to bootstrap the first admin.
func CreateUserWithToken(ctx context.Context, st store.Store, by store.Actor, u support.User) (issuedToken, error) {
	if err := u.Normalize(); err != nil {
		return issuedToken{}, err
	}
	created, err := st.CreateUser(ctx, by, u)
	if err != nil {
		return issuedToken{}, err
	}
	return IssueToken(ctx, st, store.Actor{ID: cmp.Or(by.ID, created.ID), Email: cmp.Or(by.Email, created.Email)}, created.Email, "first token")
}

func (s *Server) createToken(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Email string `json:"email"`
		Label string `json:"label"`
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
	issued, err := IssueToken(r.Context(), s.store, actor(r), email, req.Label)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, issued)
}

// IssueToken creates a new token for the user with that email.
func IssueToken(ctx context.Context, st store.Store, by store.Actor, email, label string) (issuedToken, error) {
	u, err := st.UserByEmail(ctx, email)
	if err != nil {
		return issuedToken{}, err
	}
	if by.ID == 0 {
		by = store.Actor{ID: u.ID, Email: u.Email}
	}
	token, hash := newToken()
	if err := st.CreateToken(ctx, by, u.ID, hash, label); err != nil {
		return issuedToken{}, err
	}
	return issuedToken{User: u, Token: token}, nil
}
