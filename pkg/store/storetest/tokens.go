package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/store"
	"github.com/supctl/supctl/pkg/support"
)

// issued is a token as the service issued it, and the hash the store
// finds it by.
type issued struct {
	support.Token
	hash []byte
}

// token has by issue a token for owner, and returns it as stored.
func (e *env) token(by, owner support.User, label string, expires *time.Time) issued {
	e.t.Helper()
	it, err := e.s.IssueToken(e.ctx, by, service.TokenRequest{Email: owner.Email, Label: label, ExpiresAt: expires})
	if err != nil {
		e.t.Fatalf("IssueToken(%s): %v", label, err)
	}
	hash := service.HashToken(it.Token)
	_, tok, err := e.st.TokenByHash(e.ctx, hash)
	if err != nil {
		e.t.Fatalf("TokenByHash(%s): %v", label, err)
	}
	if tok.ID != it.TokenID || !reflect.DeepEqual(tok.ExpiresAt, it.ExpiresAt) {
		e.t.Errorf("issued %+v, stored %+v", it, tok)
	}
	return issued{tok, hash}
}

func testTokens(t *testing.T, e *env) {
	e.clock.Advance(time.Second)
	tok := e.token(e.as(e.admin), e.ken, "laptop", nil)
	want := support.Token{ID: tok.ID, UserID: e.ken.ID, User: e.ken.Email, Label: "laptop", CreatedAt: e.clock.Now()}
	if tok.ID == 0 {
		t.Errorf("created token %+v without an id", tok)
	}
	wantEqual(t, "created token", tok.Token, want)
	u, got, err := e.st.TokenByHash(e.ctx, tok.hash)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "token owner", u, e.ken)
	wantEqual(t, "token by hash", got, want)

	_, _, err = e.st.TokenByHash(e.ctx, []byte("unknown"))
	wantIs(t, "unknown token", err, support.ErrNotFound)
	err = e.st.InTx(e.ctx, func(tx store.Tx, now time.Time) error {
		_, err := tx.InsertToken(e.ctx, store.NewToken{UserID: e.ana.ID, Hash: tok.hash, Label: "again"}, now)
		return err
	})
	wantIs(t, "duplicate token", err, support.ErrDuplicate)
	_, err = e.s.IssueToken(e.ctx, e.as(e.admin), service.TokenRequest{Email: "nobody@example.com"})
	wantIs(t, "token of a missing user", err, support.ErrNotFound)

	second := e.token(e.as(e.ken), e.ken, "handoff cron", nil)
	e.token(e.as(e.ana), e.ana, "ana", nil)
	list, err := e.st.ListTokens(e.ctx, e.ken.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "ken's tokens", list, []support.Token{want, second.Token})

	// The grant is on the user's history, without the hash.
	evs := e.events("user", e.ken.ID)
	wantEqual(t, "events of ken", len(evs), 3)
	wantEvent(t, evs, 1, "token_created", e.admin.Email, want.CreatedAt, nil,
		map[string]any{"id": tok.ID, "label": "laptop", "expires_at": nil})
}

func testRevokeToken(t *testing.T, e *env) {
	laptop := e.token(e.as(e.ken), e.ken, "laptop", nil)
	cron := e.token(e.as(e.ken), e.ken, "cron", nil)
	anas := e.token(e.as(e.ana), e.ana, "ana", nil)

	// Someone else's token is not found when revoking as its owner would.
	_, err := e.s.RevokeToken(e.ctx, e.as(e.ken), anas.ID)
	wantIs(t, "revoking another user's token", err, support.ErrNotFound)
	if _, _, err := e.st.TokenByHash(e.ctx, anas.hash); err != nil {
		t.Errorf("a refused revocation removed the token: %v", err)
	}

	e.clock.Advance(time.Minute)
	revoked, err := e.s.RevokeToken(e.ctx, e.as(e.ken), laptop.ID)
	if err != nil {
		t.Fatal(err)
	}
	wantEqual(t, "revoked token", revoked, laptop.Token)
	_, _, err = e.st.TokenByHash(e.ctx, laptop.hash)
	wantIs(t, "a revoked token", err, support.ErrNotFound)
	list, _ := e.st.ListTokens(e.ctx, e.ken.ID)
	wantEqual(t, "tokens left", list, []support.Token{cron.Token})
	_, err = e.s.RevokeToken(e.ctx, e.as(e.ken), laptop.ID)
	wantIs(t, "revoking twice", err, support.ErrNotFound)

	// An admin revokes anyone's; the event names who did it.
	if _, err := e.s.RevokeToken(e.ctx, e.as(e.admin), anas.ID); err != nil {
		t.Fatal(err)
	}
	evs := e.events("user", e.ken.ID)
	wantEvent(t, evs, len(evs)-1, "token_revoked", e.ken.Email, e.clock.Now(),
		map[string]any{"id": laptop.ID, "label": "laptop", "expires_at": nil}, nil)
	evs = e.events("user", e.ana.ID)
	wantEvent(t, evs, len(evs)-1, "token_revoked", e.admin.Email, e.clock.Now(),
		map[string]any{"id": anas.ID, "label": "ana", "expires_at": nil}, nil)
}

func testTokenExpiry(t *testing.T, e *env) {
	expires := e.clock.Now().Add(90 * 24 * time.Hour)
	tok := e.token(e.as(e.ken), e.ken, "ci", &expires)
	if tok.ExpiresAt == nil || !tok.ExpiresAt.Equal(expires) {
		t.Fatalf("expires_at = %v, want %s", tok.ExpiresAt, expires)
	}
	// An expired token is still found, with its expiry, for the caller to
	// refuse and say why.
	e.clock.Advance(91 * 24 * time.Hour)
	_, got, err := e.st.TokenByHash(e.ctx, tok.hash)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Expired(e.clock.Now()) || got.Expired(expires.Add(-time.Millisecond)) {
		t.Errorf("token %+v: want expired now, not a millisecond before %s", got, expires)
	}
	evs := e.events("user", e.ken.ID)
	wantEvent(t, evs, len(evs)-1, "token_created", e.ken.Email, start, nil,
		map[string]any{"id": tok.ID, "label": "ci", "expires_at": expires.Format(time.RFC3339)})
}

func testTokenLastUsed(t *testing.T, e *env) {
	tok := e.token(e.as(e.ken), e.ken, "laptop", nil)
	lastUsed := func() *time.Time {
		t.Helper()
		_, got, err := e.st.TokenByHash(e.ctx, tok.hash)
		if err != nil {
			t.Fatal(err)
		}
		return got.LastUsedAt
	}
	if at := lastUsed(); at != nil {
		t.Errorf("a new token was last used at %s", at)
	}
	touch := func(wantWrote bool) {
		t.Helper()
		wrote, err := e.s.TouchToken(e.ctx, tok.ID)
		if err != nil || wrote != wantWrote {
			t.Errorf("TouchToken at %s = %v, %v; want %v", e.clock.Now(), wrote, err, wantWrote)
		}
	}
	first := e.clock.Now()
	touch(true)
	// Within the resolution, uses are not written.
	e.clock.Advance(support.LastUsedResolution - time.Millisecond)
	touch(false)
	if at := lastUsed(); at == nil || !at.Equal(first) {
		t.Errorf("last used %v, want %s", at, first)
	}
	e.clock.Advance(time.Millisecond)
	touch(true)
	if at := lastUsed(); at == nil || !at.Equal(e.clock.Now()) {
		t.Errorf("last used %v, want %s", at, e.clock.Now())
	}
	// Bookkeeping, not a change: no event.
	wantEqual(t, "events of ken", len(e.events("user", e.ken.ID)), 2)
}

func testTokenLimit(t *testing.T, e *env) {
	soon := e.clock.Now().Add(time.Hour)
	e.token(e.as(e.ken), e.ken, "expiring", &soon)
	for i := range support.MaxLiveTokens - 1 {
		e.token(e.as(e.ken), e.ken, fmt.Sprint(i), nil)
	}
	_, err := e.s.IssueToken(e.ctx, e.as(e.ken), service.TokenRequest{Label: "one too many"})
	wantIs(t, "a token past the limit", err, support.ErrTooManyTokens)
	// Others are not limited by ken's tokens.
	e.token(e.as(e.ana), e.ana, "ana", nil)
	// An expired token does not count.
	e.clock.Advance(time.Hour)
	e.token(e.as(e.ken), e.ken, "after expiry", nil)
	_, err = e.s.IssueToken(e.ctx, e.as(e.ken), service.TokenRequest{Label: "again too many"})
	wantIs(t, "a token past the limit after one expired", err, support.ErrTooManyTokens)
}
