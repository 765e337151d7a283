package shared

import "testing"

func TestMaskToken(t *testing.T) {
	for token, want := range map[string]string{
		"sup_ABCDEFGHIJKLMNOPQRSTUVWXYZ234567": "sup_ABCD…",
		"sup_0123456789AB":                     "sup_0123…",
		"sup_0123456789A":                      "(hidden)",
		"":                                     "(hidden)",
	} {
		if got := MaskToken(token); got != want {
			t.Errorf("MaskToken(%q) = %q, want %q", token, got, want)
		}
	}
}
