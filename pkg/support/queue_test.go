package support_test

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/supctl/supctl/pkg/support"
)

func TestParseQueue(t *testing.T) {
	for _, c := range []struct {
		name string
		want support.Queue
		err  string // in the message; empty for none
	}{
		{"apac-jp/spark", support.Queue{Region: "apac-jp", Division: "spark"}, ""},
		{"apac-jp/spark/ja", support.Queue{Region: "apac-jp", Division: "spark", Language: "ja"}, ""},
		{"apac-jp", support.Queue{}, "use <region>/<division>[/<language>]"},
		{"apac-jp/spark/ja/x", support.Queue{}, "use <region>/<division>[/<language>]"},
		{"mars/spark", support.Queue{}, `invalid queue "mars/spark"`},
		{"apac-jp/spark/xx", support.Queue{}, `invalid queue "apac-jp/spark/xx"`},
	} {
		got, err := support.ParseQueue(c.name)
		if c.err == "" {
			if err != nil || got != c.want {
				t.Errorf("ParseQueue(%q) = %+v, %v; want %+v", c.name, got, err, c.want)
			}
			continue
		}
		var v *support.ValidationError
		if !errors.As(err, &v) || v.Field != "queue" || !strings.Contains(v.Message, c.err) {
			t.Errorf("ParseQueue(%q) error = %v; want a validation error of queue saying %q", c.name, err, c.err)
		}
	}
}

// A pick names at least one queue and no more than there are, each real:
// the server builds one query from them.
func TestNextRequestValidate(t *testing.T) {
	var every []support.Queue
	for _, q := range support.AllQueues() {
		every = append(every, q)
		for _, l := range support.Languages.Values() {
			every = append(every, support.Queue{Region: q.Region, Division: q.Division, Language: l})
		}
	}
	if len(every) != support.MaxQueues {
		t.Fatalf("%d distinct queues, MaxQueues = %d", len(every), support.MaxQueues)
	}
	if err := (support.NextRequest{Queues: every}).Validate(); err != nil {
		t.Errorf("every queue once: %v", err)
	}
	for _, c := range []struct {
		name   string
		queues []support.Queue
		err    string
	}{
		{"none", nil, "name at least one"},
		{"one too many", append(slices.Clone(every), every[0]), "name at most"},
		{"unknown region", []support.Queue{{Region: "mars", Division: "spark"}}, `invalid queue "mars/spark"`},
		{"unknown language", []support.Queue{{Region: "apac-jp", Division: "spark", Language: "xx"}}, `invalid queue "apac-jp/spark/xx"`},
	} {
		err := support.NextRequest{Queues: c.queues}.Validate()
		var v *support.ValidationError
		if !errors.As(err, &v) || v.Field != "queues" || !strings.Contains(v.Message, c.err) {
			t.Errorf("%s: error %v; want a validation error of queues saying %q", c.name, err, c.err)
		}
	}
}
