package app

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmd/factory"
	"github.com/supctl/supctl/pkg/cmd/root"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestReportTimeouts(t *testing.T) {
	timedOut := func(method, path, safe string) *api.TransportError {
		return &api.TransportError{URL: "https://support.example.com", Profile: "tokyo", Err: context.DeadlineExceeded,
			Method: method, Path: path, Timeout: 30 * time.Second, SafeRetry: safe}
	}
	for _, c := range []struct {
		name, msg, hint string
		err             error
	}{
		{"a read", "no answer from https://support.example.com (profile tokyo) within 30s",
			"if the server is only slow, give it longer with --timeout, SUPCTL_TIMEOUT or the profile's timeout setting",
			timedOut(http.MethodGet, "/api/v1/tickets", "")},
		{"a write safe to repeat", "no answer from https://support.example.com (profile tokyo) within 30s",
			"the change may have been made; claiming it again is safe: a ticket you already hold is returned as it is",
			timedOut(http.MethodPost, "/api/v1/tickets/7/claim", "claiming it again is safe: a ticket you already hold is returned as it is")},
		{"a write not safe to repeat", "no answer from https://support.example.com (profile tokyo) within 30s",
			"the change may have been made: check before you run the command again; if the server is only slow, give it longer with --timeout, SUPCTL_TIMEOUT or the profile's timeout setting",
			timedOut(http.MethodPost, "/api/v1/queues/next", "")},
		{"a write with a retry command", "no answer from https://support.example.com (profile tokyo) within 30s: the comment may have been posted",
			"retry with the same key, which posts the comment at most once:\n  supctl ticket comment 7 --body x --idempotency-key k1",
			&cmdutil.UncertainWriteError{Err: timedOut(http.MethodPost, "/api/v1/tickets/7/comments", ""), Applied: "the comment may have been posted",
				Retry: cmdutil.RetryWithKey("supctl ticket comment 7 --body x --idempotency-key k1", "posts the comment")}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out bytes.Buffer
			if code := Report(&out, c.err); code != cmdutil.ExitUnavailable {
				t.Errorf("exit %d, want 6", code)
			}
			if want := "error: " + c.msg + "\nhint: " + c.hint + "\n"; out.String() != want {
				t.Errorf("printed\n%s\nwant\n%s", out.String(), want)
			}
		})
	}
}

// The whole program against a server that never answers: --timeout bounds
// the wait, the comment exits 6 saying it may have been posted, and the
// printed retry carries the key the request was sent with.
func TestCommentToFrozenServer(t *testing.T) {
	var sentKey atomic.Value
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sentKey.Store(r.Header.Get("Idempotency-Key"))
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	dir := t.TempDir()
	for k, v := range map[string]string{"XDG_CONFIG_HOME": dir, "XDG_DATA_HOME": dir, "XDG_CACHE_HOME": dir, "SUPCTL_TOKEN": "sup_x",
		"SUPCTL_CONFIG": "", "SUPCTL_PROFILE": "", "SUPCTL_API_URL": "", "SUPCTL_TIMEOUT": "1h"} {
		t.Setenv(k, v)
	}
	if err := os.MkdirAll(filepath.Join(dir, "supctl"), 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: " + srv.URL + "\n    user: ken@example.com\n"
	if err := os.WriteFile(filepath.Join(dir, "supctl", "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	ios, _, _, stderr := iostreams.Test()
	f, cleanup := factory.New("test", ios)
	defer cleanup()
	cmd := root.NewCmdRoot(f)
	cmd.SetArgs([]string{"ticket", "comment", "42", "--body", "Restarted it.", "--timeout", "50ms"})
	if code := Report(stderr, cmd.ExecuteContext(t.Context())); code != cmdutil.ExitUnavailable {
		t.Errorf("exit %d, want 6", code)
	}
	key, _ := sentKey.Load().(string)
	want := "error: no answer from " + srv.URL + " (profile tokyo) within 50ms: the comment may have been posted\n" +
		"hint: retry with the same key, which posts the comment at most once:\n" +
		"  supctl ticket comment 42 --body 'Restarted it.' --timeout 50ms --idempotency-key " + key + "\n"
	if key == "" || stderr.String() != want {
		t.Errorf("stderr\n%s\nwant\n%s", stderr, want)
	}
}
