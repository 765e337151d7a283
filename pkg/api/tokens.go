package api

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// ProblemTokenExpired is the type of the problem a server answers an
// expired token with.
const ProblemTokenExpired = "urn:supctl:problem:token-expired"

// NewToken asks for a token for the user with Email (the caller when
// empty); a nil ExpiresAt never expires.
type NewToken struct {
	Email     string     `json:"email"`
	Label     string     `json:"label"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
}

// CreateToken issues a token.
func (c *Client) CreateToken(ctx context.Context, n NewToken) (IssuedToken, error) {
	var out IssuedToken
	r := Request{Method: http.MethodPost, Path: "/api/v1/tokens", Body: n, Expect: []int{http.StatusCreated}}
	_, err := c.write(ctx, r, &out, "the new token", func() bool { return out.Token != "" })
	return out, err
}

// TokenList is a user's tokens, how many of them are live (unexpired) and
// how many may be.
type TokenList struct {
	Tokens []support.Token `json:"tokens"`
	Live   int             `json:"live"`
	Limit  int             `json:"limit"`
}

// Tokens lists the tokens of the user with that email, or the caller's
// when it is empty.
func (c *Client) Tokens(ctx context.Context, email string) (TokenList, error) {
	path := "/api/v1/tokens"
	if email != "" {
		path += "?user=" + url.QueryEscape(email)
	}
	var out TokenList
	return out, c.get(ctx, path, &out)
}

// RevokeToken revokes the token with that id.
func (c *Client) RevokeToken(ctx context.Context, id int64) (support.Token, error) {
	return c.revoke(ctx, fmt.Sprintf("/api/v1/tokens/%d", id))
}

// RevokeCurrentToken revokes the token the client sends.
func (c *Client) RevokeCurrentToken(ctx context.Context) (support.Token, error) {
	return c.revoke(ctx, "/api/v1/tokens/current")
}

func (c *Client) revoke(ctx context.Context, path string) (support.Token, error) {
	var out support.Token
	r := Request{Method: http.MethodDelete, Path: path, Expect: []int{http.StatusOK}}
	_, err := c.write(ctx, r, &out, "the revoked token", func() bool { return out.ID != 0 })
	return out, err
}
