package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/support"
)

func TestReport(t *testing.T) {
	conflict := &api.HTTPError{StatusCode: http.StatusConflict, Problem: api.Problem{Type: "urn:supctl:problem:conflict", Detail: "claimed already"}}
	unauthorized := &api.HTTPError{StatusCode: http.StatusUnauthorized, Problem: api.Problem{Type: "urn:supctl:problem:unauthenticated", Detail: "invalid or revoked token"}}
	notFound := &api.HTTPError{StatusCode: http.StatusNotFound, Problem: api.Problem{Type: "urn:supctl:problem:not-found", Detail: "ticket 9 not found"}}
	htmlPage := api.NewHTTPError(&http.Response{StatusCode: http.StatusNotFound, Status: "404 Not Found",
		Header: http.Header{"Content-Type": {"text/html"}}}, []byte("<!DOCTYPE HTML><title>404</title>"))
	cases := []struct {
		name     string
		err      error
		code     cmdutil.ExitCode
		wantHint string
	}{
		{"an API answer", fmt.Errorf("get ticket: %w", notFound), cmdutil.ExitNotFound, ""},
		{"another server's page", htmlPage, cmdutil.ExitUnavailable, "is the profile's api_url a supctl server? check it with `supctl profile show`"},
		{"a login to renew", unauthorized, cmdutil.ExitAuth, "run `supctl auth login` to sign in again"},
		{"a new token for an expired one", &api.HTTPError{StatusCode: http.StatusUnauthorized, Problem: api.Problem{Type: api.ProblemTokenExpired, Detail: "the token expired"}},
			cmdutil.ExitAuth, "log in again with a new token: `supctl auth login` (an administrator issues one with `supctl admin token create`)"},
		{"an embedded user to pick", &api.HTTPError{StatusCode: http.StatusUnauthorized, Problem: api.Problem{Type: api.ProblemUnknownUser, Detail: "no user x"}},
			cmdutil.ExitAuth, "run `supctl profile set user EMAIL`, or set SUPCTL_USER, to the email of a user of that database"},
		{"a command's hint over the API's", &cmdutil.Error{Code: cmdutil.ExitConflict, Message: "#7 was claimed by ken", HintMsg: "pick another with `supctl queue next`", Err: conflict},
			cmdutil.ExitConflict, "pick another with `supctl queue next`"},
		{"a command's code over the API's", &cmdutil.Error{Code: cmdutil.ExitError, Message: "no such draft", Err: notFound},
			cmdutil.ExitError, ""},
		{"the API's hint when the command has none", &cmdutil.Error{Code: cmdutil.ExitAuth, Message: "token refused", Err: unauthorized},
			cmdutil.ExitAuth, "run `supctl auth login` to sign in again"},
		{"an unreachable server", &api.TransportError{URL: "http://127.0.0.1:1", Profile: "tokyo", Err: errors.New("connection refused")},
			cmdutil.ExitUnavailable, "is the server running? check the api_url of profile tokyo with `supctl profile show tokyo`"},
		{"a config error", &config.ParseError{Path: "config.yaml", Line: 4, Msg: "bad indent"}, cmdutil.ExitUsage, ""},
		{"a bad api_url in the file", &config.APIURLError{Profile: "tokyo", Value: "htp://x", Problem: "the scheme must be http or https", Source: config.SourceFile, Path: "config.yaml"},
			cmdutil.ExitUsage, "fix it with `supctl -P tokyo profile set api_url https://HOST[:PORT]`"},
		{"a credentials file others can read", &config.CredentialsModeError{Path: "credentials.yaml", Mode: 0o644, Err: errors.New("operation not permitted")},
			cmdutil.ExitAuth, "make it private with `chmod 600 credentials.yaml` as its owner, then check who may have read it"},
		{"a redirect of a read to another server", &api.RedirectError{Method: "GET", URL: "http://support.example.com/api/v1/me", StatusCode: http.StatusMovedPermanently, Location: "https://support.example.com/api/v1/me", Profile: "tokyo"},
			cmdutil.ExitUnavailable, "if the API moved there, run `supctl -P tokyo profile set api_url https://support.example.com`"},
		{"a redirect within the server", &api.RedirectError{Method: "POST", URL: "https://support.example.com/api/v1/tickets", StatusCode: http.StatusFound, Location: "https://support.example.com/login", Profile: "tokyo"},
			cmdutil.ExitUnavailable, "check the api_url of profile tokyo with `supctl profile show`"},
		{"a cobra usage error", errors.New("unknown flag: --bogus"), cmdutil.ExitUsage, "see `supctl --help` or the command's --help"},
		{"the server's disk full", &api.HTTPError{StatusCode: http.StatusInsufficientStorage, Problem: api.Problem{Type: "urn:supctl:problem:storage-full", Detail: "the server's storage is full"}},
			cmdutil.ExitError, "the server's disk is full, so nothing was saved: ask the server's operator to free space, then run the command again"},
		{"anything else", errors.New("disk full"), cmdutil.ExitError, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if code := Report(&out, c.err); code != c.code {
				t.Errorf("exit %d, want %d", code, c.code)
			}
			want := "error: " + c.err.Error() + "\n"
			if c.wantHint != "" {
				want += "hint: " + c.wantHint + "\n"
			}
			if out.String() != want {
				t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
			}
		})
	}
}

// A write behind a redirect to another server (http:// to https:// at a
// proxy) is not reported done: exit 6, the target named, and a hint that
// points the profile at it.
func TestRedirectedWriteExits6(t *testing.T) {
	for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			var reached atomic.Int32
			target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				reached.Add(1)
				w.Header().Set("Content-Type", "application/json")
				_, _ = w.Write([]byte(`{"id":1}`))
			}))
			defer target.Close()
			front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				http.Redirect(w, r, target.URL+r.URL.Path, status)
			}))
			defer front.Close()
			_, err := api.New(front.URL, nil, "sup_T").WithProfile("tokyo").
				AddComment(context.Background(), 1, support.NewComment{Body: "hello"}, "")
			var out bytes.Buffer
			if code := Report(&out, err); code != cmdutil.ExitUnavailable {
				t.Errorf("exit %d, want %d", code, cmdutil.ExitUnavailable)
			}
			want := fmt.Sprintf("error: POST /api/v1/tickets/1/comments redirected to %s (%d); nothing was written\n"+
				"hint: if the API moved there, run `supctl -P tokyo profile set api_url %s`\n",
				target.URL, status, target.URL)
			if out.String() != want {
				t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
			}
			if n := reached.Load(); n != 0 {
				t.Errorf("the target got %d requests", n)
			}
		})
	}
}

// A 2xx page that is not the API's answer (a proxy's login page) is no
// success either: exit 6.
func TestUnexpectedAnswerExits6(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<html>sign in</html>"))
	}))
	defer srv.Close()
	_, err := api.New(srv.URL, nil, "sup_T").WithProfile("tokyo").
		CreateTicket(context.Background(), support.NewTicket{Subject: "x"}, "")
	var out bytes.Buffer
	if code := Report(&out, err); code != cmdutil.ExitUnavailable {
		t.Errorf("exit %d, want %d", code, cmdutil.ExitUnavailable)
	}
	want := "error: POST /api/v1/tickets answered 200 OK (text/html), not 201 with the new ticket in JSON; it may not have been written\n" +
		"hint: is the api_url of profile tokyo a supctl server? check it with `supctl profile show`\n"
	if out.String() != want {
		t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
	}
}
