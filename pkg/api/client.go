// Package api is the typed client of the supctl HTTP API
// (docs/api/openapi.yaml). It is the only way the CLI reaches data: the
// backend is a remote server or the same server running in-process.
package api

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Client calls one backend with one identity.
type Client struct {
	base    string
	http    *http.Client
	token   string
	profile string
}

// New returns a client for the server at baseURL ("https://host"; the
// /api/v1 prefix is added by the client). An empty token sends no
// Authorization header.
func New(baseURL string, hc *http.Client, token string) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(baseURL, "/"), http: hc, token: token}
}

// WithProfile names the profile the client belongs to, for error messages.
func (c *Client) WithProfile(name string) *Client {
	cp := *c
	cp.profile = name
	return &cp
}

// BaseURL is the server address the client talks to.
func (c *Client) BaseURL() string { return c.base }

// Request is one call: a method, a path under the server root, and optional
// body and headers.
type Request struct {
	Method string
	Path   string // e.g. /api/v1/tickets?limit=5
	Body   any    // marshalled to JSON unless it is an io.Reader
	Header http.Header
}

// Do sends r and decodes a 2xx JSON response into out (when non-nil). A
// non-2xx response becomes an *HTTPError; a transport failure a
// *TransportError.
func (c *Client) Do(ctx context.Context, r Request, out any) (*http.Response, error) {
	resp, body, err := c.Raw(ctx, r)
	if err != nil {
		return resp, err
	}
	if resp.StatusCode >= 300 {
		return resp, NewHTTPError(resp, body)
	}
	if out != nil && len(body) > 0 {
		if err := json.Unmarshal(body, out); err != nil {
			return resp, fmt.Errorf("unexpected response from %s: %w", c.base, err)
		}
	}
	return resp, nil
}

// Raw sends r and returns the response with its whole body read, whatever
// its status. It is the escape hatch behind `supctl api`.
func (c *Client) Raw(ctx context.Context, r Request) (*http.Response, []byte, error) {
	var body io.Reader
	switch b := r.Body.(type) {
	case nil:
	case io.Reader:
		body = b
	default:
		data, err := json.Marshal(b)
		if err != nil {
			return nil, nil, err
		}
		body = bytes.NewReader(data)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, c.base+r.Path, body)
	if err != nil {
		return nil, nil, fmt.Errorf("invalid request %s %s: %w", r.Method, r.Path, err)
	}
	for k, v := range r.Header {
		req.Header[k] = v
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, nil, &TransportError{URL: c.base, Profile: c.profile, Err: err}
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, nil, &TransportError{URL: c.base, Profile: c.profile, Err: err}
	}
	return resp, data, nil
}

func (c *Client) get(ctx context.Context, path string, out any) error {
	_, err := c.Do(ctx, Request{Method: http.MethodGet, Path: path}, out)
	return err
}

// ProblemUnknownUser is the type of the problem an embedded database
// answers when the profile's user is not one of its users.
const ProblemUnknownUser = "urn:supctl:problem:unknown-user"

// Problem is an RFC 9457 problem detail as the server sends it.
type Problem struct {
	Type           string `json:"type"`
	Title          string `json:"title"`
	Status         int    `json:"status"`
	Detail         string `json:"detail"`
	Field          string `json:"field,omitempty"`
	CurrentVersion int    `json:"current_version,omitempty"`
	// Holder and Since name who holds a ticket a claim lost.
	Holder string    `json:"holder,omitempty"`
	Since  time.Time `json:"since,omitzero"`
}

// HTTPError is a non-2xx answer.
type HTTPError struct {
	StatusCode int
	Problem    Problem
}

// NewHTTPError reads a non-2xx answer. One that is not a problem document
// of the supctl API, such as a proxy's or another server's HTML page, says
// so, and its Problem has no Type.
func NewHTTPError(resp *http.Response, body []byte) *HTTPError {
	e := &HTTPError{StatusCode: resp.StatusCode}
	if json.Unmarshal(body, &e.Problem) == nil && e.Problem.Type != "" {
		return e
	}
	e.Problem = Problem{Status: resp.StatusCode, Detail: fmt.Sprintf("the server answered %s with %s, which is not the supctl API",
		resp.Status, cmp.Or(resp.Header.Get("Content-Type"), "no content type"))}
	return e
}

func (e *HTTPError) Error() string {
	msg := e.Problem.Detail
	if msg == "" {
		msg = e.Problem.Title
	}
	return msg
}

// TransportError is a backend that could not be reached or did not answer.
type TransportError struct {
	URL     string
	Profile string
	Err     error
}

func (e *TransportError) Error() string {
	where := e.URL
	if e.Profile != "" {
		where += " (profile " + e.Profile + ")"
	}
	return fmt.Sprintf("cannot reach %s: %v", where, unwrapURLError(e.Err))
}
func (e *TransportError) Unwrap() error { return e.Err }

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
