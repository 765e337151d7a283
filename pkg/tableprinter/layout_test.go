package tableprinter

import (
	"slices"
	"testing"
)

func TestFitWidths(t *testing.T) {
	tests := []struct {
		name        string
		natural     []int
		minimum     []int
		truncatable []bool
		total       int
		want        []int
	}{
		{"fits", []int{4, 30, 6}, []int{4, 10, 6}, []bool{true, true, true}, 80, []int{4, 30, 6}},
		{"widest shrinks", []int{4, 60, 20}, []int{4, 10, 10}, []bool{true, true, true}, 70, []int{4, 42, 20}},
		{"then the next", []int{4, 60, 20}, []int{4, 10, 10}, []bool{true, true, true}, 30, []int{4, 10, 12}},
		{"skips fixed columns", []int{40, 30}, []int{10, 10}, []bool{false, true}, 60, []int{40, 18}},
		{"cannot fit", []int{40, 30}, []int{10, 10}, []bool{false, true}, 20, []int{40, 10}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := fitWidths(tt.natural, tt.minimum, tt.truncatable, tt.total)
			if !slices.Equal(got, tt.want) {
				t.Errorf("fitWidths = %v, want %v", got, tt.want)
			}
		})
	}
}
