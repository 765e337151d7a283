package server_test

import (
	"net/http"
	"slices"
	"testing"

	"github.com/supctl/supctl/pkg/support"
)

func TestCreateUserWithSkills(t *testing.T) {
	f := newFixture(t)
	resp, body := f.admin.JSON("POST", "/api/v1/users", map[string]any{"email": "yuki@example.com", "role": "engineer", "region": "apac-jp",
		"divisions": []string{"Spark", "core", "spark"}, "languages": []string{"JA", "en"}, "wip_limit": 5})
	mustStatus(t, resp, body, http.StatusCreated)
	var issued struct {
		User support.User `json:"user"`
	}
	decode(t, body, &issued)
	if u := issued.User; !slices.Equal(u.Divisions, []string{"core", "spark"}) || !slices.Equal(u.Languages, []string{"en", "ja"}) || u.WIPLimit != 5 {
		t.Errorf("created %+v, want divisions [core spark], languages [en ja], wip_limit 5", u)
	}

	resp, body = f.admin.JSON("POST", "/api/v1/users", map[string]any{"email": "jo@example.com", "role": "engineer", "region": "emea-de",
		"divisions": []string{"hbase"}})
	mustStatus(t, resp, body, http.StatusUnprocessableEntity)
	var p struct {
		Field string `json:"field"`
	}
	if decode(t, body, &p); p.Field != "divisions" {
		t.Errorf("problem field = %q, want divisions: %s", p.Field, body)
	}
}
