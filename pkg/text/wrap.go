package text

import (
	"strings"
	"unicode"
)

// tabWidth is how many columns a leading tab stands for when it becomes
// the indentation of wrapped lines.
const tabWidth = 4

// minWrapWidth is the fewest columns a wrapped line gets for its text, so
// that a deep indentation on a narrow terminal still leaves room for words.
const minWrapWidth = 20

// WrapLine breaks one line of text into lines of at most width columns
// that keep its indentation: leading spaces and tabs, "> " quote markers,
// and for a list item ("- ", "* ", "1. ") the hanging indent of its text.
// It breaks at spaces, and between the characters of Chinese and Japanese
// text, never before closing punctuation such as "、" or "」";
// a word wider than the line is cut. Leading tabs become spaces.
func WrapLine(width int, line string) []string {
	lead, rest := splitIndent(line)
	return WrapHanging(width, lead, continuation(lead), rest)
}

// WrapHanging wraps text to lines of at most width columns, the first
// after lead and the others after hang, breaking as WrapLine does. A word
// wider than a whole line is cut after its last "|" or "," that fits (a
// list of choices, of values), else where the line ends.
func WrapHanging(width int, lead, hang, rest string) []string {
	if DisplayWidth(lead)+DisplayWidth(rest) <= width || rest == "" {
		return []string{lead + rest}
	}
	budget := max(width-DisplayWidth(lead), minWrapWidth)
	full := max(width-DisplayWidth(hang), minWrapWidth) // a continued line's room
	var out []string
	var cur strings.Builder
	curW := 0
	prefix := lead
	flush := func() {
		out = append(out, prefix+strings.TrimRight(cur.String(), " "))
		cur.Reset()
		curW, prefix = 0, hang
		budget = full
	}
	for _, tok := range tokens(rest) {
		w := DisplayWidth(tok)
		switch {
		case tok == " ":
			if curW > 0 && curW+1 <= budget {
				cur.WriteString(tok)
				curW++
			}
			continue
		case curW+w <= budget:
		case curW > 0 && w <= full:
			flush()
		}
		// A word wider than a whole line starts where it is and is cut
		// after its last "|" or "," that fits, else where the line ends.
		for curW+w > budget {
			head := separated(budget-curW, tok)
			if head == "" && curW > 0 {
				flush()
				continue
			}
			if head == "" {
				head = Cut(budget, tok)
			}
			cur.WriteString(head)
			tok = tok[len(head):]
			w = DisplayWidth(tok)
			flush()
		}
		cur.WriteString(tok)
		curW += w
	}
	if curW > 0 || len(out) == 0 {
		flush()
	}
	return out
}

// Cut is the longest start of s at most width columns wide, never splitting
// a rune; at least one rune when s is not empty, so that cutting advances.
func Cut(width int, s string) string {
	w := 0
	for i, r := range s {
		rw := narrow.RuneWidth(r)
		if w+rw > width && i > 0 {
			return s[:i]
		}
		w += rw
	}
	return s
}

// separated is the longest start of s at most width columns wide that
// ends in "|" or ","; "" when there is none.
func separated(width int, s string) string {
	head := Cut(width, s)
	if DisplayWidth(head) > width {
		return ""
	}
	return head[:strings.LastIndexAny(head, "|,")+1]
}

// splitIndent splits line into its indentation and its text, with leading
// tabs as spaces.
func splitIndent(line string) (lead, rest string) {
	i := 0
	for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
		i++
	}
	lead = strings.ReplaceAll(line[:i], "\t", strings.Repeat(" ", tabWidth))
	rest = line[i:]
	// A list marker hangs: its text's continuation lines up after it.
	if marker := listMarker(rest); marker != "" {
		lead, rest = lead+marker, rest[len(marker):]
	}
	return lead, rest
}

// continuation is the indentation of the lines a wrapped line continues
// on: quote markers repeat, a list marker becomes spaces.
func continuation(lead string) string {
	if i := strings.LastIndexByte(lead, '>'); i >= 0 {
		return lead[:i+1] + strings.Repeat(" ", DisplayWidth(lead[i+1:]))
	}
	return strings.Repeat(" ", DisplayWidth(lead))
}

// listMarker is "- ", "* ", "• " or "12. " at the start of s, or "".
func listMarker(s string) string {
	for _, m := range []string{"- ", "* ", "• "} {
		if strings.HasPrefix(s, m) {
			return m
		}
	}
	digits := 0
	for digits < len(s) && digits < 3 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits > 0 && strings.HasPrefix(s[digits:], ". ") {
		return s[:digits+2]
	}
	return ""
}

// tokens splits text into what a line may break between: single spaces,
// words, and single wide characters, with closing punctuation kept on the
// token before it and opening punctuation on the token after.
func tokens(s string) []string {
	var out []string
	var word strings.Builder
	opening := false
	end := func() {
		if word.Len() > 0 {
			out = append(out, word.String())
			word.Reset()
		}
	}
	for _, r := range s {
		switch {
		case r == ' ':
			end()
			out = append(out, " ")
			opening = false
			continue
		case isClosing(r):
			if word.Len() == 0 && len(out) > 0 && out[len(out)-1] != " " {
				out[len(out)-1] += string(r)
				continue
			}
			word.WriteRune(r)
			continue
		case breaksAround(r) || isOpening(r):
			if !opening {
				end()
			}
			word.WriteRune(r)
			opening = isOpening(r)
			if !opening {
				end()
			}
			continue
		}
		if opening {
			opening = false
		} else if word.Len() > 0 && lastIsWide(word.String()) {
			end()
		}
		word.WriteRune(r)
	}
	end()
	return out
}

func lastIsWide(s string) bool {
	r := []rune(s)
	return len(r) > 0 && breaksAround(r[len(r)-1])
}

// breaksAround reports a character a line may break before and after: a
// wide one of Chinese or Japanese text, written without spaces. Korean
// separates its words with spaces, and breaks there only.
func breaksAround(r rune) bool {
	return narrow.RuneWidth(r) == 2 && !unicode.Is(unicode.Hangul, r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune(")]、。，．・：；？！」』）〕］｝〉》】ー々ぁぃぅぇぉっゃゅょァィゥェォッャュョ", r)
}

func isOpening(r rune) bool {
	return strings.ContainsRune("([「『（〔［｛〈《【", r) || unicode.Is(unicode.Ps, r) && narrow.RuneWidth(r) == 2
}
