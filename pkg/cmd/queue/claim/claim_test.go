package claim

import (
	"regexp"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/demo"
	"github.com/supctl/supctl/pkg/support"
)

// heldByOther is an open demo ticket someone other than the demo user holds.
func heldByOther(t *testing.T, f *cmdutil.Factory) support.Ticket {
	t.Helper()
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Statuses: []string{"open"}, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range page.Tickets {
		if tk.Assignee != "" && tk.Assignee != demo.DemoUser {
			return tk
		}
	}
	t.Fatal("no open demo ticket is held by someone else")
	return support.Ticket{}
}

// TestClaimLostSaysSinceWhenInProfileZone: a lost claim names the holder
// and since when, in the profile's timezone on a terminal and in RFC 3339
// otherwise.
func TestClaimLostSaysSinceWhenInProfileZone(t *testing.T) {
	for _, tty := range []bool{true, false} {
		f, io := cmdtest.Factory(t, tty)
		io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
		tk := heldByOther(t, f)
		err := cmdtest.Run(NewCmdClaim(f, nil), shared.Ref(tk.ID))
		if cmdutil.CodeOf(err) != cmdutil.ExitConflict || !strings.Contains(err.Error(), "claimed by "+tk.Assignee+" at ") {
			t.Fatalf("tty %v: %v (exit %d), want exit 5 naming %s", tty, err, cmdutil.CodeOf(err), tk.Assignee)
		}
		rfc := regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`).MatchString(err.Error())
		if tty && (rfc || !strings.Contains(err.Error(), " JST (")) || !tty && (!rfc || strings.Contains(err.Error(), "JST")) {
			t.Errorf("tty %v: %v", tty, err)
		}
	}
}
