package embedded

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/supctl/supctl/pkg/api"
)

// TestConcurrentFirstUse: processes that start at once on a new profile
// all get one complete database, never a half-filled one.
func TestConcurrentFirstUse(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "ops.db")
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b, err := Open(context.Background(), Options{Path: path, User: "ops@example.com", Now: time.Now})
			if err == nil {
				_, err = api.New(BaseURL, b.Client(), "").Me(context.Background())
				b.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("opener %d: %v", i, err)
		}
	}
	leftovers, _ := filepath.Glob(path + ".new-*")
	if len(leftovers) != 0 {
		t.Errorf("temporary databases left behind: %v", leftovers)
	}
}

func TestActsAsTheProfileUser(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	b, err := Open(context.Background(), Options{Path: path, User: "lead@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	me, err := api.New(BaseURL, b.Client(), "").Me(context.Background())
	if err != nil || me.Email != "lead@example.com" || me.Role != "admin" {
		t.Fatalf("me = %+v, %v; want the profile's user, bootstrapped as admin", me, err)
	}

	other, err := Open(context.Background(), Options{Path: path, User: "stranger@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	resp, err := other.Client().Get(BaseURL + "/api/v1/me")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(string(body), "stranger@example.com") {
		t.Errorf("unknown user: %d %s", resp.StatusCode, body)
	}
}

func TestUnwritableDataDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), Options{Path: filepath.Join(file, "sub", "demo.db"), User: "x@example.com"})
	if err == nil || !strings.Contains(err.Error(), "data directory") {
		t.Fatalf("err = %v, want one naming the data directory", err)
	}
}
