package support

import (
	"fmt"
	"slices"
	"strings"
)

// NewUser is the body of POST /api/v1/users: the user to add.
type NewUser struct {
	Email     string   `json:"email"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	Region    string   `json:"region"`
	Tier      string   `json:"tier,omitempty"`
	AccountID int64    `json:"account_id,omitempty"`
	Divisions []string `json:"divisions,omitempty"`
	Languages []string `json:"languages,omitempty"`
	WIPLimit  int      `json:"wip_limit,omitempty"`
}

// User is the user n asks for, before Normalize.
func (n NewUser) User() User {
	return User{Email: n.Email, Name: n.Name, Role: Role(n.Role), Region: n.Region, Tier: n.Tier, AccountID: n.AccountID,
		Divisions: n.Divisions, Languages: n.Languages, WIPLimit: n.WIPLimit}
}

// Normalize fills defaults and checks a new user.
func (u *User) Normalize() error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if err := CheckEmail("email", u.Email); err != nil {
		return err
	}
	u.Name = strings.TrimSpace(u.Name)
	if err := checkText(textField{"name", u.Name}); err != nil {
		return err
	}
	if u.Name == "" {
		u.Name = u.Email
	}
	setDefault(&u.Tier, "frontline")
	if err := CheckEnums(
		EnumField{Roles, "role", string(u.Role)},
		EnumField{Regions, "region", u.Region},
		EnumField{Tiers, "tier", u.Tier},
	); err != nil {
		return err
	}
	switch {
	case u.Role.InOrganisation() && u.AccountID == 0:
		return &ValidationError{Field: "account_id", Message: "a partner user needs the account_id of its partner organisation"}
	case !u.Role.InOrganisation() && u.AccountID != 0:
		return &ValidationError{Field: "account_id", Message: "only a partner user belongs to an account: leave account_id out for the " + string(u.Role) + " role"}
	}
	var err error
	if u.Divisions, err = normalizeSkills(Divisions, "divisions", u.Divisions); err != nil {
		return err
	}
	if u.Languages, err = normalizeSkills(Languages, "languages", u.Languages); err != nil {
		return err
	}
	if u.WIPLimit < 0 {
		return &ValidationError{Field: "wip_limit", Message: fmt.Sprintf("invalid wip_limit %d: give 0 for the default (%d) or a positive number", u.WIPLimit, DefaultWIPLimit)}
	}
	return nil
}

// Takes reports whether u's skills cover a ticket in division and
// language; an empty skill list covers any.
func (u User) Takes(division, language string) bool {
	return (len(u.Divisions) == 0 || slices.Contains(u.Divisions, division)) &&
		(len(u.Languages) == 0 || slices.Contains(u.Languages, language))
}

// TakesDivision reports whether u's skills cover a ticket in division.
func (u User) TakesDivision(division string) bool {
	return len(u.Divisions) == 0 || slices.Contains(u.Divisions, division)
}

// normalizeSkills lower-cases a skill list, checks each value against enum
// and returns the values once each, in the enum's order.
func normalizeSkills(enum Enum, field string, values []string) ([]string, error) {
	out := make([]string, 0, len(values))
	for _, v := range values {
		v = strings.ToLower(strings.TrimSpace(v))
		if err := enum.Check(field, v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b string) int { return enum.Index(a) - enum.Index(b) })
	return slices.Compact(out), nil
}

// Normalize checks a new account.
func (a *Account) Normalize() error {
	a.Name = strings.TrimSpace(a.Name)
	if a.Name == "" {
		return &ValidationError{Field: "name", Message: "account name is required"}
	}
	setDefault(&a.Plan, "standard")
	return CheckEnums(
		EnumField{AccountKinds, "kind", a.Kind},
		EnumField{Plans, "plan", a.Plan},
		EnumField{Regions, "region", a.Region},
	)
}
