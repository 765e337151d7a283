package cmdutil

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/support"
)

func TestCanonicalEnum(t *testing.T) {
	for _, tc := range []struct {
		enum support.Enum
		in   string
		want string
		ok   bool
	}{
		{support.Severities, "S1", "S1", true},
		{support.Severities, "s1", "S1", true},
		{support.Severities, " s2 ", "S2", true},
		{support.Severities, "Ｓ１", "S1", true}, // full-width, as an IME types it
		{support.Severities, "ｓ３", "S3", true},
		{support.Severities, "s5", "s5", false},
		{support.Severities, "P1", "P1", false},
		{support.Statuses, "OPEN", "open", true},
		{support.Statuses, "Pending-Customer", "pending_customer", true},
		{support.Statuses, "on hold", "on_hold", true},
		{support.Statuses, "opened", "opened", false},
		{support.Divisions, "Spark", "spark", true},
		{support.Divisions, "ＳＱＬ", "sql", true},
		{support.Regions, "APAC-JP", "apac-jp", true},
		{support.Regions, "apac_jp", "apac-jp", true},
		{support.Regions, "apacjp", "apacjp", false},
		{support.Languages, "JA", "ja", true},
		{support.RequesterKinds, "Internal", "internal", true},
		{support.TicketSorts, "Breach", "breach", true},
		{support.Severities, "", "", false},
	} {
		got, ok := CanonicalEnum(tc.enum, tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("CanonicalEnum(%s, %q) = %q, %v; want %q, %v", tc.enum.Name, tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

// Enum flags hold the canonical value as soon as they are parsed, for
// single values, repeated and comma-separated lists alike; unknown values
// are kept for the command to refuse.
func TestEnumFlagsCanonicalOnParse(t *testing.T) {
	var severity string
	var statuses, regions []string
	cmd := &cobra.Command{Use: "x", RunE: func(*cobra.Command, []string) error { return nil }}
	cmd.Flags().StringVar(&severity, "severity", "S3", "")
	cmd.Flags().StringSliceVar(&statuses, "status", nil, "")
	cmd.Flags().StringSliceVar(&regions, "region", nil, "")
	EnumFlags(cmd, map[string]support.Enum{"severity": support.Severities, "status": support.Statuses, "region": support.Regions})
	cmd.SetArgs([]string{"--severity", "s1", "--status", "OPEN,New", "--status", "pending-customer", "--region", "APAC-JP,mars"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if severity != "S1" || strings.Join(statuses, ",") != "open,new,pending_customer" || strings.Join(regions, ",") != "apac-jp,mars" {
		t.Errorf("severity %q, statuses %q, regions %q", severity, statuses, regions)
	}
	if got := RetryCommand(cmd, nil); got != "x --region apac-jp --region mars --severity S1 --status open --status new --status pending_customer" {
		t.Errorf("RetryCommand = %q", got)
	}
}
