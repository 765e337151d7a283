// Package sla computes SLA clocks: when a customer is owed a first
// response, the next update and a resolution, and whether each promise was
// kept. It is pure and deterministic: it reads no clock ("now" is always a
// parameter), does no I/O beyond loading a time zone, and never uses the
// machine's local zone, so a ticket's clocks are the same wherever they are
// computed.
//
// # Schedules
//
// A Schedule is a time zone with weekly business hours and holidays, or
// open around the clock. Clocks follow the customer's schedule (the
// account's support region, RegionSchedule), never the viewer's. Business
// time is counted only while the schedule is open; calendar time always.
//
// # Policies
//
// A Policy gives, for one support plan and severity, a Target for each
// clock, in business or calendar time; DefaultPolicies lists version 1.
// Policy sets are versioned (History): a ticket is measured for its whole
// life against the version in force when it was created.
//
// # Clocks
//
// Compute replays a ticket's events (created, engineer and customer public
// replies, status and severity changes) up to now:
//
//   - first_response starts at creation and is fulfilled by the first public
//     reply of an engineer. It never pauses.
//   - next_update is periodic. The first engineer reply starts a period and
//     each later engineer reply ends it (fulfilled) and starts the next,
//     so the clock shows the current period. Status pending_customer pauses
//     it (waiting_on_customer); pending_engineering and on_hold do not, as
//     the customer is owed updates while development works. A customer
//     reply ends a wait on the customer: the period restarts in full at the
//     oldest customer reply not yet answered, even before the status
//     changes. A customer reply never postpones a running period.
//   - resolution starts at creation and is fulfilled when the ticket is
//     solved. Status pending_customer pauses it (waiting_on_customer),
//     pending_engineering (waiting_on_engineering) and on_hold (on_hold).
//     Reopening a solved ticket resumes it with the time already consumed;
//     closed is final.
//   - Solving or closing a ticket fulfils every clock still open: nothing
//     more is owed.
//
// A paused clock consumes no time and has no breach instant; when it
// resumes, the remaining time continues, so a pause only ever moves the
// breach later. A running business-time clock is outside_hours while the
// schedule is closed; its breach instant stands. A clock breaches when an
// instant after its breach instant is reached unfulfilled, is then
// breached for good (a later reply fulfils it but it stays breached) and
// keeps that instant as DueAt.
//
// A severity change re-targets the open clocks (not fulfilled, not
// breached) with the new severity's policy, keeping the time they have
// consumed: a clock that has consumed more than its new target breaches at
// the change. A clock whose new policy has no target is no longer reported.
package sla
