// Package support holds the domain of supctl: users, accounts, tickets,
// comments and their typed events, the enumerations that name their
// states, the roles and the policy of who may do what (policy.go), and the
// pure rules that decide which changes are allowed: a ticket's lifecycle,
// claims and pick order, work-in-progress limits. The use cases of
// pkg/service apply them; the stores hold none, so there is one place to
// read them.
package support
