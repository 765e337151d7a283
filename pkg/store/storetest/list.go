package storetest

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

func testFilters(t *testing.T, e *env) {
	jp := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Language, n.Severity = "クラスタが停止しました", "本番の NameNode がダウンしています", "ja", "S1"
	})
	kr := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Language, n.Region, n.Division, n.Severity, n.AccountID = "쿼리가 느립니다", "Impala 쿼리 on slow nodes", "ko", "apac-kr", "sql", "S2", e.globex.ID
	})
	cpu := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Region, n.Division, n.AccountID = "Spark job pins 100% CPU", "americas-west", "spark", e.partner.ID
	})
	internal := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Region, n.Division, n.Severity = "Question about yarn_site defaults", "From the SE team.", "emea-de", "yarn", "S4"
		n.AccountID, n.RequesterKind = 0, "internal"
	})
	disk := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Severity = "Slow writes", "Disk FULL on node 70", "S2"
	})
	e.update(kr.ID, support.TicketPatch{Status: ptr("open"), Assignee: ptr(e.ken.Email)})
	e.update(cpu.ID, support.TicketPatch{Status: ptr("pending_customer"), Assignee: ptr(e.ana.Email)})
	e.update(disk.ID, support.TicketPatch{Status: ptr("closed")})

	cases := []struct {
		name string
		f    support.TicketFilter
		want []int64
	}{
		{"none", support.TicketFilter{}, sortedIDs(jp, kr, cpu, internal, disk)},
		{"status", support.TicketFilter{Statuses: []string{"open"}}, sortedIDs(kr)},
		{"statuses", support.TicketFilter{Statuses: []string{"new", "closed"}}, sortedIDs(jp, internal, disk)},
		{"severities", support.TicketFilter{Severities: []string{"S1", "S2"}}, sortedIDs(jp, kr, disk)},
		{"divisions", support.TicketFilter{Divisions: []string{"sql", "spark"}}, sortedIDs(kr, cpu)},
		{"regions", support.TicketFilter{Regions: []string{"apac-jp"}}, sortedIDs(jp, disk)},
		{"languages", support.TicketFilter{Languages: []string{"ja", "ko"}}, sortedIDs(jp, kr)},
		{"assignee", support.TicketFilter{Assignee: e.ken.Email}, sortedIDs(kr)},
		{"assignee ignores case", support.TicketFilter{Assignee: "ANA@example.com"}, sortedIDs(cpu)},
		{"unassigned", support.TicketFilter{Assignee: support.Unassigned}, sortedIDs(jp, internal, disk)},
		{"unknown assignee", support.TicketFilter{Assignee: "nobody@example.com"}, sortedIDs()},
		{"account", support.TicketFilter{AccountID: e.acme.ID}, sortedIDs(jp, disk)},
		{"search subject ignores case", support.TicketFilter{Search: "cpu"}, sortedIDs(cpu)},
		{"search description", support.TicketFilter{Search: "disk full"}, sortedIDs(disk)},
		{"search japanese", support.TicketFilter{Search: "停止"}, sortedIDs(jp)},
		{"search japanese description", support.TicketFilter{Search: "ダウン"}, sortedIDs(jp)},
		{"search korean", support.TicketFilter{Search: "느립"}, sortedIDs(kr)},
		{"search percent is literal", support.TicketFilter{Search: "0%"}, sortedIDs(cpu)},
		{"search underscore is literal", support.TicketFilter{Search: "n_s"}, sortedIDs(internal)},
		{"search no match", support.TicketFilter{Search: "kerberos"}, sortedIDs()},
		{"fields are and-ed", support.TicketFilter{Severities: []string{"S2"}, Regions: []string{"apac-jp"}}, sortedIDs(disk)},
		{"search and status", support.TicketFilter{Statuses: []string{"new"}, Search: "cpu"}, sortedIDs()},
		{"partner sees own and customers'", support.TicketFilter{VisibleTo: e.partner.ID}, sortedIDs(jp, cpu, disk)},
		{"customer sees own", support.TicketFilter{VisibleTo: e.globex.ID}, sortedIDs(kr)},
	}
	for _, c := range cases {
		got := e.all(c.f)
		wantEqual(t, c.name, sortedIDs(got...), c.want)
		for _, tk := range got {
			wantEqual(t, c.name+": listed ticket", tk, e.get(tk.ID))
		}
		f := c.f
		f.Count, f.Limit = true, 1
		page, err := e.st.ListTickets(e.ctx, f)
		if err != nil {
			t.Fatalf("%s: ListTickets: %v", c.name, err)
		}
		wantEqual(t, c.name+": total", page.Total, ptr(len(c.want)))
	}
}

// sortKeys orders tickets as each sort promises.
var sortKeys = map[string]func(a, b support.Ticket) int{
	"updated": func(a, b support.Ticket) int {
		return cmp.Or(b.UpdatedAt.Compare(a.UpdatedAt), cmp.Compare(b.ID, a.ID))
	},
	"created": func(a, b support.Ticket) int {
		return cmp.Or(b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
	},
	"severity": func(a, b support.Ticket) int {
		return cmp.Or(cmp.Compare(support.SeverityRank(a.Severity), support.SeverityRank(b.Severity)),
			b.CreatedAt.Compare(a.CreatedAt), cmp.Compare(b.ID, a.ID))
	},
	"breach": func(a, b support.Ticket) int {
		switch {
		case a.NextBreach == nil && b.NextBreach != nil:
			return 1
		case a.NextBreach != nil && b.NextBreach == nil:
			return -1
		case a.NextBreach != nil && !a.NextBreach.Equal(*b.NextBreach):
			return a.NextBreach.Compare(*b.NextBreach)
		}
		return cmp.Compare(a.ID, b.ID)
	},
}

func testPagination(t *testing.T, e *env) {
	// Tickets share creation and update times in runs, so only the id
	// tie-breaker keeps pages apart. The clock steps back now and then, as
	// a seeder replaying history may, so creation order is not id order.
	// A quarter of the tickets have no breach; the others share breaches
	// in runs too.
	var all []support.Ticket
	for i := range 40 {
		switch {
		case i%10 == 9:
			e.clock.Advance(-time.Minute)
		case i%3 == 0:
			e.clock.Advance(time.Second)
		}
		all = append(all, e.ticket(func(n *support.NewTicket) {
			n.Severity = support.Severities.Values()[(i*7)%4]
			n.Subject = fmt.Sprintf("ticket %d", i)
			if i%4 != 1 {
				sla((i * 13) % 5 * 30)(n)
			}
		}))
	}
	for i := 0; i < len(all); i += 4 {
		if i%8 == 0 {
			e.clock.Advance(time.Second)
		}
		all[i] = e.update(all[i].ID, support.TicketPatch{Status: ptr("open")})
	}

	for _, sort := range support.TicketSorts.Values() {
		want := slices.SortedFunc(slices.Values(all), sortKeys[sort])
		for _, limit := range []int{7, 10, 40} {
			got := walk(t, e, support.TicketFilter{Sort: sort, Limit: limit})
			wantEqual(t, fmt.Sprintf("sort %s, limit %d", sort, limit), got, ids(want))
		}
		urgent := slices.DeleteFunc(slices.Clone(want), func(tk support.Ticket) bool { return tk.Severity > "S2" })
		got := walk(t, e, support.TicketFilter{Sort: sort, Limit: 3, Severities: []string{"S1", "S2"}})
		wantEqual(t, fmt.Sprintf("sort %s, S1 and S2", sort), got, ids(urgent))
	}
	// Sort defaults to updated, limit to DefaultLimit.
	page, err := e.st.ListTickets(e.ctx, support.TicketFilter{})
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "default page", ids(page.Tickets), ids(slices.SortedFunc(slices.Values(all), sortKeys["updated"]))[:support.DefaultLimit])
	if page.NextCursor == "" {
		t.Error("default page: no next cursor with more tickets to come")
	}
}

// walk reads every page of f and returns the ids in order. Every page but
// the last is full and has a cursor.
func walk(t *testing.T, e *env, f support.TicketFilter) []int64 {
	t.Helper()
	var out []int64
	for pages := 0; ; pages++ {
		if pages > 100 {
			t.Fatalf("%+v: no end after 100 pages", f)
		}
		page, err := e.st.ListTickets(e.ctx, f)
		if err != nil {
			t.Fatalf("ListTickets(%+v): %v", f, err)
		}
		out = append(out, ids(page.Tickets)...)
		if page.NextCursor == "" {
			return out
		}
		if len(page.Tickets) != f.Limit {
			t.Fatalf("%+v: page of %d with a next cursor", f, len(page.Tickets))
		}
		f.Cursor = page.NextCursor
	}
}

func testPaginationIgnoresNewRows(t *testing.T, e *env) {
	var old []int64
	for range 5 {
		e.clock.Advance(time.Second)
		old = append(old, e.ticket().ID)
	}
	slices.Reverse(old)
	first, err := e.st.ListTickets(e.ctx, support.TicketFilter{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	// A ticket opened while paging sorts before the cursor; offsets would
	// shift the later pages and repeat a row.
	e.clock.Advance(time.Second)
	e.ticket()
	rest := walk(t, e, support.TicketFilter{Limit: 2, Cursor: first.NextCursor})
	wantEqual(t, "pages across an insert", append(ids(first.Tickets), rest...), old)
}

func testListErrors(t *testing.T, e *env) {
	for range 3 {
		e.ticket()
	}
	page, err := e.st.ListTickets(e.ctx, support.TicketFilter{Limit: 1})
	if err != nil || page.NextCursor == "" {
		t.Fatalf("first page: cursor %q, %v", page.NextCursor, err)
	}
	bad := map[string]support.TicketFilter{
		"garbage":                       {Cursor: "not a cursor!"},
		"base64 of junk":                {Cursor: base64.RawURLEncoding.EncodeToString([]byte("junk"))},
		"updated cursor, severity sort": {Cursor: page.NextCursor, Sort: "severity"},
		"updated cursor, created sort":  {Cursor: page.NextCursor, Sort: "created"},
		"updated cursor, breach sort":   {Cursor: page.NextCursor, Sort: "breach"},
	}
	for name, f := range bad {
		_, err := e.s.ListTickets(e.ctx, e.ken, f)
		wantValidation(t, name, err, "cursor")
	}
	_, err = e.s.ListTickets(e.ctx, e.ken, support.TicketFilter{Sort: "priority"})
	wantValidation(t, "unknown sort", err, "sort")
}

// testShiftFilters covers the filters of a shift's lists: tags, recent
// changes, the breach window, and searches the way people type them.
func testShiftFilters(t *testing.T, e *env) {
	soon := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Tags = "ＮａｍｅＮｏｄｅ ＨＡ ｶﾞﾍﾞｰｼﾞ", append(n.Tags, "outage")
	}, sla(30))
	later := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Tags = "Spark shuffle", "the namenode RPC queue is full", []string{"spark"}
	}, sla(300))
	late := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Tags = "ＤＡＴＡＮＯＤＥ disk", "", []string{"outage", "partner"}
	}, sla(10))
	never := e.ticket(func(n *support.NewTicket) {
		n.Subject, n.Description, n.Tags = "Straße in the address book", "ガベージコレクション", nil
	})
	e.clock.Advance(time.Hour)
	// An update renames the ticket: search follows the new subject.
	renamed := e.update(never.ID, support.TicketPatch{Subject: ptr("Kerberos ticket renewal")})
	now := e.clock.Now()
	in2h, hourAgo := now.Add(2*time.Hour), now.Add(-time.Hour)
	justBefore := now.Add(-time.Millisecond)

	cases := []struct {
		name string
		f    support.TicketFilter
		want []int64
	}{
		{"tag", support.TicketFilter{Tags: []string{"outage"}}, sortedIDs(soon, late)},
		{"tags are alternatives", support.TicketFilter{Tags: []string{"spark", "partner"}}, sortedIDs(later, late)},
		{"unknown tag", support.TicketFilter{Tags: []string{"nosuch"}}, sortedIDs()},
		{"updated since", support.TicketFilter{UpdatedSince: &justBefore}, sortedIDs(renamed)},
		{"updated since an hour ago", support.TicketFilter{UpdatedSince: &hourAgo}, sortedIDs(soon, later, late, renamed)},
		// soon breached 30 minutes ago, late 50; later breaches in 4 hours.
		{"breached", support.TicketFilter{BreachBy: &now}, sortedIDs(soon, late)},
		{"breaching within 2h", support.TicketFilter{BreachAfter: &now, BreachBy: &in2h}, sortedIDs()},
		{"running clocks and none", support.TicketFilter{BreachAfter: &now}, sortedIDs(later, renamed)},
		{"breach window", support.TicketFilter{BreachAfter: &hourAgo, BreachBy: &in2h}, sortedIDs(soon, late)},
		{"full-width finds half-width", support.TicketFilter{Search: "ＮａｍｅＮｏｄｅ"}, sortedIDs(soon, later)},
		{"half-width finds full-width", support.TicketFilter{Search: "namenode ha"}, sortedIDs(soon)},
		{"case-insensitive", support.TicketFilter{Search: "DataNode"}, sortedIDs(late)},
		{"half-width katakana", support.TicketFilter{Search: "ガベージ"}, sortedIDs(soon, renamed)},
		{"case folding", support.TicketFilter{Search: "KERBEROS"}, sortedIDs(renamed)},
		{"old subject no longer found", support.TicketFilter{Search: "strasse"}, sortedIDs()},
		{"search and tag", support.TicketFilter{Search: "namenode", Tags: []string{"spark"}}, sortedIDs(later)},
	}
	for _, c := range cases {
		got := e.all(c.f)
		wantEqual(t, c.name, sortedIDs(got...), c.want)
		// The count is of every page, whatever the page size.
		f := c.f
		f.Count, f.Limit = true, 1
		page, err := e.st.ListTickets(e.ctx, f)
		if err != nil {
			t.Fatalf("%s: ListTickets: %v", c.name, err)
		}
		wantEqual(t, c.name+": total", page.Total, ptr(len(c.want)))
		if page.NextCursor != "" {
			f.Cursor = page.NextCursor
			page, err = e.st.ListTickets(e.ctx, f)
			if err != nil {
				t.Fatalf("%s: second page: %v", c.name, err)
			}
			wantEqual(t, c.name+": total on the second page", page.Total, ptr(len(c.want)))
		}
	}
	// Without Count there is no total.
	page, err := e.st.ListTickets(e.ctx, support.TicketFilter{})
	if err != nil || page.Total != nil {
		t.Fatalf("a list without Count: total %v, %v", page.Total, err)
	}
	// A list by breach within a window keeps the breach order.
	got := e.all(support.TicketFilter{Sort: "breach", BreachAfter: &hourAgo})
	wantEqual(t, "breach order after an instant", ids(got), []int64{late.ID, soon.ID, later.ID, renamed.ID})
}
