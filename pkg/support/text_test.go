package support

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

func TestCheckEmail(t *testing.T) {
	for email, ok := range map[string]bool{
		"ken@example.com":                  true,
		"ミラー@例え.jp":                        true,
		"\"a@b\"@example.com":              true,
		"ken\x00@example.com":              false,
		"ken\x1b[31m@example.com":          false,
		"ken@example.com\n":                false,
		"ken\u00a0@example.com":            false, // no-break space
		"ken\u202e@moc.elpmaxe":            false, // right-to-left override
		"ken\u2066@example.com":            false, // left-to-right isolate
		"ken\u200b@example.com":            false, // zero-width space
		"ken\xff@example.com":              false,
		"@example.com":                     false,
		"ken@":                             false,
		"kenexample.com":                   false,
		strings.Repeat("k", 250) + "@x.jp": false,
	} {
		err := CheckEmail("email", email)
		var verr *ValidationError
		if ok != (err == nil) || err != nil && (!errors.As(err, &verr) || verr.Field != "email") {
			t.Errorf("CheckEmail(%q) = %v; want ok %v, or a ValidationError of field email", email, err, ok)
		}
	}
}

// Text with a NUL is refused wherever a ticket, comment or user takes it.
func TestNULRefused(t *testing.T) {
	ticket := NewTicket{Subject: "ok", Description: "a\x00b", Division: "core", Region: "apac-jp", RequesterKind: "internal"}
	if err := ticket.Normalize(); err == nil || err.(*ValidationError).Field != "description" {
		t.Errorf("NewTicket with a NUL in its description: %v", err)
	}
	comment := NewComment{Body: "x\x00"}
	if err := comment.Normalize(); err == nil || err.(*ValidationError).Field != "body" {
		t.Errorf("NewComment with a NUL: %v", err)
	}
	user := User{Email: "ken@example.com", Name: "Ken\x00", Role: "engineer", Region: "apac-jp"}
	if err := user.Normalize(); err == nil || err.(*ValidationError).Field != "name" {
		t.Errorf("User with a NUL in its name: %v", err)
	}
	ticket = NewTicket{Subject: "ok", Division: "core", Region: "apac-jp", RequesterKind: "internal", RequesterEmail: "a\x07@b.jp"}
	if err := ticket.Normalize(); err == nil || err.(*ValidationError).Field != "requester_email" {
		t.Errorf("NewTicket with a bell in requester_email: %v", err)
	}
}

// FuzzCheckEmail: an accepted address has an @ inside and nothing
// invisible.
func FuzzCheckEmail(f *testing.F) {
	f.Add("ken@example.com")
	f.Add("a\u202e@b")
	f.Fuzz(func(t *testing.T, email string) {
		if CheckEmail("email", email) != nil {
			return
		}
		at := strings.LastIndexByte(email, '@')
		if at <= 0 || at == len(email)-1 {
			t.Fatalf("accepted %q without a local part and a domain", email)
		}
		if !utf8.ValidString(email) {
			t.Fatalf("accepted %q, which is not UTF-8", email)
		}
		for _, r := range email {
			if unicode.IsControl(r) || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) {
				t.Fatalf("accepted %q with %U", email, r)
			}
		}
	})
}
