package server

import (
	"net/http"

	"github.com/supctl/supctl/pkg/support"
)

func (s *Server) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, currentUser(r))
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	users, err := s.svc.ListUsers(r.Context(), currentUser(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"users": users})
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var req support.NewUser
	if _, err := readJSON(r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	issued, err := s.svc.AddUser(r.Context(), currentUser(r), req.User())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, issued)
}
