package server

import (
	"net/http"

	"github.com/supctl/supctl/pkg/support"
)

func (s *Server) listAccounts(w http.ResponseWriter, r *http.Request) {
	accounts, err := s.store.ListAccounts(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if me := currentUser(r); me.Role == "partner" {
		visible := accounts[:0]
		for _, a := range accounts {
			if a.ID == me.AccountID || a.PartnerID == me.AccountID {
				visible = append(visible, a)
			}
		}
		accounts = visible
	}
	writeJSON(w, http.StatusOK, map[string]any{"accounts": accounts})
}

func (s *Server) getAccount(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		var a support.Account
		if a, err = s.store.Account(r.Context(), id); err == nil {
			if me := currentUser(r); me.Role == "partner" && a.ID != me.AccountID && a.PartnerID != me.AccountID {
				err = newProblem(http.StatusNotFound, "not-found", "account not found")
			} else {
				writeJSON(w, http.StatusOK, a)
				return
			}
		}
	}
	s.fail(w, r, err)
}

func (s *Server) createAccount(w http.ResponseWriter, r *http.Request) {
	if role := currentUser(r).Role; role != "admin" && role != "lead" {
		writeProblem(w, r, forbidden("adding accounts needs the admin or lead role"))
		return
	}
	var a support.Account
	if _, err := readJSON(r, &a); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := a.Normalize(); err != nil {
		s.fail(w, r, err)
		return
	}
	created, err := s.store.CreateAccount(r.Context(), actor(r), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, created)
}
