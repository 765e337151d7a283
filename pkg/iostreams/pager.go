package iostreams

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
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
	out io.Writer // Out before the pager replaced it
}

// StartPager sends Out through the pager until StopPager. It does nothing
// unless stdout is a terminal and a pager is set.
func (s *IOStreams) StartPager() error {
	args := strings.Fields(s.pagerCmd)
	if len(args) == 0 || args[0] == "cat" || !s.stdoutTTY || s.pager != nil {
		return nil
	}
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = pagerEnv(os.Environ())
	cmd.Stdout = s.Out
	cmd.Stderr = s.ErrOut
	in, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start pager %q: %w", s.pagerCmd, err)
	}
	s.pager = &pagerProcess{cmd: cmd, in: in, out: s.Out}
	s.Out = &pagerWriter{w: in}
	return nil
}

// StopPager closes the pager's input, waits for the user to quit it and
// restores Out.
func (s *IOStreams) StopPager() {
	if s.pager == nil {
		return
	}
	_ = s.pager.in.Close()
	_ = s.pager.cmd.Wait()
	s.Out = s.pager.out
	s.pager = nil
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

// pagerWriter drops output once the user has quit the pager: a command
// writing a long list must not fail because nobody reads the rest.
type pagerWriter struct {
	w      io.Writer
	closed bool
}

func (p *pagerWriter) Write(b []byte) (int, error) {
	if p.closed {
		return len(b), nil
	}
	n, err := p.w.Write(b)
	if errors.Is(err, syscall.EPIPE) {
		p.closed = true
		return len(b), nil
	}
	return n, err
}
