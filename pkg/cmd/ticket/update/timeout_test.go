package update

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
)

// An update whose answer does not come in time may have been applied: the
// error says so (exit 6) and prints the retry pinned to the version it was
// made against, which then changes nothing and fails with a conflict.
func TestTimedOutUpdateRetryIsPinnedToVersion(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	tk := openTicket(t, f)
	backend, _ := f.APIClient()
	stalling, _ := cmdtest.StallingClient(t, backend)
	f.APIClient = func() (*api.Client, error) { return stalling, nil }
	id := strconv.FormatInt(tk.ID, 10)

	err := cmdtest.Run(NewCmdUpdate(f, nil), id, "--status", "PENDING_CUSTOMER")
	var uw *cmdutil.UncertainWriteError
	if !errors.As(err, &uw) || cmdutil.CodeOf(err) != cmdutil.ExitUnavailable || !strings.Contains(err.Error(), "the update may have been applied") {
		t.Fatalf("error %v (exit %d)", err, cmdutil.CodeOf(err))
	}
	want := "update " + id + " --status pending_customer --if-version " + strconv.Itoa(tk.Version)
	hint := cmdutil.HintOf(err)
	if !strings.HasSuffix(hint, want) {
		t.Fatalf("hint %q, want it to end with %q", hint, want)
	}
	err = cmdtest.Run(NewCmdUpdate(f, nil), strings.Fields(want)[1:]...)
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusConflict || cmdutil.CodeOf(err) != cmdutil.ExitConflict {
		t.Fatalf("retry: %v, want a conflict", err)
	}
	after, _ := backend.Ticket(t.Context(), tk.ID)
	if after.Version != tk.Version+1 || after.Status != "pending_customer" {
		t.Errorf("ticket at version %d, status %s; want %d, pending_customer", after.Version, after.Status, tk.Version+1)
	}
}
