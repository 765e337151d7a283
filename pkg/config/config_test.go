package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/spf13/pflag"
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
    handoff_to: hyderabad
  hyderabad:
    api_url: https://in.example.com
    region: apac-in
    timezone: Asia/Kolkata
    language: en
    queues: [apac-in/core]
`

func TestLoadWithoutFileIsDemo(t *testing.T) {
	t.Parallel()
	c := load(t, filepath.Join(t.TempDir(), "missing", "config.yaml"), nil)
	if got := c.CurrentName(); got != "demo" {
		t.Errorf("CurrentName = %q, want demo", got)
	}
	if got := c.ProfileNames(); !reflect.DeepEqual(got, []string{"demo"}) {
		t.Errorf("ProfileNames = %v, want [demo]", got)
	}
	p, err := c.Active()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, Demo()) {
		t.Errorf("Active = %+v, want %+v", p, Demo())
	}
	if !p.IsEmbedded() {
		t.Error("demo profile is not embedded")
	}
}

func TestProfileNamesSortedWithDemo(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, twoProfiles), nil)
	want := []string{"demo", "hyderabad", "tokyo"}
	if got := c.ProfileNames(); !reflect.DeepEqual(got, want) {
		t.Errorf("ProfileNames = %v, want %v", got, want)
	}
}

func TestActiveNamePrecedence(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		flag     string
		env      string
		content  string
		want     string
		wantFrom Source
	}{
		{"file", "", "", twoProfiles, "tokyo", SourceFile},
		{"env over file", "", "hyderabad", twoProfiles, "hyderabad", SourceEnv},
		{"flag over env", "demo", "hyderabad", twoProfiles, "demo", SourceFlag},
		{"default", "", "", "profiles: {}\n", "demo", SourceDefault},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeConfig(t, tt.content)
			c, err := Load(LoadOptions{Path: path, Profile: tt.flag, Getenv: envOf(map[string]string{"SUPCTL_PROFILE": tt.env})})
			if err != nil {
				t.Fatal(err)
			}
			r, err := c.Resolve()
			if err != nil {
				t.Fatal(err)
			}
			if r.Profile.Name != tt.want || r.Sources["name"] != tt.wantFrom {
				t.Errorf("active = %q from %q, want %q from %q", r.Profile.Name, r.Sources["name"], tt.want, tt.wantFrom)
			}
		})
	}
}

func TestResolvePerKeyPrecedence(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, twoProfiles), map[string]string{
		"SUPCTL_USER":   "env@example.com",
		"SUPCTL_QUEUES": "apac-jp/yarn, apac-jp/spark",
		"SUPCTL_REGION": "apac-kr",
	})
	flags := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags.String("region", "", "")
	flags.String("api-url", "", "")
	c.BindFlag("region", flags.Lookup("region"))
	c.BindFlag("api_url", flags.Lookup("api-url"))
	if err := flags.Parse([]string{"--region", "emea-de"}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	want := Profile{
		Name:      "tokyo",
		APIURL:    "https://support.example.com", // unset flag: the file wins
		User:      "env@example.com",
		Region:    "emea-de",
		Timezone:  "Asia/Tokyo",
		Language:  "ja",
		Queues:    []string{"apac-jp/yarn", "apac-jp/spark"},
		HandoffTo: "hyderabad",
	}
	if !reflect.DeepEqual(r.Profile, want) {
		t.Errorf("Resolve =\n %+v\nwant\n %+v", r.Profile, want)
	}
	wantSources := map[string]Source{
		"name": SourceFile, "api_url": SourceFile, "user": SourceEnv, "region": SourceFlag,
		"timezone": SourceFile, "language": SourceFile, "queues": SourceEnv, "handoff_to": SourceFile,
		"timeout": SourceUnset,
	}
	if !reflect.DeepEqual(r.Sources, wantSources) {
		t.Errorf("Sources = %v, want %v", r.Sources, wantSources)
	}
}

func TestResolveQueuesFlag(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, twoProfiles), map[string]string{"SUPCTL_QUEUES": "env/q"})
	flags := pflag.NewFlagSet("test", pflag.ContinueOnError)
	flags.StringSlice("queues", nil, "")
	c.BindFlag("queues", flags.Lookup("queues"))
	if err := flags.Parse([]string{"--queues", "a/core,b/sql"}); err != nil {
		t.Fatal(err)
	}
	p, err := c.Active()
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"a/core", "b/sql"}; !reflect.DeepEqual(p.Queues, want) {
		t.Errorf("Queues = %q, want %q", p.Queues, want)
	}
}

func TestDemoOverriddenByFile(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, "profiles:\n  demo:\n    user: me@example.com\n"), nil)
	r, err := c.Resolve()
	if err != nil {
		t.Fatal(err)
	}
	want := Demo()
	want.User = "me@example.com"
	if !reflect.DeepEqual(r.Profile, want) {
		t.Errorf("Active = %+v, want %+v", r.Profile, want)
	}
	if r.Sources["user"] != SourceFile || r.Sources["region"] != SourceDefault || r.Sources["handoff_to"] != SourceUnset {
		t.Errorf("Sources = %v", r.Sources)
	}
}

func TestUnknownProfileListsKnownNames(t *testing.T) {
	t.Parallel()
	c, err := Load(LoadOptions{Path: writeConfig(t, twoProfiles), Profile: "seoul", Getenv: envOf(nil)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Active()
	var upe *UnknownProfileError
	if !errors.As(err, &upe) {
		t.Fatalf("Active error = %v, want UnknownProfileError", err)
	}
	want := `unknown profile "seoul"; known profiles: demo, hyderabad, tokyo`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
	if upe.Code() != 2 {
		t.Errorf("Code = %d, want 2", upe.Code())
	}
}

func TestCurrentProfileMissingFromFile(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, "current_profile: gone\n"), nil)
	if _, err := c.Active(); err == nil || !strings.Contains(err.Error(), `unknown profile "gone"`) {
		t.Errorf("Active error = %v, want unknown profile", err)
	}
}

func TestLoadErrorsHavePathAndLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		content string
		line    int
		msg     string
	}{
		{"syntax", "profiles:\n  tokyo:\n    api_url: embedded\n    user: a: b\n", 4, "mapping values are not allowed in this context"},
		{"queues not a list", "profiles:\n  tokyo:\n    api_url: embedded\n    queues: 5\n", 4, "expected a list of strings"},
		{"profile not a mapping", "profiles:\n  tokyo: embedded\n", 2, "expected a mapping of settings"},
		{"profiles not a mapping", "profiles: [a, b]\n", 1, "expected a mapping of profile names to settings"},
		{"top level a list", "- a\n", 1, "expected a mapping"},
		{"duplicate profile", "profiles:\n  a: {}\n  a: {}\n", 3, `mapping key "a" already defined at line 2`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, tt.content)
			_, err := Load(LoadOptions{Path: path, Getenv: envOf(nil)})
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("Load error = %v, want ParseError", err)
			}
			want := &ParseError{Path: path, Line: tt.line, Msg: tt.msg}
			if *pe != *want {
				t.Errorf("error = %#v, want %#v", pe, want)
			}
			if wantText := "invalid config file " + path + ": line "; !strings.HasPrefix(err.Error(), wantText) {
				t.Errorf("error text %q does not start with %q", err, wantText)
			}
		})
	}
}

func TestLoadCommentOnlyFile(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, "# nothing yet\n"), nil)
	if got := c.CurrentName(); got != "demo" {
		t.Errorf("CurrentName = %q, want demo", got)
	}
}

func TestPaths(t *testing.T) {
	t.Parallel()
	xdg := envOf(map[string]string{
		"HOME": "/home/ken", "XDG_CONFIG_HOME": "/x/config", "XDG_DATA_HOME": "/x/data", "XDG_CACHE_HOME": "/x/cache",
	})
	home := envOf(map[string]string{"HOME": "/home/ken"})
	override := envOf(map[string]string{"HOME": "/home/ken", "SUPCTL_CONFIG": "/etc/supctl.yaml"})
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"config xdg", DefaultPath(xdg), "/x/config/supctl/config.yaml"},
		{"config home", DefaultPath(home), "/home/ken/.config/supctl/config.yaml"},
		{"config override", DefaultPath(override), "/etc/supctl.yaml"},
		{"credentials xdg", CredentialsPath(xdg), "/x/config/supctl/credentials.yaml"},
		{"credentials home", CredentialsPath(override), "/home/ken/.config/supctl/credentials.yaml"},
		{"data xdg", DataDir(xdg), "/x/data/supctl"},
		{"data home", DataDir(home), "/home/ken/.local/share/supctl"},
		{"cache xdg", CacheDir(xdg), "/x/cache/supctl"},
		{"cache home", CacheDir(home), "/home/ken/.cache/supctl"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestResolveStoredIgnoresOverrides(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, twoProfiles), map[string]string{"SUPCTL_USER": "env@example.com"})
	r, err := c.ResolveStored("hyderabad")
	if err != nil {
		t.Fatal(err)
	}
	if r.Profile.User != "" || r.Sources["user"] != SourceUnset || r.Sources["region"] != SourceFile || r.Sources["name"] != SourceFile {
		t.Errorf("ResolveStored = %+v, sources %v", r.Profile, r.Sources)
	}
	d, err := c.ResolveStored("demo")
	if err != nil {
		t.Fatal(err)
	}
	if d.Sources["name"] != SourceDefault || d.Sources["user"] != SourceDefault || d.Profile.User != "ken@example.com" {
		t.Errorf("ResolveStored(demo) = %+v, sources %v", d.Profile, d.Sources)
	}
}

// BenchmarkLoadAndResolve is what every command pays before its work.
func BenchmarkLoadAndResolve(b *testing.B) {
	path := filepath.Join(b.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(twoProfiles), 0o600); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		c, err := Load(LoadOptions{Path: path, Getenv: envOf(nil)})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := c.Active(); err != nil {
			b.Fatal(err)
		}
	}
}
