package server

import (
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/supctl/supctl/pkg/server/servertest"
)

// probeRoutes are the routes routes() registers outside the api() table.
var probeRoutes = []string{"GET /healthz", "GET /readyz"}

// TestRoutesMatchTheSpec holds the server's route table to the spec's
// operations: a route the spec does not document is an endpoint clients
// cannot know of, and an operation without a route is a promise the server
// answers with 404.
func TestRoutesMatchTheSpec(t *testing.T) {
	// api() takes method values only: no dependency is called.
	s := New(nil, nil)
	routes := append(slices.Collect(maps.Keys(s.api())), probeRoutes...)
	ops, err := specOperations(servertest.LoadSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range compareRoutes(routes, ops) {
		t.Error(p)
	}
}

// specOperations lists the spec's operations as http.ServeMux patterns,
// "METHOD /path/{param}", each path under the servers' base path: the spec
// may write its paths relative to a server URL such as
// https://host/api/v1, or in full with no servers, as it does today.
func specOperations(doc *openapi3.T) ([]string, error) {
	base := ""
	for i, srv := range doc.Servers {
		u, err := url.Parse(srv.URL)
		if err != nil {
			return nil, fmt.Errorf("server URL %q: %w", srv.URL, err)
		}
		p := strings.TrimSuffix(u.Path, "/")
		if i > 0 && p != base {
			return nil, fmt.Errorf("the servers' base paths differ (%q, %q): the routes can match only one", base, p)
		}
		base = p
	}
	var ops []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			ops = append(ops, method+" "+base+path)
		}
	}
	slices.Sort(ops)
	return ops, nil
}

// compareRoutes reports each route with no operation of the same method and
// path template, and each operation with no route. A route pattern without
// a method matches every method, which no single operation documents.
func compareRoutes(routes, ops []string) []string {
	var problems []string
	for _, r := range slices.Sorted(slices.Values(routes)) {
		if !strings.Contains(r, " ") {
			problems = append(problems, fmt.Sprintf("route %q has no method: it answers every method, which the spec cannot document", r))
			continue
		}
		if !slices.Contains(ops, r) {
			problems = append(problems, fmt.Sprintf("route %s has no operation in docs/api/openapi.yaml", r))
		}
	}
	for _, op := range slices.Sorted(slices.Values(ops)) {
		if !slices.Contains(routes, op) {
			problems = append(problems, fmt.Sprintf("operation %s has no route in the server", op))
		}
	}
	return problems
}

func TestCompareRoutesReports(t *testing.T) {
	ops := []string{"GET /api/v1/tickets", "GET /api/v1/tickets/{id}", "POST /api/v1/tickets", "DELETE /api/v1/tickets/{id}"}
	routes := []string{
		"GET /api/v1/tickets",
		// POST /api/v1/tickets is missing: an operation without a route.
		"GET /api/v1/tickets/{ticket}", // another parameter name than the spec's
		"DELETE /api/v1/tickets/{id}",
		"PUT /api/v1/tickets/{id}", // not in the spec
		"/api/v1/everything",
	}
	got := compareRoutes(routes, ops)
	want := []string{
		`route "/api/v1/everything" has no method: it answers every method, which the spec cannot document`,
		"route GET /api/v1/tickets/{ticket} has no operation in docs/api/openapi.yaml",
		"route PUT /api/v1/tickets/{id} has no operation in docs/api/openapi.yaml",
		"operation GET /api/v1/tickets/{id} has no route in the server",
		"operation POST /api/v1/tickets has no route in the server",
	}
	if !slices.Equal(got, want) {
		t.Errorf("compareRoutes =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if got := compareRoutes(ops, ops); len(got) != 0 {
		t.Errorf("compareRoutes of matching tables = %q, want nothing", got)
	}
}

func TestSpecOperationsUnderTheServersPath(t *testing.T) {
	paths := openapi3.NewPaths()
	paths.Set("/tickets/{id}", &openapi3.PathItem{Get: &openapi3.Operation{}, Patch: &openapi3.Operation{}})
	doc := &openapi3.T{Paths: paths}

	got, err := specOperations(doc)
	if want := []string{"GET /tickets/{id}", "PATCH /tickets/{id}"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("with no servers: %q, %v; want %q", got, err, want)
	}

	doc.Servers = openapi3.Servers{{URL: "https://support.example.com/api/v1/"}, {URL: "/api/v1"}}
	got, err = specOperations(doc)
	if want := []string{"GET /api/v1/tickets/{id}", "PATCH /api/v1/tickets/{id}"}; err != nil || !slices.Equal(got, want) {
		t.Errorf("under /api/v1: %q, %v; want %q", got, err, want)
	}

	doc.Servers = append(doc.Servers, &openapi3.Server{URL: "https://old.example.com/v0"})
	if _, err := specOperations(doc); err == nil {
		t.Error("servers with different base paths: no error")
	}
}
