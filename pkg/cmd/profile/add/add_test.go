package add

import (
	"reflect"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

func TestNewCmdAddFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    AddOptions
		wantErr string
	}{
		{
			name: "all flags",
			args: []string{"tokyo", "--api-url", "https://support.example.com", "--user", "ken@example.com",
				"--region", "apac-jp", "--timezone", "Asia/Tokyo", "--language", "ja",
				"--queues", "apac-jp/core,apac-jp/sql", "--handoff-to", "hyderabad", "--use"},
			want: AddOptions{Use: true, Profile: config.Profile{
				Name: "tokyo", APIURL: "https://support.example.com", User: "ken@example.com", Region: "apac-jp",
				Timezone: "Asia/Tokyo", Language: "ja", Queues: []string{"apac-jp/core", "apac-jp/sql"}, HandoffTo: "hyderabad",
			}},
		},
		{
			name: "embedded",
			args: []string{"sandbox", "--api-url", "embedded", "--user", "me@example.com"},
			want: AddOptions{Profile: config.Profile{Name: "sandbox", APIURL: "embedded", User: "me@example.com"}},
		},
		{name: "no api url", args: []string{"tokyo"}, wantErr: "missing --api-url"},
		{name: "no name", args: []string{"--api-url", "embedded"}, wantErr: "missing argument"},
		{name: "embedded without user", args: []string{"sandbox", "--api-url", "embedded"}, wantErr: "missing --user"},
		{name: "bad region", args: []string{"x", "--api-url", "embedded", "--region", "mars"}, wantErr: `invalid region "mars"`},
		{name: "bad url", args: []string{"x", "--api-url", "support.example.com"}, wantErr: `invalid api_url "support.example.com"`},
		{name: "bad name", args: []string{"a b", "--api-url", "embedded"}, wantErr: `invalid profile name "a b"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *AddOptions
			cmd := NewCmdAdd(&cmdutil.Factory{IOStreams: ios}, func(o *AddOptions) error { got = o; return nil })
			cmd.SetArgs(tt.args)
			cmd.SetOut(&strings.Builder{})
			cmd.SetErr(&strings.Builder{})
			_, err := cmd.ExecuteC()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || cmdutil.CodeOf(err) != cmdutil.ExitUsage {
					t.Fatalf("error = %v, want usage error %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Use != tt.want.Use || !reflect.DeepEqual(got.Profile, tt.want.Profile) {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func runAdd(t *testing.T, s *configtest.Setup, args ...string) (stderr string, err error) {
	t.Helper()
	ios, _, stdout, errOut := iostreams.Test()
	cmd := NewCmdAdd(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err = cmd.ExecuteC()
	if stdout.Len() > 0 {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	return errOut.String(), err
}

func TestAddAndUse(t *testing.T) {
	s := configtest.New(t, "profiles:\n  tokyo:\n    api_url: embedded # local\n")
	stderr, err := runAdd(t, s, "seoul", "--api-url", "https://kr.example.com", "--language", "ko", "--queues", "apac-kr/core", "--use")
	if err != nil {
		t.Fatal(err)
	}
	want := `current_profile: seoul
profiles:
  tokyo:
    api_url: embedded # local
  seoul:
    api_url: https://kr.example.com
    language: ko
    queues: [apac-kr/core]
`
	if got := s.File(t); got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
	wantErr := "✓ added profile seoul to " + s.Path + "\n✓ switched to profile seoul\nnext: log in with `supctl auth login`\n"
	if stderr != wantErr {
		t.Errorf("stderr =\n%s\nwant\n%s", stderr, wantErr)
	}
}

func TestAddEmbeddedNeedsNoLogin(t *testing.T) {
	s := configtest.New(t, "")
	stderr, err := runAdd(t, s, "sandbox", "--api-url", "embedded", "--user", "me@example.com")
	if err != nil {
		t.Fatal(err)
	}
	if stderr != "✓ added profile sandbox to "+s.Path+"\n" {
		t.Errorf("stderr = %q", stderr)
	}
	if got := s.File(t); got != "profiles:\n  sandbox:\n    api_url: embedded\n    user: me@example.com\n" {
		t.Errorf("file = %q", got)
	}
}

func TestAddRemoteHintsLogin(t *testing.T) {
	s := configtest.New(t, "")
	stderr, err := runAdd(t, s, "tokyo", "--api-url", "https://support.example.com")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(stderr, "next: log in with `supctl auth login --profile tokyo`\n") {
		t.Errorf("stderr = %q", stderr)
	}
}

func TestAddExisting(t *testing.T) {
	s := configtest.New(t, "")
	_, err := runAdd(t, s, "demo", "--api-url", "embedded", "--user", "me@example.com")
	if err == nil || !strings.Contains(err.Error(), `profile "demo" already exists`) {
		t.Fatalf("error = %v", err)
	}
	if got := s.File(t); got != "" {
		t.Errorf("a refused add wrote the file:\n%s", got)
	}
}

func TestAddDemoSharesTheDemoData(t *testing.T) {
	ios, _, _, _ := iostreams.Test()
	var got *AddOptions
	cmd := NewCmdAdd(&cmdutil.Factory{IOStreams: ios}, func(o *AddOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"hyderabad", "--demo", "--user", "priya.sharma@example.com"})
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Profile.APIURL != config.DemoData || !got.Profile.IsEmbedded() || !got.Profile.UsesDemoData() {
		t.Errorf("profile = %+v, want api_url demo", got.Profile)
	}
	cmd = NewCmdAdd(&cmdutil.Factory{IOStreams: ios}, func(o *AddOptions) error { return nil })
	cmd.SetArgs([]string{"hyderabad", "--demo", "--api-url", "https://x.example.com", "--user", "p@example.com"})
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	if err := cmd.Execute(); cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("--demo with --api-url: %v, want a usage error", err)
	}
}
