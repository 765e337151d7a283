package store

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/supctl/supctl/pkg/support"
)

// NoBreach is the breach sort key of a ticket with no running clock: the
// largest integer, so that such tickets sort last. Backends index on
// coalesce(next_breach_at, NoBreach).
const NoBreach = 1<<63 - 1

// Cursor is the sort key of the last ticket of a page; the next page starts
// after it. It names its sort so that it cannot be replayed under another.
// Every backend reads the same cursors, so that a client's paging is not
// tied to one.
type Cursor struct {
	Sort     string `json:"s"`
	Severity string `json:"v,omitempty"`
	At       int64  `json:"t"` // unix ms of the sort's time column; NoBreach for a ticket without one
	ID       int64  `json:"id"`
	// Created marks a severity cursor as one whose At is the creation
	// time, the severity sort's since migration 00004; older ones held the
	// update time, and would skip or repeat tickets.
	Created bool `json:"c,omitempty"`
}

// CursorAfter is the cursor of a page of sort that ends with t.
func CursorAfter(sort string, t support.Ticket) Cursor {
	c := Cursor{Sort: sort, At: t.UpdatedAt.UnixMilli(), ID: t.ID}
	switch sort {
	case "created":
		c.At = t.CreatedAt.UnixMilli()
	case "severity":
		c.Severity, c.At, c.Created = t.Severity, t.CreatedAt.UnixMilli(), true
	case "breach":
		c.At = NoBreach
		if t.NextBreach != nil {
			c.At = t.NextBreach.UnixMilli()
		}
	}
	return c
}

// Encode is the cursor as the API hands it out.
func (c Cursor) Encode() string {
	data, _ := json.Marshal(c) // a struct of strings and ints always encodes
	return base64.RawURLEncoding.EncodeToString(data)
}

// DecodeCursor reads a cursor handed out for sort; any other is a
// *support.ValidationError on the cursor.
func DecodeCursor(s, sort string) (Cursor, error) {
	var c Cursor
	data, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(data, &c)
	}
	if err != nil || c.ID <= 0 || !support.TicketSorts.Has(c.Sort) ||
		(c.Sort == "severity") != (support.Severities.Has(c.Severity) && c.Created) {
		return c, &support.ValidationError{Field: "cursor", Message: "invalid cursor: pass the next_cursor of the previous page unchanged"}
	}
	if c.Sort != sort {
		return c, &support.ValidationError{Field: "cursor", Message: fmt.Sprintf("the cursor is for sort %q, not %q: keep the same sort while paging", c.Sort, sort)}
	}
	return c, nil
}
