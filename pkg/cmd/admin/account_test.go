package admin

import (
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/demo"
)

// TestAccountAddThenList: an admin adds an account without `supctl api`,
// its id alone on stdout, and account list shows it.
func TestAccountAddThenList(t *testing.T) {
	client := cmdtest.DemoClient(t, demo.AdminUser)
	f, io := cmdtest.Factory(t, false)
	f.APIClient = func() (*api.Client, error) { return client, nil }
	err := cmdtest.Run(NewCmdAccountAdd(f, nil), "--name", "Kobe Steelworks", "--kind", "customer", "--plan", "premium", "--region", "apac-jp")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(io.Out.String())
	if id == "" || strings.ContainsAny(id, " \t") {
		t.Fatalf("stdout = %q, want the new account's id alone", io.Out)
	}
	if !strings.Contains(io.ErrOut.String(), "added account "+id+", Kobe Steelworks (customer, premium, apac-jp)") {
		t.Errorf("stderr = %q", io.ErrOut)
	}
	io.Out.Reset()
	if err := cmdtest.Run(NewCmdAccountList(f, nil)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(io.Out.String(), id+"\tKobe Steelworks\tcustomer\tpremium\tapac-jp\t") {
		t.Errorf("account list =\n%s\nlacks the new account", io.Out)
	}
}

func TestAccountAddChecksItsFlags(t *testing.T) {
	for _, args := range [][]string{
		{"--kind", "customer", "--region", "apac-jp"},
		{"--name", "Acme", "--kind", "vendor", "--region", "apac-jp"},
		{"--name", "Acme", "--region", "mars"},
		{"--name", "Acme", "--region", "apac-jp", "--plan", "gold"},
	} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdAccountAdd(f, func(*AccountAddOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}
