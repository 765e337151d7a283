package tableprinter

import "slices"

// columnGap is the space between columns on a terminal.
const columnGap = 2

// minTruncatedWidth is the narrowest a column is shortened to by default,
// so that what is left still says something.
const minTruncatedWidth = 10

// column is what the layout knows of a column.
type column struct {
	long, short int // widths with every field in its long and short form, header included
	truncatable bool
	minimum     int // narrowest when cut
	keep        int // narrowest before other columns give way
	shortenRank int
	dropRank    int
}

// plan is how a table is shown: which columns are dropped, which show
// their short forms, and each column's width.
type plan struct {
	dropped, short []bool
	widths         []int
}

// layout fits the columns in total cells. It takes the ranks in order,
// shortening and dropping the columns that give way at each, until the
// truncatable columns fit without being cut below their keep width; if no
// rank gets there, every column that can give way has, and truncatable
// columns are cut down to their minimum. A table that still does not fit
// is left as wide as it is.
func layout(cols []column, total int) plan {
	var ranks []int
	for _, c := range cols {
		for _, r := range []int{c.shortenRank, c.dropRank} {
			if r > 0 && !slices.Contains(ranks, r) {
				ranks = append(ranks, r)
			}
		}
	}
	slices.Sort(ranks)
	ranks = append([]int{0}, ranks...)
	var p plan
	for _, rank := range ranks {
		var fits bool
		p, fits = planAt(cols, rank, total, func(c column) int { return c.keep })
		if fits {
			return p
		}
	}
	p, _ = planAt(cols, ranks[len(ranks)-1], total, func(c column) int { return c.minimum })
	return p
}

// planAt lays the columns out once every column with a rank up to rank
// has given way, cutting truncatable columns no narrower than floor.
func planAt(cols []column, rank, total int, floor func(column) int) (plan, bool) {
	p := plan{dropped: make([]bool, len(cols)), short: make([]bool, len(cols)), widths: make([]int, len(cols))}
	var natural, minimum []int
	var truncatable []bool
	var shown []int
	for i, c := range cols {
		p.dropped[i] = c.dropRank > 0 && c.dropRank <= rank
		p.short[i] = c.shortenRank > 0 && c.shortenRank <= rank
		if p.dropped[i] {
			continue
		}
		w := c.long
		if p.short[i] {
			w = c.short
		}
		shown = append(shown, i)
		natural = append(natural, w)
		minimum = append(minimum, min(w, floor(c)))
		truncatable = append(truncatable, c.truncatable)
	}
	widths := fitWidths(natural, minimum, truncatable, total)
	used := columnGap * max(len(widths)-1, 0)
	for j, i := range shown {
		p.widths[i] = widths[j]
		used += widths[j]
	}
	return p, used <= total
}

// fitWidths shrinks column widths until they fit in total (gaps
// included), always cutting the widest column that may be truncated and
// never below its minimum. A table that cannot fit keeps what is left.
func fitWidths(natural, minimum []int, truncatable []bool, total int) []int {
	w := append([]int(nil), natural...)
	excess := columnGap*(len(w)-1) - total
	for _, n := range w {
		excess += n
	}
	for excess > 0 {
		widest := -1
		for i := range w {
			if truncatable[i] && w[i] > minimum[i] && (widest < 0 || w[i] > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break
		}
		cut := min(excess, w[widest]-minimum[widest])
		w[widest] -= cut
		excess -= cut
	}
	return w
}
