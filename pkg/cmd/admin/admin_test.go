package admin

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmd/auth/authtest"

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

func TestTokenCreateExpires(t *testing.T) {
	cases := []struct {
		expires string
		want    time.Duration // 0: no expiry
		code    cmdutil.ExitCode
	}{
		{"", 0, 0},
		{"90d", 90 * 24 * time.Hour, 0},
		{"720h", 720 * time.Hour, 0},
		{"1h30m", 90 * time.Minute, 0},
		{"soon", 0, cmdutil.ExitUsage},
		{"0d", 0, cmdutil.ExitUsage},
		{"-5h", 0, cmdutil.ExitUsage},
		{"3w", 0, cmdutil.ExitUsage},
	}
	for _, c := range cases {
		f, _ := cmdtest.Factory(t, false)
		var got *TokenCreateOptions
		args := []string{"--user", "ken@example.com", "--label", "ci"}
		if c.expires != "" {
			args = append(args, "--expires", c.expires)
		}
		err := cmdtest.Run(NewCmdTokenCreate(f, func(o *TokenCreateOptions) error { got = o; return nil }), args...)
		if c.code != 0 {
			if cmdutil.CodeOf(err) != c.code {
				t.Errorf("--expires %q: %v, want exit %d", c.expires, err, c.code)
			}
			continue
		}
		if err != nil {
			t.Fatalf("--expires %q: %v", c.expires, err)
		}
		switch {
		case c.want == 0 && got.ExpiresAt != nil:
			t.Errorf("no --expires gave expiry %s", got.ExpiresAt)
		case c.want != 0 && (got.ExpiresAt == nil || !got.ExpiresAt.Equal(cmdtest.Now.Add(c.want))):
			t.Errorf("--expires %q gave %v, want %s", c.expires, got.ExpiresAt, cmdtest.Now.Add(c.want))
		}
	}
}

func TestTokenCreateWithExpiry(t *testing.T) {
	b := authtest.NewBackend(t, cmdtest.Now)
	f, io := cmdtest.Factory(t, false)
	f.APIClient = b.ClientFunc(b.AdminToken)
	if err := cmdtest.Run(NewCmdTokenCreate(f, nil), "--user", "ken@example.com", "--label", "ci", "--expires", "90d"); err != nil {
		t.Fatal(err)
	}
	token := strings.TrimSpace(io.Out.String())
	if !strings.HasPrefix(token, "sup_") {
		t.Fatalf("stdout = %q, want the token alone", io.Out)
	}
	if want := "✓ issued token 5 for ken@example.com, valid until 2027-02-18T09:30:00Z; the token above is shown only once\n"; io.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", io.ErrOut, want)
	}
}

func TestTokenListNeedsUser(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	err := cmdtest.Run(NewCmdTokenList(f, func(*TokenListOptions) error { return nil }))
	if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("no --user: %v, want a usage error", err)
	}
}

func TestTokenListAndRevokeAnyones(t *testing.T) {
	b := authtest.NewBackend(t, cmdtest.Now)
	f, io := cmdtest.Factory(t, false)
	f.APIClient = b.ClientFunc(b.AdminToken)
	if err := cmdtest.Run(NewCmdTokenList(f, nil), "--user", "ken@example.com", "--jq", ".[] | [.id, .label, .current] | @tsv"); err != nil {
		t.Fatal(err)
	}
	if want := "2\tfirst token\tfalse\n3\thandoff cron\tfalse\n4\told laptop\tfalse\n"; io.Out.String() != want {
		t.Errorf("stdout =\n%s\nwant\n%s", io.Out, want)
	}
	io.Out.Reset()
	if err := cmdtest.Run(NewCmdTokenRevoke(f, nil), "2"); err != nil {
		t.Fatal(err)
	}
	if want := "✓ revoked token 2 (first token) of ken@example.com\n"; io.ErrOut.String() != want {
		t.Errorf("stderr = %q, want %q", io.ErrOut, want)
	}
	if _, err := b.Client(b.KenToken).Me(t.Context()); err == nil {
		t.Error("ken's revoked token still works")
	}
	err := cmdtest.Run(NewCmdTokenRevoke(f, func(*TokenRevokeOptions) error { return nil }), "two")
	if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("a non-numeric id: %v, want a usage error", err)
	}
}
