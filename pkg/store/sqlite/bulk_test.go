package sqlite_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/store/sqlite"
	"github.com/supctl/supctl/pkg/support"
)

// bulkTicket is a ticket as bulkLoad writes it: what CreateTicket is
// given, and the state later changes would have left.
type bulkTicket struct {
	support.NewTicket
	Status     string // new when empty
	AssigneeID int64
	Created    time.Time
	Breach     *time.Time
}

// newTickets are ns as CreateTicket would open them at at.
func newTickets(at time.Time, ns []support.NewTicket) []bulkTicket {
	out := make([]bulkTicket, len(ns))
	for i, n := range ns {
		out[i] = bulkTicket{NewTicket: n, Created: at}
	}
	return out
}

// bulkLoad inserts tickets, each with its created event, in one
// transaction of raw SQL, far faster than CreateTicket one by one, and
// returns their ids. Nothing else may write meanwhile.
func bulkLoad(tb testing.TB, s *sqlite.Store, actor store.Actor, tickets []bulkTicket) []int64 {
	tb.Helper()
	ctx := tb.Context()
	tx, err := sqlite.DB(s).BeginTx(ctx, nil)
	if err != nil {
		tb.Fatal(err)
	}
	defer tx.Rollback()
	insert, err := tx.PrepareContext(ctx, `INSERT INTO tickets (subject, description, status, severity, division,
		region, language, channel, requester_kind, requester_name, requester_email, account_id, assignee_id,
		assigned_at, tier, product_version, environment, tags, next_breach_at, version, created_at, updated_at, search_text)
		VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, NULLIF(?12, 0), NULLIF(?13, 0), ?14, 'frontline', ?15, ?16, ?17, ?18,
		1, ?19, ?20, supctl_search_text(?1, ?2))`)
	if err != nil {
		tb.Fatal(err)
	}
	created, err := tx.PrepareContext(ctx, `INSERT INTO events (entity_type, entity_id, actor_id, actor, kind, after, at)
		VALUES ('ticket', ?, NULLIF(?, 0), ?, 'created', ?, ?)`)
	if err != nil {
		tb.Fatal(err)
	}
	ids := make([]int64, len(tickets))
	for i, t := range tickets {
		status := t.Status
		if status == "" {
			status = "new"
		}
		var assignedAt, breach any
		if t.AssigneeID != 0 {
			assignedAt = t.Created.UnixMilli()
		}
		if t.Breach != nil {
			breach = t.Breach.UnixMilli()
		}
		tags, err := json.Marshal(append([]string{}, t.Tags...))
		if err != nil {
			tb.Fatal(err)
		}
		res, err := insert.ExecContext(ctx, t.Subject, t.Description, status, t.Severity, t.Division, t.Region,
			t.Language, t.Channel, t.RequesterKind, t.RequesterName, t.RequesterEmail, t.AccountID, t.AssigneeID,
			assignedAt, t.ProductVersion, t.Environment, string(tags), breach, t.Created.UnixMilli(), t.Created.UnixMilli())
		if err != nil {
			tb.Fatal(err)
		}
		if ids[i], err = res.LastInsertId(); err != nil {
			tb.Fatal(err)
		}
		after, err := json.Marshal(t.NewTicket)
		if err != nil {
			tb.Fatal(err)
		}
		if _, err := created.ExecContext(ctx, ids[i], actor.ID, actor.Email, string(after), t.Created.UnixMilli()); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return ids
}
