package api

import (
	"reflect"
	"strings"
	"testing"
)

func TestTypedValue(t *testing.T) {
	for in, want := range map[string]any{
		"true": true, "false": false, "null": nil,
		"42": int64(42), "-7": int64(-7), "2.5": 2.5,
		// JSON has no NaN or infinity: such words stay text.
		"NaN": "NaN", "Inf": "Inf", "-infinity": "-infinity",
		"S1": "S1", "@-": "from stdin",
	} {
		got, err := typedValue(in, strings.NewReader("from stdin"))
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("typedValue(%q) = %#v, %v; want %#v", in, got, err, want)
		}
	}
}
