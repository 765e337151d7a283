package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// The server's tests, spec validation of every answer included, run on
// SQLite and again on PostgreSQL when SUPCTL_TEST_POSTGRES is set.
func TestMain(m *testing.M) { os.Exit(storetest.Main(m)) }

// fixture is a server over a fresh database with an admin, an engineer, a
// partner and a read-only user, two customer accounts (one served by the
// partner) and the partner organisation.
type fixture struct {
	api                                 *servertest.Client
	admin, engineer, partner, readonly  *servertest.Client
	customer, partnerCustomer, reseller support.Account
}

// backend opens a fresh store from storetest, stamping changes with now
// (the wall clock when nil) and closed when the test ends, and returns it
// with the service over it.
func backend(t testing.TB, now func() time.Time, opts ...service.Option) (store.Store, *service.Service) {
	t.Helper()
	st := storetest.Open(t, now)
	return st, service.New(st, opts...)
}

// emptyService is the service over a fresh, empty store.
func emptyService(t testing.TB) *service.Service {
	t.Helper()
	_, svc := backend(t, nil)
	return svc
}

// bootstrap makes admin@example.com the first admin of svc's empty store
// and returns its token.
func bootstrap(t testing.TB, svc *service.Service) string {
	t.Helper()
	token, err := svc.Bootstrap(t.Context(), "admin@example.com")
	if err != nil || token == "" {
		t.Fatalf("bootstrap: %q, %v", token, err)
	}
	return token
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	now := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	_, svc := backend(t, func() time.Time { return now })
	token := bootstrap(t, svc)
	f := &fixture{api: servertest.NewValidatingClient(t, server.New(svc, nil).Handler())}
	f.admin = f.api.WithToken(token)
	f.reseller = f.createAccount(t, support.Account{Name: "Nippon Resell KK", Kind: "partner", Plan: "standard", Region: "apac-jp"})
	f.customer = f.createAccount(t, support.Account{Name: "Acme Analytics", Kind: "customer", Plan: "premium", Region: "americas-west"})
	f.partnerCustomer = f.createAccount(t, support.Account{Name: "東洋データ株式会社", Kind: "customer", Plan: "standard", Region: "apac-jp", PartnerID: f.reseller.ID})
	f.engineer = f.addUser(t, map[string]any{"email": "ken@example.com", "name": "Ken Sato", "role": "engineer", "region": "apac-jp"})
	f.partner = f.addUser(t, map[string]any{"email": "aoi@resell.example", "role": "partner", "region": "apac-jp", "account_id": f.reseller.ID})
	f.readonly = f.addUser(t, map[string]any{"email": "viewer@example.com", "role": "readonly", "region": "emea-de"})
	return f
}

func (f *fixture) createAccount(t *testing.T, a support.Account) support.Account {
	t.Helper()
	resp, body := f.admin.JSON("POST", "/api/v1/accounts", a)
	mustStatus(t, resp, body, http.StatusCreated)
	var out support.Account
	decode(t, body, &out)
	return out
}

func (f *fixture) addUser(t *testing.T, u map[string]any) *servertest.Client {
	t.Helper()
	resp, body := f.admin.JSON("POST", "/api/v1/users", u)
	mustStatus(t, resp, body, http.StatusCreated)
	var out struct {
		Token string `json:"token"`
	}
	decode(t, body, &out)
	return f.api.WithToken(out.Token)
}

func (f *fixture) createTicket(t *testing.T, c *servertest.Client, n support.NewTicket, headers ...string) support.Ticket {
	t.Helper()
	resp, body := c.JSON("POST", "/api/v1/tickets", n, headers...)
	mustStatus(t, resp, body, http.StatusCreated)
	var out support.Ticket
	decode(t, body, &out)
	return out
}

func mustStatus(t *testing.T, resp *http.Response, body []byte, want int) {
	t.Helper()
	if resp.StatusCode != want {
		t.Fatalf("status %d, want %d: %s", resp.StatusCode, want, body)
	}
}

func decode(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("decode %s: %v", body, err)
	}
}

func problemType(t *testing.T, body []byte) string {
	t.Helper()
	var p struct {
		Type string `json:"type"`
	}
	decode(t, body, &p)
	return p.Type
}

func sparkTicket(account int64) support.NewTicket {
	return support.NewTicket{
		Subject: "Spark 작업이 executor 메모리 부족으로 실패합니다", Description: "java.lang.OutOfMemoryError: Java heap space",
		Severity: "S2", Division: "spark", Region: "apac-kr", Language: "ko", Channel: "email",
		RequesterName: "Kim Minji", RequesterEmail: "minji@hanbit.example", AccountID: account, Tags: []string{"OOM", "spark"},
	}
}

func TestHealthAndReadiness(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/healthz", "/readyz"} {
		resp, body := f.api.JSON("GET", path, nil)
		mustStatus(t, resp, body, http.StatusOK)
	}
}

func TestTicketLifecycle(t *testing.T) {
	f := newFixture(t)
	created := f.createTicket(t, f.engineer, sparkTicket(f.customer.ID))
	if created.Status != "new" || created.Version != 1 || created.AccountName != "Acme Analytics" {
		t.Fatalf("created = %+v", created)
	}
	if got := strings.Join(created.Tags, ","); got != "oom,spark" {
		t.Errorf("tags = %q, want normalised oom,spark", got)
	}

	resp, body := f.engineer.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d", created.ID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	if etag := resp.Header.Get("ETag"); etag != `"1"` {
		t.Errorf("ETag = %q, want \"1\"", etag)
	}

	status := "open"
	resp, body = f.engineer.JSON("PATCH", fmt.Sprintf("/api/v1/tickets/%d", created.ID), support.TicketPatch{Status: &status}, "If-Match", `"1"`)
	mustStatus(t, resp, body, http.StatusOK)
	var updated support.Ticket
	decode(t, body, &updated)
	if updated.Status != "open" || updated.Version != 2 {
		t.Fatalf("updated = %+v", updated)
	}

	// A write against the version read before that update is refused.
	severity := "S1"
	resp, body = f.engineer.JSON("PATCH", fmt.Sprintf("/api/v1/tickets/%d", created.ID), support.TicketPatch{Severity: &severity}, "If-Match", `"1"`)
	mustStatus(t, resp, body, http.StatusPreconditionFailed)
	stale := 1
	resp, body = f.engineer.JSON("PATCH", fmt.Sprintf("/api/v1/tickets/%d", created.ID), support.TicketPatch{Severity: &severity, Version: &stale})
	mustStatus(t, resp, body, http.StatusConflict)
	var p struct {
		CurrentVersion int `json:"current_version"`
	}
	decode(t, body, &p)
	if p.CurrentVersion != 2 {
		t.Errorf("current_version = %d, want 2", p.CurrentVersion)
	}
	resp, body = f.engineer.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d/events", created.ID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	var events struct{ Events []support.Event }
	decode(t, body, &events)
	if len(events.Events) != 2 || events.Events[1].Actor != "ken@example.com" {
		t.Errorf("events = %+v, want create and update by ken", events.Events)
	}

	// If-Match compares strongly: a weak ETag never matches; "*" matches
	// whatever version is current; it may not contradict the body.
	current := 2
	for _, c := range []struct {
		ifMatch string
		version *int
		status  int
	}{
		{`W/"2"`, nil, http.StatusPreconditionFailed},
		{`"2"`, &stale, http.StatusBadRequest},
		{`2`, nil, http.StatusBadRequest},
		{`*`, nil, http.StatusOK},
	} {
		resp, body = f.engineer.JSON("PATCH", fmt.Sprintf("/api/v1/tickets/%d", created.ID),
			support.TicketPatch{AddTags: []string{"if-match"}, Version: c.version}, "If-Match", c.ifMatch)
		if resp.StatusCode != c.status {
			t.Errorf("If-Match %s with body version %v: %d %s, want %d", c.ifMatch, c.version, resp.StatusCode, body, c.status)
		}
	}
	resp, body = f.engineer.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d", created.ID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	if etag := resp.Header.Get("ETag"); etag != fmt.Sprintf(`"%d"`, current+1) {
		t.Errorf("ETag after the If-Match cases = %s, want \"%d\": only * writes", etag, current+1)
	}
}

func TestListFiltersAndPaginates(t *testing.T) {
	f := newFixture(t)
	for i := range 5 {
		n := sparkTicket(f.customer.ID)
		n.Subject = fmt.Sprintf("%s #%d", n.Subject, i)
		f.createTicket(t, f.engineer, n)
	}
	other := sparkTicket(f.customer.ID)
	other.Division, other.Subject = "yarn", "YARN ResourceManager failover hangs applications"
	f.createTicket(t, f.engineer, other)

	seen := map[int64]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		path := "/api/v1/tickets?division=spark&limit=2"
		if cursor != "" {
			path += "&cursor=" + cursor
		}
		resp, body := f.engineer.JSON("GET", path, nil)
		mustStatus(t, resp, body, http.StatusOK)
		var page support.TicketPage
		decode(t, body, &page)
		for _, tk := range page.Tickets {
			if tk.Division != "spark" || seen[tk.ID] {
				t.Fatalf("page %d: unexpected ticket %+v", pages, tk)
			}
			seen[tk.ID] = true
		}
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if len(seen) != 5 {
		t.Errorf("walked %d spark tickets, want 5", len(seen))
	}

	resp, body := f.engineer.JSON("GET", "/api/v1/tickets?q="+"%EB%A9%94%EB%AA%A8%EB%A6%AC", nil) // 메모리
	mustStatus(t, resp, body, http.StatusOK)
	var page support.TicketPage
	decode(t, body, &page)
	if len(page.Tickets) != 5 {
		t.Errorf("search for a Korean word found %d tickets, want 5", len(page.Tickets))
	}
}

func TestBadInputIsAProblem(t *testing.T) {
	f := newFixture(t)
	raw := func(method, path, contentType string, body []byte) (*http.Response, []byte) {
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", contentType)
		req.Header.Set("Authorization", "Bearer "+token(t, f))
		resp := f.api.DoUnvalidatedRequest(req)
		var buf bytes.Buffer
		buf.ReadFrom(resp.Body)
		return resp, buf.Bytes()
	}
	cases := []struct {
		name        string
		method      string
		path        string
		contentType string
		body        []byte
		status      int
		problem     string
	}{
		{"malformed JSON", "POST", "/api/v1/tickets", "application/json", []byte(`{"subject": `), 400, "invalid-request"},
		{"unknown field", "POST", "/api/v1/tickets", "application/json", []byte(`{"subjct": "x"}`), 400, "invalid-request"},
		{"oversized", "POST", "/api/v1/tickets", "application/json", bytes.Repeat([]byte("x"), server.MaxBodyBytes+1), 413, "payload-too-large"},
		{"wrong media type", "POST", "/api/v1/tickets", "text/plain", []byte(`{}`), 415, "unsupported-media-type"},
		{"bad enum in query", "GET", "/api/v1/tickets?severity=S9", "", nil, 400, "invalid-request"},
		{"bad limit", "GET", "/api/v1/tickets?limit=0", "", nil, 400, "invalid-request"},
		{"bad cursor", "GET", "/api/v1/tickets?cursor=notacursor", "", nil, 400, "invalid-request"},
		{"bad id", "GET", "/api/v1/tickets/abc", "", nil, 400, "invalid-request"},
		{"missing ticket", "GET", "/api/v1/tickets/99999999", "", nil, 404, "not-found"},
		{"unknown path", "GET", "/api/v1/nothing", "", nil, 404, "not-found"},
		{"invalid ticket", "POST", "/api/v1/tickets", "application/json", []byte(`{"subject":"x","division":"hdfs","region":"apac-jp","requester_kind":"internal"}`), 422, "validation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := raw(c.method, c.path, c.contentType, c.body)
			if resp.StatusCode != c.status || problemType(t, body) != "urn:supctl:problem:"+c.problem {
				t.Errorf("%d %s, want %d %s", resp.StatusCode, body, c.status, c.problem)
			}
			if ct := resp.Header.Get("Content-Type"); ct != "application/problem+json" {
				t.Errorf("Content-Type = %q", ct)
			}
		})
	}
	// A search as long as the contract allows is fine, a longer one is
	// refused; repeated values in a list filter count once.
	resp, body := f.engineer.JSON("GET", "/api/v1/tickets?q="+strings.Repeat("検", support.MaxSearch), nil)
	mustStatus(t, resp, body, http.StatusOK)
	resp, body = raw("GET", "/api/v1/tickets?q="+strings.Repeat("検", support.MaxSearch+1), "", nil)
	if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte(`"field":"q"`)) {
		t.Errorf("an overlong search: %d %s, want 400 naming q", resp.StatusCode, body)
	}
	resp, body = f.engineer.JSON("GET", "/api/v1/tickets?status="+strings.Repeat("new,", 40_000)+"new", nil)
	mustStatus(t, resp, body, http.StatusOK)

	// A second account of the same name, answered as the contract says.
	resp, body = f.admin.JSON("POST", "/api/v1/accounts", f.customer)
	mustStatus(t, resp, body, http.StatusConflict)

	// The server keeps serving after all of that.
	resp, body = f.engineer.JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusOK)
}

func token(t *testing.T, f *fixture) string {
	t.Helper()
	resp, body := f.admin.JSON("POST", "/api/v1/tokens", map[string]string{"email": "ken@example.com", "label": "test"})
	mustStatus(t, resp, body, http.StatusCreated)
	var out struct{ Token string }
	decode(t, body, &out)
	return out.Token
}

func TestAuthentication(t *testing.T) {
	f := newFixture(t)
	resp, body := f.api.JSON("GET", "/api/v1/tickets", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	resp, body = f.api.WithToken("sup_NOTATOKEN").JSON("GET", "/api/v1/me", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	if problemType(t, body) != "urn:supctl:problem:unauthenticated" {
		t.Errorf("problem = %s", body)
	}
	resp, body = f.engineer.JSON("POST", "/api/v1/users", map[string]any{"email": "x@example.com", "role": "admin", "region": "apac-jp"})
	mustStatus(t, resp, body, http.StatusForbidden)
	resp, body = f.readonly.JSON("POST", "/api/v1/tickets", sparkTicket(f.customer.ID))
	mustStatus(t, resp, body, http.StatusForbidden)
}

// The authorization scheme is case-insensitive (RFC 9110).
func TestBearerSchemeInAnyCase(t *testing.T) {
	f := newFixture(t)
	tok := token(t, f)
	for _, scheme := range []string{"Bearer", "bearer", "BEARER"} {
		req := httptest.NewRequest("GET", "/api/v1/me", nil)
		req.Header.Set("Authorization", scheme+" "+tok)
		if resp := f.api.DoUnvalidatedRequest(req); resp.StatusCode != http.StatusOK {
			t.Errorf("GET /api/v1/me with scheme %q: %s", scheme, resp.Status)
		}
	}
}

// In the CLI's embedded mode, a profile's user the database does not have
// is its own problem, in the contract, so that the CLI can say what to do.
func TestEmbeddedUnknownUser(t *testing.T) {
	c := servertest.NewValidatingClient(t, server.New(emptyService(t), nil).HandlerAs("nobody@example.com"))
	resp, body := c.JSON("GET", "/api/v1/tickets", nil)
	mustStatus(t, resp, body, http.StatusUnauthorized)
	if problemType(t, body) != api.ProblemUnknownUser {
		t.Errorf("problem = %s, want type %s", body, api.ProblemUnknownUser)
	}
}

func TestPartnerSeesOnlyItsOwnTicketsAndNoInternalNotes(t *testing.T) {
	f := newFixture(t)
	theirs := f.createTicket(t, f.engineer, support.NewTicket{Subject: "MapR-FS ボリュームのミラーリングが失敗する", Division: "core", Region: "apac-jp", Language: "ja", AccountID: f.partnerCustomer.ID})
	hidden := f.createTicket(t, f.engineer, sparkTicket(f.customer.ID))
	for _, c := range []support.NewComment{{Body: "ログを確認しています。"}, {Body: "known bug DEV-1234", Internal: true}} {
		resp, body := f.engineer.JSON("POST", fmt.Sprintf("/api/v1/tickets/%d/comments", theirs.ID), c)
		mustStatus(t, resp, body, http.StatusCreated)
	}

	resp, body := f.partner.JSON("GET", "/api/v1/tickets?status=new", nil)
	mustStatus(t, resp, body, http.StatusOK)
	var page support.TicketPage
	decode(t, body, &page)
	if len(page.Tickets) != 1 || page.Tickets[0].ID != theirs.ID {
		t.Errorf("partner list = %+v, want only ticket %d", page.Tickets, theirs.ID)
	}
	resp, body = f.partner.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d", hidden.ID), nil)
	mustStatus(t, resp, body, http.StatusNotFound)

	resp, body = f.partner.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d/comments", theirs.ID), nil)
	mustStatus(t, resp, body, http.StatusOK)
	if bytes.Contains(body, []byte("DEV-1234")) || !bytes.Contains(body, []byte("ログを確認しています。")) {
		t.Errorf("partner thread = %s", body)
	}
	resp, body = f.partner.JSON("POST", fmt.Sprintf("/api/v1/tickets/%d/comments", theirs.ID), support.NewComment{Body: "note", Internal: true})
	mustStatus(t, resp, body, http.StatusForbidden)
	resp, body = f.partner.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d/events", theirs.ID), nil)
	mustStatus(t, resp, body, http.StatusForbidden)
}

func TestIdempotentCreate(t *testing.T) {
	f := newFixture(t)
	n := sparkTicket(f.customer.ID)
	first := f.createTicket(t, f.engineer, n, "Idempotency-Key", "handoff-42")

	resp, body := f.engineer.JSON("POST", "/api/v1/tickets", n, "Idempotency-Key", "handoff-42")
	mustStatus(t, resp, body, http.StatusCreated)
	var again support.Ticket
	decode(t, body, &again)
	if again.ID != first.ID || resp.Header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay gave ticket %d (replayed=%q), want %d", again.ID, resp.Header.Get("Idempotent-Replayed"), first.ID)
	}

	n.Subject = "another request"
	resp, body = f.engineer.JSON("POST", "/api/v1/tickets", n, "Idempotency-Key", "handoff-42")
	mustStatus(t, resp, body, http.StatusConflict)
	if problemType(t, body) != "urn:supctl:problem:idempotency-mismatch" {
		t.Errorf("problem = %s", body)
	}

	// Many retries at once still open one ticket.
	n.Subject = "concurrent retries"
	var wg sync.WaitGroup
	ids := make([]int64, 16)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, body := f.engineer.JSON("POST", "/api/v1/tickets", n, "Idempotency-Key", "burst")
			if resp.StatusCode == http.StatusCreated {
				var tk support.Ticket
				json.Unmarshal(body, &tk)
				ids[i] = tk.ID
			}
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id == 0 || id != ids[0] {
			t.Fatalf("concurrent retries got ids %v, want one id", ids)
		}
	}
}

// The filters of a shift's lists, through the contract: tags, recent
// changes, the breach window, and a search typed in full-width letters.
func TestListShiftFilters(t *testing.T) {
	f := newFixture(t)
	spark := f.createTicket(t, f.engineer, sparkTicket(f.customer.ID))
	other := sparkTicket(f.customer.ID)
	other.Subject, other.Description, other.Tags = "ＹＡＲＮ ResourceManager failover", "", []string{"ha"}
	yarn := f.createTicket(t, f.engineer, other)
	list := func(query string) []int64 {
		t.Helper()
		resp, body := f.engineer.JSON("GET", "/api/v1/tickets?"+query, nil)
		mustStatus(t, resp, body, http.StatusOK)
		var page support.TicketPage
		decode(t, body, &page)
		var ids []int64
		for _, tk := range page.Tickets {
			ids = append(ids, tk.ID)
		}
		slices.Sort(ids)
		return ids
	}
	cases := []struct {
		query string
		want  []int64
	}{
		{"tag=OOM", []int64{spark.ID}},
		{"tag=oom,HA", []int64{spark.ID, yarn.ID}},
		{"tag=nosuch", nil},
		{"q=" + url.QueryEscape("ＳＰＡＲＫ"), []int64{spark.ID}},
		{"q=yarn+resourcemanager", []int64{yarn.ID}},
		{"q=" + url.QueryEscape("java.LANG.outofmemoryerror"), []int64{spark.ID}},
		{"updated_since=2026-11-20T09:00:00Z", []int64{spark.ID, yarn.ID}},
		{"updated_since=2026-11-20T09:00:00.001Z", nil},
		// Without an SLA engine no clock runs: nothing breaches, ever.
		{"breach_after=2026-11-20T09:00:00Z", []int64{spark.ID, yarn.ID}},
		{"breach_after=2026-11-20T09:00:00Z&breach_by=2026-11-20T11:00:00Z", nil},
	}
	// A count covers every page.
	resp, body := f.engineer.JSON("GET", "/api/v1/tickets?tag=oom,ha&limit=1&count=true", nil)
	mustStatus(t, resp, body, http.StatusOK)
	var page support.TicketPage
	decode(t, body, &page)
	if len(page.Tickets) != 1 || page.Total == nil || *page.Total != 2 {
		t.Errorf("a page of one with count=true: %s; want one ticket and a total of 2", body)
	}
	for _, c := range cases {
		if got := list(c.query); !slices.Equal(got, c.want) {
			t.Errorf("%s: tickets %v, want %v", c.query, got, c.want)
		}
	}
	for param, value := range map[string]string{"updated_since": "yesterday", "breach_after": "2h", "tag": "two%20words", "count": "yes"} {
		req := httptest.NewRequest("GET", "/api/v1/tickets?"+param+"="+value, nil)
		req.Header.Set("Authorization", "Bearer "+token(t, f))
		resp := f.api.DoUnvalidatedRequest(req)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusBadRequest || !bytes.Contains(body, []byte(`"field":"`+param+`"`)) {
			t.Errorf("%s=%s: %d %s, want 400 naming %s", param, value, resp.StatusCode, body, param)
		}
	}
}
