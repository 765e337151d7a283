package app

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
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
