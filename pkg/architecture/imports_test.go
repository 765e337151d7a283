package architecture

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is the project's import path; the rules below write the project's
// packages relative to it.
const module = "github.com/supctl/supctl"

// A rule governs the packages at or under its from paths, except those at or
// under its except paths. They may import nothing at or under a forbid path
// and, when only is set (none included), no project package other than those
// at or under an only path and their own subpackages.
//
// Paths starting with pkg/ or cmd/ (and pkg, cmd themselves, which cover
// every package) are the project's, relative to the module; any other path
// is an import path as written, such as net/http or modernc.org/sqlite. A
// path covers itself and what lies under it by whole elements: pkg/cmd
// covers pkg/cmd/serve, not pkg/cmdutil.
type rule struct {
	name   string
	from   []string
	except []string
	forbid []string
	only   []string
	why    string
}

// none, as a rule's only, allows no project package at all.
var none = []string{}

// Only the importing side is checked: test files may reach across the lines
// (a handler test builds a store), since tests are not linked into the
// binary. go list's .Imports leaves their imports out.
var rules = []rule{
	{
		name: "domain",
		from: []string{"pkg/support"}, only: []string{"pkg/text"},
		forbid: []string{"net/http", "database/sql"},
		why:    "the domain types, policy and pure rules serve the server, the store and the CLI alike: they know neither HTTP nor SQL",
	},
	{
		name: "sla-engine",
		from: []string{"pkg/sla"}, only: []string{"pkg/support"},
		why: "the SLA engine is pure arithmetic over schedules, pauses and instants, with the domain's enums and validation errors; pkg/clocks maps tickets onto it",
	},
	{
		name: "clocks",
		from: []string{"pkg/clocks"}, only: []string{"pkg/sla", "pkg/support"},
		why: "clocks turns a ticket's events into SLA engine input; its callers read the events, it does not",
	},
	{
		name: "storage",
		from: []string{"pkg/store"}, except: []string{"pkg/store/storetest"},
		forbid: []string{"pkg/service", "pkg/server", "pkg/clocks", "pkg/embedded", "pkg/cmd", "pkg/api", "net/http"},
		why:    "storage is the bottom layer: rows, transactions and SQL, never use cases, HTTP or the CLI (storetest is exempt: it drives the backends through the service)",
	},
	{
		name:   "service",
		from:   []string{"pkg/service", "pkg/outbox", "pkg/jobs"},
		forbid: []string{"pkg/server", "pkg/api", "pkg/cmd", "pkg/embedded", "pkg/store/sqlite", "pkg/store/postgres", "net/http"},
		why:    "use cases and the outbox worker reach storage through the pkg/store interfaces, so every backend serves them, and know nothing of HTTP or the CLI above them (a deliverer that speaks to an outside system is handed to the worker from above)",
	},
	{
		name:   "handlers",
		from:   []string{"pkg/server"},
		forbid: []string{"pkg/store", "pkg/cmd", "pkg/api", "pkg/embedded"},
		why:    "handlers decode, call a service method and encode: they reach storage only through pkg/service, so no handler can skip a policy check or a transaction",
	},
	{
		name:   "client",
		from:   []string{"pkg/api"},
		forbid: []string{"pkg/server", "pkg/service", "pkg/store", "pkg/cmd", "pkg/embedded"},
		why:    "the HTTP client knows the server only by the wire, so that any server implementing docs/api/openapi.yaml can stand behind the CLI",
	},
	{
		name:   "commands",
		from:   []string{"cmd", "pkg/cmd", "pkg/cmdutil", "pkg/app", "pkg/iostreams", "pkg/tableprinter", "pkg/config", "pkg/completion"},
		except: []string{"pkg/cmd/serve", "pkg/cmd/factory", "pkg/cmd/demo", "pkg/cmd/auth/authtest"},
		forbid: []string{"pkg/server", "pkg/service", "pkg/store", "pkg/embedded", "pkg/demo"},
		why: "a command holds flags and presentation and speaks the API through pkg/api, remote or embedded alike; only serve builds a server, " +
			"the factory and `demo reset` open the embedded database, and authtest is the test backend of the auth commands' tests",
	},
	{
		name: "sql",
		from: []string{"pkg", "cmd"}, except: []string{"pkg/store"},
		forbid: []string{"database/sql", "modernc.org/sqlite", "github.com/jackc/pgx"},
		why:    "SQL lives behind the store interfaces: a package opening a database itself would bypass the backends' transactions, migrations and dialects",
	},
}

// A violation is one import that crosses a rule's line.
type violation struct {
	importer, imported string
	rule               *rule
}

func (v violation) String() string {
	return fmt.Sprintf("%s imports %s, which rule %q forbids: %s", short(v.importer), short(v.imported), v.rule.name, v.rule.why)
}

// checkImports returns the imports of graph (package → its imports, as full
// import paths) that break a rule, sorted by importer and imported.
func checkImports(graph map[string][]string, rules []rule) []violation {
	var out []violation
	for _, pkg := range slices.Sorted(maps.Keys(graph)) {
		for i := range rules {
			r := &rules[i]
			if !underAny(pkg, r.from) || underAny(pkg, r.except) {
				continue
			}
			for _, imp := range slices.Sorted(slices.Values(graph[pkg])) {
				if r.forbids(imp) {
					out = append(out, violation{pkg, imp, r})
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b violation) int {
		return strings.Compare(short(a.importer)+" "+short(a.imported), short(b.importer)+" "+short(b.imported))
	})
	return out
}

func (r *rule) forbids(imp string) bool {
	if underAny(imp, r.forbid) {
		return true
	}
	if r.only == nil || !under(imp, module) {
		return false
	}
	return !underAny(imp, r.only) && !underAny(imp, r.from)
}

// under reports whether the import path p is the path rulePath names or
// lies under it.
func under(p, rulePath string) bool {
	full := resolve(rulePath)
	return p == full || strings.HasPrefix(p, full+"/")
}

func underAny(p string, rulePaths []string) bool {
	return slices.ContainsFunc(rulePaths, func(rp string) bool { return under(p, rp) })
}

func resolve(rulePath string) string {
	for _, top := range []string{"pkg", "cmd"} {
		if rulePath == top || strings.HasPrefix(rulePath, top+"/") {
			return module + "/" + rulePath
		}
	}
	return rulePath
}

func short(p string) string {
	if rel, ok := strings.CutPrefix(p, module+"/"); ok {
		return rel
	}
	return p
}

// TestImportsKeepToTheLayers checks every package of the module against the
// rules.
func TestImportsKeepToTheLayers(t *testing.T) {
	graph := moduleGraph(t)
	for _, v := range checkImports(graph, rules) {
		t.Error(v)
	}
	// A rule over packages that do not exist yet (pkg/service) is kept, so
	// that it holds from their first commit; say so rather than fail.
	for _, r := range rules {
		for _, from := range r.from {
			if !slices.ContainsFunc(slices.Collect(maps.Keys(graph)), func(p string) bool { return under(p, from) }) {
				t.Logf("rule %q: no package at or under %s yet", r.name, from)
			}
		}
	}
}

// moduleGraph lists every package of the module with its imports, test
// files left out.
func moduleGraph(t *testing.T) map[string][]string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH: cannot list the module's packages")
	}
	gomod, err := exec.Command(goCmd, "env", "GOMOD").Output()
	if err != nil || len(bytes.TrimSpace(gomod)) == 0 || string(bytes.TrimSpace(gomod)) == "/dev/null" {
		t.Fatalf("go env GOMOD = %q, %v: run the test inside the module", gomod, err)
	}
	cmd := exec.Command(goCmd, "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
	cmd.Dir = filepath.Dir(string(bytes.TrimSpace(gomod)))
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("go list ./...: %v\n%s", err, exit.Stderr)
		}
		t.Fatalf("go list ./...: %v", err)
	}
	graph := map[string][]string{}
	for line := range strings.Lines(string(out)) {
		fields := strings.Fields(line)
		if len(fields) > 0 {
			graph[fields[0]] = fields[1:]
		}
	}
	if len(graph) == 0 {
		t.Fatal("go list ./... listed no packages")
	}
	for p := range graph {
		if !under(p, module) {
			t.Fatalf("go list listed %s, outside module %s: the rules would not apply", p, module)
		}
	}
	return graph
}

// TestCheckImportsReports runs the checker over a made-up module.
func TestCheckImportsReports(t *testing.T) {
	p := func(rel string) string { return module + "/" + rel }
	test := []rule{
		{name: "pure", from: []string{"pkg/core"}, only: []string{"pkg/text"}, forbid: []string{"net/http"}, why: "core is pure"},
		{name: "closed", from: []string{"pkg/math"}, only: none, why: "math imports nothing"},
		{name: "below", from: []string{"pkg/store"}, except: []string{"pkg/store/storetest"}, forbid: []string{"pkg/web", "github.com/jackc/pgx"}, why: "storage is below the web"},
	}
	graph := map[string][]string{
		p("pkg/core"):            {"fmt", "net/http", p("pkg/text"), p("pkg/text/width"), p("pkg/core/internal"), p("pkg/store")},
		p("pkg/core/internal"):   {p("pkg/textile")},
		p("pkg/math"):            {"math", p("pkg/text")},
		p("pkg/store"):           {p("pkg/core")},
		p("pkg/store/pg"):        {p("pkg/store"), p("pkg/web"), "github.com/jackc/pgx/v5"},
		p("pkg/store/storetest"): {p("pkg/web")},
		p("pkg/storefront"):      {p("pkg/web")},
		p("pkg/web"):             {p("pkg/store"), "net/http"},
	}
	var got []string
	for _, v := range checkImports(graph, test) {
		got = append(got, v.String())
	}
	want := []string{
		`pkg/core imports net/http, which rule "pure" forbids: core is pure`,
		`pkg/core imports pkg/store, which rule "pure" forbids: core is pure`,
		`pkg/core/internal imports pkg/textile, which rule "pure" forbids: core is pure`,
		`pkg/math imports pkg/text, which rule "closed" forbids: math imports nothing`,
		`pkg/store/pg imports github.com/jackc/pgx/v5, which rule "below" forbids: storage is below the web`,
		`pkg/store/pg imports pkg/web, which rule "below" forbids: storage is below the web`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("checkImports =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRulesDrawTheLayers spot-checks the real table on made-up imports: a
// crossing of each kind is caught, an allowed import is not.
func TestRulesDrawTheLayers(t *testing.T) {
	p := func(rel string) string { return module + "/" + rel }
	cases := []struct {
		importer, imported string
		broken             string // the rules it breaks, space-separated; "" if allowed
	}{
		{"pkg/support", "pkg/text", ""},
		{"pkg/support", "pkg/store", "domain"},
		{"pkg/support", "net/http", "domain"},
		{"pkg/support", "database/sql", "domain sql"},
		{"pkg/sla", "pkg/clocks", "sla-engine"},
		{"pkg/sla", "pkg/support", ""},
		{"pkg/sla", "time", ""},
		{"pkg/clocks", "pkg/sla", ""},
		{"pkg/clocks", "pkg/store", "clocks"},
		{"pkg/store/sqlite", "database/sql", ""},
		{"pkg/store/postgres", "github.com/jackc/pgx/v5/pgxpool", ""},
		{"pkg/store/sqlite", "pkg/service", "storage"},
		{"pkg/store/sqlite", "net/http", "storage"},
		{"pkg/store/storetest", "pkg/service", ""},
		{"pkg/service", "pkg/store", ""},
		{"pkg/service", "pkg/store/sqlite", "service"},
		{"pkg/service", "net/http", "service"},
		{"pkg/server", "pkg/service", ""},
		{"pkg/server", "pkg/store", "handlers"},
		{"pkg/server", "pkg/store/postgres", "handlers"},
		{"pkg/api", "pkg/server", "client"},
		{"pkg/cmd/ticket/list", "pkg/api", ""},
		{"pkg/cmd/ticket/list", "pkg/embedded", "commands"},
		{"pkg/cmdutil", "pkg/store", "commands"},
		{"cmd/supctl", "pkg/server", "commands"},
		{"pkg/cmd/serve", "pkg/server", ""},
		{"pkg/cmd/factory", "pkg/embedded", ""},
		{"pkg/cmd/factory", "pkg/store/sqlite", ""},
		{"pkg/embedded", "database/sql", "sql"},
		{"pkg/demo", "modernc.org/sqlite", "sql"},
	}
	for _, tc := range cases {
		imported := tc.imported
		if strings.HasPrefix(imported, "pkg/") {
			imported = p(imported)
		}
		vs := checkImports(map[string][]string{p(tc.importer): {imported}}, rules)
		var names []string
		for _, v := range vs {
			names = append(names, v.rule.name)
		}
		if got := strings.Join(names, " "); got != tc.broken {
			t.Errorf("%s importing %s: broken rules %q, want %q", tc.importer, tc.imported, got, tc.broken)
		}
	}
}
