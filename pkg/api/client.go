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
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
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
// Authorization header. The client uses a copy of hc with its own
// redirect policy (see checkRedirect): a write never follows a redirect,
// a read only one within the origin of baseURL.
func New(baseURL string, hc *http.Client, token string) *Client {
	if hc == nil {
		hc = http.DefaultClient
	}
	own := *hc
	own.CheckRedirect = checkRedirect
	return &Client{base: strings.TrimRight(baseURL, "/"), http: &own, token: token}
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
	// Expect lists the statuses the API answers the call with when it
	// succeeds; empty accepts any 2xx.
	Expect []int
}

// Do sends r and decodes a 2xx JSON response into out (when non-nil). A
// non-2xx response becomes an *HTTPError, a redirect a *RedirectError, a
// transport failure a *TransportError, and a 2xx answer other than r
// expects (another status, or a body that is not JSON when out wants one)
// an *UnexpectedResponseError.
func (c *Client) Do(ctx context.Context, r Request, out any) (*http.Response, error) {
	resp, body, err := c.Raw(ctx, r)
	if err != nil {
		return resp, err
	}
	if resp.StatusCode >= 300 {
		return resp, NewHTTPError(resp, body)
	}
	if len(r.Expect) > 0 && !slices.Contains(r.Expect, resp.StatusCode) {
		return resp, c.unexpected(r, resp, "")
	}
	if out != nil && resp.StatusCode != http.StatusNoContent {
		if !isJSON(resp.Header.Get("Content-Type")) || json.Unmarshal(body, out) != nil {
			return resp, c.unexpected(r, resp, "")
		}
	}
	return resp, nil
}

// write is Do for a write whose success the spec describes: one of the
// statuses in r.Expect and, unless the status is 204, a body in which
// made finds what was written (a non-zero id). Anything else is an
// *UnexpectedResponseError naming what was wanted.
func (c *Client) write(ctx context.Context, r Request, out any, what string, made func() bool) (*http.Response, error) {
	resp, err := c.Do(ctx, r, out)
	var ue *UnexpectedResponseError
	if errors.As(err, &ue) {
		ue.Want = want(r.Expect, what)
		return resp, ue
	}
	if err == nil && resp.StatusCode != http.StatusNoContent && !made() {
		return resp, c.unexpected(r, resp, want(r.Expect, what))
	}
	return resp, err
}

func (c *Client) unexpected(r Request, resp *http.Response, wanted string) *UnexpectedResponseError {
	if wanted == "" {
		wanted = want(r.Expect, "")
	}
	return &UnexpectedResponseError{
		Method:      r.Method,
		URL:         c.base + r.Path,
		Status:      resp.Status,
		ContentType: resp.Header.Get("Content-Type"),
		Want:        wanted,
		Profile:     c.profile,
	}
}

// want describes the answer the API gives: "201 with the ticket in JSON".
func want(statuses []int, what string) string {
	var s string
	for i, st := range statuses {
		switch {
		case i == 0:
		case i == len(statuses)-1:
			s += " or "
		default:
			s += ", "
		}
		s += strconv.Itoa(st)
	}
	switch {
	case s == "" && what == "":
		return "a JSON body"
	case s == "":
		return what + " in JSON"
	case what == "":
		return s
	}
	return s + " with " + what + " in JSON"
}

// isJSON reports whether a Content-Type is JSON: application/json or a
// +json type such as application/problem+json.
func isJSON(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	return err == nil && (mt == "application/json" || strings.HasSuffix(mt, "+json"))
}

// Raw sends r and returns the response with its whole body read, whatever
// its status but a redirect it did not follow, which is a *RedirectError.
// It is the escape hatch behind `supctl api`.
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
	if isRedirect(resp.StatusCode) {
		return resp, data, newRedirectError(r.Method, resp, c.profile)
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
