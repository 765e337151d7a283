package text

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Spark ジョブが失敗する":              "Spark ジョブが失敗する",
		"line one\r\nline two\tcol":   "line one\nline two\tcol",
		"\x1b[31mRED\x1b[0m":          "\uFFFD[31mRED\uFFFD[0m",
		"\x1b]0;pwned\a":              "\uFFFD]0;pwned\uFFFD",
		"over\rwrite \u009b2J":        "over\uFFFDwrite \uFFFD2J",
		"csi \x9b2J":                  "csi \uFFFD2J",
		"invoice\u202Efdp.exe":        "invoice<U+202E>fdp.exe",
		"\u2066a\u2067b\u2068c\u2069": "<U+2066>a<U+2067>b<U+2068>c<U+2069>",
		"\u202A\u202B\u202C\u202D":    "<U+202A><U+202B><U+202C><U+202D>",
		"עברית\u200F (RLM kept)":      "עברית\u200F (RLM kept)",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSafe: nothing that could steer a terminal, or reorder the text
// that follows, comes out; text without any such character comes out as
// it went in.
func FuzzSafe(f *testing.F) {
	f.Add("\x1b[2J\r\n\a")
	f.Add("a\u202Eb\u2066c")
	f.Fuzz(func(t *testing.T, s string) {
		out := Safe(s)
		if !utf8.ValidString(out) {
			t.Fatalf("Safe(%q) = %q, not UTF-8", s, out)
		}
		for _, r := range out {
			if unicode.IsControl(r) && r != '\n' && r != '\t' {
				t.Fatalf("Safe(%q) keeps control character %U", s, r)
			}
			if r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 {
				t.Fatalf("Safe(%q) keeps bidirectional control %U", s, r)
			}
		}
		if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool {
			return unicode.IsControl(r) && r != '\n' && r != '\t' || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
		}) && out != s {
			t.Fatalf("Safe(%q) = %q, changed text with nothing to make safe", s, out)
		}
	})
}
