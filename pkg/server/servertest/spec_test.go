package servertest_test

import (
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/support"
)

const problemRef = "#/components/schemas/Problem"

func TestSpecOperationsAreDocumented(t *testing.T) {
	doc := servertest.LoadSpec(t)
	ids := map[string]string{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			name := method + " " + path
			if op.OperationID == "" || op.Summary == "" || len(op.Tags) == 0 {
				t.Errorf("%s: needs an operationId, a summary and a tag", name)
			}
			if other, dup := ids[op.OperationID]; dup {
				t.Errorf("%s: operationId %q is also used by %s", name, op.OperationID, other)
			}
			ids[op.OperationID] = name
			checkProblemResponses(t, name, op)
			checkSecurity(t, doc, path, name, op)
			for _, status := range wantedStatuses(doc, item, op, method) {
				if op.Responses.Status(status) == nil {
					t.Errorf("%s: does not document its %d response", name, status)
				}
			}
		}
	}
	if len(ids) == 0 {
		t.Fatal("the spec has no operations")
	}
}

// checkProblemResponses requires every error response to be a problem document.
func checkProblemResponses(t *testing.T, name string, op *openapi3.Operation) {
	t.Helper()
	for code, ref := range op.Responses.Map() {
		if strings.HasPrefix(code, "2") {
			continue
		}
		content := ref.Value.Content
		media := content.Get("application/problem+json")
		if len(content) != 1 || media == nil || !isProblem(media.Schema) {
			t.Errorf("%s: %s response is not an application/problem+json Problem", name, code)
		}
	}
}

func isProblem(s *openapi3.SchemaRef) bool {
	if s == nil {
		return false
	}
	return s.Ref == problemRef || (len(s.Value.AllOf) > 0 && s.Value.AllOf[0].Ref == problemRef)
}

// checkSecurity requires bearer auth everywhere under /api/v1 and nowhere else.
func checkSecurity(t *testing.T, doc *openapi3.T, path, name string, op *openapi3.Operation) {
	t.Helper()
	security := doc.Security
	if op.Security != nil {
		security = *op.Security
	}
	protected := slices.ContainsFunc(security, func(r openapi3.SecurityRequirement) bool { _, ok := r["bearerAuth"]; return ok })
	if want := strings.HasPrefix(path, "/api/v1/"); protected != want {
		t.Errorf("%s: bearer auth required = %v, want %v", name, protected, want)
	}
}

// wantedStatuses lists the error responses an operation's shape implies.
func wantedStatuses(doc *openapi3.T, item *openapi3.PathItem, op *openapi3.Operation, method string) []int {
	// Every request passes the server's checks of its query and headers,
	// and every write can find the server's storage full.
	want := []int{http.StatusBadRequest, http.StatusRequestHeaderFieldsTooLarge}
	if method != http.MethodGet && method != http.MethodHead {
		want = append(want, http.StatusInsufficientStorage)
	}
	if op.Security == nil && len(doc.Security) > 0 {
		want = append(want, http.StatusUnauthorized, http.StatusInternalServerError)
	}
	if op.RequestBody != nil {
		want = append(want, http.StatusBadRequest, http.StatusRequestEntityTooLarge,
			http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
	}
	hasPathParam := func(p *openapi3.ParameterRef) bool { return p.Value.In == openapi3.ParameterInPath }
	if slices.ContainsFunc(item.Parameters, hasPathParam) || slices.ContainsFunc(op.Parameters, hasPathParam) {
		want = append(want, http.StatusBadRequest, http.StatusNotFound)
	}
	return want
}

func TestSpecEnumsMatchTheDomain(t *testing.T) {
	doc := servertest.LoadSpec(t)
	enums := map[string]support.Enum{
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
	for name, enum := range enums {
		schema := doc.Components.Schemas[name]
		if schema == nil {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var got []string
		for _, v := range schema.Value.Enum {
			got = append(got, v.(string))
		}
		if !slices.Equal(got, enum.Values()) {
			t.Errorf("schema %s enum = %v, want %v as in pkg/support", name, got, enum.Values())
		}
	}
}

func TestSpecLimitsMatchTheDomain(t *testing.T) {
	doc := servertest.LoadSpec(t)
	queues := doc.Components.Schemas["NextRequest"].Value.Properties["queues"].Value
	if queues.MaxItems == nil || *queues.MaxItems != uint64(support.MaxQueues) {
		t.Errorf("NextRequest.queues maxItems = %v, want support.MaxQueues = %d", queues.MaxItems, support.MaxQueues)
	}
	search := doc.Paths.Find("/api/v1/tickets").Get.Parameters.GetByInAndName("query", "q").Schema.Value
	if search.MaxLength == nil || *search.MaxLength != uint64(support.MaxSearch) {
		t.Errorf("the list's q maxLength = %v, want support.MaxSearch = %d", search.MaxLength, support.MaxSearch)
	}
}

// TestSpecSchemasMatchTheDomain compares each schema's properties with the
// JSON tags of the Go type that is sent or received, and, for responses,
// its required fields with the tags that are never omitted.
func TestSpecSchemasMatchTheDomain(t *testing.T) {
	doc := servertest.LoadSpec(t)
	cases := []struct {
		schema   string
		value    any
		response bool
	}{
		{"User", support.User{}, true},
		{"Account", support.Account{}, true},
		{"Ticket", support.Ticket{}, true},
		{"TicketPage", support.TicketPage{}, true},
		{"Comment", support.Comment{}, true},
		{"Event", support.Event{}, true},
		{"NewTicket", support.NewTicket{}, false},
		{"TicketPatch", support.TicketPatch{}, false},
		{"NewComment", support.NewComment{}, false},
		{"NewUser", support.NewUser{}, false},
	}
	for _, tc := range cases {
		t.Run(tc.schema, func(t *testing.T) {
			ref := doc.Components.Schemas[tc.schema]
			if ref == nil {
				t.Fatalf("schema %s is missing", tc.schema)
			}
			fields, always := jsonFields(reflect.TypeOf(tc.value))
			var props []string
			for name := range ref.Value.Properties {
				props = append(props, name)
			}
			slices.Sort(props)
			if !slices.Equal(props, fields) {
				t.Errorf("properties = %v, want the JSON fields %v", props, fields)
			}
			if !tc.response {
				return
			}
			required := slices.Sorted(slices.Values(ref.Value.Required))
			if !slices.Equal(required, always) {
				t.Errorf("required = %v, want the fields never omitted %v", required, always)
			}
		})
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
		if !strings.Contains(opts, "omitempty") {
			always = append(always, name)
		}
	}
	slices.Sort(all)
	slices.Sort(always)
	return all, always
}
