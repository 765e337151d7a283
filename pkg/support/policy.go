package support

import (
	"fmt"
	"strings"
)

// Role is what a user is to the support organisation; the policy below
// says what each may do. This file is the one place that tells roles
// apart: everything else asks User.Can or one of the questions below
// (TestRolesAreComparedOnlyInThePolicy keeps it so).
type Role string

// The roles of Roles.
const (
	RoleAdmin    Role = "admin"
	RoleLead     Role = "lead"
	RoleEngineer Role = "engineer"
	RolePartner  Role = "partner"
	RoleReadonly Role = "readonly"
)

// Action is something the policy allows some roles.
type Action int

// The actions the API checks.
const (
	// OpenTicket creates tickets.
	OpenTicket Action = iota
	// EditTicket changes a ticket's fields, status and assignee.
	EditTicket
	// AssignToOthers gives a ticket to someone other than oneself.
	AssignToOthers
	// TakeOthersWork releases or reassigns a ticket someone else holds.
	TakeOthersWork
	// Reply writes public replies.
	Reply
	// SeeInternal reads internal notes, and writes them for those who may
	// reply at all.
	SeeInternal
	// ReadHistory reads a ticket's events.
	ReadHistory
	// ReadQueues reads queues, which hold every account's tickets.
	ReadQueues
	// TakeTickets claims, picks, skips and releases tickets.
	TakeTickets
	// ListUsers lists everyone who signs in.
	ListUsers
	// ManageUsers adds users and issues, lists and revokes anyone's tokens.
	ManageUsers
	// AddAccounts adds customer and partner organisations.
	AddAccounts
)

// grants lists the roles allowed each action, with what the others are
// told; %s is the refused role.
var grants = map[Action]struct {
	roles   []Role
	refusal string
}{
	OpenTicket:     {[]Role{RoleAdmin, RoleLead, RoleEngineer, RolePartner}, "the %s role cannot open tickets"},
	EditTicket:     {[]Role{RoleAdmin, RoleLead, RoleEngineer}, "the %s role cannot update tickets"},
	AssignToOthers: {[]Role{RoleAdmin, RoleLead}, "engineers can assign tickets only to themselves; a lead assigns to others"},
	TakeOthersWork: {[]Role{RoleAdmin, RoleLead}, "only its holder, a lead or an admin can move a held ticket"},
	Reply:          {[]Role{RoleAdmin, RoleLead, RoleEngineer, RolePartner}, "the %s role cannot comment"},
	SeeInternal:    {[]Role{RoleAdmin, RoleLead, RoleEngineer, RoleReadonly}, "partners cannot write internal notes"},
	ReadHistory:    {[]Role{RoleAdmin, RoleLead, RoleEngineer, RoleReadonly}, "the history of a ticket is internal"},
	ReadQueues: {[]Role{RoleAdmin, RoleLead, RoleEngineer, RoleReadonly},
		"partners cannot read queues, which hold every account's tickets: list your customers' with GET /api/v1/tickets"},
	TakeTickets: {[]Role{RoleAdmin, RoleLead, RoleEngineer}, "the %s role cannot take tickets"},
	ListUsers:   {[]Role{RoleAdmin, RoleLead}, "listing users needs the admin or lead role"},
	ManageUsers: {[]Role{RoleAdmin}, "adding users needs the admin role"},
	AddAccounts: {[]Role{RoleAdmin, RoleLead}, "adding accounts needs the admin or lead role"},
}

// Can reports whether u's role allows a.
func (u User) Can(a Action) bool {
	for _, r := range grants[a].roles {
		if u.Role == r {
			return true
		}
	}
	return false
}

// Check is nil when u may do a, and otherwise a *ForbiddenError saying so.
func (u User) Check(a Action) error {
	if u.Can(a) {
		return nil
	}
	msg := grants[a].refusal
	if msg == "" {
		msg = "the %s role cannot do this"
	}
	if strings.Contains(msg, "%s") {
		msg = fmt.Sprintf(msg, u.Role)
	}
	return &ForbiddenError{Message: msg}
}

// CheckAs is Check with the refusal said as message: the action is the
// same, the request names it better ("issuing a token for another user").
func (u User) CheckAs(a Action, message string) error {
	if u.Can(a) {
		return nil
	}
	return &ForbiddenError{Message: message}
}

// ForbiddenError is an action the policy refuses a user; it is
// ErrForbidden to errors.Is.
type ForbiddenError struct{ Message string }

func (e *ForbiddenError) Error() string        { return e.Message }
func (e *ForbiddenError) Is(target error) bool { return target == ErrForbidden }

// InOrganisation reports whether users of r belong to one account and see
// only its work: a partner's contacts.
func (r Role) InOrganisation() bool { return r == RolePartner }

// SpeaksForRequester reports whether what u writes comes from the
// requester's side: a partner's replies never count as the support
// organisation's response.
func (u User) SpeaksForRequester() bool { return u.Role.InOrganisation() }

// VisibleAccount is the account whose work alone u may see (its own and
// the customers it serves), and whether u is so limited; a limited user
// of no account sees nothing.
func (u User) VisibleAccount() (id int64, limited bool) {
	if u.Role.InOrganisation() {
		return u.AccountID, true
	}
	return 0, false
}

// CanSeeAccount reports whether u may read a.
func (u User) CanSeeAccount(a Account) bool {
	org, limited := u.VisibleAccount()
	return !limited || org != 0 && (a.ID == org || a.PartnerID == org)
}

// CanSeeTicket reports whether u may read t, whose account is served by
// the partner accountPartner (0: none).
func (u User) CanSeeTicket(t Ticket, accountPartner int64) bool {
	if !u.Role.InOrganisation() {
		return true
	}
	return u.AccountID != 0 && (t.AccountID == u.AccountID || accountPartner == u.AccountID)
}
