package support

import "time"

// TicketSLA is a ticket's SLA clocks as the API shows them.
type TicketSLA struct {
	TicketID      int64      `json:"ticket_id"`
	PolicyVersion int        `json:"policy_version"`
	Plan          string     `json:"plan"`
	Schedule      string     `json:"schedule"` // the customer's schedule, by region
	Timezone      string     `json:"timezone"` // of that schedule
	NextBreach    *time.Time `json:"next_breach"`
	Clocks        []SLAClock `json:"clocks"`
}

// SLAClock is one clock: first response, next update or resolution.
// Durations are whole seconds; business ones count only the schedule's
// open hours.
type SLAClock struct {
	Kind                 string     `json:"kind"`  // first_response, next_update, resolution
	State                string     `json:"state"` // running, paused, outside_hours, fulfilled, breached
	PauseReason          string     `json:"pause_reason,omitempty"`
	Severity             string     `json:"severity"` // whose policy set the target
	Target               string     `json:"target"`   // e.g. "4h business", "1h calendar"
	Business             bool       `json:"business"`
	StartedAt            *time.Time `json:"started_at"`
	DueAt                *time.Time `json:"due_at"` // the breach instant; null while paused or once fulfilled
	FulfilledAt          *time.Time `json:"fulfilled_at"`
	BreachedAt           *time.Time `json:"breached_at"`
	ElapsedSeconds       int64      `json:"elapsed_seconds"`
	RemainingSeconds     int64      `json:"remaining_seconds"`
	WallElapsedSeconds   int64      `json:"wall_elapsed_seconds"`
	WallRemainingSeconds int64      `json:"wall_remaining_seconds"`
}
