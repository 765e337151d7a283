package update

import (
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

func openTicket(t *testing.T, f *cmdutil.Factory) support.Ticket {
	t.Helper()
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Statuses: []string{"open"}, Limit: 1})
	if err != nil || len(page.Tickets) == 0 {
		t.Fatalf("no open demo ticket: %v", err)
	}
	return page.Tickets[0]
}

func TestValidation(t *testing.T) {
	for _, args := range [][]string{{"1"}, {"x", "--status", "open"}, {"1", "--status", "done"}, {"1", "--severity", "S0"}, {"1", "--status", "open", "--if-version", "-1"}} {
		f, _ := cmdtest.Factory(t, false)
		err := cmdtest.Run(NewCmdUpdate(f, func(*UpdateOptions) error { return nil }), args...)
		if cmdutil.CodeOf(err) != cmdutil.ExitUsage {
			t.Errorf("%v: %v, want a usage error", args, err)
		}
	}
}

func TestUpdateChangesAndReports(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	tk := openTicket(t, f)
	id := strconv.FormatInt(tk.ID, 10)
	if err := cmdtest.Run(NewCmdUpdate(f, nil), id, "--status", "pending_customer", "--add-tag", "Needs-Logs"); err != nil {
		t.Fatal(err)
	}
	client, _ := f.APIClient()
	after, err := client.Ticket(t.Context(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if after.Status != "pending_customer" || after.Version != tk.Version+1 || !strings.Contains(strings.Join(after.Tags, ","), "needs-logs") {
		t.Errorf("after update: %+v", after)
	}
	if msg := io.ErrOut.String(); !strings.Contains(msg, "status open → pending_customer") {
		t.Errorf("stderr %q does not say what changed", msg)
	}
	if io.Out.Len() != 0 {
		t.Errorf("stdout %q, want nothing", io.Out)
	}
}

func TestStaleVersionIsAConflict(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	tk := openTicket(t, f)
	id := strconv.FormatInt(tk.ID, 10)
	if err := cmdtest.Run(NewCmdUpdate(f, nil), id, "--severity", "S1"); err != nil {
		t.Fatal(err)
	}
	err := cmdtest.Run(NewCmdUpdate(f, nil), id, "--status", "solved", "--if-version", strconv.Itoa(tk.Version))
	if cmdutil.CodeOf(err) != cmdutil.ExitConflict || !strings.Contains(err.Error(), "nothing was written") {
		t.Fatalf("err = %v, want exit 5 saying nothing was written", err)
	}
	client, _ := f.APIClient()
	if now, _ := client.Ticket(t.Context(), tk.ID); now.Status != tk.Status {
		t.Errorf("stale update was applied: status %s", now.Status)
	}
}

func TestClosedTicketCannotReopen(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Statuses: []string{"closed"}, Limit: 1})
	if err != nil || len(page.Tickets) == 0 {
		t.Fatalf("no closed demo ticket: %v", err)
	}
	err = cmdtest.Run(NewCmdUpdate(f, nil), strconv.FormatInt(page.Tickets[0].ID, 10), "--status", "open")
	if err == nil || !strings.Contains(err.Error(), "cannot be reopened") {
		t.Fatalf("err = %v, want a refusal to reopen", err)
	}
}
