// Package text measures, truncates and formats text for terminal display.
package text

import (
	"strings"

	"github.com/mattn/go-runewidth"
)

// narrow measures East Asian ambiguous runes as one column whatever the
// locale says, so layouts do not change under LANG=ja_JP.UTF-8. CJK
// ideographs, Hangul and fullwidth forms still count two.
var narrow = &runewidth.Condition{EastAsianWidth: false, StrictEmojiNeutral: true}

// ellipsis marks truncated text; it is one column wide.
const ellipsis = "…"

// DisplayWidth is the number of terminal columns s occupies. s is plain
// text: escape sequences are not skipped.
func DisplayWidth(s string) int {
	w := 0
	for _, r := range s {
		w += narrow.RuneWidth(r)
	}
	return w
}

// Truncate shortens s to at most maxWidth columns, ending it with "…" when
// anything was cut. It never splits a rune.
func Truncate(maxWidth int, s string) string {
	if maxWidth <= 0 {
		return ""
	}
	if DisplayWidth(s) <= maxWidth {
		return s
	}
	budget := maxWidth - narrow.RuneWidth('…')
	w := 0
	for i, r := range s {
		rw := narrow.RuneWidth(r)
		if w+rw > budget {
			return s[:i] + ellipsis
		}
		w += rw
	}
	return s + ellipsis
}

// PadRight appends spaces to s until it is width columns wide.
func PadRight(width int, s string) string {
	if pad := width - DisplayWidth(s); pad > 0 {
		return s + strings.Repeat(" ", pad)
	}
	return s
}
