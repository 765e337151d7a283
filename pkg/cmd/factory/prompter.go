package factory

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/supctl/supctl/pkg/cmdutil"
	"github.com/supctl/supctl/pkg/iostreams"
)

// linePrompter asks each question on one line of stderr and reads the
// answer from stdin, a line at a time; a password is read with
// golang.org/x/term, without echo. It is plain rather than a form library
// (huh) so that prompts read as they always have, the streams of ios are
// the only ones it touches, and it needs no new modules.
type linePrompter struct {
	ios *iostreams.IOStreams
	// in is created on the first question and kept: a bufio.Reader may
	// read ahead, and a second one would lose what the first buffered.
	in *bufio.Reader
}

func newPrompter(ios *iostreams.IOStreams) *linePrompter {
	return &linePrompter{ios: ios}
}

// refuse is the error of a question that cannot be asked: without a
// terminal, a script would hang or read its answers from a pipe.
func (p *linePrompter) refuse(prompt string) error {
	if p.ios.CanPrompt() {
		return nil
	}
	return cmdutil.UsageErrorf("cannot ask %q: standard input and output are not both a terminal, or SUPCTL_NO_PROMPT is set", prompt).
		WithHint("run the command on a terminal, or give the answer with a flag")
}

// ask writes question and returns the answer without surrounding space.
func (p *linePrompter) ask(question string) (string, error) {
	fmt.Fprint(p.ios.ErrOut, question)
	if p.in == nil {
		p.in = bufio.NewReader(p.ios.In)
	}
	line, err := p.in.ReadString('\n')
	if errors.Is(err, io.EOF) && line == "" {
		// The user's end of input (Ctrl-D) leaves the cursor after the
		// question.
		fmt.Fprintln(p.ios.ErrOut)
		return "", cmdutil.Errorf("no answer to %q", strings.TrimSpace(question))
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return "", cmdutil.Errorf("cannot read the answer: %v", err)
	}
	return strings.TrimSpace(line), nil
}

func (p *linePrompter) Input(prompt, def string) (string, error) {
	if err := p.refuse(prompt); err != nil {
		return "", err
	}
	question := prompt + ": "
	if def != "" {
		question = prompt + " (" + def + "): "
	}
	answer, err := p.ask(question)
	if err != nil {
		return "", err
	}
	return cmp.Or(answer, def), nil
}

func (p *linePrompter) Password(prompt string) (string, error) {
	if err := p.refuse(prompt); err != nil {
		return "", err
	}
	f, ok := p.ios.In.(interface{ Fd() uintptr })
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return "", cmdutil.Errorf("cannot ask %q: standard input cannot hide what is typed", prompt)
	}
	fmt.Fprint(p.ios.ErrOut, prompt+": ")
	b, err := term.ReadPassword(int(f.Fd()))
	// The Enter that ended the answer was not echoed either.
	fmt.Fprintln(p.ios.ErrOut)
	return string(b), err
}

func (p *linePrompter) Confirm(prompt string, def bool) (bool, error) {
	if err := p.refuse(prompt); err != nil {
		return false, err
	}
	question := prompt + " (y/N): "
	if def {
		question = prompt + " (Y/n): "
	}
	for {
		answer, err := p.ask(question)
		if err != nil {
			return false, err
		}
		switch strings.ToLower(answer) {
		case "":
			return def, nil
		case "y", "yes":
			return true, nil
		case "n", "no":
			return false, nil
		}
		fmt.Fprintln(p.ios.ErrOut, "answer y or n")
	}
}

func (p *linePrompter) Select(prompt, def string, options []string) (int, error) {
	if err := p.refuse(prompt); err != nil {
		return 0, err
	}
	if len(options) == 0 {
		return 0, cmdutil.Errorf("nothing to choose from for %q", prompt)
	}
	fmt.Fprintln(p.ios.ErrOut, prompt+":")
	defIndex := -1
	for i, o := range options {
		fmt.Fprintf(p.ios.ErrOut, "  %d. %s\n", i+1, o)
		if o == def {
			defIndex = i
		}
	}
	question := fmt.Sprintf("Choose 1-%d: ", len(options))
	if defIndex >= 0 {
		question = fmt.Sprintf("Choose 1-%d (%d): ", len(options), defIndex+1)
	}
	for {
		answer, err := p.ask(question)
		if err != nil {
			return 0, err
		}
		if answer == "" && defIndex >= 0 {
			return defIndex, nil
		}
		if n, err := strconv.Atoi(answer); err == nil && n >= 1 && n <= len(options) {
			return n - 1, nil
		}
		for i, o := range options {
			if answer == o {
				return i, nil
			}
		}
		fmt.Fprintf(p.ios.ErrOut, "answer a number from 1 to %d\n", len(options))
	}
}
