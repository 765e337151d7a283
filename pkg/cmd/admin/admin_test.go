package admin

import (
	"slices"
	"testing"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

func TestUserAddSkills(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	var got *UserAddOptions
	cmd := NewCmdUserAdd(f, func(o *UserAddOptions) error { got = o; return nil })
	err := cmdtest.Run(cmd, "--email", "yuki@example.com", "--region", "apac-jp",
		"--division", "spark,sql", "--language", "ja", "--language", "en", "--wip-limit", "8")
	if err != nil {
		t.Fatal(err)
	}
	u := got.User
	if !slices.Equal(u.Divisions, []string{"spark", "sql"}) || !slices.Equal(u.Languages, []string{"ja", "en"}) || u.WIPLimit != 8 {
		t.Errorf("user = %+v, want divisions [spark sql], languages [ja en], wip limit 8", u)
	}
}

func TestUserAddRejectsBadSkills(t *testing.T) {
	for _, bad := range [][]string{{"--division", "hbase"}, {"--language", "fr"}, {"--wip-limit", "-1"}} {
		f, _ := cmdtest.Factory(t, false)
		args := append([]string{"--email", "yuki@example.com", "--region", "apac-jp"}, bad...)
		err := cmdtest.Run(NewCmdUserAdd(f, func(*UserAddOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", bad, err)
		}
	}
}
