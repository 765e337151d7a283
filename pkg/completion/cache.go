// Package completion serves shell completion of live values (ticket ids)
// from a small per-profile cache, so that a Tab never waits on the network,
// and completes enumerated flag values with their descriptions.
package completion

import (
	"cmp"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// MaxRecent bounds how many recently seen tickets the cache keeps.
const MaxRecent = 100

// Ticket is what completion shows of a ticket.
type Ticket struct {
	ID      int64  `json:"id"`
	Subject string `json:"subject"`
	Status  string `json:"status"`
}

// Snapshot is the cached state of one profile.
type Snapshot struct {
	// Mine are the user's open tickets, as of FetchedAt.
	Mine      []Ticket  `json:"mine"`
	FetchedAt time.Time `json:"fetched_at"`
	// Recent are tickets the user listed or viewed lately, newest first.
	Recent []Ticket `json:"recent"`
}

// Cache is the completion cache file of one profile:
// $XDG_CACHE_HOME/supctl/<profile>/tickets.json.
type Cache struct{ profile, path string }

// New returns the cache of profile under dir.
func New(dir, profile string) *Cache {
	return &Cache{profile: profile, path: filepath.Join(dir, profile, "tickets.json")}
}

// Profile is the name of the profile the cache belongs to.
func (c *Cache) Profile() string { return c.profile }

// Load reads the snapshot; a missing or unreadable cache is an empty one.
func (c *Cache) Load() Snapshot {
	var s Snapshot
	data, err := os.ReadFile(c.path)
	if err == nil {
		_ = json.Unmarshal(data, &s)
	}
	return s
}

// SetMine records the user's open tickets as fetched at.
func (c *Cache) SetMine(tickets []support.Ticket, at time.Time) error {
	s := c.Load()
	s.Mine, s.FetchedAt = fromTickets(tickets), at
	return c.save(s)
}

// RememberRecent puts tickets at the front of the recent list.
func (c *Cache) RememberRecent(tickets []support.Ticket) error {
	if len(tickets) == 0 {
		return nil
	}
	s := c.Load()
	recent := fromTickets(tickets)
	for _, old := range s.Recent {
		if !slices.ContainsFunc(recent, func(t Ticket) bool { return t.ID == old.ID }) {
			recent = append(recent, old)
		}
	}
	s.Recent = recent[:min(len(recent), MaxRecent)]
	return c.save(s)
}

func fromTickets(tickets []support.Ticket) []Ticket {
	out := make([]Ticket, 0, len(tickets))
	for _, t := range tickets {
		out = append(out, Ticket{ID: t.ID, Subject: t.Subject, Status: t.Status})
	}
	return out
}

// save writes atomically, so a completion reading at the same moment sees
// the old file or the new one, never half of one.
func (c *Cache) save(s Snapshot) error {
	data, err := json.Marshal(s)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(c.path), 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(c.path), "tickets-*.json")
	if err != nil {
		return err
	}
	_, werr := tmp.Write(data)
	cerr := tmp.Close()
	if err := cmp.Or(werr, cerr); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), c.path); err != nil {
		return errors.Join(err, os.Remove(tmp.Name()))
	}
	return nil
}
