package config

import (
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// topKeys are the keys of the file's top level.
var topKeys = []string{"current_profile", "profiles"}

// warnUnknownKeys warns about every key of the file the program does not
// read, with the key probably meant. The keys stay in the file: Save keeps
// them.
func (c *Config) warnUnknownKeys() {
	if c.tree == nil || len(c.tree.Content) == 0 || c.tree.Content[0].Kind != yaml.MappingNode {
		return
	}
	root := c.tree.Content[0]
	c.warnKeys(root, topKeys, "")
	profiles := child(root, "profiles")
	if profiles == nil || profiles.Kind != yaml.MappingNode {
		return
	}
	for i := 0; i+1 < len(profiles.Content); i += 2 {
		if m := profiles.Content[i+1]; m.Kind == yaml.MappingNode {
			c.warnKeys(m, Keys, " in profile "+profiles.Content[i].Value)
		}
	}
}

func (c *Config) warnKeys(m *yaml.Node, known []string, where string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		k := m.Content[i]
		if k.Kind != yaml.ScalarNode || k.Value == "<<" || slices.Contains(known, k.Value) {
			continue
		}
		meant := Suggest(k.Value, known)
		if meant == "" && where == "" {
			continue // a top-level key of the user's own, such as an anchor to merge
		}
		msg := fmt.Sprintf("warning: %s line %d: unknown key %q%s is ignored", c.path, k.Line, k.Value, where)
		if meant != "" {
			msg += fmt.Sprintf("; did you mean %q?", meant)
		}
		fmt.Fprintln(c.warnings, msg)
	}
}

// Suggest is the one of known that s most likely means: the same but for
// case, dashes or spaces, else at most two edits away; "" when none is.
func Suggest(s string, known []string) string {
	norm := func(s string) string {
		return strings.NewReplacer("-", "_", " ", "_").Replace(strings.ToLower(s))
	}
	best, bestDist := "", 3
	for _, k := range known {
		if norm(s) == norm(k) {
			return k
		}
		if d := editDistance(norm(s), k); d < bestDist {
			best, bestDist = k, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(b)]
}

// warnHandoffs warns about a handoff_to in the file that names no profile.
func (c *Config) warnHandoffs() {
	for _, name := range c.ProfileNames() {
		p, ok := c.file.Profiles[name]
		if !ok || p.HandoffTo == "" {
			continue
		}
		if err := c.checkHandoff(name, p.HandoffTo); err != nil {
			fmt.Fprintf(c.warnings, "warning: %s: profile %s: %v\n", c.path, name, err)
		}
	}
}

// checkHandoff checks that handoff_to of profile from names another
// profile: the one the shift is handed over to.
func (c *Config) checkHandoff(from, to string) error {
	if to == "" {
		return nil
	}
	if to == from {
		return &InputError{Msg: fmt.Sprintf("handoff_to %q: profile %s cannot hand over to itself", to, from)}
	}
	if c.exists(to) {
		return nil
	}
	msg := fmt.Sprintf("handoff_to %q names no profile; known profiles: %s", to, strings.Join(c.ProfileNames(), ", "))
	if meant := Suggest(to, c.ProfileNames()); meant != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", meant)
	}
	return &InputError{Msg: msg}
}
