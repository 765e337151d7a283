package embedded

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"regexp"
	"strings"

	"github.com/supctl/supctl/pkg/store/sqlite"
)

// failureHandler is the embedded server's log. A request that fails inside
// the server is answered "internal server error", which a remote server
// says so as not to show its insides; in-process the caller owns the
// database, so the cause is kept for the answer (see explain). A failure
// outside a request goes to stderr. Everything below the error level is
// dropped.
type failureHandler struct {
	w     io.Writer
	path  string
	demo  bool
	attrs []slog.Attr
}

// causeKey holds in a request's context the *cause its failure is noted in.
type causeKey struct{}

// cause is why a request failed inside the server.
type cause struct {
	msg     string
	damaged bool
}

func (h *failureHandler) Enabled(_ context.Context, l slog.Level) bool { return l >= slog.LevelError }

func (h *failureHandler) Handle(ctx context.Context, r slog.Record) error {
	var c cause
	each := func(a slog.Attr) bool {
		if a.Key == "err" {
			c.msg = a.Value.String()
			if e, ok := a.Value.Any().(error); ok {
				c.damaged = sqlite.IsDamaged(e)
			}
		}
		return true
	}
	for _, a := range h.attrs {
		each(a)
	}
	r.Attrs(each)
	if c.msg == "" {
		c.msg = r.Message
	}
	if into, ok := ctx.Value(causeKey{}).(*cause); ok {
		*into = c
		return nil
	}
	_, err := fmt.Fprintln(h.w, h.describe(c))
	return err
}

// sqliteCode is the result code SQLite's messages end with.
var sqliteCode = regexp.MustCompile(` \(\d+\)$`)

// describe says, in one line, what failed in which file and what to do.
func (h *failureHandler) describe(c cause) string {
	if c.damaged {
		return fmt.Sprintf("the embedded database %s is damaged (%s); %s", h.path, sqliteCode.ReplaceAllString(c.msg, ""), Advice(h.path, h.demo))
	}
	return fmt.Sprintf("internal error in the embedded database %s: %s", h.path, c.msg)
}

func (h *failureHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return &failureHandler{w: h.w, path: h.path, demo: h.demo, attrs: append(append([]slog.Attr{}, h.attrs...), attrs...)}
}

func (h *failureHandler) WithGroup(string) slog.Handler { return h }

// explain puts the cause of a request's failure in the detail of the
// problem the server answered, in place of "internal server error".
func (h *failureHandler) explain(w *responseWriter, c *cause) {
	if w.status < http.StatusInternalServerError || c.msg == "" || !strings.HasPrefix(w.header.Get("Content-Type"), "application/problem+json") {
		return
	}
	var p map[string]any
	if json.Unmarshal(w.body.Bytes(), &p) != nil {
		return
	}
	p["detail"] = h.describe(*c)
	b, err := json.Marshal(p)
	if err != nil {
		return
	}
	w.body.Reset()
	w.body.Write(append(b, '\n'))
}
