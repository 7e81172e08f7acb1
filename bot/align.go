package bot

// alignViews lays out the pages of an answer in two languages so that each
// view (the first one, each section, the sources) starts on the same page
// in both: the menu of sections can then open a section in both languages
// at once. Where one language needs fewer pages for a view, its pages are
// nil there and the message shows the other language alone. ok is false
// unless there are two answers with the same views, in the same order.
func alignViews(all [][]*page, marks [][]mark) (aligned [][]*page, out []mark, ok bool) {
	if len(all) != 2 || len(marks[0]) < 2 || len(marks[0]) != len(marks[1]) {
		return nil, nil, false
	}
	for k := range marks[0] {
		if marks[0][k].key != marks[1][k].key {
			return nil, nil, false
		}
	}
	aligned = make([][]*page, 2)
	for k := range marks[0] {
		out = append(out, mark{
			name: bothLabels(marks[0][k].name, marks[1][k].name, maxChoiceName),
			key:  marks[0][k].key,
			page: len(aligned[0]),
		})
		var views [2][]*page
		n := 0
		for i := range 2 {
			views[i] = viewPages(all[i], marks[i], k)
			n = max(n, len(views[i]))
		}
		for i := range 2 {
			aligned[i] = append(aligned[i], views[i]...)
			for range n - len(views[i]) {
				aligned[i] = append(aligned[i], nil)
			}
		}
	}
	return aligned, out, true
}

// viewPages are the pages of the k-th view of an answer.
func viewPages(pages []*page, marks []mark, k int) []*page {
	end := len(pages)
	if k+1 < len(marks) {
		end = min(marks[k+1].page, end)
	}
	start := min(marks[k].page, end)
	if k == 0 {
		start = 0
	}
	return pages[start:end]
}
