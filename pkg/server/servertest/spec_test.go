package servertest_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/supctl/supctl/pkg/server/servertest"
	"github.com/supctl/supctl/pkg/support"
)

// The spec's schemas and enums are held to their Go types in package server
// (spec_schemas_test.go), where the handlers' own types are in reach.

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
