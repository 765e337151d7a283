package next

import (
	"regexp"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdtest"
	"github.com/supctl/supctl/pkg/text"
)

// rfc3339 matches an instant as scripts read it.
var rfc3339 = regexp.MustCompile(`\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ`)

// TestReasonInProfileZone: on a terminal the reason names the breach
// instant in the profile's timezone, as `ticket view` does, never in UTC.
func TestReasonInProfileZone(t *testing.T) {
	f, io := cmdtest.Factory(t, true)
	f.IOStreams.SetTerminalWidth(40)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	if err := cmdtest.Run(NewCmdNext(f, nil), "--queue", "apac-jp/core", "--dry-run"); err != nil {
		t.Fatal(err)
	}
	if first, _, _ := strings.Cut(io.Out.String(), "\n"); text.DisplayWidth(first) > 40 || !strings.HasSuffix(first, "…") {
		t.Errorf("the subject line is not cut to a 40-column terminal: %q", first)
	}
	reason := io.ErrOut.String()
	if !strings.Contains(reason, "would claim #") || !strings.Contains(reason, "earliest SLA breach in apac-jp/core") {
		t.Fatalf("no pick by breach:\n%s", reason)
	}
	if !strings.Contains(reason, " JST (") || rfc3339.MatchString(reason) {
		t.Errorf("reason is not in Tokyo time:\n%s", reason)
	}
}

// TestReasonPipedIsRFC3339: off a terminal the instant is RFC 3339, and
// the JSON carries it as data.
func TestReasonPipedIsRFC3339(t *testing.T) {
	f, io := cmdtest.Factory(t, false)
	io.Env["SUPCTL_TIMEZONE"] = "Asia/Tokyo"
	if err := cmdtest.Run(NewCmdNext(f, nil), "--queue", "apac-jp/core", "--dry-run"); err != nil {
		t.Fatal(err)
	}
	if reason := io.ErrOut.String(); !rfc3339.MatchString(reason) || strings.Contains(reason, "JST") {
		t.Errorf("piped reason is not RFC 3339:\n%s", reason)
	}

	f, io = cmdtest.Factory(t, false)
	if err := cmdtest.Run(NewCmdNext(f, nil), "--queue", "apac-jp/core", "--dry-run", "--json", "clock,breach_at"); err != nil {
		t.Fatal(err)
	}
	if out := io.Out.String(); !regexp.MustCompile(`"breach_at":"\d{4}-\d\d-\d\dT[0-9:.]+Z"`).MatchString(out) || !strings.Contains(out, `"clock":"`) {
		t.Errorf("JSON lacks the breach instant: %s", out)
	}
}
