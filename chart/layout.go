package chart

import (
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// What a label is, for the order in which the layout places them and for
// the tests.
const (
	labelValue = iota // a figure above (or beside) its bar
	labelNote         // "no figure" where one series lacks a year
	labelGap          // "no figure" once for a group no series has
)

// label is one text the plot area carries besides the axes: its lines,
// its style and the rectangle it covers on the picture, in picture units.
// Labels never cover each other nor another bar than their own.
type label struct {
	kind   int
	series int // the series a value or note is of; -1 for a gap
	index  int // the category (year or force)
	lines  []string
	style  text.Style
	box    vg.Rectangle
}

// layout is where the plot area's bars and labels go.
type layout struct {
	data   vg.Rectangle     // where the data is drawn, inside the axes
	bars   [][]vg.Rectangle // per series and category; empty when missing
	labels []label
	ticks  []vg.Rectangle // the year labels under the axis, their widths exact
}

// The smallest text a label may shrink to, in pixels at the default size.
const sizeMin = 14

// layoutColumns places the values of vertical bars (Series and Compare)
// in data, where X and Y turn a category and a value into picture
// coordinates. Labels start at full size, flat above their bars; while some
// cover each other they shrink down to sizeMin, then alternate heights,
// then turn a quarter turn, and last climb until they are clear: a value
// is never left out.
func (r renderer) layoutColumns(c Chart, data vg.Rectangle, X, Y func(float64) vg.Length, bw vg.Length) layout {
	n, k := len(c.Labels), len(c.Series)
	slot := X(1) - X(0)
	pitch := bw + r.px(barGap)
	lay := layout{data: data, bars: make([][]vg.Rectangle, k)}
	for j, s := range c.Series {
		lay.bars[j] = make([]vg.Rectangle, n)
		for i, v := range s.Values {
			if missing(s, i) {
				continue
			}
			cx := X(float64(i)) + offset(j, k, pitch)
			lay.bars[j][i] = vg.Rectangle{Min: vg.Point{X: cx - bw/2, Y: Y(0)}, Max: vg.Point{X: cx + bw/2, Y: Y(v)}}
		}
	}
	lift := r.px(6)
	build := func(size vg.Length, turned bool) []label {
		var out []label
		for i := range n {
			if gap(c, i) {
				sty := r.style(regular, 0, grey)
				sty.Font.Size = min(size, r.px(sizeNote))
				out = append(out, r.place(labelGap, -1, i, c.Series[0].Texts[i], sty, slot-r.px(2*barGap), X(float64(i)), Y(0)+lift, turned))
				continue
			}
			for j, s := range c.Series {
				cx := X(float64(i)) + offset(j, k, pitch)
				if missing(s, i) {
					sty := r.style(regular, 0, grey)
					sty.Font.Size = min(size, r.px(sizeNote))
					out = append(out, r.place(labelNote, j, i, s.Texts[i], sty, pitch-r.px(barGap), cx, Y(0)+lift, turned))
					continue
				}
				sty := r.style(bold, 0, ink)
				sty.Font.Size = size
				out = append(out, r.place(labelValue, j, i, s.Texts[i], sty, 0, cx, Y(s.Values[i])+lift, turned))
			}
		}
		return out
	}
	lay.labels = r.settle(&lay, build, vg.Point{Y: 1})
	return lay
}

// layoutRows places the values of a ranking's horizontal bars, right of
// their ends, the same way; a label that cannot stay beside its bar moves
// further right.
func (r renderer) layoutRows(c Chart, data vg.Rectangle, X, row func(float64) vg.Length, bw vg.Length) layout {
	n := len(c.Labels)
	s := c.Series[0]
	// The first force is drawn at the top: category n-1-i.
	Y := func(i int) vg.Length { return row(float64(n - 1 - i)) }
	lay := layout{data: data, bars: [][]vg.Rectangle{make([]vg.Rectangle, n)}}
	for i, v := range s.Values {
		lay.bars[0][i] = vg.Rectangle{Min: vg.Point{X: X(0), Y: Y(i) - bw/2}, Max: vg.Point{X: X(v), Y: Y(i) + bw/2}}
	}
	build := func(size vg.Length, _ bool) []label {
		out := make([]label, 0, n)
		for i, v := range s.Values {
			sty := r.style(bold, 0, ink)
			sty.Font.Size = size
			l := label{kind: labelValue, index: i, lines: []string{s.Texts[i]}, style: sty}
			sz := l.size()
			at := vg.Point{X: X(v) + r.px(8), Y: Y(i) - sz.Y/2}
			l.box = vg.Rectangle{Min: at, Max: at.Add(sz)}
			out = append(out, l)
		}
		return out
	}
	lay.labels = r.settle(&lay, build, vg.Point{X: 1})
	return lay
}

// settle tries the ways of laying labels out, from the most to the least
// readable, and keeps the first in which nothing overlaps. away is the
// direction a label moves in to clear another.
func (r renderer) settle(lay *layout, build func(size vg.Length, turned bool) []label, away vg.Point) []label {
	sizes := []vg.Length{}
	for s := sizeValue; s >= sizeMin; s-- {
		sizes = append(sizes, r.px(float64(s)))
	}
	for _, s := range sizes {
		if ls := build(s, false); lay.clear(ls) {
			return ls
		}
	}
	smallest := sizes[len(sizes)-1]
	// Alternate: a label that covers another moves one or two of its
	// heights up (in a ranking, of its widths to the right).
	if ls := build(smallest, false); lay.climb(ls, away, 2) {
		return ls
	}
	if away.Y != 0 {
		// Upright bars: the labels read upwards, as large as they fit.
		for _, s := range sizes {
			if ls := build(s, true); lay.clear(ls) {
				return ls
			}
		}
		ls := build(smallest, true)
		lay.climb(ls, away, math.MaxInt)
		return ls
	}
	// A ranking: move right as far as it takes.
	ls := build(smallest, false)
	lay.climb(ls, away, math.MaxInt)
	return ls
}

// clear reports whether no label covers another label or another bar.
func (lay *layout) clear(ls []label) bool {
	for i := range ls {
		if lay.hits(ls, i, ls[:i]) {
			return false
		}
	}
	return true
}

// hits reports whether label i covers one of placed or a bar not its own.
func (lay *layout) hits(ls []label, i int, placed []label) bool {
	b := ls[i].box
	for _, o := range placed {
		if overlaps(b, o.box) {
			return true
		}
	}
	for j, bars := range lay.bars {
		for k, bar := range bars {
			if (j == ls[i].series && k == ls[i].index) || bar.Size() == (vg.Point{}) {
				continue
			}
			if overlaps(b, bar) {
				return true
			}
		}
	}
	return false
}

// climb places the labels one after another, values after notes, moving
// each away from its bar by whole steps of its own height (or width) until
// it covers nothing, at most `most` steps. It reports whether every label
// found a place.
func (lay *layout) climb(ls []label, away vg.Point, most int) bool {
	order := make([]int, len(ls))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		if ls[a].kind != ls[b].kind {
			return ls[b].kind - ls[a].kind // gaps, notes, then values
		}
		return 0
	})
	var placed []label
	ok := true
	for _, i := range order {
		size := ls[i].box.Size()
		step := vg.Point{X: away.X * (size.X + gapLabel), Y: away.Y * (size.Y + gapLabel)}
		if most == math.MaxInt {
			// Unbounded: small steps, so that a label stops as soon as it is clear.
			step = vg.Point{X: away.X * gapLabel, Y: away.Y * gapLabel}
		}
		for n := 0; lay.hits(ls, i, placed); n++ {
			if n == most {
				ok = false
				break
			}
			ls[i].box = vg.Rectangle{Min: ls[i].box.Min.Add(step), Max: ls[i].box.Max.Add(step)}
		}
		placed = append(placed, ls[i])
	}
	return ok
}

// gapLabel is the least room between two labels, or a label and a bar.
const gapLabel vg.Length = 3

func overlaps(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X+gapLabel && b.Min.X < a.Max.X+gapLabel &&
		a.Min.Y < b.Max.Y+gapLabel && b.Min.Y < a.Max.Y+gapLabel
}

// place makes a label centred on x with its bottom at y. Unturned, it is
// wrapped to width when width is not 0; turned, it reads upwards on one
// line.
func (r renderer) place(kind, series, index int, s string, sty text.Style, width, x, y vg.Length, turned bool) label {
	l := label{kind: kind, series: series, index: index, style: sty, lines: []string{s}}
	if turned {
		l.style.Rotation = math.Pi / 2
	} else if width > 0 {
		l.lines = wrap(sty, s, width)
	}
	size := l.size()
	l.box = vg.Rectangle{Min: vg.Point{X: x - size.X/2, Y: y}, Max: vg.Point{X: x + size.X/2, Y: y + size.Y}}
	return l
}

// size is the room the label's lines take on the picture: its ink lies
// within the font's ascent and descent, and its advance widths.
func (l label) size() vg.Point {
	var w, h vg.Length
	for _, line := range l.lines {
		w = max(w, l.style.Width(line))
		h += lineHeight(l.style)
	}
	if l.style.Rotation != 0 {
		return vg.Point{X: h, Y: w}
	}
	return vg.Point{X: w, Y: h}
}

func lineHeight(sty text.Style) vg.Length {
	e := sty.FontExtents()
	return e.Ascent + e.Descent
}

// draw writes the label's lines in its box. Bottom-aligned plain text
// puts a line's baseline at the anchor less the ascent plus the font
// size; the anchors below undo that, so that the ascent of the first line
// touches the box's top (its left side, turned).
func (l label) draw(c draw.Canvas) {
	sty := l.style
	sty.XAlign, sty.YAlign = draw.XLeft, draw.YBottom
	if sty.Rotation != 0 {
		// Turned a quarter: the text runs up from the box's bottom, its
		// ascent towards the left.
		c.FillText(sty, vg.Point{X: l.box.Min.X + sty.Font.Size, Y: l.box.Min.Y}, l.lines[0])
		return
	}
	sty.XAlign = draw.XCenter
	x := (l.box.Min.X + l.box.Max.X) / 2
	top := l.box.Max.Y
	for _, line := range l.lines {
		c.FillText(sty, vg.Point{X: x, Y: top - sty.Font.Size}, line)
		top -= lineHeight(sty)
	}
}

// labelLayer draws a layout's labels on the plot, over the bars.
type labelLayer struct {
	labels []label
	seen   *vg.Rectangle // the data area the plot gave, for the tests
}

func (ll labelLayer) Plot(c draw.Canvas, _ *plot.Plot) {
	if ll.seen != nil {
		*ll.seen = c.Rectangle
	}
	for _, l := range ll.labels {
		l.draw(c)
	}
}

// room returns how far the value axis must go, from top now, for every
// label to lie inside the data area: a label reaching e past its bar's end
// fits when the bar takes at most the rest of the axis. Values are along
// X when across is set (a ranking), else along Y.
func (lay layout) room(across bool, top float64) float64 {
	length := lay.data.Max.Y - lay.data.Min.Y
	if across {
		length = lay.data.Max.X - lay.data.Min.X
	}
	need := top
	for _, l := range lay.labels {
		if l.kind != labelValue {
			continue
		}
		bar := lay.bars[max(l.series, 0)][l.index]
		base, end := bar.Max.Y-lay.data.Min.Y, l.box.Max.Y-lay.data.Min.Y
		if across {
			base, end = bar.Max.X-lay.data.Min.X, l.box.Max.X-lay.data.Min.X
		}
		if end <= length {
			continue
		}
		// Past a fifth of the axis for the label alone, the bars would be
		// too flat to read: the label stays a little out instead.
		e := min(end-base, length*0.8)
		need = max(need, top*float64(base/(length-e))*1.001)
	}
	return need
}

// tickBoxes returns where the category labels under the axis go: across
// exactly, and a line's height (or a label's width, turned) under data.
func tickBoxes(sty text.Style, names []string, data vg.Rectangle, X func(float64) vg.Length) []vg.Rectangle {
	out := make([]vg.Rectangle, len(names))
	for i, name := range names {
		w, h := sty.Width(name), lineHeight(sty)
		if sty.Rotation != 0 {
			w, h = h, w
		}
		x := X(float64(i))
		out[i] = vg.Rectangle{Min: vg.Point{X: x - w/2, Y: data.Min.Y - h}, Max: vg.Point{X: x + w/2, Y: data.Min.Y}}
	}
	return out
}

func offset(j, k int, pitch vg.Length) vg.Length {
	return (vg.Length(j) - vg.Length(k-1)/2) * pitch
}

func missing(s SeriesData, i int) bool { return s.Missing != nil && s.Missing[i] }

// gap reports whether no series has a figure for category i.
func gap(c Chart, i int) bool {
	for _, s := range c.Series {
		if !missing(s, i) {
			return false
		}
	}
	return true
}
