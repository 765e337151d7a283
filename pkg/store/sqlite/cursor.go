package sqlite

import (
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/supctl/supctl/pkg/support"
)

// cursor is the sort key of the last ticket of a page; the next page starts
// after it. It names its sort so that it cannot be replayed under another.
type cursor struct {
	Sort     string `json:"s"`
	Severity string `json:"v,omitempty"`
	At       int64  `json:"t"` // unix ms of the sort's time column; noBreach for a ticket without one
	ID       int64  `json:"id"`
	// Created marks a severity cursor as one whose At is the creation
	// time, the severity sort's since migration 00004; older ones held the
	// update time, and would skip or repeat tickets.
	Created bool `json:"c,omitempty"`
}

func cursorAfter(sort string, t support.Ticket) cursor {
	c := cursor{Sort: sort, At: t.UpdatedAt.UnixMilli(), ID: t.ID}
	switch sort {
	case "created":
		c.At = t.CreatedAt.UnixMilli()
	case "severity":
		c.Severity, c.At, c.Created = t.Severity, t.CreatedAt.UnixMilli(), true
	case "breach":
		c.At = noBreach
		if t.NextBreach != nil {
			c.At = t.NextBreach.UnixMilli()
		}
	}
	return c
}

func (c cursor) encode() string {
	data, _ := json.Marshal(c) // a struct of strings and ints always encodes
	return base64.RawURLEncoding.EncodeToString(data)
}

func decodeCursor(s, sort string) (cursor, error) {
	var c cursor
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
