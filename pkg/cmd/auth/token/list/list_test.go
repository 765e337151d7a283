package list

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/cmd/auth/authtest"
	"github.com/supctl/supctl/pkg/cmd/auth/shared"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

func TestFlags(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	var got *ListOptions
	if err := cmdtest.Run(NewCmdList(f, func(o *ListOptions) error { got = o; return nil }), "--json", "id,label"); err != nil {
		t.Fatal(err)
	}
	if got.Exporter == nil || strings.Join(got.Exporter.Fields(), ",") != "id,label" {
		t.Errorf("exporter = %v", got.Exporter)
	}
	for _, args := range [][]string{{"--json", "token"}, {"--json", "hash"}, {"extra"}} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdList(f, func(*ListOptions) error { return nil }), args...)
		if err == nil || args[0] == "--json" && cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func run(t *testing.T, tty bool, args ...string) cmdtest.Streams {
	t.Helper()
	b := authtest.NewBackend(t, cmdtest.Now)
	f, io := cmdtest.Factory(t, tty)
	f.APIClient = b.ClientFunc(b.KenToken)
	if err := cmdtest.Run(NewCmdList(f, nil), args...); err != nil {
		t.Fatal(err)
	}
	return io
}

func TestTTY(t *testing.T) {
	io := run(t, true)
	want := []string{
		"ID  LABEL         CREATED     LAST USED  EXPIRES",
		"2   first token   2 days ago  just now   never               current",
		"3   handoff cron  2 days ago  never      in 3 months",
		"4   old laptop    2 days ago  never      expired 1 hour ago",
	}
	lines := strings.Split(strings.TrimSuffix(io.Out.String(), "\n"), "\n")
	if len(lines) != 4 {
		t.Fatalf("stdout =\n%s\nwant a header and 3 rows", io.Out)
	}
	for i, line := range lines {
		if line != want[i] {
			t.Errorf("line %d = %q, want %q", i, line, want[i])
		}
	}
	if got := io.ErrOut.String(); got != "ken@example.com holds 2 live tokens of at most 100, and 1 expired\n" {
		t.Errorf("stderr = %q", got)
	}
}

func TestPiped(t *testing.T) {
	io := run(t, false)
	want := []string{
		"2\tfirst token\t2026-11-18T09:30:00Z\t2026-11-20T09:30:00Z\t\tcurrent",
		"3\thandoff cron\t2026-11-18T09:30:00Z\t\t2027-02-18T09:30:00Z\t",
		"4\told laptop\t2026-11-18T09:30:00Z\t\t2026-11-20T08:30:00Z\t",
	}
	if got := strings.Split(strings.TrimSuffix(io.Out.String(), "\n"), "\n"); !slices.Equal(got, want) {
		t.Errorf("stdout =\n%s\nwant\n%s", io.Out, strings.Join(want, "\n"))
	}
	if io.ErrOut.Len() > 0 {
		t.Errorf("stderr = %q, want nothing when piped", io.ErrOut)
	}
}

// The JSON of a token list is a contract: these fields, these types, and
// never the token.
func TestJSONContract(t *testing.T) {
	io := run(t, false, "--json")
	if strings.Contains(io.Out.String(), "sup_") {
		t.Fatalf("the JSON shows a token: %s", io.Out)
	}
	var got []map[string]any
	if err := json.Unmarshal(io.Out.Bytes(), &got); err != nil || len(got) != 3 {
		t.Fatalf("%v: %s", err, io.Out)
	}
	for _, tok := range got {
		keys := make([]string, 0, len(tok))
		for k := range tok {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		want := slices.Sorted(slices.Values(shared.TokenFields))
		if !slices.Equal(keys, want) {
			t.Errorf("fields %v, want %v", keys, want)
		}
	}
	first, second := got[0], got[1]
	if first["id"] != float64(2) || first["current"] != true || first["expires_at"] != nil || first["user"] != "ken@example.com" {
		t.Errorf("first token = %v", first)
	}
	if _, err := time.Parse(time.RFC3339, second["expires_at"].(string)); err != nil || second["last_used_at"] != nil || second["current"] != false {
		t.Errorf("second token = %v", second)
	}

	io = run(t, false, "--jq", ".[] | select(.current) | .label")
	if io.Out.String() != "first token\n" {
		t.Errorf("--jq printed %q", io.Out)
	}
}

// The demo profile's embedded server needs no token, and its user has none.
func TestNoTokens(t *testing.T) {
	for _, tty := range []bool{false, true} {
		f, io := cmdtest.Factory(t, tty)
		if err := cmdtest.Run(NewCmdList(f, nil)); err != nil {
			t.Fatal(err)
		}
		want := ""
		if tty {
			want = "you hold no tokens on this backend\n"
		}
		if io.Out.Len() > 0 || io.ErrOut.String() != want {
			t.Errorf("tty %v: stdout %q, stderr %q, want stderr %q", tty, io.Out, io.ErrOut, want)
		}
	}
}
