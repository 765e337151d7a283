package clocks

import (
	"bytes"
	"fmt"
	"os"

	"go.yaml.in/yaml/v3"

	"github.com/supctl/supctl/pkg/sla"
)

// Config is the server's SLA configuration file (`supctl serve --sla
// FILE`): policy versions, each for tickets opened from its instant on,
// and holidays added to every region's calendar.
//
//	versions:
//	  - from: 2027-01-01T00:00:00Z
//	    policies:
//	      version: 2
//	      policies:
//	        - {plan: premium, severity: S1, first_response: 30m calendar, next_update: 2h calendar}
//	holidays:
//	  - {date: 2026-12-30, name: Year-end closing}
type Config struct {
	Versions []Version     `yaml:"versions"`
	Holidays []sla.Holiday `yaml:"holidays"`
}

// Load reads a configuration file and builds its engine. Without versions
// the built-in policies apply (version 1).
func Load(path string) (*Engine, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the SLA configuration: %w", err)
	}
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("invalid SLA configuration %s: %w", path, err)
	}
	if len(c.Versions) > 0 && c.Versions[0].Policies.Version != 1 {
		c.Versions = append([]Version{{Policies: sla.DefaultPolicies()}}, c.Versions...)
	}
	e, err := New(c.Versions, c.Holidays)
	if err != nil {
		return nil, fmt.Errorf("invalid SLA configuration %s: %w", path, err)
	}
	return e, nil
}
