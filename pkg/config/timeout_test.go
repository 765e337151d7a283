package config

import (
	"testing"
	"time"
)

func TestTimeoutSetting(t *testing.T) {
	for in, want := range map[string]time.Duration{"30s": 30 * time.Second, "1m30s": 90 * time.Second, "250ms": 250 * time.Millisecond} {
		if got, err := ParseTimeout(in); err != nil || got != want {
			t.Errorf("ParseTimeout(%q) = %s, %v", in, got, err)
		}
	}
	for _, bad := range []string{"30", "0s", "-5s", "soon"} {
		if _, err := ParseTimeout(bad); err == nil {
			t.Errorf("ParseTimeout(%q) passed", bad)
		}
		p := Profile{Name: "tokyo", APIURL: Embedded, Timeout: bad}
		if err := p.Validate(); err == nil {
			t.Errorf("a profile with timeout %q is valid", bad)
		}
	}
	if err := (Profile{Name: "tokyo", APIURL: Embedded, Timeout: "45s"}).Validate(); err != nil {
		t.Error(err)
	}
}
