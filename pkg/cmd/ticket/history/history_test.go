package history

import (
	"encoding/json"
	"errors"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/ticket/shared"
	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/support"
)

// worked claims a new unassigned demo ticket as the demo user, releases
// it with a reason, skips it with one, and raises its severity and
// status: the history a shift leaves.
func worked(t *testing.T, f *cmdutil.Factory) support.Ticket {
	t.Helper()
	client, _ := f.APIClient()
	ctx := t.Context()
	tk, err := client.CreateTicket(ctx, support.NewTicket{Subject: "NameNode はフェイルオーバー後に起動しない", Description: "standby stays in safe mode",
		Division: "core", Region: "apac-jp", Language: "ja", Severity: "S3", RequesterKind: "internal"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Claim(ctx, tk.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := client.Release(ctx, tk.ID, "needs a Korean speaker"); err != nil {
		t.Fatal(err)
	}
	if err := client.Skip(ctx, tk.ID, "on leave tomorrow"); err != nil {
		t.Fatal(err)
	}
	sev, status := "S1", "pending_customer"
	if _, err := client.UpdateTicket(ctx, tk.ID, support.TicketPatch{Severity: &sev}); err != nil {
		t.Fatal(err)
	}
	if _, err := client.UpdateTicket(ctx, tk.ID, support.TicketPatch{Status: &status}); err != nil {
		t.Fatal(err)
	}
	return tk
}

// TestHistoryOnATerminal: claims, releases and skips with their reasons,
// status and severity changes, who and when, in the profile's timezone.
func TestHistoryOnATerminal(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetTerminalWidth(80)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	tk := worked(t, f)
	if err := cmdtest.Run(NewCmdHistory(f, nil), shared.Ref(tk.ID)); err != nil {
		t.Fatal(err)
	}
	got := io.Out.String()
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	want := []string{"created (S3, new)", "claimed (status new → open)", "released: needs a Korean speaker",
		"skipped: on leave tomorrow", "severity S3 → S1", "status open → pending_customer"}
	if len(lines) != len(want) {
		t.Fatalf("%d lines, want %d:\n%s", len(lines), len(want), got)
	}
	for i, w := range want {
		if !strings.HasPrefix(lines[i], "18:30 JST  ken@example.com  ") || !strings.HasSuffix(lines[i], w) {
			t.Errorf("line %d = %q, want 18:30 JST, the demo user and %q", i+1, lines[i], w)
		}
	}
}

// TestHistoryPiped: each event is a tab-separated line with an RFC 3339
// time, and --json keeps the API's events.
func TestHistoryPiped(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	tk := worked(t, f)
	if err := cmdtest.Run(NewCmdHistory(f, nil), shared.Ref(tk.ID)); err != nil {
		t.Fatal(err)
	}
	line := regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\tken@example\.com\t[a-z_]+\t[^\t]+$`)
	out := io.Out.String()
	for _, l := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !line.MatchString(l) {
			t.Errorf("piped line %q is not time, actor, kind, what", l)
		}
	}
	if !strings.Contains(out, "\treleased\treleased: needs a Korean speaker\n") {
		t.Errorf("piped history lacks the release:\n%s", out)
	}

	io.Out.Reset()
	if err := cmdtest.Run(NewCmdHistory(f, nil), shared.Ref(tk.ID), "--json", "kind,after"); err != nil {
		t.Fatal(err)
	}
	var events []struct {
		Kind  string         `json:"kind"`
		After map[string]any `json:"after"`
	}
	if err := json.Unmarshal(io.Out.Bytes(), &events); err != nil {
		t.Fatal(err)
	}
	if len(events) != 6 || events[2].Kind != "released" || events[3].Kind != "skipped" || events[3].After["reason"] != "on leave tomorrow" {
		t.Errorf("JSON events: %+v", events)
	}
}

// TestHistoryIsRefusedToPartners: the server keeps the history internal.
func TestHistoryIsRefusedToPartners(t *testing.T) {
	f, _ := cmdtest.Factory(t, false)
	client, _ := f.APIClient()
	page, err := client.ListTickets(t.Context(), support.TicketFilter{Regions: []string{"apac-jp"}, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	partner := cmdtest.DemoClient(t, "takeshi.mori@sakura-integration.co.jp")
	var seen int64
	for _, tk := range page.Tickets {
		if _, err := partner.Ticket(t.Context(), tk.ID); err == nil {
			seen = tk.ID
			break
		}
	}
	if seen == 0 {
		t.Fatal("the partner sees no apac-jp ticket")
	}
	f.APIClient = func() (*api.Client, error) { return partner, nil }
	err = cmdtest.Run(NewCmdHistory(f, nil), shared.Ref(seen))
	var httpErr *api.HTTPError
	if !errors.As(err, &httpErr) || httpErr.StatusCode != http.StatusForbidden {
		t.Errorf("partner's history: %v, want a 403", err)
	}
}
