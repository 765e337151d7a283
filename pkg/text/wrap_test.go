package text

import (
	"reflect"
	"strings"
	"testing"
)

func TestWrapLine(t *testing.T) {
	for _, c := range []struct {
		name  string
		width int
		line  string
		want  []string
	}{
		{"fits", 30, "  short line", []string{"  short line"}},
		{"keeps its indentation", 24, "    the executor died with exit code 137",
			[]string{"    the executor died", "    with exit code 137"}},
		{"a tab becomes spaces; an opening parenthesis may start a line", 24, "\tat org.apache.spark.SparkContext.runJob(SparkContext.scala:2300)",
			[]string{"    at", "    org.apache.spark.Spa", "    rkContext.runJob", "    (SparkContext.scala:", "    2300)"}},
		{"list items hang", 22, "- restart the namenode after the upgrade",
			[]string{"- restart the namenode", "  after the upgrade"}},
		{"numbered items hang", 26, "12. restart the namenode and the datanodes",
			[]string{"12. restart the namenode", "    and the datanodes"}},
		{"quotes repeat", 22, "> > the job failed at 03:00 last night",
			[]string{"> > the job failed at", "> > 03:00 last night"}},
		{"Japanese breaks between characters, not before 、", 22, "  ジョブが失敗しました、ログを確認してください。",
			[]string{"  ジョブが失敗しまし", "  た、ログを確認してく", "  ださい。"}},
		{"a parenthesis stays with its text", 22, "  最近クラスタに変更(パッチ適用)はありましたか",
			[]string{"  最近クラスタに変更", "  (パッチ適用)はありま", "  したか"}},
		{"a list wider than a line starts where it is and breaks after a comma", 24, "  tags: kerberos,spark,token,upgrade,hive-llap",
			[]string{"  tags: kerberos,spark,", "  token,upgrade,", "  hive-llap"}},
		{"Korean breaks between words only", 20, "작업이 실패했습니다 조인 스테이지에서 로그를",
			[]string{"작업이 실패했습니다", "조인 스테이지에서", "로그를"}},
	} {
		got := WrapLine(c.width, c.line)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%s:\n got %q\nwant %q", c.name, got, c.want)
		}
		for _, l := range got {
			if w := DisplayWidth(l); w > c.width {
				t.Errorf("%s: %q is %d columns, wider than %d", c.name, l, w, c.width)
			}
		}
	}
}

func FuzzWrapLine(f *testing.F) {
	f.Add(30, "- 「スパーク」のジョブが失敗しました、 see https://example.com/a/very/long/path")
	f.Fuzz(func(t *testing.T, width int, line string) {
		if width < minWrapWidth || width > 200 || strings.ContainsAny(line, "\n\r") {
			return
		}
		line = Safe(line)
		lines := WrapLine(width, line)
		if len(lines) == 0 {
			t.Fatal("no line")
		}
		lead, _ := splitIndent(line)
		for _, l := range lines {
			if DisplayWidth(lead) < width-minWrapWidth && DisplayWidth(l) > width {
				t.Errorf("%q is wider than %d", l, width)
			}
		}
		joined := strings.Join(lines, "")
		for _, r := range strings.ReplaceAll(strings.ReplaceAll(line, " ", ""), "\t", "") {
			if !strings.ContainsRune(joined, r) {
				t.Errorf("%q lost %q", line, r)
			}
		}
	})
}
