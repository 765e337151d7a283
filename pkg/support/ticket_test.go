package support

import (
	"errors"
	"testing"
)

func TestCommentFromRequester(t *testing.T) {
	reply := NewComment{Body: "The job ran fine after the restart.", FromRequester: true}
	if err := reply.Normalize(); err != nil {
		t.Errorf("a public reply from the requester: %v", err)
	}
	note := NewComment{Body: "Customer called.", Internal: true, FromRequester: true}
	var verr *ValidationError
	if err := note.Normalize(); !errors.As(err, &verr) || verr.Field != "from_requester" {
		t.Errorf("internal note from the requester: err = %v, want a validation error on from_requester", err)
	}
}
