package factory

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/zalando/go-keyring"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

// home sets up a config whose profile tokyo points at apiURL, and a
// credentials file with content; the keyring is unavailable, so tokens
// come from the file. It returns the credentials file's path.
func home(t *testing.T, apiURL, credentials string) string {
	keyring.MockInitWithError(errors.New("no keyring in tests"))
	dir := t.TempDir()
	for _, k := range []string{"SUPCTL_CONFIG", "SUPCTL_PROFILE", "SUPCTL_TOKEN", "SUPCTL_API_URL", "SUPCTL_USER"} {
		t.Setenv(k, "")
	}
	t.Setenv("XDG_CONFIG_HOME", dir)
	t.Setenv("XDG_DATA_HOME", filepath.Join(dir, "data"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	dir = filepath.Join(dir, "supctl")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	cfg := "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: " + apiURL + "\n    user: ken@example.com\n"
	if err := os.WriteFile(filepath.Join(dir, "config.yaml"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "credentials.yaml")
	if credentials != "" {
		if err := os.WriteFile(path, []byte(credentials), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

// counting is a server that counts the requests it gets and the ones with
// an Authorization header.
func counting(t *testing.T) (*httptest.Server, *atomic.Int32, *atomic.Int32) {
	var all, auth atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		all.Add(1)
		if r.Header.Get("Authorization") != "" {
			auth.Add(1)
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":7,"email":"ken@example.com"}`))
	}))
	t.Cleanup(srv.Close)
	return srv, &all, &auth
}

// A token stored for one server is not sent to another: not when the
// profile's api_url is changed, not when SUPCTL_API_URL points elsewhere.
func TestTokenOfOneOriginNotSentToAnother(t *testing.T) {
	a, _, _ := counting(t)
	b, bAll, _ := counting(t)
	for _, viaEnv := range []bool{false, true} {
		url := b.URL
		if viaEnv {
			url = a.URL
		}
		home(t, url, "tokyo:\n    token: sup_A\n    origin: "+a.URL+"\n")
		if viaEnv {
			t.Setenv("SUPCTL_API_URL", b.URL)
		}
		ios, _, _, _ := iostreams.Test()
		f, cleanup := New("test", ios)
		_, err := f.APIClient()
		cleanup()
		if cmdutil.CodeOf(err) != cmdutil.ExitAuth {
			t.Fatalf("viaEnv=%v: error %v (exit %d), want exit 4", viaEnv, err, cmdutil.CodeOf(err))
		}
		want := "the token of profile tokyo was issued for " + a.URL + ", not " + b.URL
		if viaEnv {
			want += " (from SUPCTL_API_URL)"
		}
		if !strings.HasPrefix(err.Error(), want) || !strings.Contains(cmdutil.HintOf(err), "supctl auth login --profile tokyo") {
			t.Errorf("viaEnv=%v: error %q, hint %q", viaEnv, err, cmdutil.HintOf(err))
		}
	}
	if n := bAll.Load(); n != 0 {
		t.Errorf("the other server got %d requests", n)
	}
}

// A token bound to the profile's server is sent there.
func TestBoundTokenIsSent(t *testing.T) {
	a, _, aAuth := counting(t)
	home(t, a.URL, "tokyo:\n    token: sup_A\n    origin: "+a.URL+"\n")
	ios, _, _, stderr := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	c, err := f.APIClient()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Me(t.Context()); err != nil {
		t.Fatal(err)
	}
	if aAuth.Load() != 1 || stderr.Len() != 0 {
		t.Errorf("requests with a token: %d; stderr %q", aAuth.Load(), stderr)
	}
}

// A token stored before tokens were bound is bound to the profile's
// api_url on first use, with one notice; from then on it is bound.
func TestOldTokenBoundOnFirstUse(t *testing.T) {
	a, _, _ := counting(t)
	path := home(t, a.URL, "tokyo: sup_old\n")
	for i, wantNotice := range []bool{true, false} {
		ios, _, _, stderr := iostreams.Test()
		f, cleanup := New("test", ios)
		_, err := f.APIClient()
		cleanup()
		if err != nil {
			t.Fatal(err)
		}
		notice := "notice: the token of profile tokyo is now bound to " + a.URL + " and will be sent to no other server\n"
		if got := stderr.String(); (got == notice) != wantNotice || (!wantNotice && got != "") {
			t.Errorf("use %d: stderr %q", i+1, got)
		}
	}
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), "origin: "+a.URL) {
		t.Errorf("credentials file %q (%v), want the token bound to %s", data, err, a.URL)
	}
}

// SUPCTL_TOKEN is the user's own choice: it is not bound and goes where
// api_url points.
func TestEnvTokenNotBound(t *testing.T) {
	b, _, bAuth := counting(t)
	path := home(t, b.URL, "")
	t.Setenv("SUPCTL_TOKEN", "sup_env")
	ios, _, _, stderr := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	c, err := f.APIClient()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Me(t.Context()); err != nil || bAuth.Load() != 1 {
		t.Fatalf("Me: %v; requests with a token: %d", err, bAuth.Load())
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) || stderr.Len() != 0 {
		t.Errorf("SUPCTL_TOKEN was stored (%v) or noted: %q", err, stderr)
	}
}

// A plain http:// api_url to another machine is warned about once; the
// shell completion's client warns of nothing.
func TestPlainHTTPWarning(t *testing.T) {
	home(t, "http://192.0.2.1:7420", "tokyo:\n    token: sup_A\n    origin: http://192.0.2.1:7420\n")
	ios, _, _, stderr := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	if _, err := f.ReadOnlyAPIClient(); err != nil || stderr.Len() != 0 {
		t.Fatalf("completion: %v, stderr %q", err, stderr)
	}
	for range 2 {
		if _, err := f.APIClient(); err != nil {
			t.Fatal(err)
		}
	}
	want := "warning: profile tokyo uses plain http:// to 192.0.2.1:7420: the token and the data cross the network unencrypted; use https://\n"
	if got := stderr.String(); got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}

// A credentials file others can read is made private on use, with a
// warning.
func TestCredentialsFileMadePrivate(t *testing.T) {
	a, _, _ := counting(t)
	path := home(t, a.URL, "tokyo:\n    token: sup_A\n    origin: "+a.URL+"\n")
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	ios, _, _, stderr := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	if _, err := f.APIClient(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v (%v), want 0600", fi.Mode(), err)
	}
	if want := "warning: " + path + " could be read by other users (mode 0644); it is now 0600\n"; stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr, want)
	}
}

// A hand-edited api_url that cannot work is invalid input (exit 2) naming
// the profile, the file and the fix, not a failed connection.
func TestBadAPIURLInFile(t *testing.T) {
	home(t, "'htp://x'", "tokyo: sup_old\n")
	ios, _, _, _ := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	_, err := f.APIClient()
	var ue *config.APIURLError
	if !errors.As(err, &ue) || ue.Code() != 2 {
		t.Fatalf("error %v, want a *config.APIURLError", err)
	}
	cfg, _ := f.Config()
	if msg := err.Error(); !strings.Contains(msg, "profile tokyo") || !strings.Contains(msg, cfg.Path()) {
		t.Errorf("error %q names neither the profile nor %s", msg, cfg.Path())
	}
}

// TestDemoDataProfileSharesTheDemoDatabase: a profile with api_url "demo"
// acts as its own user on the demo's database, not on an empty one of its
// own where that user would be the admin.
func TestDemoDataProfileSharesTheDemoDatabase(t *testing.T) {
	home(t, "demo", "")
	t.Setenv("SUPCTL_USER", "priya.sharma@example.com")
	ios, _, _, _ := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	client, err := f.APIClient()
	if err != nil {
		t.Fatal(err)
	}
	me, err := client.Me(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.Email != "priya.sharma@example.com" || me.Role != "engineer" || me.Region != "apac-in" {
		t.Errorf("acting as %+v, want priya, the demo's engineer in apac-in", me)
	}
	data := config.DataDir(os.Getenv)
	if _, err := os.Stat(filepath.Join(data, "demo.db")); err != nil {
		t.Errorf("demo database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(data, "tokyo.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("tokyo.db was created: %v", err)
	}
}
