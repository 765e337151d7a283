package factory

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestRequestTimeoutPrecedence(t *testing.T) {
	for _, c := range []struct {
		flag    time.Duration
		profile string
		want    time.Duration
	}{
		{0, "", config.DefaultTimeout},
		{0, "2m", 2 * time.Minute},
		{5 * time.Second, "2m", 5 * time.Second},
	} {
		got, err := requestTimeout(c.flag, config.Profile{Name: "tokyo", Timeout: c.profile})
		if err != nil || got != c.want {
			t.Errorf("flag %s, profile %q: %s, %v; want %s", c.flag, c.profile, got, err, c.want)
		}
	}
	if _, err := requestTimeout(-time.Second, config.Profile{}); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("negative --timeout: %v", err)
	}
}

// SUPCTL_TIMEOUT overrides the profile's timeout: a frozen server is given
// up on after it; a bad value is invalid input naming the variable.
func TestTimeoutFromEnvironment(t *testing.T) {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	home(t, srv.URL, "tokyo:\n    token: sup_A\n    origin: "+srv.URL+"\n")
	t.Setenv("SUPCTL_TIMEOUT", "20ms")
	ios, _, _, _ := iostreams.Test()
	f, cleanup := New("test", ios)
	defer cleanup()
	c, err := f.APIClient()
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Me(t.Context())
	var te *api.TransportError
	if !errors.As(err, &te) || !te.TimedOut() || te.Timeout != 20*time.Millisecond {
		t.Fatalf("error %v, want a timeout after 20ms", err)
	}

	t.Setenv("SUPCTL_TIMEOUT", "soon")
	f, cleanup2 := New("test", ios)
	defer cleanup2()
	_, err = f.APIClient()
	var envErr *config.EnvError
	if !errors.As(err, &envErr) || envErr.Code() != int(cmdutil.ExitUsage) || !strings.HasPrefix(err.Error(), `invalid SUPCTL_TIMEOUT=soon: invalid timeout "soon"`) {
		t.Errorf("error %v, want SUPCTL_TIMEOUT refused as invalid input", err)
	}
}
