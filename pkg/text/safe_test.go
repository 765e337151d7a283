package text

import (
	"testing"
	"unicode"
)

func TestSafe(t *testing.T) {
	for in, want := range map[string]string{
		"Spark ジョブが失敗する":            "Spark ジョブが失敗する",
		"line one\r\nline two\tcol": "line one\nline two\tcol",
		"\x1b[31mRED\x1b[0m":        "\uFFFD[31mRED\uFFFD[0m",
		"\x1b]0;pwned\a":            "\uFFFD]0;pwned\uFFFD",
		"over\rwrite \u009b2J":      "over\uFFFDwrite \uFFFD2J",
	} {
		if got := Safe(in); got != want {
			t.Errorf("Safe(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzSafe: nothing that could steer a terminal comes out.
func FuzzSafe(f *testing.F) {
	f.Add("\x1b[2J\r\n\a")
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range Safe(s) {
			if unicode.IsControl(r) && r != '\n' && r != '\t' {
				t.Fatalf("Safe(%q) keeps control character %U", s, r)
			}
		}
	})
}
