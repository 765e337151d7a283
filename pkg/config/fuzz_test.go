package config

import (
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes as the config file: Load never panics, and
// a file it accepts can be edited (a profile added, a setting of every
// profile changed) and written back to a file that loads to the same
// profiles.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(twoProfiles))
	f.Add([]byte(commented))
	f.Add([]byte("base: &b {api_url: embedded}\nprofiles:\n  a: *b\n  b:\n    <<: *b\n"))
	f.Add([]byte("profiles:\n  a:\n    queues: 5\n"))
	f.Add([]byte("# only a comment\n"))
	f.Add([]byte("- [\n"))
	dir := f.TempDir()
	path := filepath.Join(dir, "config.yaml")
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Load(LoadOptions{Path: path, Getenv: envOf(nil)})
		if err != nil {
			return
		}
		_ = c.ProfileNames()
		_, _ = c.Active()
		if err := c.Add(Profile{Name: "fuzz-added", APIURL: Embedded}); err != nil {
			return // the name exists already
		}
		for _, name := range c.ProfileNames() {
			if err := c.Set(name, "user", "fuzz@example.com"); err != nil {
				t.Fatalf("Set(%q): %v", name, err)
			}
		}
		out, err := c.marshal()
		if err != nil {
			return // refused rather than written wrong
		}
		again := &Config{path: path}
		if err := again.parse(out); err != nil {
			t.Fatalf("written config does not load: %v\n%s", err, out)
		}
		if !sameData(again.file, c.file) {
			t.Fatalf("written config loads differently:\n%s", out)
		}
	})
}
