package support

import "errors"

// ValidationError is input that breaks a domain rule. Field names the
// offending field in its wire (snake_case) spelling.
type ValidationError struct {
	Field   string
	Message string
}

func (e *ValidationError) Error() string { return e.Message }

// Errors every store and the server share. Stores wrap them with detail;
// callers test with errors.Is.
var (
	ErrNotFound  = errors.New("not found")
	ErrForbidden = errors.New("not allowed")
	// ErrDuplicate is a create that collides with a unique value.
	ErrDuplicate = errors.New("already exists")
	// ErrIdempotencyMismatch is an Idempotency-Key reused for a different request.
	ErrIdempotencyMismatch = errors.New("idempotency key reused with a different request")
	// ErrStorageFull is a write refused because the store's storage, its
	// disk or the database's size limit, is full. Nothing of the write
	// was kept: it can be sent again once there is room.
	ErrStorageFull = errors.New("the server's storage is full")
)

// ConflictError is an update made against a version that is no longer current.
type ConflictError struct {
	Current int
	Wanted  int
}

func (e *ConflictError) Error() string {
	return "stale version: the ticket changed since it was read"
}
