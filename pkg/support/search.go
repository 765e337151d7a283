package support

import (
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// SearchFold is the form in which searches compare text: NFKC-normalised,
// so that full-width and half-width forms are alike (ＮａｍｅＮｏｄｅ and
// ｶﾞ are NameNode and ガ), and case-folded, so that Latin, Greek and
// Cyrillic letters match whatever their case. Folding can undo the
// normalisation of a few characters, so the result is normalised again.
func SearchFold(s string) string {
	return norm.NFKC.String(cases.Fold().String(norm.NFKC.String(s)))
}

// SearchText is what a ticket's search matches: its subject and its
// description, folded, on separate lines.
func SearchText(subject, description string) string {
	return SearchFold(subject + "\n" + description)
}
