package server

import (
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/supctl/supctl/pkg/support"
)

// FuzzParseTicketFilter: any query string yields either a filter whose
// every value is allowed, or a 400 problem; never a panic.
func FuzzParseTicketFilter(f *testing.F) {
	for _, seed := range []string{
		"status=open,new&severity=S1&limit=50", "limit=-1", "limit=99999999999999999999", "division=,", "sort=severity&cursor=abc",
		"q=%E3%83%9F%E3%83%A9%E3%83%BC&assignee=none", "account_id=0x10", "region=apac-jp&region=apac-kr",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		filter, err := parseTicketFilter(q)
		if err != nil {
			var p *problem
			if !errors.As(err, &p) || p.Status != http.StatusBadRequest || p.Field == "" {
				t.Fatalf("%q: error %v is not a 400 naming the field", raw, err)
			}
			return
		}
		for _, c := range []struct {
			enum   support.Enum
			values []string
		}{{support.Statuses, filter.Statuses}, {support.Severities, filter.Severities}, {support.Divisions, filter.Divisions}, {support.Regions, filter.Regions}, {support.Languages, filter.Languages}} {
			for _, v := range c.values {
				if !c.enum.Has(v) {
					t.Fatalf("%q: %s %q accepted", raw, c.enum.Name, v)
				}
			}
		}
		if filter.Limit < 0 || filter.Limit > support.MaxLimit || filter.AccountID < 0 {
			t.Fatalf("%q: limit %d, account %d accepted", raw, filter.Limit, filter.AccountID)
		}
		if filter.Sort != "" && !support.TicketSorts.Has(filter.Sort) {
			t.Fatalf("%q: sort %q accepted", raw, filter.Sort)
		}
	})
}
