package config

import (
	"errors"
	"strings"
	"testing"
)

// TestNamedConfigFileMustExist: SUPCTL_CONFIG naming a missing file is exit
// 2, not the demo; the empty config still comes back for profile add.
func TestNamedConfigFileMustExist(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/nonexistent.yaml"
	c, err := Load(LoadOptions{Getenv: envOf(map[string]string{"SUPCTL_CONFIG": path}), Keyring: noKeyring{}})
	var missing *MissingFileError
	if !errors.As(err, &missing) || missing.Code() != 2 || !strings.Contains(err.Error(), path) {
		t.Fatalf("error = %v, want a MissingFileError naming %s", err, path)
	}
	if c == nil || c.Path() != path {
		t.Fatalf("config = %v, want the empty config at %s", c, path)
	}
	if _, err := Load(LoadOptions{Getenv: envOf(withHome(t, nil)), Keyring: noKeyring{}}); err != nil {
		t.Errorf("the default path missing: %v, want the demo", err)
	}
}

// TestEnvironmentIsCheckedLikeFlags: a bad SUPCTL_* value is exit 2 naming
// the variable, as `profile set` would refuse it.
func TestEnvironmentIsCheckedLikeFlags(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ env, value, want string }{
		{"SUPCTL_TIMEZONE", "Asia/Tokio", `invalid SUPCTL_TIMEZONE=Asia/Tokio: invalid timezone "Asia/Tokio"`},
		{"SUPCTL_REGION", "mars", "invalid SUPCTL_REGION=mars: invalid region"},
		{"SUPCTL_LANGUAGE", "fr", "invalid SUPCTL_LANGUAGE=fr"},
		{"SUPCTL_QUEUES", "apac-jp/nope", "invalid SUPCTL_QUEUES=apac-jp/nope"},
		{"SUPCTL_HANDOFF_TO", "hyderbad", `did you mean "hyderabad"?`},
	} {
		c := load(t, writeConfig(t, twoProfiles), map[string]string{tt.env: tt.value})
		_, err := c.Resolve()
		var envErr *EnvError
		if !errors.As(err, &envErr) || envErr.Code() != 2 || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s=%s: error %v, want exit 2 with %q", tt.env, tt.value, err, tt.want)
		}
	}
	c := load(t, writeConfig(t, twoProfiles), map[string]string{"SUPCTL_TIMEZONE": "Asia/Seoul", "SUPCTL_HANDOFF_TO": "hyderabad"})
	if p, err := c.Active(); err != nil || p.Timezone != "Asia/Seoul" {
		t.Errorf("valid values: %+v, %v", p, err)
	}
}

// TestSyntaxErrorNamesTheLineAtFault: yaml.v3 names the line where the
// block starts; the error names the line that is wrong.
func TestSyntaxErrorNamesTheLineAtFault(t *testing.T) {
	t.Parallel()
	content := "current_profile: tokyo\nprofiles:\n  tokyo:\n    api_url: embedded\n   user: ken@example.com\n    region: apac-jp\n"
	_, err := Load(LoadOptions{Path: writeConfig(t, content), Getenv: envOf(nil)})
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Line != 5 {
		t.Fatalf("error = %v, want line 5", err)
	}
}

// TestUnknownKeysWarnWithTheLikelyKey: a misspelt key is kept but warned
// about, with its line and the key meant.
func TestUnknownKeysWarnWithTheLikelyKey(t *testing.T) {
	t.Parallel()
	content := "current-profile: tokyo\nprofiles:\n  tokyo:\n    api_url: embedded\n    timezon: Asia/Tokyo\n    handoff-to: tokyo2\n    color: red\n  tokyo2:\n    api_url: embedded\n"
	path := writeConfig(t, content)
	var warnings strings.Builder
	if _, err := Load(LoadOptions{Path: path, Getenv: envOf(nil), Warnings: &warnings}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		path + ` line 1: unknown key "current-profile" is ignored; did you mean "current_profile"?`,
		path + ` line 5: unknown key "timezon" in profile tokyo is ignored; did you mean "timezone"?`,
		path + ` line 6: unknown key "handoff-to" in profile tokyo is ignored; did you mean "handoff_to"?`,
		path + ` line 7: unknown key "color" in profile tokyo is ignored` + "\n",
	} {
		if !strings.Contains(warnings.String(), want) {
			t.Errorf("warnings\n%s\nlack %q", warnings.String(), want)
		}
	}
}

// TestHandoffToNamesAProfile: handoff_to names the profile the shift goes
// to; set and add refuse another value, a hand-edited one is warned about.
func TestHandoffToNamesAProfile(t *testing.T) {
	t.Parallel()
	c := load(t, writeConfig(t, twoProfiles), nil)
	var ie *InputError
	if err := c.Set("tokyo", "handoff_to", "apac-in"); !errors.As(err, &ie) || !strings.Contains(err.Error(), "names no profile") {
		t.Errorf("handoff_to a region: %v, want an input error", err)
	}
	if err := c.Set("tokyo", "handoff_to", "tokyo"); !errors.As(err, &ie) {
		t.Errorf("handoff_to itself: %v, want an input error", err)
	}
	if err := c.Add(Profile{Name: "seoul", APIURL: Embedded, HandoffTo: "sanjose"}); !errors.As(err, &ie) {
		t.Errorf("add with handoff_to unknown: %v, want an input error", err)
	}
	if err := c.Set("tokyo", "handoff_to", "hyderabad"); err != nil {
		t.Errorf("handoff_to a profile: %v", err)
	}
	var warnings strings.Builder
	path := writeConfig(t, "profiles:\n  tokyo:\n    api_url: embedded\n    handoff_to: sanjose\n")
	if _, err := Load(LoadOptions{Path: path, Getenv: envOf(nil), Warnings: &warnings}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(warnings.String(), `profile tokyo: handoff_to "sanjose" names no profile`) {
		t.Errorf("warnings = %q", warnings.String())
	}
}
