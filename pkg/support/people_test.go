package support

import (
	"errors"
	"slices"
	"testing"
)

func TestUserSkills(t *testing.T) {
	u := User{Email: "ken@example.com", Role: "engineer", Region: "apac-jp",
		Divisions: []string{" Spark", "core", "spark"}, Languages: []string{"JA", "en", "ja"}, WIPLimit: 5}
	if err := u.Normalize(); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(u.Divisions, []string{"core", "spark"}) || !slices.Equal(u.Languages, []string{"en", "ja"}) || u.WIPLimit != 5 {
		t.Errorf("skills = %v %v, wip %d; want [core spark] [en ja], 5", u.Divisions, u.Languages, u.WIPLimit)
	}
	for _, tc := range []struct {
		field string
		edit  func(*User)
	}{
		{"divisions", func(u *User) { u.Divisions = []string{"core", "hbase"} }},
		{"divisions", func(u *User) { u.Divisions = []string{""} }},
		{"languages", func(u *User) { u.Languages = []string{"fr"} }},
		{"wip_limit", func(u *User) { u.WIPLimit = -1 }},
	} {
		bad := User{Email: "ken@example.com", Role: "engineer", Region: "apac-jp"}
		tc.edit(&bad)
		var verr *ValidationError
		if err := bad.Normalize(); !errors.As(err, &verr) || verr.Field != tc.field {
			t.Errorf("%+v: err = %v, want a validation error on %s", bad, err, tc.field)
		}
	}
}

func TestUserTakes(t *testing.T) {
	yuki := User{Divisions: []string{"sql", "spark"}, Languages: []string{"en", "ja"}}
	anyone := User{}
	for _, tc := range []struct {
		u                  User
		division, language string
		want               bool
	}{
		{yuki, "spark", "ja", true},
		{yuki, "core", "ja", false},
		{yuki, "spark", "ko", false},
		{anyone, "core", "ko", true},
	} {
		if got := tc.u.Takes(tc.division, tc.language); got != tc.want {
			t.Errorf("%v takes %s/%s = %t, want %t", tc.u.Divisions, tc.division, tc.language, got, tc.want)
		}
	}
}
