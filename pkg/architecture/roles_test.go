package architecture

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// policyFile is the one file that may tell roles apart.
const policyFile = "pkg/support/policy.go"

// roleComparisons reports, as "file:line:col: what", each comparison in
// file that tells roles apart: == or != with a Role field or a role
// constant, converted or not, and a switch on a Role field. It reads
// spellings, not types: a role copied into a variable of another name
// escapes it, which review has to catch.
func roleComparisons(fset *token.FileSet, file *ast.File) []string {
	var found []string
	report := func(n ast.Node, what string) {
		found = append(found, fmt.Sprintf("%s: %s", fset.Position(n.Pos()), what))
	}
	ast.Inspect(file, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.BinaryExpr:
			if (n.Op == token.EQL || n.Op == token.NEQ) && (isRole(n.X) || isRole(n.Y)) {
				report(n, "compares a role")
			}
		case *ast.SwitchStmt:
			if n.Tag != nil && isRole(n.Tag) {
				report(n, "switches on a role")
			}
		}
		return true
	})
	return found
}

// isRole tells whether e is, by its spelling, a role: x.Role, a Role...
// constant (RoleAdmin, support.RoleLead), or a conversion of one.
func isRole(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.SelectorExpr:
		return e.Sel.Name == "Role" || isRoleConstant(e.Sel.Name)
	case *ast.Ident:
		return isRoleConstant(e.Name)
	case *ast.CallExpr: // string(u.Role)
		return len(e.Args) == 1 && isRole(e.Args[0])
	}
	return false
}

func isRoleConstant(name string) bool {
	return strings.HasPrefix(name, "Role") && len(name) > len("Role")
}

func TestRolesAreComparedOnlyInThePolicy(t *testing.T) {
	root := filepath.Join("..", "..")
	fset := token.NewFileSet()
	var found []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (strings.HasPrefix(name, ".") || name == "testdata" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || filepath.ToSlash(rel) == policyFile {
			return nil
		}
		file, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		found = append(found, roleComparisons(fset, file)...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range found {
		t.Errorf("%s: ask the policy (User.Can, User.Check) in %s instead", f, policyFile)
	}
}

// The check finds each way of telling roles apart, and passes questions
// to the policy.
func TestRoleComparisonsAreFound(t *testing.T) {
	src := `package p

func f(u User, r Role) {
	_ = u.Role == "partner"
	_ = "admin" != u.Role
	_ = r == support.RoleLead
	_ = string(u.Role) == "readonly"
	_ = u.Role == RoleEngineer
	switch u.Role {
	}
	_ = u.Can(support.TakeTickets)
	_ = u.Email == "admin@example.com"
	_ = u.Name == "lead"
	switch u.Region {
	case "apac-jp":
	}
}
`
	fset := token.NewFileSet()
	file, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	got := roleComparisons(fset, file)
	want := []string{
		"p.go:4:6: compares a role", "p.go:5:6: compares a role", "p.go:6:6: compares a role",
		"p.go:7:6: compares a role", "p.go:8:6: compares a role", "p.go:9:2: switches on a role",
	}
	if !slices.Equal(got, want) {
		t.Errorf("found:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
