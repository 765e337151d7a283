package config

import (
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Small operations on mapping nodes. They change nodes in place where they
// can so that comments and anchors attached to them survive.

// lookup returns the key's index in mapping m (keys are at even indexes),
// or -1.
func lookup(m *yaml.Node, key string) int {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return i
		}
	}
	return -1
}

// child is the value under key in mapping m, or nil.
func child(m *yaml.Node, key string) *yaml.Node {
	if i := lookup(m, key); i >= 0 {
		return m.Content[i+1]
	}
	return nil
}

// put sets key to v in mapping m: in place when the key exists, appended
// when it does not. It returns the value node now in the tree.
func put(m *yaml.Node, key string, v *yaml.Node) *yaml.Node {
	if i := lookup(m, key); i >= 0 {
		replace(m.Content[i+1], v)
		return m.Content[i+1]
	}
	m.Content = append(m.Content, strNode(key), v)
	return v
}

// putSetting sets a profile setting in profile mapping m. A new key goes
// after the settings that come before it in Keys, so the file keeps the
// documented order; keys this program does not know stay where they are.
func putSetting(m *yaml.Node, key string, v *yaml.Node) {
	if lookup(m, key) >= 0 {
		put(m, key, v)
		return
	}
	at := 0
	rank := slices.Index(Keys, key)
	for i := 0; i+1 < len(m.Content); i += 2 {
		if r := slices.Index(Keys, m.Content[i].Value); r >= 0 && r < rank {
			at = i + 2
		}
	}
	m.Content = slices.Insert(m.Content, at, strNode(key), v)
}

// putTop sets key to v in the top-level mapping m, first when it is new. A
// comment above the old first key is the file's header and stays on top.
func putTop(m *yaml.Node, key string, v *yaml.Node) {
	if lookup(m, key) >= 0 {
		put(m, key, v)
		return
	}
	k := strNode(key)
	if len(m.Content) > 0 {
		k.HeadComment, m.Content[0].HeadComment = m.Content[0].HeadComment, ""
	}
	m.Content = append([]*yaml.Node{k, v}, m.Content...)
}

// remove deletes key from mapping m, with the comments attached to it.
func remove(m *yaml.Node, key string) {
	if i := lookup(m, key); i >= 0 {
		m.Content = append(m.Content[:i], m.Content[i+2:]...)
	}
}

// removeTop deletes key from the top-level mapping m. A comment above the
// first key is the file's header, so it moves to the key that becomes first.
func removeTop(m *yaml.Node, key string) {
	header := ""
	if lookup(m, key) == 0 {
		header = m.Content[0].HeadComment
	}
	remove(m, key)
	if header != "" && len(m.Content) > 0 {
		first := m.Content[0]
		first.HeadComment = strings.TrimSuffix(header+"\n"+first.HeadComment, "\n")
	}
}

// replace gives old the value of v, keeping old's comments and anchor, and
// its flow or quoting style when the kind of value is unchanged.
func replace(old, v *yaml.Node) {
	style := v.Style
	if old.Kind == v.Kind {
		style = old.Style
	}
	old.Kind, old.Tag, old.Value, old.Content, old.Alias, old.Style = v.Kind, v.Tag, v.Value, v.Content, nil, style
}

func strNode(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s}
}

func listNode(items []string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, s := range items {
		n.Content = append(n.Content, strNode(s))
	}
	return n
}

func mapNode() *yaml.Node {
	return &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
}

// settingNode is the YAML value of one profile setting.
func settingNode(p Profile, key string) *yaml.Node {
	if key == "queues" {
		return listNode(p.Queues)
	}
	return strNode(p.Get(key))
}

// profileNode is a whole profile, its keys in the documented order.
func profileNode(p Profile) *yaml.Node {
	m := mapNode()
	for _, k := range Keys {
		if p.Get(k) != "" {
			put(m, k, settingNode(p, k))
		}
	}
	return m
}
