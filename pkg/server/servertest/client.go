package servertest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
)

// Client sends requests to a handler in-process and reports, as test
// errors, every request or response that breaks the API contract:
// undocumented paths, methods and status codes, bodies, parameters and
// headers that do not match their schemas.
type Client struct {
	t       testing.TB
	handler http.Handler
	spec    *contract
	token   string
}

// NewValidatingClient returns a Client that serves requests with h.
func NewValidatingClient(t testing.TB, h http.Handler) *Client {
	t.Helper()
	spec, err := loadContract()
	if err != nil {
		t.Fatalf("servertest: %v", err)
	}
	return &Client{t: t, handler: h, spec: spec}
}

// WithToken returns a copy of c whose JSON requests carry
// "Authorization: Bearer <token>" unless they set Authorization themselves.
func (c *Client) WithToken(token string) *Client {
	cp := *c
	cp.token = token
	return &cp
}

// Do serves req and returns the response with its body readable. Both the
// request and the response are validated; a request the contract has no
// route for is an error, and its response must still be a problem
// document. A request without a usable bearer token to a protected path
// must be answered with 401.
func (c *Client) Do(req *http.Request) *http.Response {
	c.t.Helper()
	return c.do(req, true)
}

// DoUnvalidatedRequest serves req and validates only the response, for
// tests that send what the contract forbids (malformed JSON, unknown enum
// values, wrong content types, unknown paths and methods) to check how the
// server refuses it.
func (c *Client) DoUnvalidatedRequest(req *http.Request) *http.Response {
	c.t.Helper()
	return c.do(req, false)
}

// JSON sends body encoded as JSON (no body when nil) to path with the given
// header name/value pairs, through Do, and returns the response and its
// body.
func (c *Client) JSON(method, path string, body any, headers ...string) (*http.Response, []byte) {
	c.t.Helper()
	if len(headers)%2 != 0 {
		c.t.Fatalf("servertest: headers must be name/value pairs, got %d strings", len(headers))
	}
	var payload io.Reader
	if body != nil {
		data, err := json.Marshal(body)
		if err != nil {
			c.t.Fatalf("servertest: encode request body: %v", err)
		}
		payload = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, path, payload)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for i := 0; i < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp := c.Do(req)
	data, _ := io.ReadAll(resp.Body)
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, data
}

func (c *Client) do(req *http.Request, validateRequest bool) *http.Response {
	c.t.Helper()
	ctx := req.Context()
	what := req.Method + " " + req.URL.RequestURI()
	body := readBody(c.t, req)

	route, params, routeErr := c.spec.router.FindRoute(req)
	if routeErr != nil && validateRequest {
		c.t.Errorf("servertest: %s is not in the API contract: %v", what, routeErr)
	}
	var input *openapi3filter.RequestValidationInput
	unauthenticated := false
	if route != nil {
		// Validate a copy so that the handler reads the body untouched.
		input = &openapi3filter.RequestValidationInput{
			Request:    withBody(req.Clone(ctx), body),
			PathParams: params,
			Route:      route,
			Options:    validationOptions,
		}
		if validateRequest {
			var err error
			err, unauthenticated = splitSecurityErrors(openapi3filter.ValidateRequest(ctx, input))
			if err != nil {
				c.t.Errorf("servertest: %s: request breaks the API contract: %v%s", what, err, excerpt(body))
			}
		}
	}

	rec := httptest.NewRecorder()
	c.handler.ServeHTTP(rec, withBody(req, body))
	resp := rec.Result()
	respBody := rec.Body.Bytes()

	if unauthenticated && resp.StatusCode != http.StatusUnauthorized {
		c.t.Errorf("servertest: %s without a bearer token answered %d, want 401", what, resp.StatusCode)
	}
	if input != nil {
		if err := validateResponse(ctx, input, resp, respBody); err != nil {
			c.t.Errorf("servertest: %s: %d response breaks the API contract: %v%s", what, resp.StatusCode, err, excerpt(respBody))
		}
	} else if err := c.spec.checkProblem(resp, respBody); err != nil {
		c.t.Errorf("servertest: %s: %d response is not a problem document: %v%s", what, resp.StatusCode, err, excerpt(respBody))
	}
	resp.Body = io.NopCloser(bytes.NewReader(respBody))
	return resp
}

var validationOptions = &openapi3filter.Options{
	// Undocumented status codes are contract breaches, not wildcards.
	IncludeResponseStatus: true,
	// Keep validating past a missing token so the rest of the request is
	// still checked; the security error is split off afterwards.
	MultiError:                        true,
	RejectWhenRequestBodyNotSpecified: true,
	// Defaults are documentation: the handler must apply them itself, so
	// the validator must not fill them into the request.
	SkipSettingDefaults: true,
	AuthenticationFunc:  bearerPresent,
	// Name the offending field without dumping its whole schema; the body
	// is quoted in the message instead.
	SchemaValidationOptions: []openapi3.SchemaValidationOption{openapi3.DisableSchemaErrorDetails()},
}

// bearerPresent accepts any non-empty bearer token: whether the token is
// valid is the handler's business, and its answer is checked separately.
func bearerPresent(_ context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme := in.SecurityScheme
	if scheme.Type != "http" || !strings.EqualFold(scheme.Scheme, "bearer") {
		return fmt.Errorf("security scheme %q is not an HTTP bearer scheme", in.SecuritySchemeName)
	}
	auth := in.RequestValidationInput.Request.Header.Get("Authorization")
	kind, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(kind, "bearer") || strings.TrimSpace(token) == "" {
		return errors.New("no bearer token in the Authorization header")
	}
	return nil
}

// splitSecurityErrors removes failed security requirements from a
// validation error, reporting whether there were any.
func splitSecurityErrors(err error) (rest error, unauthenticated bool) {
	var all openapi3.MultiError
	if !errors.As(err, &all) {
		return err, false
	}
	var others openapi3.MultiError
	for _, e := range all {
		var sec *openapi3filter.SecurityRequirementsError
		if errors.As(e, &sec) {
			unauthenticated = true
			continue
		}
		others = append(others, e)
	}
	if len(others) == 0 {
		return nil, unauthenticated
	}
	return others, unauthenticated
}

func validateResponse(ctx context.Context, in *openapi3filter.RequestValidationInput, resp *http.Response, body []byte) error {
	out := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: in,
		Status:                 resp.StatusCode,
		Header:                 resp.Header,
		Options:                validationOptions,
	}
	return openapi3filter.ValidateResponse(ctx, out.SetBodyBytes(body))
}

// checkProblem validates a response to a request the contract has no route
// for: it must be an error, in the shape of every error.
func (c *contract) checkProblem(resp *http.Response, body []byte) error {
	if resp.StatusCode < 400 {
		return fmt.Errorf("status %d is not an error", resp.StatusCode)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/problem+json" {
		return fmt.Errorf("content type %q, want application/problem+json", ct)
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		return fmt.Errorf("body is not JSON: %w", err)
	}
	return c.doc.Components.Schemas["Problem"].Value.VisitJSON(v, validationOptions.SchemaValidationOptions...)
}

// readBody drains req.Body so that it can be given to both the validator
// and the handler.
func readBody(t testing.TB, req *http.Request) []byte {
	t.Helper()
	if req.Body == nil {
		return nil
	}
	data, err := io.ReadAll(req.Body)
	if err != nil {
		t.Fatalf("servertest: read request body: %v", err)
	}
	return data
}

func withBody(req *http.Request, body []byte) *http.Request {
	if len(body) == 0 {
		req.Body, req.GetBody, req.ContentLength = http.NoBody, nil, 0
		return req
	}
	req.Body = io.NopCloser(bytes.NewReader(body))
	req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
	req.ContentLength = int64(len(body))
	return req
}

// excerpt quotes a body on its own line of an error message, cut short
// so that the message stays readable.
func excerpt(body []byte) string {
	const limit = 2000
	switch {
	case len(body) == 0:
		return ""
	case len(body) > limit:
		return "\nbody: " + string(body[:limit]) + "…"
	default:
		return "\nbody: " + string(body)
	}
}
