package support

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits on ticket text, enforced before anything is stored.
const (
	MaxSubjectLen     = 300    // characters
	MaxDescriptionLen = 100000 // characters
	MaxCommentLen     = 100000 // characters
	MaxTagLen         = 50
	MaxTags           = 30
)

// NewTicket is what a caller supplies to open a ticket.
type NewTicket struct {
	Subject        string   `json:"subject"`
	Description    string   `json:"description"`
	Severity       string   `json:"severity,omitempty"`
	Division       string   `json:"division"`
	Region         string   `json:"region"`
	Language       string   `json:"language,omitempty"`
	Channel        string   `json:"channel,omitempty"`
	RequesterKind  string   `json:"requester_kind,omitempty"`
	RequesterName  string   `json:"requester_name"`
	RequesterEmail string   `json:"requester_email"`
	AccountID      int64    `json:"account_id,omitempty"`
	ProductVersion string   `json:"product_version"`
	Environment    string   `json:"environment"`
	Tags           []string `json:"tags,omitempty"`
}

// Normalize fills defaults and checks every field. An internal request may
// have no account; a customer's or partner's must.
func (n *NewTicket) Normalize() error {
	n.Subject = strings.TrimSpace(n.Subject)
	if n.Subject == "" {
		return &ValidationError{Field: "subject", Message: "subject is required"}
	}
	if utf8.RuneCountInString(n.Subject) > MaxSubjectLen {
		return &ValidationError{Field: "subject", Message: fmt.Sprintf("subject is longer than %d characters", MaxSubjectLen)}
	}
	if utf8.RuneCountInString(n.Description) > MaxDescriptionLen {
		return &ValidationError{Field: "description", Message: fmt.Sprintf("description is longer than %d characters", MaxDescriptionLen)}
	}
	if err := checkText(textField{"subject", n.Subject}, textField{"description", n.Description}, textField{"requester_name", n.RequesterName},
		textField{"product_version", n.ProductVersion}, textField{"environment", n.Environment}); err != nil {
		return err
	}
	if n.RequesterEmail != "" {
		if err := CheckEmail("requester_email", n.RequesterEmail); err != nil {
			return err
		}
	}
	setDefault(&n.Severity, "S3")
	setDefault(&n.Language, "en")
	setDefault(&n.Channel, "portal")
	setDefault(&n.RequesterKind, "customer")
	if err := CheckEnums(
		EnumField{Severities, "severity", n.Severity},
		EnumField{Divisions, "division", n.Division},
		EnumField{Regions, "region", n.Region},
		EnumField{Languages, "language", n.Language},
		EnumField{Channels, "channel", n.Channel},
		EnumField{RequesterKinds, "requester_kind", n.RequesterKind},
	); err != nil {
		return err
	}
	if n.AccountID == 0 && n.RequesterKind != "internal" {
		return &ValidationError{Field: "account_id", Message: "account_id is required unless requester_kind is internal"}
	}
	tags, err := NormalizeTags(n.Tags)
	if err != nil {
		return err
	}
	n.Tags = tags
	return nil
}

func setDefault(field *string, value string) {
	if *field == "" {
		*field = value
	}
}

// NormalizeTags lower-cases, trims, de-duplicates and sorts tags.
func NormalizeTags(tags []string) ([]string, error) {
	out := make([]string, 0, len(tags))
	for _, t := range tags {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" {
			continue
		}
		if utf8.RuneCountInString(t) > MaxTagLen || strings.ContainsAny(t, " \t\n,\x00") {
			return nil, &ValidationError{Field: "tags", Message: fmt.Sprintf("invalid tag %q: tags are at most %d characters, without spaces or commas", t, MaxTagLen)}
		}
		out = append(out, t)
	}
	slices.Sort(out)
	out = slices.Compact(out)
	if len(out) > MaxTags {
		return nil, &ValidationError{Field: "tags", Message: fmt.Sprintf("a ticket has at most %d tags", MaxTags)}
	}
	return out, nil
}

// TicketPatch is a partial update. Nil fields are left alone.
type TicketPatch struct {
	Status   *string `json:"status,omitempty"`
	Severity *string `json:"severity,omitempty"`
	Subject  *string `json:"subject,omitempty"`
	Tier     *string `json:"tier,omitempty"`
	// Assignee is an email; the empty string unassigns.
	Assignee   *string  `json:"assignee,omitempty"`
	AddTags    []string `json:"add_tags,omitempty"`
	RemoveTags []string `json:"remove_tags,omitempty"`
	// Version is the version the caller read; when set, a stale write fails.
	Version *int `json:"version,omitempty"`
}

// Empty reports whether the patch changes nothing.
func (p TicketPatch) Empty() bool {
	return p.Status == nil && p.Severity == nil && p.Subject == nil && p.Tier == nil && p.Assignee == nil &&
		len(p.AddTags) == 0 && len(p.RemoveTags) == 0
}

// Apply returns the ticket with the patch applied, or the rule it breaks.
// The caller bumps the version and the update time.
func (p TicketPatch) Apply(t Ticket) (Ticket, error) {
	if p.Empty() {
		return t, &ValidationError{Field: "", Message: "nothing to update: give at least one of status, severity, subject, tier, assignee, add_tags, remove_tags"}
	}
	next := t
	if p.Status != nil {
		if err := Statuses.Check("status", *p.Status); err != nil {
			return t, err
		}
		if t.Status == "closed" && *p.Status != "closed" {
			return t, &ValidationError{Field: "status", Message: "a closed ticket cannot be reopened: create a follow-up ticket instead"}
		}
		next.Status = *p.Status
	}
	if p.Severity != nil {
		if err := Severities.Check("severity", *p.Severity); err != nil {
			return t, err
		}
		next.Severity = *p.Severity
	}
	if p.Subject != nil {
		subject := strings.TrimSpace(*p.Subject)
		if subject == "" || utf8.RuneCountInString(subject) > MaxSubjectLen {
			return t, &ValidationError{Field: "subject", Message: fmt.Sprintf("subject must be 1 to %d characters", MaxSubjectLen)}
		}
		if err := checkText(textField{"subject", subject}); err != nil {
			return t, err
		}
		next.Subject = subject
	}
	if p.Tier != nil {
		if err := Tiers.Check("tier", *p.Tier); err != nil {
			return t, err
		}
		next.Tier = *p.Tier
	}
	if p.Assignee != nil {
		next.Assignee = strings.ToLower(strings.TrimSpace(*p.Assignee))
	}
	if len(p.AddTags) > 0 || len(p.RemoveTags) > 0 {
		remove, err := NormalizeTags(p.RemoveTags)
		if err != nil {
			return t, err
		}
		tags := slices.DeleteFunc(slices.Clone(t.Tags), func(s string) bool { return slices.Contains(remove, s) })
		tags, err = NormalizeTags(append(tags, p.AddTags...))
		if err != nil {
			return t, err
		}
		next.Tags = tags
	}
	return next, nil
}

// NewComment is a reply or note to add to a ticket.
type NewComment struct {
	Body     string `json:"body"`
	Internal bool   `json:"internal"`
	// FromRequester marks a public reply from the customer or partner,
	// entered by an engineer on their behalf (email, phone): the SLA clocks
	// count it as the customer's, not as a response.
	FromRequester bool `json:"from_requester"`
}

// Normalize checks the comment.
func (c *NewComment) Normalize() error {
	if strings.TrimSpace(c.Body) == "" {
		return &ValidationError{Field: "body", Message: "comment body is empty"}
	}
	if err := checkText(textField{"body", c.Body}); err != nil {
		return err
	}
	if utf8.RuneCountInString(c.Body) > MaxCommentLen {
		return &ValidationError{Field: "body", Message: fmt.Sprintf("comment body is longer than %d characters", MaxCommentLen)}
	}
	if c.Internal && c.FromRequester {
		return &ValidationError{Field: "from_requester", Message: "a reply from the requester is public: it cannot also be an internal note"}
	}
	return nil
}
