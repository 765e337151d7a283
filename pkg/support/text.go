package support

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxEmailLen is the longest email address accepted, in bytes (RFC 5321's
// limit on a path, less the angle brackets).
const MaxEmailLen = 254

// CheckEmail checks an email address as far as supctl relies on one: a
// local part and a domain around an @, at most MaxEmailLen bytes, and only
// visible characters. Nothing invisible or steering gets in: no control
// character (NUL included), space, format character (such as U+202E, which
// reverses the text that follows) or invalid UTF-8. field names the field
// in the error.
func CheckEmail(field, email string) error {
	invalid := func(why string) error {
		return &ValidationError{Field: field, Message: fmt.Sprintf("invalid email %q: %s", email, why)}
	}
	at := strings.LastIndexByte(email, '@')
	switch {
	case len(email) > MaxEmailLen:
		return invalid(fmt.Sprintf("longer than %d bytes", MaxEmailLen))
	case at <= 0 || at == len(email)-1:
		return invalid("want name@domain")
	case !utf8.ValidString(email):
		return invalid("not UTF-8")
	}
	for _, r := range email {
		if !unicode.IsGraphic(r) || unicode.IsSpace(r) {
			return invalid(fmt.Sprintf("it holds %U, which is not a visible character", r))
		}
	}
	return nil
}

// textField is a field of free text and its wire name.
type textField struct {
	name  string
	value string
}

// checkText refuses text with a NUL character, which no text a person
// writes holds, which PostgreSQL cannot store and which C tools read as the
// end of the text. Other control characters are kept as sent and made
// inert where they are shown (see text.Safe).
func checkText(fields ...textField) error {
	for _, f := range fields {
		if strings.IndexByte(f.value, 0) >= 0 {
			return &ValidationError{Field: f.name, Message: f.name + " holds a NUL character (U+0000)"}
		}
	}
	return nil
}
