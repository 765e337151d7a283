package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestDisplayWidth(t *testing.T) {
	for _, lang := range []string{"C.UTF-8", "ja_JP.UTF-8", "ko_KR.UTF-8"} {
		t.Run(lang, func(t *testing.T) {
			t.Setenv("LANG", lang)
			t.Setenv("LC_ALL", lang)
			tests := []struct {
				in   string
				want int
			}{
				{"", 0},
				{"queue", 5},
				{"ミラーリング", 12}, // katakana: wide
				{"작업이", 6},     // Hangul: wide
				{"ＡＢ", 4},      // fullwidth Latin
				{"漢字", 4},      // ideographs
				{"…→±§", 4},    // East Asian ambiguous: pinned narrow
				{"「MapR」", 8},  // CJK brackets are wide
				{"e\u0301", 1}, // combining accent takes no column
				{"Spark 작업", 10},
			}
			for _, tt := range tests {
				if got := DisplayWidth(tt.in); got != tt.want {
					t.Errorf("DisplayWidth(%q) = %d, want %d", tt.in, got, tt.want)
				}
			}
		})
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		max  int
		in   string
		want string
	}{
		{10, "short", "short"},
		{5, "exact", "exact"},
		{5, "toolong", "tool…"},
		{1, "toolong", "…"},
		{0, "toolong", ""},
		{-3, "toolong", ""},
		{7, "ミラーリング", "ミラー…"}, // 6 columns of text, 1 of ellipsis
		{6, "ミラーリング", "ミラ…"},  // a wide rune that does not fit is dropped whole
		{9, "Spark 작업이", "Spark 작…"},
		{2, "작업", "…"},
	}
	for _, tt := range tests {
		got := Truncate(tt.max, tt.in)
		if got != tt.want {
			t.Errorf("Truncate(%d, %q) = %q, want %q", tt.max, tt.in, got, tt.want)
		}
	}
}

func TestPadRight(t *testing.T) {
	tests := []struct {
		width int
		in    string
		want  string
	}{
		{6, "ab", "ab    "},
		{6, "作業", "作業  "},
		{2, "toolong", "toolong"},
	}
	for _, tt := range tests {
		if got := PadRight(tt.width, tt.in); got != tt.want {
			t.Errorf("PadRight(%d, %q) = %q, want %q", tt.width, tt.in, got, tt.want)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	for _, s := range []string{"", "hello world", "「MapR-FS ボリュームのミラーリングが失敗する」", "Spark 작업이 메모리 부족으로 실패합니다", "e\u0301e\u0301", "\xff\xfe", "🚀 launch"} {
		f.Add(s, 5)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		width %= 200
		got := Truncate(width, s)
		if w := DisplayWidth(got); w > max(width, 0) {
			t.Fatalf("Truncate(%d, %q) = %q is %d columns wide", width, s, got, w)
		}
		if got != s {
			prefix, cut := strings.CutSuffix(got, ellipsis)
			if !cut && got != "" {
				t.Fatalf("Truncate(%d, %q) = %q: shortened without an ellipsis", width, s, got)
			}
			if !strings.HasPrefix(s, prefix) {
				t.Fatalf("Truncate(%d, %q) = %q: not a prefix of the input", width, s, got)
			}
			if utf8.ValidString(s) && !utf8.ValidString(prefix) {
				t.Fatalf("Truncate(%d, %q) = %q: split a rune", width, s, got)
			}
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("Truncate(%d, %q) = %q is not valid UTF-8", width, s, got)
		}
	})
}
