package server_test

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/clocks"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

var tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// queueFixture is the API over a service that keeps every ticket's next
// SLA breach, with one clock the test moves for the store, the service and
// the server. It has two engineers
// (ken, ana), a lead, a partner and a read-only user, and two customers in
// Tokyo: one on the premium plan, one on the standard plan.
type queueFixture struct {
	*fixture
	svc               *service.Service
	clock             *storetest.Clock
	ana, lead         *servertest.Client
	premium, standard support.Account
}

func newQueueFixture(t *testing.T, start time.Time) *queueFixture {
	t.Helper()
	clock := storetest.NewClock(start)
	_, svc := backend(t, clock.Now, service.WithClock(clock.Now), service.WithClocks(clocks.Default()))
	token := bootstrap(t, svc)
	h := server.New(svc, nil, server.WithClock(clock.Now)).Handler()
	f := &fixture{api: servertest.NewValidatingClient(t, h)}
	f.admin = f.api.WithToken(token)
	f.reseller = f.createAccount(t, support.Account{Name: "Nippon Resell KK", Kind: "partner", Plan: "standard", Region: "apac-jp"})
	q := &queueFixture{fixture: f, svc: svc, clock: clock}
	q.premium = f.createAccount(t, support.Account{Name: "Tokyo Premium KK", Kind: "customer", Plan: "premium", Region: "apac-jp"})
	q.standard = f.createAccount(t, support.Account{Name: "Osaka Standard KK", Kind: "customer", Plan: "standard", Region: "apac-jp"})
	f.engineer = f.addUser(t, map[string]any{"email": "ken@example.com", "role": "engineer", "region": "apac-jp"})
	q.ana = f.addUser(t, map[string]any{"email": "ana@example.com", "role": "engineer", "region": "apac-jp"})
	q.lead = f.addUser(t, map[string]any{"email": "rin@example.com", "role": "lead", "region": "apac-jp"})
	f.partner = f.addUser(t, map[string]any{"email": "aoi@resell.example", "role": "partner", "region": "apac-jp", "account_id": f.reseller.ID})
	f.readonly = f.addUser(t, map[string]any{"email": "viewer@example.com", "role": "readonly", "region": "emea-de"})
	return q
}

// open files a Spark ticket in Tokyo for account at the given severity.
func (q *queueFixture) open(t *testing.T, account support.Account, severity string) support.Ticket {
	t.Helper()
	return q.createTicket(t, q.engineer, support.NewTicket{
		Subject: "Spark ジョブが executor のメモリ不足で失敗する", Severity: severity, Division: "spark", Region: "apac-jp",
		Language: "ja", AccountID: account.ID, RequesterName: "Yuki Tanaka", RequesterEmail: "yuki@example.jp",
	})
}

func (q *queueFixture) ticket(t *testing.T, id int64) support.Ticket {
	t.Helper()
	resp, body := q.engineer.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d", id), nil)
	mustStatus(t, resp, body, http.StatusOK)
	var out support.Ticket
	decode(t, body, &out)
	return out
}

func (q *queueFixture) patch(t *testing.T, id int64, p support.TicketPatch) {
	t.Helper()
	resp, body := q.engineer.JSON("PATCH", fmt.Sprintf("/api/v1/tickets/%d", id), p)
	mustStatus(t, resp, body, http.StatusOK)
}

func (q *queueFixture) reply(t *testing.T, id int64) {
	t.Helper()
	resp, body := q.engineer.JSON("POST", fmt.Sprintf("/api/v1/tickets/%d/comments", id), support.NewComment{Body: "ログを確認しています。"})
	mustStatus(t, resp, body, http.StatusCreated)
}

// postStatus sends a POST with body (none when nil) and checks the status.
func postStatus(t *testing.T, c *servertest.Client, path string, body any, status int) []byte {
	t.Helper()
	resp, data := c.JSON("POST", path, body)
	mustStatus(t, resp, data, status)
	return data
}

func claimPath(id int64) string { return fmt.Sprintf("/api/v1/tickets/%d/claim", id) }

// problemDoc is what these tests read of a problem document; holder and
// since name who won a claim.
type problemDoc struct {
	Type   string     `json:"type"`
	Field  string     `json:"field"`
	Holder string     `json:"holder"`
	Since  *time.Time `json:"since"`
}

func wantProblem(t *testing.T, body []byte, slug string) problemDoc {
	t.Helper()
	var p problemDoc
	decode(t, body, &p)
	if p.Type != "urn:supctl:problem:"+slug {
		t.Errorf("problem %s, want %s", body, slug)
	}
	return p
}

func wantInstant(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil || !got.Equal(want) {
		t.Errorf("%s = %v, want %s", what, got, want.UTC().Format(time.RFC3339))
	}
}

func TestClaimIsFirstComeFirstServed(t *testing.T) {
	q := newQueueFixture(t, time.Date(2026, 11, 17, 10, 0, 0, 0, tokyo))
	tk := q.open(t, q.premium, "S2")
	q.clock.Advance(5 * time.Minute)
	claimedAt := q.clock.Now()

	var won support.Ticket
	decode(t, postStatus(t, q.engineer, claimPath(tk.ID), nil, http.StatusOK), &won)
	if won.Assignee != "ken@example.com" || won.Status != "open" {
		t.Errorf("claimed ticket = %s, %s; want held by ken and open", won.Assignee, won.Status)
	}
	wantInstant(t, "assigned_at", won.AssignedAt, claimedAt)

	q.clock.Advance(time.Minute)
	lost := wantProblem(t, postStatus(t, q.ana, claimPath(tk.ID), nil, http.StatusConflict), "conflict")
	if lost.Holder != "ken@example.com" {
		t.Errorf("holder = %q, want ken@example.com", lost.Holder)
	}
	wantInstant(t, "since", lost.Since, claimedAt)

	var again support.Ticket
	decode(t, postStatus(t, q.engineer, claimPath(tk.ID), nil, http.StatusOK), &again)
	if again.Assignee != "ken@example.com" || again.Version != won.Version {
		t.Errorf("claiming one's own ticket again gave %s at version %d, want ken at version %d unchanged", again.Assignee, again.Version, won.Version)
	}

	for name, c := range map[string]*servertest.Client{"partner": q.partner, "readonly": q.readonly} {
		t.Run(name, func(t *testing.T) {
			wantProblem(t, postStatus(t, c, claimPath(tk.ID), nil, http.StatusForbidden), "forbidden")
		})
	}
	wantProblem(t, postStatus(t, q.engineer, claimPath(999999), nil, http.StatusNotFound), "not-found")

	closed := q.open(t, q.standard, "S3")
	status := "closed"
	q.patch(t, closed.ID, support.TicketPatch{Status: &status})
	if p := wantProblem(t, postStatus(t, q.ana, claimPath(closed.ID), nil, http.StatusUnprocessableEntity), "validation"); p.Field != "status" {
		t.Errorf("claim of a closed ticket names field %q, want status", p.Field)
	}
}

// A queue holds every account's waiting tickets: a partner, who may see
// only its customers', reads none of it; a read-only user reads it all.
func TestQueuesClosedToPartners(t *testing.T) {
	q := newQueueFixture(t, time.Date(2026, 11, 17, 10, 0, 0, 0, tokyo))
	tk := q.open(t, q.premium, "S2")
	for _, path := range []string{"/api/v1/queues", "/api/v1/queues/apac-jp/spark/tickets"} {
		resp, body := q.partner.JSON("GET", path, nil)
		mustStatus(t, resp, body, http.StatusForbidden)
		wantProblem(t, body, "forbidden")
		if bytes.Contains(body, []byte(tk.Subject)) {
			t.Errorf("GET %s as a partner tells of ticket %d: %s", path, tk.ID, body)
		}
		resp, body = q.readonly.JSON("GET", path, nil)
		mustStatus(t, resp, body, http.StatusOK)
	}
}

func TestReleaseByHolderOrLead(t *testing.T) {
	q := newQueueFixture(t, time.Date(2026, 11, 17, 10, 0, 0, 0, tokyo))
	tk := q.open(t, q.premium, "S2")
	release := fmt.Sprintf("/api/v1/tickets/%d/release", tk.ID)
	reason := map[string]string{"reason": "going off shift"}

	wantProblem(t, postStatus(t, q.engineer, release, reason, http.StatusUnprocessableEntity), "validation")
	postStatus(t, q.engineer, claimPath(tk.ID), nil, http.StatusOK)
	wantProblem(t, postStatus(t, q.ana, release, reason, http.StatusForbidden), "forbidden")
	// Nor can another engineer take it or let it go with an update.
	patch := fmt.Sprintf("/api/v1/tickets/%d", tk.ID)
	resp, body := q.ana.JSON("PATCH", patch, map[string]string{"assignee": ""})
	mustStatus(t, resp, body, http.StatusForbidden)
	resp, body = q.ana.JSON("PATCH", patch, map[string]string{"assignee": "ana@example.com"})
	mustStatus(t, resp, body, http.StatusConflict)
	if p := wantProblem(t, body, "conflict"); p.Holder != "ken@example.com" {
		t.Errorf("taking ken's ticket with an update names holder %q, want ken@example.com", p.Holder)
	}

	var released support.Ticket
	decode(t, postStatus(t, q.engineer, release, reason, http.StatusOK), &released)
	if released.Assignee != "" || released.AssignedAt != nil {
		t.Errorf("released by its holder: assignee %q since %v, want nobody", released.Assignee, released.AssignedAt)
	}

	postStatus(t, q.ana, claimPath(tk.ID), nil, http.StatusOK)
	decode(t, postStatus(t, q.lead, release, map[string]string{}, http.StatusOK), &released)
	if released.Assignee != "" {
		t.Errorf("released by a lead: assignee %q, want nobody", released.Assignee)
	}
	if got := q.ticket(t, tk.ID).Assignee; got != "" {
		t.Errorf("stored assignee after release = %q, want nobody", got)
	}
}

// queueStart is Monday 20:00 in Tokyo, after business hours: the
// business-time clocks of tickets opened until the next morning all start
// at Tuesday 09:00.
var queueStart = time.Date(2026, 11, 16, 20, 0, 0, 0, tokyo)

// waiting fills apac-jp/spark with tickets whose pick order tests each
// rule, opened ten minutes apart from queueStart, and returns them in pick
// order:
//
//	urgent   premium S1, 20:30  first response 1h calendar: Mon 21:30
//	s1new    standard S1, 20:10 4h business: Tue 13:00, more severe than
//	s2old    premium S2, 20:00  4h business: Tue 13:00, older than
//	s2young  premium S2, 20:20  4h business: Tue 13:00
//	slow     standard S4, 20:40 27h business: Thursday
//	waiting  premium S3, 20:50  answered and pending the customer: no clock
func (q *queueFixture) waiting(t *testing.T) (urgent, s1new, s2old, s2young, slow, waiting support.Ticket) {
	t.Helper()
	next := func(account support.Account, severity string) support.Ticket {
		tk := q.open(t, account, severity)
		q.clock.Advance(10 * time.Minute)
		return tk
	}
	s2old = next(q.premium, "S2")
	s1new = next(q.standard, "S1")
	s2young = next(q.premium, "S2")
	urgent = next(q.premium, "S1")
	slow = next(q.standard, "S4")
	waiting = next(q.premium, "S3")
	q.reply(t, waiting.ID)
	pending := "pending_customer"
	q.patch(t, waiting.ID, support.TicketPatch{Status: &pending})
	return urgent, s1new, s2old, s2young, slow, waiting
}

// tuesday13 is when the tickets opened Monday evening with a 4-hour
// business target breach.
var tuesday13 = time.Date(2026, 11, 17, 13, 0, 0, 0, tokyo)

func listIDs(t *testing.T, c *servertest.Client, path string) []int64 {
	t.Helper()
	resp, body := c.JSON("GET", path, nil)
	mustStatus(t, resp, body, http.StatusOK)
	var page support.TicketPage
	decode(t, body, &page)
	return idsOf(page.Tickets...)
}

func idsOf(ts ...support.Ticket) []int64 {
	out := make([]int64, len(ts))
	for i, tk := range ts {
		out[i] = tk.ID
	}
	return out
}

func wantIDs(t *testing.T, what string, got []int64, want ...support.Ticket) {
	t.Helper()
	if !slices.Equal(got, idsOf(want...)) {
		t.Errorf("%s = %v, want %v", what, got, idsOf(want...))
	}
}

func TestQueueAndBreachOrder(t *testing.T) {
	q := newQueueFixture(t, queueStart)
	urgent, s1new, s2old, s2young, slow, waiting := q.waiting(t)

	resp, body := q.engineer.JSON("GET", "/api/v1/tickets?sort=breach&limit=10", nil)
	mustStatus(t, resp, body, http.StatusOK)
	var page support.TicketPage
	decode(t, body, &page)
	// Lists break ties of breach by id, not severity: keyset pages need a
	// total order on (breach, id).
	wantIDs(t, "tickets by breach", idsOf(page.Tickets...), urgent, s2old, s1new, s2young, slow, waiting)
	breaches := map[int64]*time.Time{}
	for _, tk := range page.Tickets {
		breaches[tk.ID] = tk.NextBreach
	}
	wantInstant(t, "premium S1 breach", breaches[urgent.ID], queueStart.Add(90*time.Minute))
	for _, tk := range []support.Ticket{s1new, s2old, s2young} {
		wantInstant(t, fmt.Sprintf("ticket %d breach", tk.ID), breaches[tk.ID], tuesday13)
	}
	if b := breaches[waiting.ID]; b != nil {
		t.Errorf("a ticket pending the customer after a reply breaches at %v, want no running clock", b)
	}

	wantIDs(t, "queue apac-jp/spark", listIDs(t, q.engineer, "/api/v1/queues/apac-jp/spark/tickets"),
		urgent, s1new, s2old, s2young, slow, waiting)
	wantIDs(t, "queue apac-jp/spark in Japanese, first 2", listIDs(t, q.engineer, "/api/v1/queues/apac-jp/spark/tickets?language=ja&limit=2"),
		urgent, s1new)
	wantIDs(t, "queue apac-jp/core", listIDs(t, q.engineer, "/api/v1/queues/apac-jp/core/tickets"))

	by := func(at time.Time) string {
		return "/api/v1/tickets?sort=breach&breach_by=" + at.UTC().Format(time.RFC3339)
	}
	wantIDs(t, "breaching by Mon 21:30", listIDs(t, q.engineer, by(queueStart.Add(90*time.Minute))), urgent)
	wantIDs(t, "breaching by Tue 13:00", listIDs(t, q.engineer, by(tuesday13)), urgent, s2old, s1new, s2young)
	wantIDs(t, "breaching by Mon 21:00", listIDs(t, q.engineer, by(queueStart.Add(time.Hour))))
}

func queueStats(t *testing.T, c *servertest.Client, path string) []support.QueueStat {
	t.Helper()
	resp, body := c.JSON("GET", path, nil)
	mustStatus(t, resp, body, http.StatusOK)
	var out struct{ Queues []support.QueueStat }
	decode(t, body, &out)
	return out.Queues
}

func TestQueueStats(t *testing.T) {
	q := newQueueFixture(t, queueStart)
	urgent, _, s2old, _, _, _ := q.waiting(t)
	q.clock.Advance(time.Hour) // 22:00: the premium S1 ticket is past its 21:30 breach

	stats := queueStats(t, q.engineer, "/api/v1/queues?names=apac-jp/spark,apac-jp/core")
	if len(stats) != 2 || stats[0].Queue != "apac-jp/spark" || stats[1].Queue != "apac-jp/core" {
		t.Fatalf("queues = %+v, want apac-jp/spark then apac-jp/core", stats)
	}
	spark := stats[0]
	if spark.Unassigned != 6 || spark.Breached != 1 {
		t.Errorf("apac-jp/spark: %d unassigned, %d breached; want 6 and 1", spark.Unassigned, spark.Breached)
	}
	wantInstant(t, "apac-jp/spark oldest", spark.OldestAt, s2old.CreatedAt)
	wantInstant(t, "apac-jp/spark next breach", spark.NextBreach, *urgent.NextBreach)
	if core := stats[1]; core.Unassigned != 0 || core.Breached != 0 || core.OldestAt != nil || core.NextBreach != nil {
		t.Errorf("empty apac-jp/core = %+v", core)
	}

	postStatus(t, q.ana, claimPath(urgent.ID), nil, http.StatusOK)
	all := queueStats(t, q.engineer, "/api/v1/queues")
	if len(all) != len(support.AllQueues()) {
		t.Fatalf("%d queues, want every region × division (%d)", len(all), len(support.AllQueues()))
	}
	i := slices.IndexFunc(all, func(s support.QueueStat) bool { return s.Queue == "apac-jp/spark" })
	if i < 0 {
		t.Fatalf("apac-jp/spark missing from %+v", all)
	}
	if spark = all[i]; spark.Unassigned != 5 || spark.Breached != 0 {
		t.Errorf("apac-jp/spark after the breached ticket was claimed: %d unassigned, %d breached; want 5 and 0", spark.Unassigned, spark.Breached)
	}
	wantInstant(t, "apac-jp/spark next breach after the claim", spark.NextBreach, tuesday13)

	resp, body := q.engineer.JSON("GET", "/api/v1/queues?names=apac-jp/hdfs", nil)
	mustStatus(t, resp, body, http.StatusBadRequest)
}

// nextPick asks for c's next ticket as req says.
func nextPick(t *testing.T, c *servertest.Client, req map[string]any, status int) support.Pick {
	t.Helper()
	var p support.Pick
	if body := postStatus(t, c, "/api/v1/queues/next", req, status); status == http.StatusOK {
		decode(t, body, &p)
	}
	return p
}

func nextIn(queues ...string) map[string]any {
	qs := make([]map[string]string, len(queues))
	for i, name := range queues {
		region, division, _ := strings.Cut(name, "/")
		qs[i] = map[string]string{"region": region, "division": division}
	}
	return map[string]any{"queues": qs}
}

func dryRun(req map[string]any) map[string]any {
	req["dry_run"] = true
	return req
}

func TestNextPicksSkipsAndClaims(t *testing.T) {
	q := newQueueFixture(t, queueStart)
	urgent, s1new, s2old, s2young, _, _ := q.waiting(t)
	queues := []string{"apac-jp/core", "apac-jp/spark"}

	p := nextPick(t, q.engineer, dryRun(nextIn(queues...)), http.StatusOK)
	if p.Ticket.ID != urgent.ID || p.Claimed || p.Queue != "apac-jp/spark" || p.Ticket.Assignee != "" {
		t.Errorf("dry run = ticket %d from %s, claimed %v, assignee %q; want %d from apac-jp/spark, unclaimed",
			p.Ticket.ID, p.Queue, p.Claimed, p.Ticket.Assignee, urgent.ID)
	}
	if got := q.ticket(t, urgent.ID); got.Assignee != "" || got.Version != urgent.Version {
		t.Errorf("after a dry run the ticket is held by %q at version %d, want untouched", got.Assignee, got.Version)
	}

	skip := fmt.Sprintf("/api/v1/tickets/%d/skip", urgent.ID)
	wantProblem(t, postStatus(t, q.engineer, skip, map[string]string{"reason": " "}, http.StatusUnprocessableEntity), "validation")
	postStatus(t, q.engineer, skip, map[string]string{"reason": "needs a Spark SQL specialist"}, http.StatusNoContent)
	if p := nextPick(t, q.engineer, dryRun(nextIn(queues...)), http.StatusOK); p.Ticket.ID != s1new.ID {
		t.Errorf("after skipping %d, ken is offered %d, want %d", urgent.ID, p.Ticket.ID, s1new.ID)
	}
	if p := nextPick(t, q.ana, dryRun(nextIn(queues...)), http.StatusOK); p.Ticket.ID != urgent.ID {
		t.Errorf("ana is offered %d, want %d which only ken skipped", p.Ticket.ID, urgent.ID)
	}

	p = nextPick(t, q.engineer, nextIn(queues...), http.StatusOK)
	if p.Ticket.ID != s1new.ID || !p.Claimed || p.Ticket.Assignee != "ken@example.com" || p.Queue != "apac-jp/spark" {
		t.Errorf("next = ticket %d from %s, claimed %v by %q; want %d from apac-jp/spark claimed by ken",
			p.Ticket.ID, p.Queue, p.Claimed, p.Ticket.Assignee, s1new.ID)
	}
	if !strings.Contains(p.Reason, "apac-jp/spark") {
		t.Errorf("reason %q does not name the queue", p.Reason)
	}
	if got := q.ticket(t, s1new.ID); got.Assignee != "ken@example.com" || got.Status != "open" {
		t.Errorf("stored pick: %q, %s; want held by ken and open", got.Assignee, got.Status)
	}
	if p := nextPick(t, q.ana, nextIn("apac-jp/spark"), http.StatusOK); p.Ticket.ID != urgent.ID || p.Ticket.Assignee != "ana@example.com" {
		t.Errorf("ana's next = %d held by %q, want %d held by her", p.Ticket.ID, p.Ticket.Assignee, urgent.ID)
	}

	// Then age: of the two premium S2 tickets due at the same instant, the
	// older comes first.
	if p := nextPick(t, q.engineer, nextIn(queues...), http.StatusOK); p.Ticket.ID != s2old.ID {
		t.Errorf("ken's next = %d, want the older S2 ticket %d", p.Ticket.ID, s2old.ID)
	}
	if p := nextPick(t, q.ana, nextIn(queues...), http.StatusOK); p.Ticket.ID != s2young.ID {
		t.Errorf("ana's next = %d, want the younger S2 ticket %d", p.Ticket.ID, s2young.ID)
	}

	resp, body := q.engineer.JSON("POST", "/api/v1/queues/next", nextIn("emea-de/sql"))
	mustStatus(t, resp, body, http.StatusNoContent)
	if len(body) != 0 {
		t.Errorf("204 with a body: %s", body)
	}
	wantProblem(t, postStatus(t, q.partner, "/api/v1/queues/next", nextIn("apac-jp/spark"), http.StatusForbidden), "forbidden")
}

func TestNextStopsAtTheWIPLimit(t *testing.T) {
	q := newQueueFixture(t, queueStart)
	for range 3 {
		q.open(t, q.standard, "S3")
	}
	mai, err := q.svc.CreateUser(t.Context(), service.System,
		support.User{Email: "mai@example.com", Role: support.RoleEngineer, Region: "apac-jp", Tier: "frontline", WIPLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	issued, err := q.svc.IssueToken(t.Context(), service.System, service.TokenRequest{Email: mai.Email, Label: "test"})
	if err != nil {
		t.Fatal(err)
	}
	c := q.api.WithToken(issued.Token)

	nextPick(t, c, nextIn("apac-jp/spark"), http.StatusOK)
	if p := wantProblem(t, postStatus(t, c, "/api/v1/queues/next", nextIn("apac-jp/spark"), http.StatusConflict), "conflict"); p.Holder != "" {
		t.Errorf("a refusal at the limit names holder %q", p.Holder)
	}
	forced := nextIn("apac-jp/spark")
	forced["force"] = true
	if p := nextPick(t, c, forced, http.StatusOK); !p.Claimed || p.Ticket.Assignee != mai.Email {
		t.Errorf("forced next = %+v, want a ticket claimed by mai", p)
	}
}

// An empty list of queues breaks the schema's minItems, so the request
// goes around the validating client's request check; the server refuses
// it as a validation problem on the field, a documented answer.
func TestNextWithoutQueues(t *testing.T) {
	q := newQueueFixture(t, queueStart)
	req := httptest.NewRequest("POST", "/api/v1/queues/next", strings.NewReader(`{"queues": []}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+token(t, q.fixture))
	resp := q.api.DoUnvalidatedRequest(req)
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	mustStatus(t, resp, body, http.StatusUnprocessableEntity)
	if p := wantProblem(t, body, "validation"); p.Field != "queues" {
		t.Errorf("field = %q, want queues", p.Field)
	}
}

func ticketSLA(t *testing.T, c *servertest.Client, id int64) support.TicketSLA {
	t.Helper()
	resp, body := c.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d/sla", id), nil)
	mustStatus(t, resp, body, http.StatusOK)
	var out support.TicketSLA
	decode(t, body, &out)
	return out
}

func clockOf(t *testing.T, s support.TicketSLA, kind string) support.SLAClock {
	t.Helper()
	i := slices.IndexFunc(s.Clocks, func(c support.SLAClock) bool { return c.Kind == kind })
	if i < 0 {
		t.Fatalf("no %s clock in %+v", kind, s.Clocks)
	}
	return s.Clocks[i]
}

func TestTicketSLAFollowsTheCustomersSchedule(t *testing.T) {
	opened := time.Date(2026, 11, 17, 10, 0, 0, 0, tokyo) // a Tuesday morning in Tokyo
	q := newQueueFixture(t, opened)
	tk := q.open(t, q.premium, "S2")
	due := time.Date(2026, 11, 17, 14, 0, 0, 0, tokyo) // 4 business hours later
	wantInstant(t, "ticket next_breach", tk.NextBreach, due)

	q.clock.Advance(20 * time.Minute)
	s := ticketSLA(t, q.readonly, tk.ID)
	if s.TicketID != tk.ID || s.Timezone != "Asia/Tokyo" || s.PolicyVersion != 1 || s.Plan != "premium" {
		t.Errorf("sla = ticket %d, zone %q, policy v%d, plan %q; want %d, Asia/Tokyo, v1, premium",
			s.TicketID, s.Timezone, s.PolicyVersion, s.Plan, tk.ID)
	}
	wantInstant(t, "next_breach", s.NextBreach, due)
	first := clockOf(t, s, "first_response")
	if first.State != "running" || first.Target != "4h business" || !first.Business || first.Severity != "S2" {
		t.Errorf("first response = %+v, want running on 4h business for S2", first)
	}
	wantInstant(t, "first response due", first.DueAt, due)
	wantInstant(t, "first response started", first.StartedAt, opened)
	if first.ElapsedSeconds != 20*60 || first.RemainingSeconds != (4*60-20)*60 {
		t.Errorf("first response elapsed %ds, remaining %ds; want 1200 and 13200", first.ElapsedSeconds, first.RemainingSeconds)
	}

	q.reply(t, tk.ID)
	first = clockOf(t, ticketSLA(t, q.engineer, tk.ID), "first_response")
	if first.State != "fulfilled" || first.DueAt != nil {
		t.Errorf("first response after a public reply = %s due %v, want fulfilled with no due instant", first.State, first.DueAt)
	}
	wantInstant(t, "first response fulfilled", first.FulfilledAt, q.clock.Now())

	q.clock.Advance(time.Hour)
	pending := "pending_customer"
	q.patch(t, tk.ID, support.TicketPatch{Status: &pending})
	q.clock.Advance(3 * time.Hour) // a pause stops the clock however long it lasts
	res := clockOf(t, ticketSLA(t, q.engineer, tk.ID), "resolution")
	if res.State != "paused" || res.PauseReason != "waiting_on_customer" || res.DueAt != nil {
		t.Errorf("resolution while pending the customer = %s (%q) due %v, want paused waiting_on_customer with no due instant",
			res.State, res.PauseReason, res.DueAt)
	}
	if want := int64((80 * time.Minute).Seconds()); res.ElapsedSeconds != want {
		t.Errorf("resolution elapsed %ds, want %d: the time up to the pause", res.ElapsedSeconds, want)
	}
}
