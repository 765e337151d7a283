package config

import (
	"fmt"
	"slices"

	"go.yaml.in/yaml/v3"
)

// Edits change the YAML tree and then re-read it, so what the program sees
// is always what Save will write. Environment and flag values never enter
// the tree.

// Use makes name the current profile.
func (c *Config) Use(name string) error {
	if !c.exists(name) {
		return &UnknownProfileError{Name: name, Known: c.ProfileNames()}
	}
	putTop(c.root(), "current_profile", strNode(name))
	return c.decode()
}

// Add writes a new profile; it is an error if the name is taken, by the
// file or by the built-in demo.
func (c *Config) Add(p Profile) error {
	if c.exists(p.Name) {
		return &InputError{Msg: fmt.Sprintf("profile %q already exists; change it with `supctl -P %s profile set KEY VALUE`", p.Name, p.Name)}
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if err := c.checkHandoff(p.Name, p.HandoffTo); err != nil {
		return err
	}
	put(c.profiles(), p.Name, profileNode(p))
	return c.decode()
}

// Remove deletes a profile from the file, and clears current_profile when
// it named it. The built-in demo can lose its overrides but not disappear.
func (c *Config) Remove(name string) error {
	if _, ok := c.file.Profiles[name]; !ok {
		if name == DemoName {
			return &InputError{Msg: "the built-in demo profile cannot be removed"}
		}
		return &UnknownProfileError{Name: name, Known: c.ProfileNames()}
	}
	remove(c.profiles(), name)
	if c.file.CurrentProfile == name {
		removeTop(c.root(), "current_profile")
	}
	return c.decode()
}

// Set changes one setting of a stored profile; an empty value removes it.
// Queues are comma-separated.
func (c *Config) Set(name, key, value string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if err := checkValue(key, value); err != nil {
		return err
	}
	stored, err := c.Profile(name)
	if err != nil {
		return err
	}
	if key == "handoff_to" {
		if err := c.checkHandoff(name, value); err != nil {
			return err
		}
	}
	m := child(c.profiles(), name)
	if m == nil || m.Kind != yaml.MappingNode {
		// A built-in, aliased or merged profile is written out whole first,
		// so that changing one key keeps the others.
		m = put(c.profiles(), name, profileNode(stored))
	}
	if value == "" {
		remove(m, key)
	} else {
		stored.set(key, value)
		putSetting(m, key, settingNode(stored, key))
	}
	return c.decode()
}

// root is the top-level mapping, created when the file has none.
func (c *Config) root() *yaml.Node {
	if c.tree == nil {
		c.tree = &yaml.Node{Kind: yaml.DocumentNode}
	}
	if len(c.tree.Content) == 0 || c.tree.Content[0].Kind != yaml.MappingNode {
		// decode accepted the file, so a non-mapping root is an empty document.
		c.tree.Content = []*yaml.Node{mapNode()}
	}
	return c.tree.Content[0]
}

// profiles is the mapping under "profiles:", created or rebuilt from the
// decoded profiles when it is missing, null or an alias.
func (c *Config) profiles() *yaml.Node {
	root := c.root()
	if m := child(root, "profiles"); m != nil && m.Kind == yaml.MappingNode {
		return m
	}
	m := mapNode()
	names := make([]string, 0, len(c.file.Profiles))
	for name := range c.file.Profiles {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		put(m, name, profileNode(c.file.Profiles[name]))
	}
	return put(root, "profiles", m)
}
