package sla

import "time"

// DefaultPolicies is version 1 of the policies, in force until an admin
// adds another version. A business day is 9 hours, the length of the
// default 09:00-18:00 schedule, so "1 business day" is 9h business and a
// business week 45h business.
//
//	plan      sev  first response         next update              resolution
//	premium   S1   1h calendar (24x7)     4h calendar              24h calendar
//	premium   S2   4h business            9h business (daily)      45h business (5 days)
//	premium   S3   9h business (1 day)    18h business (2 days)    -
//	premium   S4   18h business (2 days)  45h business (weekly)    -
//	standard  S1   4h business            9h business (daily)      90h business (10 days)
//	standard  S2   9h business (1 day)    18h business (2 days)    -
//	standard  S3   18h business (2 days)  45h business (weekly)    -
//	standard  S4   27h business (3 days)  -                        -
//
// Only premium S1 runs around the clock; every other clock follows the
// customer's business hours and holidays.
func DefaultPolicies() PolicySet {
	calendar := func(h time.Duration) *Target { return &Target{Duration: h * time.Hour} }
	business := func(h time.Duration) *Target { return &Target{Duration: h * time.Hour, Business: true} }
	return PolicySet{Version: 1, Policies: []Policy{
		{Plan: "premium", Severity: "S1", FirstResponse: calendar(1), NextUpdate: calendar(4), Resolution: calendar(24)},
		{Plan: "premium", Severity: "S2", FirstResponse: business(4), NextUpdate: business(9), Resolution: business(45)},
		{Plan: "premium", Severity: "S3", FirstResponse: business(9), NextUpdate: business(18)},
		{Plan: "premium", Severity: "S4", FirstResponse: business(18), NextUpdate: business(45)},
		{Plan: "standard", Severity: "S1", FirstResponse: business(4), NextUpdate: business(9), Resolution: business(90)},
		{Plan: "standard", Severity: "S2", FirstResponse: business(9), NextUpdate: business(18)},
		{Plan: "standard", Severity: "S3", FirstResponse: business(18), NextUpdate: business(45)},
		{Plan: "standard", Severity: "S4", FirstResponse: business(27)},
	}}
}
