// Package prompttest is a cmdutil.Prompter for tests: it answers the
// questions a test expects, in order, and fails the test on any other.
package prompttest

import (
	"errors"
	"fmt"
	"slices"
	"testing"
)

// Prompter answers scripted questions. Create it with New.
type Prompter struct {
	t    testing.TB
	want []expectation
}

type expectation struct {
	kind, prompt string
	answer       string
	yes          bool
	err          error
}

// New returns a Prompter that expects no question until told to; when the
// test ends, it fails it if an expected question was not asked.
func New(t testing.TB) *Prompter {
	p := &Prompter{t: t}
	t.Cleanup(func() {
		for _, e := range p.want {
			t.Errorf("the %s question %q was not asked", e.kind, e.prompt)
		}
	})
	return p
}

// ExpectInput answers the Input question prompt with answer.
func (p *Prompter) ExpectInput(prompt, answer string) {
	p.want = append(p.want, expectation{kind: "input", prompt: prompt, answer: answer})
}

// ExpectPassword answers the Password question prompt with answer, or
// with err when it is not nil, as a terminal that cannot be read does.
func (p *Prompter) ExpectPassword(prompt, answer string, err error) {
	p.want = append(p.want, expectation{kind: "password", prompt: prompt, answer: answer, err: err})
}

// ExpectConfirm answers the Confirm question prompt with yes.
func (p *Prompter) ExpectConfirm(prompt string, yes bool) {
	p.want = append(p.want, expectation{kind: "confirm", prompt: prompt, yes: yes})
}

// ExpectSelect picks option in the Select question prompt.
func (p *Prompter) ExpectSelect(prompt, option string) {
	p.want = append(p.want, expectation{kind: "select", prompt: prompt, answer: option})
}

// next is the expectation for a question, or an error that has already
// failed the test. Errorf, not Fatalf: the command may ask from another
// goroutine, and it must stop on the error anyway.
func (p *Prompter) next(kind, prompt string) (expectation, error) {
	p.t.Helper()
	if len(p.want) == 0 {
		p.t.Errorf("unexpected %s question %q", kind, prompt)
		return expectation{}, errors.New("prompttest: unexpected question")
	}
	e := p.want[0]
	if e.kind != kind || e.prompt != prompt {
		p.t.Errorf("asked the %s question %q, want the %s question %q", kind, prompt, e.kind, e.prompt)
		return expectation{}, errors.New("prompttest: unexpected question")
	}
	p.want = p.want[1:]
	return e, nil
}

func (p *Prompter) Input(prompt, def string) (string, error) {
	p.t.Helper()
	e, err := p.next("input", prompt)
	return e.answer, err
}

func (p *Prompter) Password(prompt string) (string, error) {
	p.t.Helper()
	e, err := p.next("password", prompt)
	if err != nil {
		return "", err
	}
	return e.answer, e.err
}

func (p *Prompter) Confirm(prompt string, def bool) (bool, error) {
	p.t.Helper()
	e, err := p.next("confirm", prompt)
	return e.yes, err
}

func (p *Prompter) Select(prompt, def string, options []string) (int, error) {
	p.t.Helper()
	e, err := p.next("select", prompt)
	if err != nil {
		return 0, err
	}
	i := slices.Index(options, e.answer)
	if i < 0 {
		p.t.Errorf("the select question %q offers %q, not %q", prompt, options, e.answer)
		return 0, fmt.Errorf("prompttest: no option %q", e.answer)
	}
	return i, nil
}
