// Package completion serves shell completion of live values (tickets,
// queues, engineers, accounts) from a small per-profile cache that a
// background refresh keeps, so that a Tab sends no request and never waits
// on the network, and completes enumerated flag values and timezones.
package completion

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
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
	// Claimable are the tickets waiting in the profile's queues.
	Claimable []Ticket `json:"claimable,omitempty"`
	// Queues, Engineers and Accounts are the backend's, as of FetchedAt.
	Queues    []Named `json:"queues,omitempty"`
	Engineers []Named `json:"engineers,omitempty"`
	Accounts  []Named `json:"accounts,omitempty"`
	// FailedAt is when the last refresh failed, Failures how many failed
	// in a row since the last one that worked.
	FailedAt time.Time `json:"failed_at,omitzero"`
	Failures int       `json:"failures,omitempty"`
}

// Named is a completion value with its description.
type Named struct {
	Name string `json:"name"`
	Desc string `json:"desc,omitempty"`
}

// MaxBackoff bounds how long a completion waits after failed refreshes
// before it asks for another.
const MaxBackoff = 30 * time.Minute

// RetryAt is when a completion may ask for a refresh again after failed
// ones: a minute after the first failure, doubling up to MaxBackoff.
func (s Snapshot) RetryAt() time.Time {
	if s.Failures == 0 {
		return time.Time{}
	}
	wait := MaxBackoff
	if s.Failures < 6 {
		wait = min(time.Minute<<(s.Failures-1), MaxBackoff)
	}
	return s.FailedAt.Add(wait)
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

// SetData records a refresh that worked, as fetched at.
func (c *Cache) SetData(d Data, at time.Time) error {
	s := c.Load()
	s.Mine, s.Claimable, s.FetchedAt = fromTickets(d.Mine), fromTickets(d.Claimable), at
	s.Queues, s.Engineers, s.Accounts = nil, nil, nil
	for _, q := range d.Queues {
		s.Queues = append(s.Queues, Named{Name: q.Queue, Desc: fmt.Sprintf("%d waiting", q.Unassigned)})
	}
	for _, u := range d.Engineers {
		if u.Can(support.TakeTickets) {
			s.Engineers = append(s.Engineers, Named{Name: u.Email, Desc: strings.TrimSpace(u.Name + " " + u.Region)})
		}
	}
	for _, a := range d.Accounts {
		s.Accounts = append(s.Accounts, Named{Name: strconv.FormatInt(a.ID, 10), Desc: a.Name + " (" + a.Region + ")"})
	}
	s.FailedAt, s.Failures = time.Time{}, 0
	return c.save(s)
}

// RefreshDone says a refresh has ended, so that the next stale Tab may
// start another at once (see SpawnRefresh); failures are kept in the
// snapshot.
func (c *Cache) RefreshDone() {
	_ = os.Remove(filepath.Join(filepath.Dir(c.path), refreshMark))
}

// SetFailed records a refresh that failed at, so that completions back off.
func (c *Cache) SetFailed(at time.Time) error {
	s := c.Load()
	s.FailedAt = at
	s.Failures++
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
