package set

import (
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/config/configtest"
	"github.com/supctl/supctl/pkg/iostreams"
)

const file = `current_profile: tokyo
profiles:
  tokyo:
    api_url: https://support.example.com
    timezone: Asia/Tokyo # display only
  hyderabad:
    api_url: https://in.example.com
`

func TestNewCmdSetArgs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    SetOptions
		wantErr string
	}{
		{"active", []string{"timezone", "UTC"}, SetOptions{Key: "timezone", Value: "UTC"}, ""},
		{"named", []string{"queues", "a,b", "--profile-name", "hyderabad"}, SetOptions{Key: "queues", Value: "a,b", ProfileName: "hyderabad"}, ""},
		{"empty value", []string{"handoff_to", ""}, SetOptions{Key: "handoff_to"}, ""},
		{"unknown key", []string{"color", "red"}, SetOptions{}, `unknown key "color"`},
		{"one argument", []string{"timezone"}, SetOptions{}, "missing argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ios, _, _, _ := iostreams.Test()
			var got *SetOptions
			cmd := NewCmdSet(&cmdutil.Factory{IOStreams: ios}, func(o *SetOptions) error { got = o; return nil })
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
			if got.Key != tt.want.Key || got.Value != tt.want.Value || got.ProfileName != tt.want.ProfileName {
				t.Errorf("options = %+v, want %+v", *got, tt.want)
			}
		})
	}
}

func runSet(t *testing.T, s *configtest.Setup, args ...string) (stderr string, err error) {
	t.Helper()
	ios, _, stdout, errOut := iostreams.Test()
	cmd := NewCmdSet(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil)
	cmd.SetArgs(args)
	cmd.SetOut(&strings.Builder{})
	cmd.SetErr(&strings.Builder{})
	_, err = cmd.ExecuteC()
	if stdout.Len() > 0 {
		t.Errorf("stdout = %q, want nothing", stdout)
	}
	return errOut.String(), err
}

func TestSet(t *testing.T) {
	tests := []struct {
		name       string
		env        map[string]string
		args       []string
		wantFile   string
		wantStderr string
	}{
		{
			name:       "active profile",
			args:       []string{"timezone", "UTC"},
			wantFile:   strings.Replace(file, "Asia/Tokyo # display only", "UTC # display only", 1),
			wantStderr: "✓ set timezone of profile tokyo to UTC\n",
		},
		{
			name:       "profile chosen by SUPCTL_PROFILE",
			env:        map[string]string{"SUPCTL_PROFILE": "hyderabad"},
			args:       []string{"region", "apac-in"},
			wantFile:   file + "    region: apac-in\n",
			wantStderr: "✓ set region of profile hyderabad to apac-in\n",
		},
		{
			name:       "named profile",
			args:       []string{"queues", "apac-in/core, apac-in/spark", "--profile-name", "hyderabad"},
			wantFile:   file + "    queues: [apac-in/core, apac-in/spark]\n",
			wantStderr: "✓ set queues of profile hyderabad to apac-in/core, apac-in/spark\n",
		},
		{
			name:       "remove",
			args:       []string{"timezone", ""},
			wantFile:   strings.Replace(file, "    timezone: Asia/Tokyo # display only\n", "", 1),
			wantStderr: "✓ removed timezone from profile tokyo\n",
		},
		{
			name:       "overridden by the environment",
			env:        map[string]string{"SUPCTL_TIMEZONE": "Europe/Berlin"},
			args:       []string{"timezone", "UTC"},
			wantFile:   strings.Replace(file, "Asia/Tokyo # display only", "UTC # display only", 1),
			wantStderr: "✓ set timezone of profile tokyo to UTC\n! SUPCTL_TIMEZONE overrides this setting in this shell\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := configtest.New(t, file)
			for k, v := range tt.env {
				s.Env[k] = v
			}
			stderr, err := runSet(t, s, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if got := s.File(t); got != tt.wantFile {
				t.Errorf("file =\n%s\nwant\n%s", got, tt.wantFile)
			}
			if stderr != tt.wantStderr {
				t.Errorf("stderr = %q, want %q", stderr, tt.wantStderr)
			}
		})
	}
}

func TestSetInvalidValue(t *testing.T) {
	s := configtest.New(t, file)
	_, err := runSet(t, s, "language", "fr")
	if err == nil || err.Error() != `invalid language "fr": valid values are en, ja, ko` {
		t.Fatalf("error = %v", err)
	}
	if got := s.File(t); got != file {
		t.Errorf("file changed:\n%s", got)
	}
}

func TestCompleteArgs(t *testing.T) {
	keys, _ := completeArgs(nil, nil, "")
	if strings.Join(keys, ",") != "api_url,user,region,timezone,language,queues,handoff_to,timeout" {
		t.Errorf("key completions = %v", keys)
	}
	langs, _ := completeArgs(nil, []string{"language"}, "")
	if strings.Join(langs, ",") != "en,ja,ko" {
		t.Errorf("language completions = %v", langs)
	}
}

// underRoot puts `profile set` under a root with the global --profile (-P),
// as the binary does; s.Profile follows the flag as the Factory's does.
func underRoot(s *configtest.Setup, ios *iostreams.IOStreams) *cobra.Command {
	root := &cobra.Command{Use: "supctl", SilenceErrors: true, SilenceUsage: true}
	root.PersistentFlags().StringVarP(&s.Profile, "profile", "P", "", "")
	profile := &cobra.Command{Use: "profile"}
	profile.AddCommand(NewCmdSet(&cmdutil.Factory{IOStreams: ios, Config: s.Load}, nil))
	root.AddCommand(profile)
	root.SetOut(&strings.Builder{})
	root.SetErr(&strings.Builder{})
	return root
}

// TestSetTakesTheGlobalProfileFlag: `supctl -P hyderabad profile set ...`
// changes hyderabad, the help teaches -P, and --profile-name is a hidden,
// deprecated alias that may not contradict -P.
func TestSetTakesTheGlobalProfileFlag(t *testing.T) {
	s := configtest.New(t, file)
	ios, _, _, errOut := iostreams.Test()
	root := underRoot(s, ios)
	root.SetArgs([]string{"-P", "hyderabad", "profile", "set", "timezone", "Asia/Kolkata"})
	if err := root.Execute(); err != nil {
		t.Fatal(err)
	}
	if got := s.File(t); got != file+"    timezone: Asia/Kolkata\n" {
		t.Errorf("file =\n%s", got)
	}
	if !strings.Contains(errOut.String(), "profile hyderabad") {
		t.Errorf("stderr = %q", errOut)
	}

	set, _, _ := root.Find([]string{"profile", "set"})
	if !strings.Contains(set.Example, "supctl -P tokyo profile set") || strings.Contains(set.Long+set.Example, "--profile-name") {
		t.Errorf("help does not teach -P:\n%s\n%s", set.Long, set.Example)
	}
	if fl := set.Flags().Lookup("profile-name"); fl == nil || !fl.Hidden || fl.Deprecated == "" {
		t.Errorf("--profile-name is not a hidden, deprecated alias: %+v", fl)
	}

	s2 := configtest.New(t, file)
	root = underRoot(s2, ios)
	root.SetArgs([]string{"-P", "tokyo", "profile", "set", "timezone", "UTC", "--profile-name", "hyderabad"})
	if err := root.Execute(); err == nil || cmdutil.CodeOf(err) != cmdutil.ExitUsage {
		t.Errorf("-P tokyo with --profile-name hyderabad: error %v, want a usage error", err)
	}
	if got := s2.File(t); got != file {
		t.Errorf("file changed:\n%s", got)
	}
}
