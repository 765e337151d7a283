// Package build reports the version, commit and date of this binary.
package build

import (
	"runtime/debug"
	"sync"
)

// Set at link time by the release build (-ldflags -X); a plain `go build`
// or `go install` leaves them empty and Info reads the module's build info.
var (
	Version = ""
	Commit  = ""
	Date    = ""
)

// Info is what `supctl --version` prints.
type Info struct{ Version, Commit, Date string }

// Get returns the stamped values, filled from debug.ReadBuildInfo where the
// linker left them empty.
var Get = sync.OnceValue(func() Info {
	info := Info{Version: Version, Commit: Commit, Date: Date}
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return withDefaults(info)
	}
	if info.Version == "" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		info.Version = bi.Main.Version
	}
	for _, s := range bi.Settings {
		switch {
		case s.Key == "vcs.revision" && info.Commit == "":
			info.Commit = s.Value
		case s.Key == "vcs.time" && info.Date == "":
			info.Date = s.Value
		}
	}
	return withDefaults(info)
})

func withDefaults(i Info) Info {
	if i.Version == "" {
		i.Version = "dev"
	}
	if len(i.Commit) > 12 {
		i.Commit = i.Commit[:12]
	}
	return i
}

// String is the one-line form: "1.2.3 (commit abc123, built 2026-11-27)".
func (i Info) String() string {
	s := i.Version
	switch {
	case i.Commit != "" && i.Date != "":
		s += " (commit " + i.Commit + ", built " + i.Date + ")"
	case i.Commit != "":
		s += " (commit " + i.Commit + ")"
	}
	return s
}
