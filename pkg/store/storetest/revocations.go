package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/store"
)

// feedPatience bounds the wait for a notification that should arrive at
// once, so that a broken feed fails the test instead of hanging it.
const feedPatience = 30 * time.Second

// testRevocationFeed: a backend shared by replicas tells each of a token
// revoked through any of them, when the revocation commits.
func testRevocationFeed(t *testing.T, e *env) {
	if _, ok := e.st.(store.RevocationFeed); !ok {
		t.Skip("the backend has no revocation feed: replicas forget revoked tokens within the token cache's TTL")
	}
	ctx, cancel := context.WithCancel(e.ctx)
	defer cancel()
	heard := make(chan int64, 16)
	done := make(chan struct{})
	go func() {
		e.s.FollowRevocations(ctx, func(id int64) { heard <- id })
		close(done)
	}()
	// A feed that never reports fails here rather than hanging the run.
	next := func() int64 {
		t.Helper()
		select {
		case id := <-heard:
			return id
		case <-time.After(feedPatience):
			t.Fatalf("no report from the revocation feed in %s", feedPatience)
			return 0
		}
	}
	if id := next(); id != 0 {
		t.Fatalf("first report %d, want 0: it may have missed what came before", id)
	}
	tok := e.token(e.as(e.ken), e.ken, "laptop", nil)
	if _, err := e.s.RevokeToken(e.ctx, e.as(e.ken), tok.ID); err != nil {
		t.Fatal(err)
	}
	if id := next(); id != tok.ID {
		t.Errorf("heard of token %d, want %d", id, tok.ID)
	}
	cancel()
	<-done
}
