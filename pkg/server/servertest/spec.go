// Package servertest holds the server's tests to the API contract in
// docs/api/openapi.yaml: every request a test sends and every response a
// handler writes is validated against it. Only tests import this package, so
// the validator never ships in the binary.
package servertest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// specPath is where the contract lives, relative to the module root.
const specPath = "docs/api/openapi.yaml"

// contract is the parsed, validated spec and a router over its operations.
type contract struct {
	doc    *openapi3.T
	router routers.Router
}

// loadContract parses the spec once per test binary: handler tests build
// many clients and the document never changes while they run.
var loadContract = sync.OnceValues(func() (*contract, error) {
	root, err := moduleRoot()
	if err != nil {
		return nil, err
	}
	path := filepath.Join(root, specPath)
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(path)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", path, err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("%s is not a valid OpenAPI document: %w", path, err)
	}
	// The router matches request paths as they are when the document
	// declares no servers, which is how the spec is written.
	router, err := legacy.NewRouter(doc)
	if err != nil {
		return nil, fmt.Errorf("route %s: %w", path, err)
	}
	return &contract{doc: doc, router: router}, nil
})

// LoadSpec returns the API contract, failing the test when it cannot be read
// or is not a valid OpenAPI document. The document is shared by every test
// in the binary: read it, never change it.
func LoadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	c, err := loadContract()
	if err != nil {
		t.Fatalf("servertest: %v", err)
	}
	return c.doc
}

// moduleRoot walks up from the working directory to the one holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, os.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run the tests inside the module")
		}
		dir = parent
	}
}
