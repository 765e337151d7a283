package storetest

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// Contention is the size of the contention tests: how many tickets wait
// and how many callers race for them.
const (
	ContentionTickets = 5000
	ContentionCallers = 64
)

// ContentionQueues are the queues contention tickets wait in.
var ContentionQueues = []support.Queue{jpCore, jpSpark}

// ContentionTicket is the i-th ticket of a contention test, normalized.
func ContentionTicket(i int) support.NewTicket {
	n := support.NewTicket{
		Subject: fmt.Sprintf("contention ticket %d", i), Division: ContentionQueues[i%2].Division, Region: "apac-jp",
		Severity: support.Severities.Values()[i%4], RequesterKind: "internal",
	}
	if err := n.Normalize(); err != nil {
		panic(err) // the fields above are valid
	}
	return n
}

// Drain has one goroutine per actor call NextTicket on queues until there
// is nothing left to pick, and returns the ids each actor was told it won,
// by email. Any other error, any pick not claimed for its caller, and more
// picks than the queues' tickets, which stops the race, fail t.
func Drain(t testing.TB, s *service.Service, actors []support.User, queues []support.Queue, tickets int) map[string][]int64 {
	won := make([][]int64, len(actors))
	// Each caller's last call finds nothing; calls beyond those and one
	// per ticket would be picks of tickets already taken.
	limit := int64(tickets + len(actors))
	var calls atomic.Int64
	var wg sync.WaitGroup
	for i, actor := range actors {
		wg.Go(func() {
			for {
				if n := calls.Add(1); n > limit {
					if n == limit+1 {
						t.Errorf("more picks than the %d tickets: the race would not end", tickets)
					}
					return
				}
				p, err := s.NextTicket(t.Context(), actor, support.NextRequest{Queues: queues})
				if errors.Is(err, support.ErrNothingToPick) {
					return
				}
				if err != nil {
					t.Errorf("NextTicket for %s: %v", actor.Email, err)
					return
				}
				if !p.Claimed || p.Ticket.Assignee != actor.Email {
					t.Errorf("NextTicket for %s: pick %+v is not claimed for them", actor.Email, p)
				}
				won[i] = append(won[i], p.Ticket.ID)
			}
		})
	}
	wg.Wait()
	out := make(map[string][]int64, len(actors))
	for i, actor := range actors {
		out[actor.Email] = won[i]
	}
	return out
}

// Owners maps every ticket of s to its assignee's email.
func Owners(t testing.TB, s store.Store) map[int64]string {
	out := map[int64]string{}
	f := support.TicketFilter{Sort: "created", Limit: support.MaxLimit}
	for {
		page, err := s.ListTickets(t.Context(), f)
		if err != nil {
			t.Fatalf("ListTickets: %v", err)
		}
		for _, tk := range page.Tickets {
			out[tk.ID] = tk.Assignee
		}
		if page.NextCursor == "" {
			return out
		}
		f.Cursor = page.NextCursor
	}
}

// CheckClaims judges a race for the tickets want: each must have been won
// by exactly one caller (won maps callers' emails to the ids they were
// told they won), no other ticket won, and owner (the store's assignee by
// ticket) must name that caller. It returns nil, or an error listing the
// first problems found.
func CheckClaims(want []int64, won map[string][]int64, owner map[int64]string) error {
	var problems []string
	winner := map[int64]string{}
	for _, who := range slices.Sorted(maps.Keys(won)) {
		for _, id := range won[who] {
			if prev, ok := winner[id]; ok {
				problems = append(problems, fmt.Sprintf("ticket %d was won by %s and by %s", id, prev, who))
				continue
			}
			winner[id] = who
		}
	}
	for _, id := range want {
		who, ok := winner[id]
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("ticket %d was won by nobody", id))
		case owner[id] != who:
			problems = append(problems, fmt.Sprintf("ticket %d is held by %q, but %s was told it won", id, owner[id], who))
		}
		delete(winner, id)
	}
	for _, id := range slices.Sorted(maps.Keys(winner)) {
		problems = append(problems, fmt.Sprintf("ticket %d was won but was not in the race", id))
	}
	if len(problems) == 0 {
		return nil
	}
	const shown = 10
	if len(problems) > shown {
		problems = append(problems[:shown], fmt.Sprintf("and %d more", len(problems)-shown))
	}
	return errors.New(strings.Join(problems, "; "))
}

func testClaimContention(t *testing.T, e *env) {
	news := make([]support.NewTicket, ContentionTickets)
	for i := range news {
		news[i] = ContentionTicket(i)
	}
	want := e.seed(e.as(e.ken), news)
	actors := make([]support.User, ContentionCallers)
	for i := range actors {
		u := e.user(e.as(e.admin), support.User{Email: fmt.Sprintf("engineer%02d@example.com", i), Role: "engineer",
			Region: "apac-jp", WIPLimit: ContentionTickets})
		actors[i] = e.as(u)
	}
	won := Drain(t, e.s, actors, ContentionQueues, ContentionTickets)
	owner := Owners(t, e.st)
	if err := CheckClaims(want, won, owner); err != nil {
		t.Fatal(err)
	}

	// Negative controls: the check catches a ticket told to two callers, a
	// caller told of a ticket someone else holds, and a ticket nobody won.
	a, b := actors[0].Email, actors[1].Email
	if len(won[a]) == 0 {
		t.Fatalf("%s won nothing: the controls below need one of its tickets", a)
	}
	stolen := won[a][0]
	doubled := maps.Clone(won)
	doubled[b] = append(slices.Clone(won[b]), stolen)
	wantProblem(t, CheckClaims(want, doubled, owner), fmt.Sprintf("ticket %d was won by %s and by %s", stolen, a, b))
	moved := maps.Clone(owner)
	moved[stolen] = b
	wantProblem(t, CheckClaims(want, won, moved), fmt.Sprintf("ticket %d is held by %q, but %s was told it won", stolen, b, a))
	lost := maps.Clone(won)
	lost[a] = won[a][1:]
	wantProblem(t, CheckClaims(want, lost, owner), fmt.Sprintf("ticket %d was won by nobody", stolen))
}

func wantProblem(t *testing.T, err error, problem string) {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), problem) {
		t.Errorf("CheckClaims = %v, want it to report %q", err, problem)
	}
}
