package api

import (
	"context"
	"net/http"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// IssuedToken is a user with a freshly issued bearer token, shown once.
type IssuedToken struct {
	User      support.User `json:"user"`
	Token     string       `json:"token"`
	TokenID   int64        `json:"token_id"`
	ExpiresAt *time.Time   `json:"expires_at"`
}

// CreateUser adds a user and returns their first token.
func (c *Client) CreateUser(ctx context.Context, u support.NewUser) (IssuedToken, error) {
	var out IssuedToken
	r := Request{Method: http.MethodPost, Path: "/api/v1/users", Body: u, Expect: []int{http.StatusCreated}}
	_, err := c.write(ctx, r, &out, "the new user and token", func() bool { return out.User.ID != 0 && out.Token != "" })
	return out, err
}

// Accounts lists customer and partner organisations.
func (c *Client) Accounts(ctx context.Context) ([]support.Account, error) {
	var out struct {
		Accounts []support.Account `json:"accounts"`
	}
	return out.Accounts, c.get(ctx, "/api/v1/accounts", &out)
}

// Users lists every user; only admins and leads may.
func (c *Client) Users(ctx context.Context) ([]support.User, error) {
	var out struct {
		Users []support.User `json:"users"`
	}
	return out.Users, c.get(ctx, "/api/v1/users", &out)
}

// CreateAccount adds a customer or partner organisation.
func (c *Client) CreateAccount(ctx context.Context, a support.Account) (support.Account, error) {
	var out support.Account
	r := Request{Method: http.MethodPost, Path: "/api/v1/accounts", Body: a, Expect: []int{http.StatusCreated}}
	_, err := c.write(ctx, r, &out, "the new account", func() bool { return out.ID != 0 })
	return out, err
}
