package server

import (
	"cmp"
	"context"
	"net/http"

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
