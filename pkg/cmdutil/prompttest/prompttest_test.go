package prompttest

import (
	"errors"
	"fmt"
	"testing"

	"github.com/supctl/supctl/pkg/cmdutil"
)

var _ cmdutil.Prompter = (*Prompter)(nil)

// recorder is a testing.TB that keeps the failures it is told of, so that
// a test can check the Prompter fails a test when it should.
type recorder struct {
	testing.TB
	failures []string
	cleanups []func()
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.failures = append(r.failures, fmt.Sprintf(format, args...))
}
func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }
func (r *recorder) end() {
	for _, f := range r.cleanups {
		f()
	}
}

func TestScriptedAnswers(t *testing.T) {
	r := &recorder{TB: t}
	p := New(r)
	unreadable := errors.New("no terminal")
	p.ExpectInput("Name", "Ken")
	p.ExpectPassword("Token", "sup_x", nil)
	p.ExpectPassword("Token", "", unreadable)
	p.ExpectConfirm("Escalate?", true)
	p.ExpectSelect("Division", "spark")
	if s, err := p.Input("Name", ""); s != "Ken" || err != nil {
		t.Errorf("Input = %q, %v", s, err)
	}
	if s, err := p.Password("Token"); s != "sup_x" || err != nil {
		t.Errorf("Password = %q, %v", s, err)
	}
	if _, err := p.Password("Token"); err != unreadable {
		t.Errorf("Password error = %v, want the scripted one", err)
	}
	if ok, err := p.Confirm("Escalate?", false); !ok || err != nil {
		t.Errorf("Confirm = %v, %v", ok, err)
	}
	if i, err := p.Select("Division", "", []string{"core", "spark"}); i != 1 || err != nil {
		t.Errorf("Select = %d, %v", i, err)
	}
	r.end()
	if r.failures != nil {
		t.Errorf("failures %q", r.failures)
	}
}

func TestUnexpectedQuestionsFail(t *testing.T) {
	r := &recorder{TB: t}
	p := New(r)
	if _, err := p.Input("Name", ""); err == nil {
		t.Error("an unscripted question was answered")
	}
	p.ExpectConfirm("Escalate?", true)
	if _, err := p.Input("Escalate?", ""); err == nil {
		t.Error("a question of another kind was answered")
	}
	r.end()
	want := []string{
		`unexpected input question "Name"`,
		`asked the input question "Escalate?", want the confirm question "Escalate?"`,
		`the confirm question "Escalate?" was not asked`,
	}
	if fmt.Sprint(r.failures) != fmt.Sprint(want) {
		t.Errorf("failures\n%q\nwant\n%q", r.failures, want)
	}
}

func TestSelectOfAnOptionNotOffered(t *testing.T) {
	r := &recorder{TB: t}
	p := New(r)
	p.ExpectSelect("Division", "kafka")
	if _, err := p.Select("Division", "", []string{"core"}); err == nil {
		t.Error("an option that is not offered was picked")
	}
	r.end()
	if want := `the select question "Division" offers ["core"], not "kafka"`; len(r.failures) != 1 || r.failures[0] != want {
		t.Errorf("failures %q, want [%q]", r.failures, want)
	}
}
