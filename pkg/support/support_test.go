package support

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNewTicketNormalize(t *testing.T) {
	n := NewTicket{Subject: "  Spark 작업이 실패합니다 ", Division: "spark", Region: "apac-kr", AccountID: 7, Tags: []string{"OOM", " oom", "", "Upgrade"}}
	if err := n.Normalize(); err != nil {
		t.Fatal(err)
	}
	if n.Subject != "Spark 작업이 실패합니다" || n.Severity != "S3" || n.Language != "en" || n.Channel != "portal" || n.RequesterKind != "customer" {
		t.Errorf("defaults not applied: %+v", n)
	}
	if strings.Join(n.Tags, ",") != "oom,upgrade" {
		t.Errorf("tags = %v", n.Tags)
	}

	for name, bad := range map[string]NewTicket{
		"no subject":       {Division: "core", Region: "apac-jp", AccountID: 1},
		"long subject":     {Subject: strings.Repeat("あ", MaxSubjectLen+1), Division: "core", Region: "apac-jp", AccountID: 1},
		"unknown division": {Subject: "x", Division: "hdfs", Region: "apac-jp", AccountID: 1},
		"no account":       {Subject: "x", Division: "core", Region: "apac-jp"},
		"tag with space":   {Subject: "x", Division: "core", Region: "apac-jp", AccountID: 1, Tags: []string{"two words"}},
	} {
		var verr *ValidationError
		if err := bad.Normalize(); !errors.As(err, &verr) {
			t.Errorf("%s: err = %v, want a ValidationError", name, err)
		}
	}
	internal := NewTicket{Subject: "sizing", Division: "core", Region: "apac-jp", RequesterKind: "internal"}
	if err := internal.Normalize(); err != nil {
		t.Errorf("an internal request needs no account: %v", err)
	}
}

func TestPatchApply(t *testing.T) {
	base := Ticket{Status: "open", Severity: "S3", Tags: []string{"a", "b"}}
	str := func(s string) *string { return &s }

	got, err := TicketPatch{Status: str("solved"), AddTags: []string{"C"}, RemoveTags: []string{"a"}}.Apply(base)
	if err != nil || got.Status != "solved" || strings.Join(got.Tags, ",") != "b,c" {
		t.Errorf("apply = %+v, %v", got, err)
	}
	if strings.Join(base.Tags, ",") != "a,b" {
		t.Errorf("apply changed its input: %v", base.Tags)
	}
	if _, err := (TicketPatch{}).Apply(base); err == nil {
		t.Error("an empty patch was accepted")
	}
	closed := base
	closed.Status = "closed"
	if _, err := (TicketPatch{Status: str("open")}).Apply(closed); err == nil || !strings.Contains(err.Error(), "cannot be reopened") {
		t.Errorf("reopening a closed ticket: %v", err)
	}
	if _, err := (TicketPatch{Severity: str("P1")}).Apply(base); err == nil {
		t.Error("an unknown severity was accepted")
	}
}

func TestUserNormalize(t *testing.T) {
	u := User{Email: " Ken@Example.COM ", Role: "engineer", Region: "apac-jp"}
	if err := u.Normalize(); err != nil || u.Email != "ken@example.com" || u.Name != "ken@example.com" || u.Tier != "frontline" {
		t.Errorf("normalised %+v, %v", u, err)
	}
	for _, bad := range []User{
		{Email: "nobody", Role: "engineer", Region: "apac-jp"},
		{Email: "a@b", Role: "boss", Region: "apac-jp"},
		{Email: "a@b", Role: "partner", Region: "apac-jp"},
		{Email: "a@b", Role: "engineer", Region: "apac-jp", AccountID: 3},
	} {
		if err := bad.Normalize(); err == nil {
			t.Errorf("%+v was accepted", bad)
		}
	}
}

// FuzzNormalizeTags: whatever the input, tags come out valid, sorted and
// unique, or the input is refused.
func FuzzNormalizeTags(f *testing.F) {
	f.Add("a,B, c,,a")
	f.Add("ミラー,미러")
	f.Fuzz(func(t *testing.T, raw string) {
		tags, err := NormalizeTags(strings.Split(raw, ","))
		if err != nil {
			return
		}
		for i, tag := range tags {
			if tag == "" || !utf8.ValidString(tag) && utf8.ValidString(raw) || strings.ContainsAny(tag, " \t\n,") || utf8.RuneCountInString(tag) > MaxTagLen {
				t.Fatalf("invalid tag %q from %q", tag, raw)
			}
			if i > 0 && tags[i-1] >= tag {
				t.Fatalf("tags %q not sorted and unique", tags)
			}
		}
	})
}

func TestSearchFold(t *testing.T) {
	for in, want := range map[string]string{
		"ＮａｍｅＮｏｄｅ": "namenode",
		"NameNode": "namenode",
		"ｶﾞﾍﾞｰｼﾞｺﾚｸｼｮﾝ": "ガベージコレクション",
		"ＣＰＵ　１００％":      "cpu 100%",
		"Straße":        "strasse",
		"쿼리가 느립니다":      "쿼리가 느립니다",
		"㍻":             "平成",
	} {
		if got := SearchFold(in); got != want {
			t.Errorf("SearchFold(%q) = %q, want %q", in, got, want)
		}
	}
}
