package text

import (
	"strings"
	"unicode"
)

// Safe makes text that came from someone else, such as a customer's
// subject or reply, safe to print on a terminal: line ends become "\n",
// and every other control character but the tab, any of which could
// recolour, move the cursor or retitle the terminal, shows as U+FFFD.
func Safe(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\t' {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}
