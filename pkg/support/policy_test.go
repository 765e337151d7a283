package support_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/support"
)

// policyRoles are the columns of policyMatrix, in the order of
// support.Roles.
var policyRoles = []support.Role{
	support.RoleAdmin, support.RoleLead, support.RoleEngineer, support.RolePartner, support.RoleReadonly,
}

// policyMatrix is the whole policy written out a second time, on purpose:
// a change to the grants in policy.go has to be made here too. Each row
// says, for admin, lead, engineer, partner and readonly, whether the role
// may do the action, and what a refused role is told (%s: the role).
var policyMatrix = []struct {
	name    string
	action  support.Action
	allowed [5]bool // admin, lead, engineer, partner, readonly
	refusal string
}{
	{"OpenTicket", support.OpenTicket, [5]bool{true, true, true, true, false}, "the %s role cannot open tickets"},
	{"EditTicket", support.EditTicket, [5]bool{true, true, true, false, false}, "the %s role cannot update tickets"},
	{"AssignToOthers", support.AssignToOthers, [5]bool{true, true, false, false, false}, "engineers can assign tickets only to themselves; a lead assigns to others"},
	{"TakeOthersWork", support.TakeOthersWork, [5]bool{true, true, false, false, false}, "only its holder, a lead or an admin can move a held ticket"},
	{"Reply", support.Reply, [5]bool{true, true, true, true, false}, "the %s role cannot comment"},
	{"SeeInternal", support.SeeInternal, [5]bool{true, true, true, false, true}, "partners cannot write internal notes"},
	{"ReadHistory", support.ReadHistory, [5]bool{true, true, true, false, true}, "the history of a ticket is internal"},
	{"ReadQueues", support.ReadQueues, [5]bool{true, true, true, false, true},
		"partners cannot read queues, which hold every account's tickets: list your customers' with GET /api/v1/tickets"},
	{"TakeTickets", support.TakeTickets, [5]bool{true, true, true, false, false}, "the %s role cannot take tickets"},
	{"ListUsers", support.ListUsers, [5]bool{true, true, false, false, false}, "listing users needs the admin or lead role"},
	{"ManageUsers", support.ManageUsers, [5]bool{true, false, false, false, false}, "adding users needs the admin role"},
	{"AddAccounts", support.AddAccounts, [5]bool{true, true, false, false, false}, "adding accounts needs the admin or lead role"},
}

// The matrix covers every role and every action there is, so that a new
// one cannot go untested.
func TestPolicyMatrixIsComplete(t *testing.T) {
	var roles []string
	for _, r := range policyRoles {
		roles = append(roles, string(r))
	}
	if !slices.Equal(roles, support.Roles.Values()) {
		t.Errorf("matrix roles %v, support.Roles %v: add the new role's column", roles, support.Roles.Values())
	}
	for i, row := range policyMatrix {
		if row.action != support.Action(i) {
			t.Errorf("row %d (%s) is action %d: the matrix must list the actions in order, each once", i, row.name, row.action)
		}
	}
	if last := policyMatrix[len(policyMatrix)-1].action; last != support.AddAccounts {
		t.Errorf("the matrix ends at action %d, want AddAccounts (%d) as the last action", last, support.AddAccounts)
	}
}

func TestUserCan(t *testing.T) {
	for _, row := range policyMatrix {
		for i, role := range policyRoles {
			u := support.User{Role: role, AccountID: 7}
			if got := u.Can(row.action); got != row.allowed[i] {
				t.Errorf("%s.Can(%s) = %t, want %t", role, row.name, got, row.allowed[i])
			}
		}
	}
}

func TestUserCheck(t *testing.T) {
	for _, row := range policyMatrix {
		for i, role := range policyRoles {
			err := support.User{Role: role}.Check(row.action)
			if row.allowed[i] {
				if err != nil {
					t.Errorf("%s.Check(%s) = %v, want nil", role, row.name, err)
				}
				continue
			}
			want := row.refusal
			if strings.Contains(want, "%s") {
				want = fmt.Sprintf(want, role)
			}
			var ferr *support.ForbiddenError
			switch {
			case !errors.As(err, &ferr):
				t.Errorf("%s.Check(%s) = %T %v, want a *ForbiddenError", role, row.name, err, err)
			case ferr.Message != want || err.Error() != want:
				t.Errorf("%s.Check(%s) says %q, want %q", role, row.name, err, want)
			}
			if !errors.Is(err, support.ErrForbidden) {
				t.Errorf("%s.Check(%s) is not ErrForbidden", role, row.name)
			}
			if errors.Is(err, support.ErrNotFound) {
				t.Errorf("%s.Check(%s) is ErrNotFound", role, row.name)
			}
		}
	}
}

// A few refusals spelled out in full, so that the role's name in them is
// not only checked by the same Sprintf the code uses.
func TestUserCheckNamesTheRole(t *testing.T) {
	for _, c := range []struct {
		role   support.Role
		action support.Action
		want   string
	}{
		{support.RoleReadonly, support.OpenTicket, "the readonly role cannot open tickets"},
		{support.RolePartner, support.EditTicket, "the partner role cannot update tickets"},
		{support.RoleReadonly, support.EditTicket, "the readonly role cannot update tickets"},
		{support.RoleReadonly, support.Reply, "the readonly role cannot comment"},
		{support.RolePartner, support.TakeTickets, "the partner role cannot take tickets"},
		{support.RoleReadonly, support.TakeTickets, "the readonly role cannot take tickets"},
		{support.RoleEngineer, support.AssignToOthers, "engineers can assign tickets only to themselves; a lead assigns to others"},
		{support.RoleLead, support.ManageUsers, "adding users needs the admin role"},
	} {
		err := support.User{Role: c.role}.Check(c.action)
		if err == nil || err.Error() != c.want {
			t.Errorf("%s.Check(%d) = %v, want %q", c.role, c.action, err, c.want)
		}
		if err != nil && strings.Contains(err.Error(), "%") {
			t.Errorf("%s.Check(%d) left a verb in %q", c.role, c.action, err)
		}
	}
}

// A refusal stays ErrForbidden when a caller wraps it.
func TestForbiddenErrorWrapped(t *testing.T) {
	err := fmt.Errorf("ticket 4: %w", support.User{Role: support.RoleReadonly}.Check(support.EditTicket))
	if !errors.Is(err, support.ErrForbidden) {
		t.Errorf("wrapped refusal %v is not ErrForbidden", err)
	}
	var ferr *support.ForbiddenError
	if !errors.As(err, &ferr) || ferr.Message != "the readonly role cannot update tickets" {
		t.Errorf("wrapped refusal %v lost its *ForbiddenError", err)
	}
}

func TestUserCheckAs(t *testing.T) {
	const msg = "issuing a token for another user needs the admin role"
	for _, row := range policyMatrix {
		for i, role := range policyRoles {
			err := support.User{Role: role}.CheckAs(row.action, msg)
			if row.allowed[i] {
				if err != nil {
					t.Errorf("%s.CheckAs(%s) = %v, want nil", role, row.name, err)
				}
				continue
			}
			var ferr *support.ForbiddenError
			if !errors.As(err, &ferr) || ferr.Message != msg || err.Error() != msg {
				t.Errorf("%s.CheckAs(%s) = %v, want a *ForbiddenError saying %q", role, row.name, err, msg)
			}
			if !errors.Is(err, support.ErrForbidden) {
				t.Errorf("%s.CheckAs(%s) is not ErrForbidden", role, row.name)
			}
		}
	}
	// The message is used as is, never as a format.
	err := support.User{Role: support.RoleReadonly}.CheckAs(support.ManageUsers, "the %s role: 100%")
	if err == nil || err.Error() != "the %s role: 100%" {
		t.Errorf("CheckAs rewrote its message: %v", err)
	}
}

// An action the policy does not know is refused to everyone, admin too;
// so is every action to a role it does not know.
func TestPolicyRefusesTheUnknown(t *testing.T) {
	unknown := []support.Action{-1, support.AddAccounts + 1, 1000}
	for _, a := range unknown {
		for _, role := range policyRoles {
			u := support.User{Role: role, AccountID: 7}
			if u.Can(a) {
				t.Errorf("%s.Can(%d) = true for an unknown action", role, a)
			}
			if err := u.Check(a); !errors.Is(err, support.ErrForbidden) {
				t.Errorf("%s.Check(%d) = %v, want ErrForbidden", role, a, err)
			}
			if err := u.CheckAs(a, "no"); !errors.Is(err, support.ErrForbidden) || err.Error() != "no" {
				t.Errorf("%s.CheckAs(%d) = %v, want ErrForbidden saying no", role, a, err)
			}
		}
	}
	for _, role := range []support.Role{"", "Admin", "ADMIN", "superuser", " admin"} {
		for _, row := range policyMatrix {
			if (support.User{Role: role}).Can(row.action) {
				t.Errorf("unknown role %q may %s", role, row.name)
			}
		}
	}
}

func TestRoleInOrganisation(t *testing.T) {
	for _, c := range []struct {
		role support.Role
		want bool
	}{
		{support.RoleAdmin, false},
		{support.RoleLead, false},
		{support.RoleEngineer, false},
		{support.RolePartner, true},
		{support.RoleReadonly, false},
		{"", false},
	} {
		if got := c.role.InOrganisation(); got != c.want {
			t.Errorf("%q.InOrganisation() = %t, want %t", c.role, got, c.want)
		}
		if got := (support.User{Role: c.role, AccountID: 3}).SpeaksForRequester(); got != c.want {
			t.Errorf("%q user SpeaksForRequester() = %t, want %t", c.role, got, c.want)
		}
	}
}

func TestUserVisibleAccount(t *testing.T) {
	for _, c := range []struct {
		user        support.User
		want        int64
		wantLimited bool
	}{
		{support.User{Role: support.RolePartner, AccountID: 10}, 10, true},
		{support.User{Role: support.RolePartner, AccountID: 0}, 0, true},
		{support.User{Role: support.RoleAdmin, AccountID: 10}, 0, false},
		{support.User{Role: support.RoleLead, AccountID: 10}, 0, false},
		{support.User{Role: support.RoleEngineer, AccountID: 10}, 0, false},
		{support.User{Role: support.RoleReadonly, AccountID: 10}, 0, false},
		{support.User{Role: support.RoleEngineer}, 0, false},
	} {
		if got, limited := c.user.VisibleAccount(); got != c.want || limited != c.wantLimited {
			t.Errorf("%s with account %d: VisibleAccount() = %d, %t; want %d, %t", c.user.Role, c.user.AccountID, got, limited, c.want, c.wantLimited)
		}
	}
}

func TestUserCanSeeAccount(t *testing.T) {
	partner := support.User{Role: support.RolePartner, AccountID: 10}
	own := support.Account{ID: 10, Kind: "partner"}
	served := support.Account{ID: 11, Kind: "customer", PartnerID: 10}
	otherPartners := support.Account{ID: 12, Kind: "customer", PartnerID: 99}
	direct := support.Account{ID: 13, Kind: "customer"}
	otherPartner := support.Account{ID: 99, Kind: "partner"}
	for _, c := range []struct {
		name    string
		user    support.User
		account support.Account
		want    bool
	}{
		{"partner, its own account", partner, own, true},
		{"partner, a customer it serves", partner, served, true},
		{"partner, another partner's customer", partner, otherPartners, false},
		{"partner, a direct customer", partner, direct, false},
		{"partner, another partner", partner, otherPartner, false},
		// A partner user of no account (bad data) sees none, not all.
		{"orphan partner, a direct customer", support.User{Role: support.RolePartner}, direct, false},
		{"orphan partner, a partner", support.User{Role: support.RolePartner}, otherPartner, false},
	} {
		if got := c.user.CanSeeAccount(c.account); got != c.want {
			t.Errorf("%s: CanSeeAccount = %t, want %t", c.name, got, c.want)
		}
	}
	for _, role := range []support.Role{support.RoleAdmin, support.RoleLead, support.RoleEngineer, support.RoleReadonly} {
		for _, a := range []support.Account{own, served, otherPartners, direct, otherPartner} {
			if !(support.User{Role: role}).CanSeeAccount(a) {
				t.Errorf("%s cannot see account %d", role, a.ID)
			}
		}
	}
}

func TestUserCanSeeTicket(t *testing.T) {
	partner := support.User{Role: support.RolePartner, AccountID: 10}
	orphan := support.User{Role: support.RolePartner} // a partner with no account
	cases := []struct {
		name           string
		user           support.User
		ticket         support.Ticket
		accountPartner int64
		want           bool
	}{
		{"partner, its own account's ticket", partner, support.Ticket{ID: 1, AccountID: 10}, 0, true},
		{"partner, a served customer's ticket", partner, support.Ticket{ID: 2, AccountID: 11}, 10, true},
		{"partner, another partner's customer", partner, support.Ticket{ID: 3, AccountID: 12}, 99, false},
		{"partner, a direct customer's ticket", partner, support.Ticket{ID: 4, AccountID: 13}, 0, false},
		{"partner, an internal request", partner, support.Ticket{ID: 5, AccountID: 0}, 0, false},
		{"no account, an internal request", orphan, support.Ticket{ID: 6, AccountID: 0}, 0, false},
		{"no account, a direct customer's ticket", orphan, support.Ticket{ID: 7, AccountID: 13}, 0, false},
		{"no account, a served customer's ticket", orphan, support.Ticket{ID: 8, AccountID: 11}, 10, false},
	}
	for _, role := range []support.Role{support.RoleAdmin, support.RoleLead, support.RoleEngineer, support.RoleReadonly} {
		for _, tk := range []support.Ticket{{ID: 1, AccountID: 10}, {ID: 3, AccountID: 12}, {ID: 5}} {
			cases = append(cases, struct {
				name           string
				user           support.User
				ticket         support.Ticket
				accountPartner int64
				want           bool
			}{fmt.Sprintf("%s, ticket %d", role, tk.ID), support.User{Role: role}, tk, 99, true})
		}
	}
	for _, c := range cases {
		if got := c.user.CanSeeTicket(c.ticket, c.accountPartner); got != c.want {
			t.Errorf("%s: CanSeeTicket = %t, want %t", c.name, got, c.want)
		}
	}
}
