package create

import (
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmd/auth/authtest"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

func TestFlags(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	var got *CreateOptions
	if err := cmdtest.Run(NewCmdCreate(f, func(o *CreateOptions) error { got = o; return nil }), "--label", "cron", "--expires", "30d"); err != nil {
		t.Fatal(err)
	}
	if got.Label != "cron" || got.ExpiresAt == nil || !got.ExpiresAt.Equal(cmdtest.Now.Add(30*24*time.Hour)) {
		t.Errorf("options = %+v, want label cron expiring in 30 days", got)
	}
	for _, args := range [][]string{{"--expires", "forever"}, {"--expires", "0s"}, {"extra"}} {
		err := cmdtest.Run(NewCmdCreate(f, func(*CreateOptions) error { return nil }), args...)
		if err == nil || args[0] == "--expires" && cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestCreateForOneself(t *testing.T) {
	for _, tty := range []bool{false, true} {
		b := authtest.NewBackend(t, cmdtest.Now)
		f, io := cmdtest.Factory(t, tty)
		f.APIClient = b.ClientFunc(b.KenToken)
		if err := cmdtest.Run(NewCmdCreate(f, nil), "--label", "desk", "--expires", "720h"); err != nil {
			t.Fatal(err)
		}
		token := strings.TrimSuffix(io.Out.String(), "\n")
		if !strings.HasPrefix(token, "sup_") || strings.Contains(token, "\n") {
			t.Fatalf("stdout = %q, want the token alone", io.Out)
		}
		// A person reads the expiry in the profile's zone, a script in RFC 3339.
		until := "2026-12-20T09:30:00Z"
		if tty {
			until = "Dec 20 18:30 JST (in 1 month)"
		}
		if want := "✓ issued token 5 for ken@example.com, valid until " + until + "; the token above is shown only once\n"; io.ErrOut.String() != want {
			t.Errorf("stderr = %q, want %q", io.ErrOut, want)
		}
		if me, err := b.Client(token).Me(t.Context()); err != nil || me.Email != "ken@example.com" {
			t.Errorf("the new token signs in as %q, %v", me.Email, err)
		}
	}
}
