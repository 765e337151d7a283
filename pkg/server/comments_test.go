package server_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/server"
	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store/storetest"
	"github.com/supctl/supctl/pkg/support"
)

// TestRepliesFromTheRequesterSide: a partner's reply and a customer's reply
// an engineer enters for them are the customer's for the SLA clocks; only
// the engineer's own public reply is a response.
func TestRepliesFromTheRequesterSide(t *testing.T) {
	// Wednesday 10:00 in Tokyo, within business hours.
	clock := storetest.NewClock(time.Date(2026, 11, 18, 1, 0, 0, 0, time.UTC))
	_, svc := backend(t, clock.Now, service.WithClock(clock.Now))
	token := bootstrap(t, svc)
	f := &fixture{api: servertest.NewValidatingClient(t, server.New(svc, nil, server.WithClock(clock.Now)).Handler())}
	f.admin = f.api.WithToken(token)
	f.reseller = f.createAccount(t, support.Account{Name: "Nippon Resell KK", Kind: "partner", Plan: "premium", Region: "apac-jp"})
	f.partnerCustomer = f.createAccount(t, support.Account{Name: "東洋データ株式会社", Kind: "customer", Plan: "premium", Region: "apac-jp", PartnerID: f.reseller.ID})
	f.engineer = f.addUser(t, map[string]any{"email": "ken@example.com", "role": "engineer", "region": "apac-jp"})
	f.partner = f.addUser(t, map[string]any{"email": "aoi@resell.example", "role": "partner", "region": "apac-jp", "account_id": f.reseller.ID})
	tk := f.createTicket(t, f.engineer, support.NewTicket{Subject: "Hive クエリがタイムアウトする", Severity: "S2",
		Division: "sql", Region: "apac-jp", Language: "ja", AccountID: f.partnerCustomer.ID})
	path := fmt.Sprintf("/api/v1/tickets/%d/comments", tk.ID)
	comment := func(c *servertest.Client, body map[string]any) support.Comment {
		t.Helper()
		clock.Advance(10 * time.Minute)
		resp, raw := c.JSON("POST", path, body)
		mustStatus(t, resp, raw, http.StatusCreated)
		var out support.Comment
		decode(t, raw, &out)
		return out
	}
	firstResponse := func() *time.Time {
		t.Helper()
		resp, raw := f.engineer.JSON("GET", fmt.Sprintf("/api/v1/tickets/%d/sla", tk.ID), nil)
		mustStatus(t, resp, raw, http.StatusOK)
		var out support.TicketSLA
		decode(t, raw, &out)
		for _, c := range out.Clocks {
			if c.Kind == "first_response" {
				return c.FulfilledAt
			}
		}
		t.Fatalf("no first_response clock in %s", raw)
		return nil
	}

	byPartner := comment(f.partner, map[string]any{"body": "ログを添付します。", "from_requester": false})
	relayed := comment(f.engineer, map[string]any{"body": "お電話で伺った内容: 毎朝 9 時に発生します。", "from_requester": true})
	if !byPartner.FromRequester || !relayed.FromRequester {
		t.Errorf("from_requester = %t (partner), %t (entered for the customer); want both true", byPartner.FromRequester, relayed.FromRequester)
	}
	if at := firstResponse(); at != nil {
		t.Errorf("first response fulfilled at %s by replies from the requester's side", at)
	}
	answer := comment(f.engineer, map[string]any{"body": "ログを確認しています。"})
	if answer.FromRequester {
		t.Error("an engineer's own reply is marked from_requester")
	}
	if at := firstResponse(); at == nil || !at.Equal(answer.CreatedAt) {
		t.Errorf("first response fulfilled at %v, want %s (the engineer's reply)", at, answer.CreatedAt)
	}

	resp, raw := f.engineer.JSON("POST", path, map[string]any{"body": "Customer called.", "internal": true, "from_requester": true})
	mustStatus(t, resp, raw, http.StatusUnprocessableEntity)
	var p struct {
		Field string `json:"field"`
	}
	if decode(t, raw, &p); p.Field != "from_requester" {
		t.Errorf("problem field = %q, want from_requester: %s", p.Field, raw)
	}
}
