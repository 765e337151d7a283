package storetest

import (
	"testing"
	"time"
)

func testLeases(t *testing.T, e *env) {
	const ttl = 15 * time.Second
	take := func(holder string, want bool) {
		t.Helper()
		held, err := e.st.TakeLease(e.ctx, "sla-refresher", holder, e.clock.Now(), ttl)
		if err != nil || held != want {
			t.Errorf("at +%s, %s takes the lease: %t, %v; want %t", e.clock.Now().Sub(start), holder, held, err, want)
		}
	}
	take("a", true)
	take("b", false) // a holds it
	e.clock.Advance(ttl - time.Millisecond)
	take("b", false)
	take("a", true) // a renews: until now+ttl
	e.clock.Advance(ttl - time.Millisecond)
	take("b", false)
	e.clock.Advance(time.Millisecond)
	take("b", true) // a's lease expired: b takes over
	take("a", false)
	// Leases are by name.
	if held, err := e.st.TakeLease(e.ctx, "outbox", "a", e.clock.Now(), ttl); !held || err != nil {
		t.Errorf("a takes another lease: %t, %v", held, err)
	}
	// Dropping a lease one does not hold changes nothing; dropping one's
	// own frees it at once.
	if err := e.st.DropLease(e.ctx, "sla-refresher", "a"); err != nil {
		t.Fatal(err)
	}
	take("a", false)
	if err := e.st.DropLease(e.ctx, "sla-refresher", "b"); err != nil {
		t.Fatal(err)
	}
	take("a", true)
}
