package sqlite

import (
	"encoding/base64"
	"errors"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// A severity cursor from before the sort broke ties by creation held the
// update time: reading it as a creation time would skip or repeat
// tickets, so it is refused and the caller starts over.
func TestSeverityCursorOfTheUpdateTime(t *testing.T) {
	tk := support.Ticket{ID: 5, Severity: "S1", CreatedAt: time.UnixMilli(1000), UpdatedAt: time.UnixMilli(2000)}
	c, err := store.DecodeCursor(store.CursorAfter("severity", tk).Encode(), "severity")
	if err != nil || c.At != 1000 || c.ID != 5 || c.Severity != "S1" {
		t.Fatalf("severity cursor round trip = %+v, %v", c, err)
	}
	old := base64.RawURLEncoding.EncodeToString([]byte(`{"s":"severity","v":"S1","t":2000,"id":5}`))
	var v *support.ValidationError
	if _, err := store.DecodeCursor(old, "severity"); !errors.As(err, &v) || v.Field != "cursor" {
		t.Errorf("severity cursor without its creation mark: error %v, want a validation error of cursor", err)
	}
}
