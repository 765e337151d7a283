package tableprinter

// columnGap is the space between columns on a terminal.
const columnGap = 2

// minTruncatedWidth is the narrowest a column is shortened to, so that
// what is left still says something.
const minTruncatedWidth = 10

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
