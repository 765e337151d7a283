package revoke

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/auth/authtest"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

func TestArgs(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	var got *RevokeOptions
	if err := cmdtest.Run(NewCmdRevoke(f, func(o *RevokeOptions) error { got = o; return nil }), "12", "7"); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.IDs, []int64{12, 7}) {
		t.Errorf("ids = %v, want [12 7]", got.IDs)
	}
	for _, args := range [][]string{{"abc"}, {"0"}, {"-3"}, {"12", "laptop"}} {
		err := cmdtest.Run(NewCmdRevoke(f, func(*RevokeOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
	if err := cmdtest.Run(NewCmdRevoke(f, func(*RevokeOptions) error { return nil })); err == nil {
		t.Error("no id was accepted")
	}
}

func TestRevokeOwnTokens(t *testing.T) {
	for _, tty := range []bool{false, true} {
		b := authtest.NewBackend(t, cmdtest.Now)
		f, io := cmdtest.Factory(t, tty)
		f.APIClient = b.ClientFunc(b.KenToken)
		if err := cmdtest.Run(NewCmdRevoke(f, nil), "3", "4"); err != nil {
			t.Fatal(err)
		}
		want := "✓ revoked token 3 (handoff cron) of ken@example.com\n✓ revoked token 4 (old laptop) of ken@example.com\n"
		if io.ErrOut.String() != want || io.Out.Len() > 0 {
			t.Errorf("tty %v: stdout %q, stderr\n%s\nwant\n%s", tty, io.Out, io.ErrOut, want)
		}
		list, err := b.Client(b.KenToken).Tokens(t.Context(), "")
		if err != nil || len(list.Tokens) != 1 {
			t.Errorf("ken's tokens after revoking two: %+v, %v; want one", list, err)
		}
	}
}

func TestRevokeCurrentWarns(t *testing.T) {
	b := authtest.NewBackend(t, cmdtest.Now)
	f, io := cmdtest.Factory(t, true)
	f.APIClient = b.ClientFunc(b.KenToken)
	if err := cmdtest.Run(NewCmdRevoke(f, nil), "2"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.ErrOut.String(), "! that was the token this profile signs in with: run `supctl auth login` with another\n") {
		t.Errorf("stderr = %q", io.ErrOut)
	}
	if _, err := b.Client(b.KenToken).Me(t.Context()); err == nil {
		t.Error("the revoked token still works")
	}
}

func TestRevokeSomeoneElsesIsNotFound(t *testing.T) {
	b := authtest.NewBackend(t, cmdtest.Now)
	f, io := cmdtest.Factory(t, false)
	f.APIClient = b.ClientFunc(b.KenToken)
	err := cmdtest.Run(NewCmdRevoke(f, nil), "1")
	var he *api.HTTPError
	if !errors.As(err, &he) || he.StatusCode != http.StatusNotFound || err.Error() != "you hold no token 1: it was revoked already or is someone else's (`supctl auth token list` shows yours)" {
		t.Errorf("revoking the admin's token: %v, want a 404", err)
	}
	if io.ErrOut.Len() > 0 {
		t.Errorf("stderr = %q", io.ErrOut)
	}
	if _, err := b.Client(b.AdminToken).Me(t.Context()); err != nil {
		t.Errorf("the admin's token stopped working: %v", err)
	}
}
