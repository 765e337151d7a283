package demo

import "math/rand/v2"

// text is one phrase in every ticket language.
type text struct{ en, ja, ko string }

// in picks the phrase for a ticket language, English when it has none.
func (t text) in(lang string) string {
	switch lang {
	case "ja":
		return t.ja
	case "ko":
		return t.ko
	}
	return t.en
}

// pick returns one element of s.
func pick[T any](r *rand.Rand, s []T) T { return s[r.IntN(len(s))] }

// weighted returns the index of one weight, chosen in proportion to it.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// chance is true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }
