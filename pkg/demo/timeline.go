package demo

import (
	"math/rand/v2"
	"strings"
	"time"

	"github.com/supctl/supctl/pkg/support"
)

// timeline builds the history of one ticket: who said what, and which
// status changes followed, at increasing offsets from its opening.
type timeline struct {
	r     *rand.Rand
	lang  string
	v     vars
	at    time.Duration
	steps []step
}

// wait moves the timeline on by a random span in [lo, hi].
func (t *timeline) wait(lo, hi time.Duration) {
	t.at += lo + time.Duration(t.r.Int64N(int64(hi-lo)+1))
}

// say adds an engineer's reply, or with internal their note.
func (t *timeline) say(by support.User, phrases []text, internal bool) {
	t.v.eng = by.Name
	t.comment(by.Email, support.NewComment{Internal: internal}, phrases)
}

// hear adds a reply from the requester's side: written by a partner's own
// user, or entered by the admin for a customer or sales engineer who wrote
// by email or phone. Either way the SLA clocks count it as the customer's.
func (t *timeline) hear(req requester, phrases []text) {
	t.comment(req.actor, support.NewComment{FromRequester: true}, phrases)
}

func (t *timeline) comment(actor string, c support.NewComment, phrases []text) {
	c.Body = t.v.fill(pick(t.r, phrases).in(t.lang))
	t.steps = append(t.steps, step{after: t.at, actor: actor, comment: &c})
}

func (t *timeline) set(actor string, p support.TicketPatch) {
	t.steps = append(t.steps, step{after: t.at, actor: actor, patch: &p})
}

// play writes the history that brings a fresh ticket to status. front
// takes it first; an escalated ticket moves on to back.
func (t *timeline) play(status string, rank int, unassigned, escalate bool, req requester, front, back support.User) {
	if status == "new" {
		if chance(t.r, 0.4) {
			t.wait(2*time.Hour, 10*time.Hour)
			t.hear(req, followUps)
		}
		return
	}
	t.wait(firstResponse[rank][0], firstResponse[rank][1])
	if unassigned {
		// Answered, then handed back to the queue at the end of a shift.
		t.set(front.Email, support.TicketPatch{Status: new("open")})
		t.wait(time.Minute, 5*time.Minute)
		t.say(front, acks, false)
		t.wait(5*time.Minute, 30*time.Minute)
		t.say(front, handoffNotes, true)
		return
	}
	t.set(front.Email, support.TicketPatch{Status: new("open"), Assignee: new(front.Email)})
	t.wait(time.Minute, 5*time.Minute)
	t.say(front, acks, false)
	if status == "open" && !escalate {
		if chance(t.r, 0.5) {
			t.investigate(req, front, false)
		}
		return
	}
	t.wait(time.Minute, 3*time.Minute)
	t.set(front.Email, support.TicketPatch{Status: new("pending_customer")})
	if status == "pending_customer" {
		return
	}
	t.investigate(req, front, true)
	owner := front
	if escalate {
		if t.escalate(status, front, back) {
			return
		}
		owner = back
	}
	if status == "on_hold" {
		t.hold(req, owner)
		return
	}
	t.resolve(status, req, owner)
}

// investigate: the customer sends logs, which reopens a ticket that was
// waiting on them, and the engineer reads them.
func (t *timeline) investigate(req requester, eng support.User, reopen bool) {
	t.wait(time.Hour, 30*time.Hour)
	t.hear(req, logsSent)
	if reopen {
		t.wait(10*time.Minute, 3*time.Hour)
		t.set(eng.Email, support.TicketPatch{Status: new("open")})
	}
	t.wait(30*time.Minute, 6*time.Hour)
	t.say(eng, analysisNotes, true)
}

// escalate hands the ticket to backline and reports whether its history
// ends there: with a defect filed, or still being worked.
func (t *timeline) escalate(status string, front, back support.User) bool {
	t.wait(10*time.Minute, 2*time.Hour)
	t.say(front, escalationNotes, true)
	t.wait(time.Minute, 10*time.Minute)
	// An engineer assigns only to themselves: front hands the ticket over
	// to the backline tier, and back takes it.
	t.set(front.Email, support.TicketPatch{Tier: new("backline"), Assignee: new(""), AddTags: []string{"backline"}})
	t.wait(time.Minute, 15*time.Minute)
	t.set(back.Email, support.TicketPatch{Assignee: new(back.Email)})
	t.wait(4*time.Hour, 48*time.Hour)
	if status != "pending_engineering" {
		t.say(back, backlineNotes, true)
		return status == "open"
	}
	t.say(back, devNotes, true)
	t.wait(10*time.Minute, time.Hour)
	t.say(back, devReplies, false)
	t.wait(time.Minute, 5*time.Minute)
	t.set(back.Email, support.TicketPatch{Status: new("pending_engineering"), AddTags: []string{strings.ToLower(t.v.dev)}})
	return true
}

// hold parks the ticket until the customer's maintenance window.
func (t *timeline) hold(req requester, owner support.User) {
	t.wait(2*time.Hour, 24*time.Hour)
	t.hear(req, holdRequests)
	t.wait(30*time.Minute, 4*time.Hour)
	t.say(owner, holdReplies, false)
	t.wait(time.Minute, 5*time.Minute)
	t.set(owner.Email, support.TicketPatch{Status: new("on_hold")})
}

// resolve answers the ticket and, for closed, closes it: on the
// customer's word, or by itself after three silent days.
func (t *timeline) resolve(status string, req requester, owner support.User) {
	t.wait(2*time.Hour, 72*time.Hour)
	t.say(owner, answers, false)
	t.wait(time.Minute, 5*time.Minute)
	t.set(owner.Email, support.TicketPatch{Status: new("solved")})
	if status == "solved" {
		return
	}
	if chance(t.r, 0.3) {
		t.wait(72*time.Hour, 96*time.Hour)
		t.set(AdminUser, support.TicketPatch{Status: new("closed")})
		return
	}
	t.wait(3*time.Hour, 72*time.Hour)
	t.hear(req, confirmations)
	t.wait(10*time.Minute, 2*time.Hour)
	t.set(owner.Email, support.TicketPatch{Status: new("closed")})
}
