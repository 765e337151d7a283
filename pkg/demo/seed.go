package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// Seed fills an empty store with the demo data set: accounts, users and
// tickets with their comment threads and status history, all in the 45
// days before now. The same now gives the same data. Every write goes
// through svc, as its users' own, at an instant set on clock, which must
// be the clock svc's store reads; clock is back on the wall clock when
// Seed returns.
func Seed(ctx context.Context, svc *service.Service, clock *Clock, now time.Time) error {
	defer clock.Reset()
	users, err := svc.ListUsers(ctx, service.System)
	if err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	if n := len(users); n > 0 {
		return fmt.Errorf("seed demo data: the store already has %d users; demo data goes only into an empty store", n)
	}
	s := &seeder{svc: svc, clock: clock, at: now.Add(-historySpan), actors: map[string]support.User{}, accounts: map[string]int64{}}
	if err := s.people(ctx); err != nil {
		return fmt.Errorf("seed demo data: %w", err)
	}
	for _, tp := range newPlanner(now, s.accounts).plans() {
		if err := s.ticket(ctx, tp); err != nil {
			return fmt.Errorf("seed demo ticket %q: %w", tp.ticket.Subject, err)
		}
	}
	return nil
}

// seeder writes the plans to the store.
type seeder struct {
	svc      *service.Service
	clock    *Clock
	at       time.Time               // when the next account or user is created
	actors   map[string]support.User // by email
	accounts map[string]int64        // by name
}

// people creates the administrator, the accounts, the staff and the
// partner users, one minute apart at the start of the history.
func (s *seeder) people(ctx context.Context) error {
	admin := staff[0]
	if err := s.user(ctx, support.User{Email: admin.Email, Role: support.RoleAdmin}, admin); err != nil {
		return err
	}
	by := s.actors[admin.Email]
	for _, o := range orgs {
		s.tick()
		a, err := s.svc.CreateAccount(ctx, by, support.Account{
			Name: o.name, Kind: o.kind, Plan: o.plan, Region: o.region, PartnerID: s.accounts[o.partner],
		})
		if err != nil {
			return fmt.Errorf("create account %s: %w", o.name, err)
		}
		s.accounts[o.name] = a.ID
	}
	for _, u := range staff[1:] {
		if err := s.user(ctx, by, u); err != nil {
			return err
		}
	}
	for _, o := range orgs {
		for _, c := range o.contacts {
			if !c.user {
				continue
			}
			u := support.User{Email: c.email, Name: c.name, Role: support.RolePartner, Region: o.region, Tier: "frontline", AccountID: s.accounts[o.name]}
			if err := s.user(ctx, by, u); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *seeder) user(ctx context.Context, by support.User, u support.User) error {
	s.tick()
	created, err := s.svc.CreateUser(ctx, by, u)
	if err != nil {
		return fmt.Errorf("create user %s: %w", u.Email, err)
	}
	s.actors[created.Email] = created
	return nil
}

func (s *seeder) tick() {
	s.clock.Set(s.at)
	s.at = s.at.Add(time.Minute)
}

// ticket opens one ticket and replays its history.
func (s *seeder) ticket(ctx context.Context, tp ticketPlan) error {
	s.clock.Set(tp.created)
	t, _, err := s.svc.CreateTicket(ctx, s.actors[tp.actor], tp.ticket, service.Idempotency{})
	if err != nil {
		return err
	}
	for _, st := range tp.steps {
		s.clock.Set(tp.created.Add(st.after))
		actor := s.actors[st.actor]
		if st.patch != nil {
			_, err = s.svc.UpdateTicket(ctx, actor, t.ID, *st.patch)
		} else {
			_, _, err = s.svc.AddComment(ctx, actor, t.ID, *st.comment, service.Idempotency{})
		}
		if err != nil {
			return err
		}
	}
	return nil
}
