package sqlite

import (
	"errors"
	"testing"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// An actor at their limit hears so even when nothing waits: the limit is
// what they must act on first.
func TestNextAtLimitWithNothingWaiting(t *testing.T) {
	s := openTest(t)
	u, err := svc(s).CreateUser(t.Context(), system, support.User{Email: "busy@example.com", Role: "engineer", Region: "apac-jp", WIPLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	actor := u
	queue := support.Queue{Region: "apac-jp", Division: "core"}
	req := support.NextRequest{Queues: []support.Queue{queue}}
	if _, err := svc(s).NextTicket(t.Context(), actor, req); !errors.Is(err, support.ErrNothingToPick) {
		t.Fatalf("pick from an empty queue: %v, want %v", err, support.ErrNothingToPick)
	}
	if _, _, err := svc(s).CreateTicket(t.Context(), system, support.NewTicket{Subject: "s", Severity: "S3", Region: queue.Region,
		Division: queue.Division, Language: "en", Channel: "portal", RequesterKind: "internal"}, service.Idempotency{}); err != nil {
		t.Fatal(err)
	}
	if p, err := svc(s).NextTicket(t.Context(), actor, req); err != nil || !p.Claimed {
		t.Fatalf("pick = %+v, %v: want it claimed", p, err)
	}
	_, err = svc(s).NextTicket(t.Context(), actor, req)
	var wip *support.WIPLimitError
	if !errors.As(err, &wip) || *wip != (support.WIPLimitError{Holding: 1, Limit: 1}) {
		t.Errorf("pick at the limit from an empty queue: %#v, want WIPLimitError{1, 1}", err)
	}
}
