package chart

import (
	"strings"

	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// lines draws s from top down, wrapped to width in at most `most` lines, and
// returns the new top.
func (r renderer) lines(dc draw.Canvas, sty text.Style, s string, x, top, width vg.Length, most int) vg.Length {
	for _, l := range clip(sty, wrap(sty, s, width), width, most) {
		dc.FillText(sty, vg.Point{X: x, Y: top}, l)
		top -= sty.Height(l) * 1.15
	}
	return top
}

// linesUp draws s above bottom, wrapped to width in at most `most` lines, and
// returns the new bottom.
func (r renderer) linesUp(dc draw.Canvas, sty text.Style, s string, x, bottom, width vg.Length, most int) vg.Length {
	ls := clip(sty, wrap(sty, s, width), width, most)
	sty.YAlign = draw.YBottom
	for i := len(ls) - 1; i >= 0; i-- {
		dc.FillText(sty, vg.Point{X: x, Y: bottom}, ls[i])
		bottom += sty.Height(ls[i]) * 1.15
	}
	return bottom
}

// footnoteLines is the most lines the footnotes of uncertain figures
// take: more would squeeze the bars.
const footnoteLines = 4

// footLine is a line of the footnotes, drawn indent right of the margin.
type footLine struct {
	text   string
	indent vg.Length
}

// footnotes lays out the chart's caveats, one footnote each, in at most
// footnoteLines lines of width. A footnote's later lines hang under its
// text, right of its mark. When they are too long, each keeps at least its
// first line, cut with an ellipsis; when there are more footnotes than
// lines, CaveatShort stands for them all: a mark is never left without
// its footnote.
func footnotes(sty text.Style, c Chart, width vg.Length) []footLine {
	if len(c.Caveats) == 0 {
		return nil
	}
	if len(c.Caveats) > footnoteLines {
		var out []footLine
		for _, l := range clip(sty, wrap(sty, c.CaveatShort, width), width, footnoteLines) {
			out = append(out, footLine{text: l})
		}
		return out
	}
	blocks := make([][]string, len(c.Caveats))
	indents := make([]vg.Length, len(c.Caveats))
	room := make([]int, len(c.Caveats))
	spare := footnoteLines
	for i, s := range c.Caveats {
		mark, _, _ := strings.Cut(s, " ")
		indents[i] = sty.Width(mark + " ")
		blocks[i] = wrap(sty, s, width-indents[i])
		room[i] = 1
		spare--
	}
	// The lines left go to the footnotes in order, as many as each needs.
	for i, b := range blocks {
		more := min(spare, len(b)-1)
		room[i] += more
		spare -= more
	}
	var out []footLine
	for i, b := range blocks {
		for j, l := range clip(sty, b, width-indents[i], room[i]) {
			fl := footLine{text: l}
			if j > 0 {
				fl.indent = indents[i]
			}
			out = append(out, fl)
		}
	}
	return out
}

// legend draws a coloured square and the name of each series in a row,
// going to a new row when the names do not fit.
func (r renderer) legend(dc draw.Canvas, series []SeriesData, x0, top, width vg.Length) vg.Length {
	sty := r.style(regular, sizeLegend, ink)
	box := r.px(sizeLegend)
	gap := r.px(10)
	x := x0
	row := sty.Height("M") * 1.3
	for i, s := range series {
		w := box + gap + sty.Width(s.Name)
		if x > x0 && x+w > x0+width {
			x = x0
			top -= row
		}
		dc.FillPolygon(palette[i%len(palette)], []vg.Point{
			{X: x, Y: top}, {X: x + box, Y: top}, {X: x + box, Y: top - box}, {X: x, Y: top - box},
		})
		dc.FillText(sty, vg.Point{X: x + box + gap, Y: top}, s.Name)
		x += w + r.px(32)
	}
	return top - row
}

// wrap splits s at spaces into lines no wider than width. No-break spaces
// keep their neighbours together, as French typography wants.
func wrap(sty text.Style, s string, width vg.Length) []string {
	if s == "" {
		return nil
	}
	var out []string
	line := ""
	for _, w := range strings.Split(s, " ") {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && sty.Width(try) > width {
			out = append(out, line)
			line = w
			continue
		}
		line = try
	}
	return append(out, line)
}

// clip keeps the first `most` lines, ending the last kept one with an
// ellipsis when some are left out. The picture has room for so much; the
// answer's text carries everything in full.
func clip(sty text.Style, lines []string, width vg.Length, most int) []string {
	if len(lines) <= most {
		return lines
	}
	lines = lines[:most]
	last := []rune(lines[most-1])
	for len(last) > 0 && sty.Width(string(last)+" …") > width {
		last = last[:len(last)-1]
	}
	lines[most-1] = strings.TrimRight(string(last), " ") + " …"
	return lines
}
