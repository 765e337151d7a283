package iostreams

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/mattn/go-runewidth"
)

const defaultPager = "less -FRX"

// pagerFromEnv picks the pager: SUPCTL_PAGER (set but empty turns paging
// off), then PAGER, then less.
func pagerFromEnv(lookup func(string) (string, bool)) string {
	if v, ok := lookup("SUPCTL_PAGER"); ok {
		return v
	}
	if v, _ := lookup("PAGER"); v != "" {
		return v
	}
	return defaultPager
}

// SetPager sets the pager command line; "" or "cat" turns paging off.
func (s *IOStreams) SetPager(cmd string) { s.pagerCmd = cmd }

type pagerProcess struct {
	cmd *exec.Cmd
	in  io.WriteCloser
}

// StartPager sends Out through the pager until StopPager, if what is
// written turns out taller than the terminal: output that fits on one
// screen is written as it is, and no pager runs. It does nothing unless
// stdout is a terminal that can run one (not TERM=dumb) and a pager is
// set.
func (s *IOStreams) StartPager() error {
	args := strings.Fields(s.pagerCmd)
	if len(args) == 0 || args[0] == "cat" || !s.stdoutTTY || s.dumbTerm || s.paged != nil {
		return nil
	}
	if _, err := exec.LookPath(args[0]); err != nil {
		return fmt.Errorf("start pager %q: %w", s.pagerCmd, err)
	}
	s.paged = &pagedWriter{
		out:    s.Out,
		errOut: s.ErrOut,
		args:   args,
		width:  s.TerminalWidth(),
		height: s.TerminalHeight(),
	}
	s.Out = s.paged
	return nil
}

// StopPager writes what is held back, or closes the pager's input and
// waits for the user to quit it, and restores Out.
func (s *IOStreams) StopPager() {
	if s.paged == nil {
		return
	}
	s.Out = s.paged.out
	s.paged.stop()
	s.paged = nil
}

// pagedWriter holds output back until it is taller than the terminal,
// then starts the pager and feeds it.
type pagedWriter struct {
	out, errOut   io.Writer
	args          []string
	width, height int

	held   bytes.Buffer
	rows   int // screen rows the held output takes, the last one included
	col    int // display column where the held output ends
	pager  *pagerProcess
	direct bool // the pager could not start: write straight to out
	closed bool // the user quit the pager
}

func (p *pagedWriter) Write(b []byte) (int, error) {
	switch {
	case p.closed:
		return len(b), nil
	case p.direct:
		return p.out.Write(b)
	case p.pager != nil:
		return p.toPager(b)
	}
	p.held.Write(b)
	p.count(b)
	if p.rows < p.height {
		return len(b), nil
	}
	if err := p.start(); err != nil {
		p.direct = true
		fmt.Fprintf(p.errOut, "warning: %v\n", err)
		if _, err := p.out.Write(p.held.Bytes()); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	if _, err := p.toPager(p.held.Bytes()); err != nil {
		return 0, err
	}
	p.held.Reset()
	return len(b), nil
}

// count adds the screen rows b takes at the terminal's width, colour
// sequences not counted.
func (p *pagedWriter) count(b []byte) {
	s := string(b)
	for i := 0; i < len(s); {
		if s[i] == '\x1b' && i+1 < len(s) && s[i+1] == '[' {
			i += 2
			for i < len(s) && (s[i] < 0x40 || s[i] > 0x7e) {
				i++
			}
			i++
			continue
		}
		if s[i] == '\n' {
			p.rows++
			p.col = 0
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		w := runewidth.RuneWidth(r)
		if p.col+w > p.width {
			p.rows++
			p.col = 0
		}
		p.col += w
		i += size
	}
}

func (p *pagedWriter) start() error {
	cmd := exec.Command(p.args[0], p.args[1:]...)
	cmd.Env = pagerEnv(os.Environ())
	cmd.Stdout = p.out
	cmd.Stderr = p.errOut
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start pager %q: %w", strings.Join(p.args, " "), err)
	}
	p.pager = &pagerProcess{cmd: cmd, in: in}
	return nil
}

// toPager writes to the pager; once the user has quit it, output is
// dropped: a command writing a long list must not fail because nobody
// reads the rest.
func (p *pagedWriter) toPager(b []byte) (int, error) {
	n, err := p.pager.in.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		p.closed = true
		return len(b), nil
	}
	return n, err
}

func (p *pagedWriter) stop() {
	if p.pager == nil {
		if !p.direct && p.held.Len() > 0 {
			_, _ = p.out.Write(p.held.Bytes())
		}
		return
	}
	_ = p.pager.in.Close()
	_ = p.pager.cmd.Wait()
}

// pagerEnv makes less and lv keep colour and leave short output on screen,
// unless the user configured them.
func pagerEnv(env []string) []string {
	set := func(key, value string) {
		for _, kv := range env {
			if strings.HasPrefix(kv, key+"=") {
				return
			}
		}
		env = append(env, key+"="+value)
	}
	set("LESS", "FRX")
	set("LV", "-c")
	return env
}
