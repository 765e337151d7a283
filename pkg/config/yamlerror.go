package config

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

var (
	// Compiled on first use: start-up does no work for them.
	syntaxErrRE = lazyRegexp(`^yaml: line (\d+): (.*)$`)
	lineErrRE   = lazyRegexp(`^line (\d+): (.*)$`)
	typeErrRE   = lazyRegexp(`^cannot unmarshal !!\w+ .*into (\S+)$`)
)

// expected names the Go types the files decode into in the user's terms.
var expected = map[string]string{
	"string":                        "a string",
	"[]string":                      "a list of strings",
	"config.Profile":                "a mapping of settings",
	"map[string]config.Profile":     "a mapping of profile names to settings",
	"config.fileData":               "a mapping",
	"map[string]string":             "a mapping of profile names to tokens",
	"map[string]config.storedToken": "a mapping of profile names to tokens",
	"config.tokenEntry":             "a token, or a mapping with token and origin",
}

// yamlError turns a yaml.v3 error into a ParseError with a line number.
// Values from the file are left out: the credentials file holds secrets.
func yamlError(path string, err error) *ParseError {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	msg = strings.TrimPrefix(msg, "yaml: ")
	pe := &ParseError{Path: path, Msg: msg}
	m := syntaxErrRE().FindStringSubmatch(err.Error())
	if m == nil {
		m = lineErrRE().FindStringSubmatch(msg)
	}
	if m != nil {
		pe.Line, _ = strconv.Atoi(m[1])
		pe.Msg = m[2]
	}
	if t := typeErrRE().FindStringSubmatch(pe.Msg); t != nil {
		want, ok := expected[t[1]]
		if !ok {
			want = "another kind of value"
		}
		pe.Msg = "expected " + want
	}
	return pe
}

// syntaxLine is the line a syntax error is on. yaml.v3 reports the line
// where the enclosing block starts (a bad indent on line 5 of a profile
// that starts on line 2 is "line 2"); the first prefix of the file, in
// whole lines from that one on, that fails with the same message ends on
// the line at fault.
func syntaxLine(data []byte, pe *ParseError) {
	if pe.Line == 0 {
		return
	}
	lines := strings.SplitAfter(string(data), "\n")
	for n := pe.Line; n <= len(lines); n++ {
		var doc yaml.Node
		err := yaml.Unmarshal([]byte(strings.Join(lines[:n], "")), &doc)
		if err == nil {
			continue
		}
		if m := syntaxErrRE().FindStringSubmatch(err.Error()); m != nil && m[2] == pe.Msg {
			pe.Line = n
			return
		}
	}
}

func lazyRegexp(expr string) func() *regexp.Regexp {
	return sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })
}
