package show

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const twoProfiles = `current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support.example.com
    user: ken@example.com
    region: apac-jp
    timezone: Asia/Tokyo
    language: ja
    queues: [apac-jp/core, apac-jp/sql]
  hyderabad:
    api_url: https://in.example.com
    region: apac-in
`

func TestNewCmdShowArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    string
		wantErr bool
	}{
		{"active", nil, "", false},
		{"named", []string{"hyderabad"}, "hyderabad", false},
		{"two names", []string{"a", "b"}, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *ShowOptions
			cmd := NewCmdShow(&cmdutil.Factory{IOStreams: ios}, func(o *ShowOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if (err != nil) != tt.wantErr {
				t.Fatalf("error = %v, want error %v", err, tt.wantErr)
			}
			if err == nil && got.Name != tt.want {
				t.Errorf("Name = %q, want %q", got.Name, tt.want)
			}
		})
	}
}

// runShow runs `profile show` with a --timezone flag bound to the
// config, as a command that overrides the timezone would.
func runShow(t *testing.T, tty bool, env map[string]string, profileFlag string, args ...string) (string, error) {
	t.Helper()
	s := configtest.New(t, twoProfiles)
	s.Profile = profileFlag
	for k, v := range env {
		s.Env[k] = v
	}
	ios, _, stdout, _ := iostreams.Test()
	ios.SetStdoutTTY(tty)
	var cmd *cobra.Command
	load := func() (*config.Config, error) {
		c, err := s.Load()
		if err == nil {
			c.BindFlag("timezone", cmd.Flags().Lookup("timezone"))
		}
		return c, err
	}
	cmd = NewCmdShow(&cmdutil.Factory{IOStreams: ios, Config: load}, nil)
	cmd.Flags().String("timezone", "", "")
	cmd.SetArgs(cmdutil.NormalizeJSONArgs(args))
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err := cmd.ExecuteC()
	return stdout.String(), err
}

func TestShowActiveWithOverrides(t *testing.T) {
	for _, tty := range []bool{false, true} {
		got, err := runShow(t, tty, map[string]string{"SUPCTL_USER": "env@example.com"}, "", "--timezone", "UTC")
		if err != nil {
			t.Fatal(err)
		}
		want := `name: tokyo (file)
api_url: https://support.example.com (file)
user: env@example.com (SUPCTL_USER)
region: apac-jp (file)
timezone: UTC (flag)
language: ja (file)
queues: apac-jp/core,apac-jp/sql (file)
handoff_to: (not set)
timeout: (not set)
`
		if got != want {
			t.Errorf("tty=%v: output =\n%s\nwant\n%s", tty, got, want)
		}
	}
}

func TestShowSelectedByFlagAndEnv(t *testing.T) {
	got, err := runShow(t, false, map[string]string{"SUPCTL_PROFILE": "hyderabad"}, "")
	if err != nil {
		t.Fatal(err)
	}
	if first := strings.Split(got, "\n")[0]; first != "name: hyderabad (SUPCTL_PROFILE)" {
		t.Errorf("first line = %q", first)
	}
	got, err = runShow(t, false, map[string]string{"SUPCTL_PROFILE": "hyderabad"}, "demo")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(got, "name: demo (--profile)\napi_url: embedded (built-in)\n") {
		t.Errorf("output =\n%s", got)
	}
}

func TestShowOtherProfileAsStored(t *testing.T) {
	got, err := runShow(t, false, map[string]string{"SUPCTL_REGION": "apac-kr"}, "", "hyderabad", "--timezone", "UTC")
	if err != nil {
		t.Fatal(err)
	}
	want := `name: hyderabad (file)
api_url: https://in.example.com (file)
user: (not set)
region: apac-in (file)
timezone: (not set)
language: (not set)
queues: (not set)
handoff_to: (not set)
timeout: (not set)
`
	if got != want {
		t.Errorf("output =\n%s\nwant\n%s", got, want)
	}
}

func TestShowUnknownProfile(t *testing.T) {
	_, err := runShow(t, false, nil, "", "seoul")
	if err == nil || err.Error() != `unknown profile "seoul"; known profiles: demo, hyderabad, tokyo` {
		t.Errorf("error = %v", err)
	}
}

func TestShowJSON(t *testing.T) {
	got, err := runShow(t, false, map[string]string{"SUPCTL_USER": "env@example.com"}, "", "--json", "name,user,handoff_to,sources")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"handoff_to":"","name":"tokyo","sources":{"api_url":"file","handoff_to":"unset","language":"file","name":"file","queues":"file","region":"file","timeout":"unset","timezone":"file","user":"env"},"user":"env@example.com"}` + "\n"
	if got != want {
		t.Errorf("output =\n%s\nwant\n%s", got, want)
	}
}
