package support

import "strings"

// Normalize fills defaults and checks a new user.
func (u *User) Normalize() error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	if at := strings.IndexByte(u.Email, '@'); at <= 0 || at == len(u.Email)-1 || strings.ContainsAny(u.Email, " \t\n") {
		return &ValidationError{Field: "email", Message: "invalid email \"" + u.Email + "\""}
	}
	u.Name = strings.TrimSpace(u.Name)
	if u.Name == "" {
		u.Name = u.Email
	}
	setDefault(&u.Tier, "frontline")
	if err := CheckEnums(
		EnumField{Roles, "role", u.Role},
		EnumField{Regions, "region", u.Region},
		EnumField{Tiers, "tier", u.Tier},
	); err != nil {
		return err
	}
	if u.Role == "partner" && u.AccountID == 0 {
		return &ValidationError{Field: "account_id", Message: "a partner user needs the account_id of its partner organisation"}
	}
	return nil
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
