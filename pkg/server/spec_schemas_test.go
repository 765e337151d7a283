package server

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/service"
	"github.com/supctl/supctl/pkg/support"
)

// The tests in this file hold every schema in the spec's components to Go:
// an object schema to the type the server sends or receives as it, a string
// enum to its support.Enum. The list comes from the spec, so a schema added
// there without a Go counterpart fails until it gets one or an exception
// that says why it has none. The tests live in package server because some
// of the types are the handlers' own (problem, issuedToken, tokenList).

// specType is the Go type behind an object schema. For a response its
// required fields must be the JSON fields that are never omitted; a request
// is only held to its field names, as clients may leave any out.
type specType struct {
	typ      reflect.Type
	response bool
}

func sent[T any]() specType     { return specType{reflect.TypeFor[T](), true} }
func received[T any]() specType { return specType{reflect.TypeFor[T](), false} }

// specTypes maps object schemas to the Go types that carry them.
var specTypes = map[string]specType{
	"Problem":     sent[problem](),
	"User":        sent[support.User](),
	"NewUser":     received[support.NewUser](),
	"TokenGrant":  sent[service.IssuedToken](),
	"NewToken":    received[service.TokenRequest](),
	"Token":       sent[support.Token](),
	"TokenList":   sent[service.TokenList](),
	"Account":     sent[support.Account](),
	"Ticket":      sent[support.Ticket](),
	"TicketPage":  sent[support.TicketPage](),
	"NewTicket":   received[support.NewTicket](),
	"TicketPatch": received[support.TicketPatch](),
	"Comment":     sent[support.Comment](),
	"NewComment":  received[support.NewComment](),
	"Event":       sent[support.Event](),
	"QueueStat":   sent[support.QueueStat](),
	"NextRequest": received[support.NextRequest](),
	"Queue":       received[support.Queue](),
	"Pick":        sent[support.Pick](),
	"TicketSLA":   sent[support.TicketSLA](),
	"SLAClock":    sent[support.SLAClock](),
}

// specEnums maps string enum schemas to the domain's lists of values.
var specEnums = map[string]support.Enum{
	"Role":          support.Roles,
	"Status":        support.Statuses,
	"Severity":      support.Severities,
	"Division":      support.Divisions,
	"Region":        support.Regions,
	"Language":      support.Languages,
	"Channel":       support.Channels,
	"RequesterKind": support.RequesterKinds,
	"Tier":          support.Tiers,
	"AccountKind":   support.AccountKinds,
	"Plan":          support.Plans,
	"TicketSort":    support.TicketSorts,
}

// specExceptions are the schemas with no Go type to compare, and why. The
// bodies they describe are still checked, by the validating client of the
// handler tests; an entry here only says that no struct declares them.
var specExceptions = map[string]string{
	// One-field status bodies of the probes, written as map literals.
	"Health":    "GET /healthz writes map[string]string{\"status\": \"ok\"}",
	"Readiness": "GET /readyz writes map[string]string{\"status\": \"ready\"}",

	// List envelopes: the handlers write map[string]any{"<items>": list};
	// the item schema is in specTypes.
	"UserList":      "list envelope written as a map literal",
	"AccountList":   "list envelope written as a map literal",
	"TicketList":    "list envelope written as a map literal",
	"CommentList":   "list envelope written as a map literal",
	"EventList":     "list envelope written as a map literal",
	"QueueStatList": "list envelope written as a map literal",

	// Request envelopes the handlers decode into anonymous structs.
	"Reason": "skip and release decode it into an anonymous struct",
	// Decoded into support.Account, whose id and created_at the server
	// sets: the Account schema, not this one, is that type's shape.
	"NewAccount": "createAccount decodes it into support.Account",
}

// schemaCoverage reports the schemas of the spec that no table accounts for,
// the names that more than one table claims, and the table entries that
// name a schema the spec no longer has. tables maps a table's name to the
// schema names it holds.
func schemaCoverage(schemas []string, tables map[string][]string) []string {
	var problems []string
	claimed := map[string][]string{}
	for _, table := range slices.Sorted(maps.Keys(tables)) {
		for _, name := range tables[table] {
			claimed[name] = append(claimed[name], table)
			if !slices.Contains(schemas, name) {
				problems = append(problems, fmt.Sprintf("%s names schema %s, which the spec does not have", table, name))
			}
		}
	}
	for _, name := range schemas {
		switch by := claimed[name]; len(by) {
		case 0:
			problems = append(problems, fmt.Sprintf("schema %s has no Go type: add it to specTypes or specEnums, or to specExceptions saying why", name))
		case 1:
		default:
			problems = append(problems, fmt.Sprintf("schema %s is in more than one table: %s", name, strings.Join(by, ", ")))
		}
	}
	slices.Sort(problems)
	return problems
}

func TestSpecSchemasAreAllMapped(t *testing.T) {
	doc := servertest.LoadSpec(t)
	schemas := slices.Sorted(maps.Keys(doc.Components.Schemas))
	if len(schemas) == 0 {
		t.Fatal("the spec has no component schemas")
	}
	tables := map[string][]string{
		"specTypes":      slices.Sorted(maps.Keys(specTypes)),
		"specEnums":      slices.Sorted(maps.Keys(specEnums)),
		"specExceptions": slices.Sorted(maps.Keys(specExceptions)),
	}
	for _, p := range schemaCoverage(schemas, tables) {
		t.Error(p)
	}
}

func TestSchemaCoverageReports(t *testing.T) {
	schemas := []string{"Ticket", "TicketList", "Status", "Widget"}
	tables := map[string][]string{
		"specTypes":      {"Ticket", "Gadget"},
		"specEnums":      {"Status", "Ticket"},
		"specExceptions": {"TicketList"},
	}
	got := schemaCoverage(schemas, tables)
	want := []string{
		"schema Ticket is in more than one table: specEnums, specTypes",
		"schema Widget has no Go type: add it to specTypes or specEnums, or to specExceptions saying why",
		"specTypes names schema Gadget, which the spec does not have",
	}
	if !slices.Equal(got, want) {
		t.Errorf("schemaCoverage =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := schemaCoverage(schemas[:3], map[string][]string{"a": {"Ticket", "Status"}, "b": {"TicketList"}}); len(got) != 0 {
		t.Errorf("schemaCoverage of a covered spec = %q, want nothing", got)
	}
}

// TestSpecSchemasMatchTheDomain compares each mapped schema's properties
// with the JSON tags of its Go type and, for responses, its required fields
// with the tags that are never omitted.
func TestSpecSchemasMatchTheDomain(t *testing.T) {
	doc := servertest.LoadSpec(t)
	for _, name := range slices.Sorted(maps.Keys(specTypes)) {
		tc := specTypes[name]
		t.Run(name, func(t *testing.T) {
			ref := doc.Components.Schemas[name]
			if ref == nil {
				t.Skipf("schema %s is missing (TestSpecSchemasAreAllMapped reports it)", name)
			}
			fields, always := jsonFields(tc.typ)
			props := slices.Sorted(maps.Keys(ref.Value.Properties))
			if !slices.Equal(props, fields) {
				t.Errorf("properties = %v, want the JSON fields of %v: %v", props, tc.typ, fields)
			}
			if !tc.response {
				return
			}
			required := slices.Sorted(slices.Values(ref.Value.Required))
			if !slices.Equal(required, always) {
				t.Errorf("required = %v, want the fields %v never omits: %v", required, tc.typ, always)
			}
		})
	}
}

func TestSpecEnumsMatchTheDomain(t *testing.T) {
	doc := servertest.LoadSpec(t)
	for _, name := range slices.Sorted(maps.Keys(specEnums)) {
		schema := doc.Components.Schemas[name]
		if schema == nil {
			continue // TestSpecSchemasAreAllMapped reports it
		}
		var got []string
		for _, v := range schema.Value.Enum {
			got = append(got, fmt.Sprint(v))
		}
		if want := specEnums[name].Values(); !slices.Equal(got, want) {
			t.Errorf("schema %s enum = %v, want %v as in pkg/support", name, got, want)
		}
	}
}

// jsonFields returns the sorted JSON names of a struct's fields and those of
// them that are never omitted.
func jsonFields(typ reflect.Type) (all, always []string) {
	for f := range typ.Fields() {
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		all = append(all, name)
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") {
			always = append(always, name)
		}
	}
	slices.Sort(all)
	slices.Sort(always)
	return all, always
}
