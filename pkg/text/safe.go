package text

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Safe makes text that came from someone else, such as a customer's
// subject or reply, safe to print on a terminal: line ends become "\n",
// every other control character but the tab, any of which could recolour,
// move the cursor or retitle the terminal, shows as U+FFFD, and every
// bidirectional embedding, override or isolate (U+202A–U+202E,
// U+2066–U+2069), which would make the text that follows read in another
// order than it is written, shows as its code, such as "<U+202E>". Bytes
// that are not UTF-8, such as a lone 0x9b (CSI to an 8-bit terminal), show
// as U+FFFD.
func Safe(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	if utf8.ValidString(s) && !strings.ContainsFunc(s, func(r rune) bool { return isBidiControl(r) || unicode.IsControl(r) && r != '\n' && r != '\t' }) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case isBidiControl(r):
			fmt.Fprintf(&b, "<%U>", r)
		case unicode.IsControl(r) && r != '\n' && r != '\t':
			b.WriteRune(unicode.ReplacementChar)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isBidiControl tells whether r is one of the explicit directional
// formatting characters of Unicode's bidirectional algorithm that reorder
// the text around them: the embeddings and overrides U+202A–U+202E (LRE,
// RLE, PDF, LRO, RLO) and the isolates U+2066–U+2069 (LRI, RLI, FSI, PDI).
// The marks U+200E, U+200F and U+061C, which right-to-left text needs and
// which do not reorder a run, are kept.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}
