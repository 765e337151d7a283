package support

import (
	"fmt"
	"slices"
	"strings"
)

// Choice is one allowed value of an enumeration with a short description,
// used by flag validation, help text and shell completion.
type Choice struct {
	Value       string
	Description string
}

// Enum is an ordered set of allowed values.
type Enum struct {
	Name    string
	Choices []Choice
}

// With is the enum with extra choices after its own, such as "all" where a
// filter takes it.
func (e Enum) With(extra ...Choice) Enum {
	return Enum{Name: e.Name, Choices: append(slices.Clone(e.Choices), extra...)}
}

// Values lists the allowed values in order.
func (e Enum) Values() []string {
	out := make([]string, len(e.Choices))
	for i, c := range e.Choices {
		out[i] = c.Value
	}
	return out
}

// Has reports whether v is one of the allowed values.
func (e Enum) Has(v string) bool {
	for _, c := range e.Choices {
		if c.Value == v {
			return true
		}
	}
	return false
}

// Index is the position of v in the enumeration, or -1.
func (e Enum) Index(v string) int {
	for i, c := range e.Choices {
		if c.Value == v {
			return i
		}
	}
	return -1
}

// Check returns a ValidationError naming field when v is not allowed.
func (e Enum) Check(field, v string) error {
	if e.Has(v) {
		return nil
	}
	return &ValidationError{Field: field, Message: fmt.Sprintf("invalid %s %q: valid values are %s", e.Name, v, strings.Join(e.Values(), ", "))}
}

var (
	Roles = Enum{Name: "role", Choices: []Choice{
		{"admin", "manages users, tokens and settings"},
		{"lead", "team lead: assigns and escalates"},
		{"engineer", "works tickets"},
		{"partner", "reseller: sees its own organisation's tickets, never internal notes"},
		{"readonly", "reads, never writes"},
	}}
	Statuses = Enum{Name: "status", Choices: []Choice{
		{"new", "not yet looked at"},
		{"open", "being worked"},
		{"pending_customer", "waiting on the customer"},
		{"pending_engineering", "waiting on the development team"},
		{"on_hold", "parked for another reason"},
		{"solved", "answer given, awaiting confirmation"},
		{"closed", "done; cannot be reopened"},
	}}
	Severities = Enum{Name: "severity", Choices: []Choice{
		{"S1", "production down"},
		{"S2", "production impaired"},
		{"S3", "non-production issue or question"},
		{"S4", "request or information"},
	}}
	Divisions = Enum{Name: "division", Choices: []Choice{
		{"core", "core platform"},
		{"sql", "SQL engines"},
		{"yarn", "YARN and MapReduce"},
		{"spark", "Spark"},
	}}
	Regions = Enum{Name: "region", Choices: []Choice{
		{"americas-west", "San Jose"},
		{"americas-east", "Philadelphia"},
		{"emea-de", "Germany"},
		{"apac-in", "Hyderabad"},
		{"apac-jp", "Tokyo"},
		{"apac-kr", "Seoul"},
	}}
	Languages = Enum{Name: "language", Choices: []Choice{
		{"en", "English"},
		{"ja", "Japanese"},
		{"ko", "Korean"},
	}}
	Channels = Enum{Name: "channel", Choices: []Choice{
		{"portal", "support portal"},
		{"email", "email"},
		{"phone", "phone"},
		{"api", "API"},
	}}
	RequesterKinds = Enum{Name: "requester kind", Choices: []Choice{
		{"customer", "a customer's contact"},
		{"partner", "a reseller's contact"},
		{"internal", "sales or a sales engineer"},
	}}
	Tiers = Enum{Name: "tier", Choices: []Choice{
		{"frontline", "first line"},
		{"backline", "deep technical support"},
	}}
	AccountKinds = Enum{Name: "account kind", Choices: []Choice{
		{"customer", "a customer organisation"},
		{"partner", "a reseller organisation"},
	}}
	Plans = Enum{Name: "plan", Choices: []Choice{
		{"standard", "business hours"},
		{"premium", "24x7 for S1"},
	}}
	TicketSorts = Enum{Name: "sort", Choices: []Choice{
		{"updated", "most recently updated first"},
		{"created", "newest first"},
		{"severity", "most severe first, then newest"},
		{"breach", "earliest SLA breach first; tickets with no clock running last"},
	}}
)

// SeverityRank orders severities: S1 is 1, S4 is 4.
func SeverityRank(s string) int { return Severities.Index(s) + 1 }

// EnumField is a value to check against an enumeration, named by its field.
type EnumField struct {
	Enum  Enum
	Field string
	Value string
}

// CheckEnums returns the first field whose value is not allowed.
func CheckEnums(fields ...EnumField) error {
	for _, f := range fields {
		if err := f.Enum.Check(f.Field, f.Value); err != nil {
			return err
		}
	}
	return nil
}
