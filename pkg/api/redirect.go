package api

import (
	"cmp"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects bounds the same-origin redirects a read follows.
const maxRedirects = 10

// Origin is the scheme://host:port of u, lower-cased, with the scheme's
// default port written out: https://Example.com and https://example.com:443
// are one origin. A token is sent to one origin only.
func Origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(host, port)
}

// ShortOrigin writes an origin as a person would: without the scheme's
// default port.
func ShortOrigin(origin string) string {
	switch {
	case strings.HasPrefix(origin, "https://"):
		return strings.TrimSuffix(origin, ":443")
	case strings.HasPrefix(origin, "http://"):
		return strings.TrimSuffix(origin, ":80")
	}
	return origin
}

// OriginOf is the origin of an absolute http(s) URL.
func OriginOf(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	if u.Scheme == "" || u.Host == "" {
		return "", fmt.Errorf("%q is not an absolute URL", rawURL)
	}
	return Origin(u), nil
}

// checkRedirect is the redirect policy of every Client. A write (any
// method but GET and HEAD) follows no redirect: Go turns a POST into a GET
// on 301, 302 and 303, so the write would be lost while the client saw a
// 2xx. A read follows a redirect only within the origin it started at, so
// the Authorization header never reaches another server (Go's own rule
// keeps it for the same host on another port or scheme). A redirect not
// followed ends the call with its 3xx response, which Raw turns into a
// *RedirectError.
func checkRedirect(req *http.Request, via []*http.Request) error {
	first := via[0]
	if first.Method != http.MethodGet && first.Method != http.MethodHead {
		return http.ErrUseLastResponse
	}
	if Origin(req.URL) != Origin(first.URL) {
		return http.ErrUseLastResponse
	}
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	return nil
}

// isRedirect reports whether status is one that asks the client to go
// elsewhere.
func isRedirect(status int) bool {
	switch status {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// RedirectError is a redirect the client did not follow: any redirect of a
// write, and a redirect of a read to another origin. Nothing was sent to
// the target; a write was not made.
type RedirectError struct {
	Method     string
	URL        string // what was requested
	StatusCode int
	Location   string // the absolute target; "" when the answer named none
	Profile    string
}

func newRedirectError(method string, resp *http.Response, profile string) *RedirectError {
	e := &RedirectError{Method: method, URL: resp.Request.URL.String(), StatusCode: resp.StatusCode, Profile: profile}
	if loc, err := resp.Location(); err == nil {
		e.Location = loc.String()
	}
	return e
}

// Write reports whether the request was a write.
func (e *RedirectError) Write() bool {
	return e.Method != http.MethodGet && e.Method != http.MethodHead
}

// TargetOrigin is the origin of the redirect's target, "" when unknown.
func (e *RedirectError) TargetOrigin() string {
	o, err := OriginOf(e.Location)
	if err != nil {
		return ""
	}
	return o
}

func (e *RedirectError) Error() string {
	var msg string
	switch {
	case e.Location == "":
		msg = fmt.Sprintf("%s %s answered %d, a redirect to nowhere (no Location)", e.Method, requestPath(e.URL), e.StatusCode)
	case e.Write():
		msg = fmt.Sprintf("%s %s redirected to %s (%d)", e.Method, requestPath(e.URL), e.target(), e.StatusCode)
	default:
		return fmt.Sprintf("%s %s redirected to %s (%d), another server: not followed", e.Method, requestPath(e.URL), e.target(), e.StatusCode)
	}
	if e.Write() {
		msg += "; nothing was written"
	}
	return msg
}

// target is the redirect's target as the message shows it: only its
// origin when the path is the one requested (a proxy sending http:// to
// https://), else all of it.
func (e *RedirectError) target() string {
	loc, err := url.Parse(e.Location)
	from, ferr := url.Parse(e.URL)
	if err != nil || ferr != nil || loc.Path != from.Path {
		return e.Location
	}
	return loc.Scheme + "://" + loc.Host
}

// requestPath is the path of an absolute URL, without its query.
func requestPath(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	return u.EscapedPath()
}

// UnexpectedResponseError is a 2xx answer that is not the one the API
// promises for the call (docs/api/openapi.yaml): another status, a body
// that is not JSON or not the thing asked for. A proxy's or another
// server's page answers this way; a write answered so may not have been
// made.
type UnexpectedResponseError struct {
	Method      string
	URL         string
	Status      string
	ContentType string
	Want        string // what the API answers instead
	Profile     string
}

func (e *UnexpectedResponseError) Error() string {
	msg := fmt.Sprintf("%s %s answered %s (%s), not %s",
		e.Method, requestPath(e.URL), e.Status, cmp.Or(e.ContentType, "no content type"), e.Want)
	if e.Write() {
		return msg + "; it may not have been written"
	}
	return msg
}

// Write reports whether the request was a write.
func (e *UnexpectedResponseError) Write() bool {
	return e.Method != http.MethodGet && e.Method != http.MethodHead
}
