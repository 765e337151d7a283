package server

import (
	"net/http"

	"github.com/supctl/supctl/pkg/support"
)

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	accounts, err := s.svc.ListAccounts(r.Context(), currentUser(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"accounts": accounts})
}

func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	a, err := s.svc.Account(r.Context(), currentUser(r), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}

func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
	var a support.Account
	if _, err := readJSON(r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	created, err := s.svc.CreateAccount(r.Context(), currentUser(r), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, created)
}
