package iostreams

import (
	"io"
	"time"
)

var spinnerFrames = [...]string{"⣾", "⣽", "⣻", "⢿", "⡿", "⣟", "⣯", "⣷"}

const spinnerInterval = 100 * time.Millisecond

// spinner draws frames on one line of stderr until stopped.
type spinner struct {
	stop  chan struct{}
	done  chan struct{}
	label string
}

// StartProgressIndicator shows a spinner on stderr while a slow call runs.
// It shows nothing unless both stdout and stderr are terminals, so piped
// output and logs stay clean.
func (s *IOStreams) StartProgressIndicator() {
	s.StartProgressIndicatorWithLabel("")
}

// StartProgressIndicatorWithLabel shows a spinner followed by what it waits
// for, such as "Fetching tickets…", as StartProgressIndicator does.
func (s *IOStreams) StartProgressIndicatorWithLabel(label string) {
	if s.progress != nil || !s.stdoutTTY || !s.stderrTTY {
		return
	}
	if label != "" {
		label = " " + label
	}
	sp := &spinner{stop: make(chan struct{}), done: make(chan struct{}), label: label}
	sp.draw(s.ErrOut, 0)
	go sp.run(s.ErrOut)
	s.progress = sp
}

// StopProgressIndicator stops the spinner and erases its line.
func (s *IOStreams) StopProgressIndicator() {
	if s.progress == nil {
		return
	}
	close(s.progress.stop)
	<-s.progress.done
	s.progress = nil
	_, _ = io.WriteString(s.ErrOut, "\r\x1b[K")
}

func (sp *spinner) run(w io.Writer) {
	defer close(sp.done)
	t := time.NewTicker(spinnerInterval)
	defer t.Stop()
	for i := 1; ; i++ {
		select {
		case <-sp.stop:
			return
		case <-t.C:
			sp.draw(w, i)
		}
	}
}

func (sp *spinner) draw(w io.Writer, i int) {
	_, _ = io.WriteString(w, "\r"+spinnerFrames[i%len(spinnerFrames)]+sp.label)
}
