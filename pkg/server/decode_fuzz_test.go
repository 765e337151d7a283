package server

import (
	"encoding/json"
	"testing"
	"unicode/utf8"
)

func TestNotUTF8NamesTheField(t *testing.T) {
	for _, c := range []struct {
		body, field string
		bad         bool
	}{
		{`{"subject":"ok"}`, "", false},
		{`{"k":"\\udc00 is text, not an escape"}`, "", false},
		{`{"ok":"\ud83d\ude00"}`, "", false},
		{`{"subject":"caf` + "\xe9" + `"}`, "subject", true},
		{`{"a":{"b":["x","\udc00"]}}`, "a.b[1]", true},
		{`{"a":[{"b":1},{"c":"` + "\xff" + `"}]}`, "a[1].c", true},
		{`{"ok":"\ud83d\ude00","bad":"\ud83d x"}`, "bad", true},
		{`{"x":1,"y":[1,2,{"z":"` + "\xc3" + `"}]}`, "y[2].z", true},
		{`["` + "\xfe" + `"]`, "[0]", true},
		{`"` + "\xfe" + `"`, "", true},
		{`{"` + "\xfe" + `":1}`, "\uFFFD", true}, // a field name, as the decoder reads it
	} {
		if field, bad := notUTF8([]byte(c.body)); field != c.field || bad != c.bad {
			t.Errorf("notUTF8(%q) = %q, %v; want %q, %v", c.body, field, bad, c.field, c.bad)
		}
	}
}

// FuzzNotUTF8: a JSON body with bytes that are not UTF-8 is always caught
// (they can only be inside its strings), and nothing else is.
func FuzzNotUTF8(f *testing.F) {
	f.Add([]byte(`{"subject":"caf` + "\xe9" + `","tags":["a","\ud800"]}`))
	f.Add([]byte(`{"a":[{"b":"\\u0041"}]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		_, bad := notUTF8(body)
		if bad && utf8.Valid(body) && !surrogateEscape(body) {
			t.Fatalf("notUTF8(%q) reports valid UTF-8", body)
		}
		if !bad && json.Valid(body) && !utf8.Valid(body) {
			t.Fatalf("notUTF8(%q) misses bytes that are not UTF-8", body)
		}
	})
}
