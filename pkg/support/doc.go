// Package support holds the domain of supctl: users, accounts, tickets,
// comments and events, the enumerations that name their states, and the
// rules that decide which changes are allowed. The server, the stores and
// the tests all apply these rules from here, so there is one place to read
// them.
package support
