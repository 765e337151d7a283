package create

import (
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

// countSubject is the number of tickets whose subject is subject.
func countSubject(t *testing.T, client *api.Client, subject string) int {
	t.Helper()
	tickets, err := client.ListAllTickets(t.Context(), support.TicketFilter{Search: subject}, support.MaxLimit)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, tk := range tickets {
		if tk.Subject == subject {
			n++
		}
	}
	return n
}

// On a terminal with no body, the description is written in the editor
// and its instructions stripped; the enum flags take any case and the
// ticket gets the canonical values.
func TestDescriptionWrittenInEditor(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetStdinTTY(true)
	var opened string
	f.Editor = func(name, text string) (string, error) {
		opened = text
		return "Executors are lost after the upgrade.\n" + text, nil
	}
	err := cmdtest.Run(NewCmdCreate(f, nil), "--subject", "Executors lost", "--division", "Spark", "--severity", "s2",
		"--requester-kind", "INTERNAL")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(opened, `"Executors lost"`) || !strings.Contains(opened, cmdutil.EditorCutLine) {
		t.Errorf("editor opened on %q", opened)
	}
	id, _ := strconv.ParseInt(strings.TrimSpace(io.Out.String()), 10, 64)
	client, _ := f.APIClient()
	tk, err := client.Ticket(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Description != "Executors are lost after the upgrade." || tk.Severity != "S2" || tk.Division != "spark" || tk.RequesterKind != "internal" {
		t.Errorf("created %+v", tk)
	}
}

// An empty description opens no ticket (exit 2).
func TestEmptyDescriptionOpensNothing(t *testing.T) {
	f, _ := cmdtest.Factory(t, true)
	f.IOStreams.SetStdinTTY(true)
	f.Editor = func(name, text string) (string, error) { return text, nil }
	err := cmdtest.Run(NewCmdCreate(f, nil), "--subject", "Nothing to say", "--division", "core", "--requester-kind", "internal")
	if cmdutil.CodeOf(err) != cmdutil.ExitUsage || !strings.Contains(err.Error(), "no ticket was opened") {
		t.Fatalf("error %v", err)
	}
	client, _ := f.APIClient()
	if n := countSubject(t, client, "Nothing to say"); n != 0 {
		t.Errorf("%d tickets opened", n)
	}
}

// A ticket whose answer does not come in time may have been opened: the
// error says so, exit 6, with a retry command carrying the same key and
// the description kept in a file; the retry returns the first ticket and
// opens no second one.
func TestTimedOutCreateRetriedWithSameKey(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetStdinTTY(true)
	f.Editor = func(name, text string) (string, error) { return "Kerberos tickets expire early.\n" + text, nil }
	backend, _ := f.APIClient()
	stalling, _ := cmdtest.StallingClient(t, backend)
	f.APIClient = func() (*api.Client, error) { return stalling, nil }
	subject := "Kerberos ticket renewal fails"

	err := cmdtest.Run(NewCmdCreate(f, nil), "--subject", subject, "--division", "core", "--requester-kind", "internal", "--tag", "kerberos", "--tag", "auth")
	var uw *cmdutil.UncertainWriteError
	if !errors.As(err, &uw) || cmdutil.CodeOf(err) != cmdutil.ExitUnavailable || !strings.Contains(err.Error(), "the ticket may have been opened") {
		t.Fatalf("error %v (exit %d)", err, cmdutil.CodeOf(err))
	}
	if n := countSubject(t, backend, subject); n != 1 {
		t.Fatalf("%d tickets after the timeout, want 1", n)
	}
	hint := cmdutil.HintOf(err)
	lines := strings.Split(hint, "\n")
	retry := strings.Fields(lines[len(lines)-1])
	if retry[0] != "create" || !strings.Contains(hint, "--tag kerberos --tag auth") || !strings.Contains(hint, "--idempotency-key ") {
		t.Fatalf("hint %q", hint)
	}
	_, after, _ := strings.Cut(hint, "--body-file ")
	path := strings.Fields(after)[0]
	defer os.Remove(path)
	if data, err := os.ReadFile(path); err != nil || string(data) != "Kerberos tickets expire early." {
		t.Errorf("recover file %q: %q (%v)", path, data, err)
	}
	// The shell would unquote the subject; here it is put back as one word.
	args := []string{"--subject", subject}
	for i := 1; i < len(retry); i++ {
		if retry[i] == "--subject" {
			for !strings.HasSuffix(retry[i], "'") {
				i++
			}
			continue
		}
		args = append(args, retry[i])
	}
	io.Out.Reset()
	io.ErrOut.Reset()
	if err := cmdtest.Run(NewCmdCreate(f, nil), args...); err != nil {
		t.Fatalf("retry %v: %v", args, err)
	}
	if n := countSubject(t, backend, subject); n != 1 {
		t.Errorf("%d tickets after the retry, want 1", n)
	}
	id, _ := strconv.ParseInt(strings.TrimSpace(io.Out.String()), 10, 64)
	tk, err := backend.Ticket(t.Context(), id)
	if err != nil || tk.Subject != subject || tk.Description != "Kerberos tickets expire early." {
		t.Errorf("the retry returned %+v (%v), want the first ticket", tk, err)
	}
	if want := "#" + strconv.FormatInt(id, 10) + " " + subject + " was already open: the first attempt with this key opened it"; !strings.Contains(io.ErrOut.String(), want) {
		t.Errorf("stderr %q, want %q", io.ErrOut, want)
	}
}
