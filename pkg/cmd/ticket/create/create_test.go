package create

import (
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

func TestValidation(t *testing.T) {
	for _, args := range [][]string{
		{"--division", "core"},
		{"--subject", "x"},
		{"--subject", "x", "--division", "hdfs", "--requester-kind", "internal"},
		{"--subject", "x", "--division", "core"},
		{"--subject", "x", "--division", "core", "--requester-kind", "internal", "--severity", "P1"},
	} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdCreate(f, func(*CreateOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestCreatePrintsIDAndUsesProfileDefaults(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	args := []string{"--subject", "POC sizing for 20 nodes", "--division", "core", "--requester-kind", "internal",
		"--body", "Sales asks for a sizing.", "--tag", "poc", "--idempotency-key", "k1"}
	if err := cmdtest.Run(NewCmdCreate(f, nil), args...); err != nil {
		t.Fatal(err)
	}
	id, err := strconv.ParseInt(strings.TrimSpace(io.Out.String()), 10, 64)
	if err != nil {
		t.Fatalf("stdout %q is not an id", io.Out)
	}
	client, _ := f.APIClient()
	tk, err := client.Ticket(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Region != "apac-jp" || tk.Language != "ja" || tk.RequesterKind != "internal" || tk.Description != "Sales asks for a sizing." {
		t.Errorf("created %+v, want the demo profile's region and language", tk)
	}

	// The same idempotency key returns the same ticket.
	io.Out.Reset()
	if err := cmdtest.Run(NewCmdCreate(f, nil), args...); err != nil {
		t.Fatal(err)
	}
	if again := strings.TrimSpace(io.Out.String()); again != strconv.FormatInt(id, 10) {
		t.Errorf("retry with the same key created %s, want %d", again, id)
	}
}
