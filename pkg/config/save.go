package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v3"
)

// Save writes the YAML tree back to the file, 0600, atomically.
func (c *Config) Save() error {
	data, err := c.marshal()
	if err != nil {
		return err
	}
	return writeFileAtomic(c.path, data)
}

// marshal encodes the tree and checks that it reads back as the same
// config, so an encoder quirk can never leave a broken file behind.
func (c *Config) marshal() ([]byte, error) {
	var buf bytes.Buffer
	buf.Write(c.comment)
	if len(c.comment) > 0 && !bytes.HasSuffix(c.comment, []byte("\n")) {
		buf.WriteByte('\n')
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	c.root() // a config with no tree yet encodes as an empty mapping
	if err := enc.Encode(c.tree); err != nil {
		return nil, fmt.Errorf("cannot encode config file %s: %w", c.path, err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("cannot encode config file %s: %w", c.path, err)
	}
	check := &Config{path: c.path}
	if err := check.parse(buf.Bytes()); err != nil || !sameData(check.file, c.file) {
		return nil, fmt.Errorf("cannot update config file %s without changing its meaning; edit it by hand", c.path)
	}
	return buf.Bytes(), nil
}

func sameData(a, b fileData) bool {
	if a.CurrentProfile != b.CurrentProfile || len(a.Profiles) != len(b.Profiles) {
		return false
	}
	for name, p := range a.Profiles {
		q, ok := b.Profiles[name]
		if !ok {
			return false
		}
		for _, k := range Keys {
			if p.Get(k) != q.Get(k) {
				return false
			}
		}
	}
	return true
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory, so a crash leaves the old file or the new one, never
// half of one. A symlinked config (dotfiles) is written through the link.
func writeFileAtomic(path string, data []byte) error {
	if err := writeAtomic(path, data); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}

func writeAtomic(path string, data []byte) error {
	if target, err := filepath.EvalSymlinks(path); err == nil {
		path = target
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = tmp.Chmod(0o600)
	if err == nil {
		_, err = tmp.Write(data)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
