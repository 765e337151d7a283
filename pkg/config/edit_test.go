package config

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const commented = `# supctl config
current_profile: tokyo # the shift I am on
profiles:
  # Tokyo shift
  tokyo:
    api_url: https://support.example.com # production
    user: ken@example.com
    queues: [apac-jp/core, apac-jp/sql]
    color: auto # not a supctl key
  hyderabad:
    api_url: https://in.example.com
    queues:
      - apac-in/core
      - apac-in/spark
editor: vim
`

// TestEditsKeepComments checks each edit against the exact text written:
// comments, key order and unknown keys survive.
func TestEditsKeepComments(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(c *Config) error
		want string
	}{
		{
			name: "set existing key",
			edit: func(c *Config) error { return c.Set("tokyo", "api_url", "https://jp.example.com") },
			want: strings.Replace(commented, "https://support.example.com # production", "https://jp.example.com # production", 1),
		},
		{
			name: "set new key in the documented order",
			edit: func(c *Config) error { return c.Set("tokyo", "timezone", "Asia/Tokyo") },
			want: strings.Replace(commented, "    user: ken@example.com\n", "    user: ken@example.com\n    timezone: Asia/Tokyo\n", 1),
		},
		{
			name: "set new key before a block list",
			edit: func(c *Config) error { return c.Set("hyderabad", "user", "anil@example.com") },
			want: strings.Replace(commented, "    api_url: https://in.example.com\n", "    api_url: https://in.example.com\n    user: anil@example.com\n", 1),
		},
		{
			name: "set block list keeps its style",
			edit: func(c *Config) error { return c.Set("hyderabad", "queues", "apac-in/yarn, apac-in/sql") },
			want: strings.Replace(commented, "      - apac-in/core\n      - apac-in/spark\n", "      - apac-in/yarn\n      - apac-in/sql\n", 1),
		},
		{
			name: "unset key",
			edit: func(c *Config) error { return c.Set("tokyo", "user", "") },
			want: strings.Replace(commented, "    user: ken@example.com\n", "", 1),
		},
		{
			name: "add",
			edit: func(c *Config) error {
				return c.Add(Profile{Name: "seoul", APIURL: "https://kr.example.com", Region: "apac-kr", Language: "ko", Queues: []string{"apac-kr/core"}})
			},
			want: strings.Replace(commented, "editor: vim\n", `  seoul:
    api_url: https://kr.example.com
    region: apac-kr
    language: ko
    queues: [apac-kr/core]
editor: vim
`, 1),
		},
		{
			name: "use",
			edit: func(c *Config) error { return c.Use("hyderabad") },
			want: strings.Replace(commented, "current_profile: tokyo #", "current_profile: hyderabad #", 1),
		},
		{
			name: "remove other",
			edit: func(c *Config) error { return c.Remove("hyderabad") },
			want: strings.Replace(commented, "  hyderabad:\n    api_url: https://in.example.com\n    queues:\n      - apac-in/core\n      - apac-in/spark\n", "", 1),
		},
		{
			name: "remove current",
			edit: func(c *Config) error { return c.Remove("tokyo") },
			want: `# supctl config
profiles:
  hyderabad:
    api_url: https://in.example.com
    queues:
      - apac-in/core
      - apac-in/spark
editor: vim
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, commented)
			c := load(t, path, nil)
			if err := tt.edit(c); err != nil {
				t.Fatal(err)
			}
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tt.want {
				t.Errorf("file =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestEditsFromScratch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		initial string // "" = no file
		edit    func(c *Config) error
		want    string
	}{
		{
			name: "add and use without a file",
			edit: func(c *Config) error {
				if err := c.Add(Profile{Name: "tokyo", APIURL: "embedded", Timezone: "Asia/Tokyo"}); err != nil {
					return err
				}
				return c.Use("tokyo")
			},
			want: "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: embedded\n    timezone: Asia/Tokyo\n",
		},
		{
			name:    "use keeps the header comment on top",
			initial: "# my config\n\nprofiles:\n  a:\n    api_url: embedded\n",
			edit:    func(c *Config) error { return c.Use("a") },
			want:    "# my config\n\ncurrent_profile: a\nprofiles:\n  a:\n    api_url: embedded\n",
		},
		{
			name:    "comment-only file",
			initial: "# profiles go here\n",
			edit:    func(c *Config) error { return c.Use("demo") },
			want:    "# profiles go here\ncurrent_profile: demo\n",
		},
		{
			name:    "null profiles",
			initial: "profiles:\n",
			edit:    func(c *Config) error { return c.Add(Profile{Name: "a", APIURL: "embedded"}) },
			want:    "profiles:\n  a:\n    api_url: embedded\n",
		},
		{
			name: "set on the built-in demo writes it out whole",
			edit: func(c *Config) error { return c.Set("demo", "user", "me@example.com") },
			want: `profiles:
  demo:
    api_url: embedded
    user: me@example.com
    region: apac-jp
    timezone: Asia/Tokyo
    language: ja
    queues: [apac-jp/core, apac-jp/sql, apac-jp/yarn, apac-jp/spark]
`,
		},
		{
			name: "set on a merged profile keeps the merged keys",
			initial: `base: &base
  api_url: https://support.example.com
  region: apac-in
profiles:
  a: *base
`,
			edit: func(c *Config) error { return c.Set("a", "language", "en") },
			want: `base: &base
  api_url: https://support.example.com
  region: apac-in
profiles:
  a:
    api_url: https://support.example.com
    region: apac-in
    language: en
`,
		},
		{
			name:    "values that look like other types stay strings",
			initial: "profiles:\n  a:\n    api_url: embedded\n",
			edit:    func(c *Config) error { return c.Set("a", "user", "true") },
			want:    "profiles:\n  a:\n    api_url: embedded\n    user: \"true\"\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "new", "config.yaml")
			if tt.initial != "" {
				path = writeConfig(t, tt.initial)
			}
			c := load(t, path, nil)
			if err := tt.edit(c); err != nil {
				t.Fatal(err)
			}
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != tt.want {
				t.Errorf("file =\n%s\nwant\n%s", got, tt.want)
			}
			reloaded := load(t, path, nil)
			if !reflect.DeepEqual(reloaded.file, c.file) {
				t.Errorf("reloaded %+v, want %+v", reloaded.file, c.file)
			}
		})
	}
}

func TestSaveModes(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "supctl")
	path := filepath.Join(dir, "config.yaml")
	c := load(t, path, nil)
	if err := c.Use("demo"); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700 | os.ModeDir, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("mode of %s = %v, want %v", p, fi.Mode(), want)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only config.yaml", len(entries))
	}
}

func TestSaveTightensLooseMode(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, twoProfiles)
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	c := load(t, path, nil)
	if err := c.Use("hyderabad"); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode() != 0o600 {
		t.Errorf("mode = %v, want 0600", fi.Mode())
	}
}

func TestSaveThroughSymlink(t *testing.T) {
	t.Parallel()
	target := writeConfig(t, twoProfiles)
	link := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	c := load(t, link, nil)
	if err := c.Use("hyderabad"); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("link replaced by a file (err %v)", err)
	}
	if got := readFile(t, target); !strings.HasPrefix(got, "current_profile: hyderabad\n") {
		t.Errorf("target =\n%s", got)
	}
}

func TestEnvAndFlagValuesNeverWritten(t *testing.T) {
	t.Parallel()
	path := writeConfig(t, twoProfiles)
	c := load(t, path, map[string]string{
		"SUPCTL_USER": "env@example.com", "SUPCTL_PROFILE": "hyderabad", "SUPCTL_QUEUES": "env/queue",
	})
	if err := c.Set("tokyo", "language", "en"); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(); err != nil {
		t.Fatal(err)
	}
	got := readFile(t, path)
	want := strings.Replace(twoProfiles, "    language: ja\n", "    language: en\n", 1)
	if got != want {
		t.Errorf("file =\n%s\nwant\n%s", got, want)
	}
}

func TestEditErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		edit func(c *Config) error
		want string
	}{
		{"unknown key", func(c *Config) error { return c.Set("tokyo", "color", "x") },
			`unknown key "color"; valid keys: api_url, user, region, timezone, language, queues, handoff_to, timeout`},
		{"bad timezone", func(c *Config) error { return c.Set("tokyo", "timezone", "Mars/Olympus") },
			`invalid timezone "Mars/Olympus": use an IANA name such as Asia/Tokyo`},
		{"bad url", func(c *Config) error { return c.Set("tokyo", "api_url", "ftp://x") },
			`invalid api_url "ftp://x": the scheme must be http or https; use "embedded" or a server's address such as https://support.example.com`},
		{"no host", func(c *Config) error { return c.Set("tokyo", "api_url", "https://") },
			`invalid api_url "https://": it names no host; use "embedded" or a server's address such as https://support.example.com`},
		{"empty url", func(c *Config) error { return c.Set("tokyo", "api_url", "") },
			`api_url cannot be empty; use "embedded" or a server's address such as https://support.example.com`},
		{"bad region", func(c *Config) error { return c.Set("tokyo", "region", "mars") },
			`invalid region "mars": valid values are americas-west, americas-east, emea-de, apac-in, apac-jp, apac-kr`},
		{"bad queue", func(c *Config) error { return c.Set("tokyo", "queues", "apac-jp/core,bogus") },
			`queues: invalid queue "bogus": use <region>/<division>[/<language>], e.g. apac-jp/spark`},
		{"bad language", func(c *Config) error { return c.Set("tokyo", "language", "fr") },
			`invalid language "fr": valid values are en, ja, ko`},
		{"set unknown profile", func(c *Config) error { return c.Set("seoul", "user", "x") },
			`unknown profile "seoul"; known profiles: demo, hyderabad, tokyo`},
		{"add existing", func(c *Config) error { return c.Add(Profile{Name: "tokyo", APIURL: "embedded"}) },
			"profile \"tokyo\" already exists; change it with `supctl -P tokyo profile set KEY VALUE`"},
		{"add demo", func(c *Config) error { return c.Add(Profile{Name: "demo", APIURL: "embedded"}) },
			"profile \"demo\" already exists; change it with `supctl -P demo profile set KEY VALUE`"},
		{"add bad name", func(c *Config) error { return c.Add(Profile{Name: "-x", APIURL: "embedded"}) },
			`invalid profile name "-x": use letters, digits, '.', '_' and '-'`},
		{"add without url", func(c *Config) error { return c.Add(Profile{Name: "x"}) },
			`api_url cannot be empty; use "embedded" or a server's address such as https://support.example.com`},
		{"remove unknown", func(c *Config) error { return c.Remove("seoul") },
			`unknown profile "seoul"; known profiles: demo, hyderabad, tokyo`},
		{"remove built-in demo", func(c *Config) error { return c.Remove("demo") },
			"the built-in demo profile cannot be removed"},
		{"use unknown", func(c *Config) error { return c.Use("seoul") },
			`unknown profile "seoul"; known profiles: demo, hyderabad, tokyo`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := writeConfig(t, twoProfiles)
			c := load(t, path, nil)
			err := tt.edit(c)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v, want %q", err, tt.want)
			}
			var coder interface{ Code() int }
			if !errors.As(err, &coder) || coder.Code() != 2 {
				t.Errorf("error %T has no Code() 2", err)
			}
			if err := c.Save(); err != nil {
				t.Fatal(err)
			}
			if got := readFile(t, path); got != twoProfiles {
				t.Errorf("a refused edit changed the file:\n%s", got)
			}
		})
	}
}

func TestRemoveDemoOverride(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, "current_profile: demo\nprofiles:\n  demo:\n    user: me@example.com\n"), nil)
	if err := c.Remove("demo"); err != nil {
		t.Fatal(err)
	}
	p, err := c.Active()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p, Demo()) {
		t.Errorf("Active = %+v, want the built-in demo", p)
	}
}
