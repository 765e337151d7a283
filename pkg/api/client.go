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
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
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
	// SafeRetry says, for a write the server does not deduplicate by
	// Idempotency-Key, why sending it again cannot do it twice; a write
	// that timed out quotes it.
	SafeRetry string
}

// IdempotencyKey is the header that makes a repeated write return the
// first result instead of writing again.
const IdempotencyKey = "Idempotency-Key"

// NewIdempotencyKey makes up a key for one intended write.
func NewIdempotencyKey() string { return uuid.NewString() }

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
//
// Every write carries an Idempotency-Key: the caller's, or one made up
// here. A write whose answer does not come within the client's timeout is
// a *TransportError for which TimedOut is true: it may have been applied.
func (c *Client) write(ctx context.Context, r Request, out any, what string, made func() bool) (*http.Response, error) {
	if r.Header.Get(IdempotencyKey) == "" {
		r.Header = r.Header.Clone()
		if r.Header == nil {
			r.Header = http.Header{}
		}
		r.Header.Set(IdempotencyKey, NewIdempotencyKey())
	}
	resp, err := c.Do(ctx, r, out)
	var te *TransportError
	if errors.As(err, &te) {
		te.Method, te.Path, te.Key, te.SafeRetry = r.Method, r.Path, r.Header.Get(IdempotencyKey), r.SafeRetry
	}
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
		return nil, nil, c.transportError(r, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return resp, nil, c.transportError(r, err)
	}
	if isRedirect(resp.StatusCode) {
		return resp, data, newRedirectError(r.Method, resp, c.profile)
	}
	return resp, data, nil
}

func (c *Client) transportError(r Request, err error) *TransportError {
	return &TransportError{URL: c.base, Profile: c.profile, Err: err, Method: r.Method, Path: r.Path, Timeout: c.http.Timeout}
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
	// Method and Path are the request's; Timeout is the client's limit on
	// one call, zero for none.
	Method  string
	Path    string
	Timeout time.Duration
	// Key is the Idempotency-Key a write was sent with, and SafeRetry the
	// write's Request.SafeRetry.
	Key       string
	SafeRetry string
}

func (e *TransportError) Error() string {
	where := e.URL
	if e.Profile != "" {
		where += " (profile " + e.Profile + ")"
	}
	if e.TimedOut() {
		if e.Timeout > 0 {
			return fmt.Sprintf("no answer from %s within %s", where, e.Timeout)
		}
		return fmt.Sprintf("no answer from %s in time", where)
	}
	return fmt.Sprintf("cannot reach %s: %v", where, unwrapURLError(e.Err))
}

// TimedOut reports whether the request was sent and its answer did not
// come in time: a write may have been applied all the same.
func (e *TransportError) TimedOut() bool {
	var ne net.Error
	return errors.Is(e.Err, context.DeadlineExceeded) || (errors.As(e.Err, &ne) && ne.Timeout())
}

// IsWrite reports whether the request could have changed something.
func (e *TransportError) IsWrite() bool {
	switch e.Method {
	case "", http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}
func (e *TransportError) Unwrap() error { return e.Err }

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
