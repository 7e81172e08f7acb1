package chart

import (
	"fmt"
	"image"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// checkLayout lays c out at w×h and checks that no label covers another
// label or a bar not its own, that every label lies in the data area and
// is at least sizeMin pixels (scaled), and that every figure and every
// "no figure" is there, once.
func checkLayout(t *testing.T, c Chart, w, h int) layout {
	t.Helper()
	lay, err := c.layout(w, h)
	if err != nil {
		t.Fatal(err)
	}
	c = c.folded() // as drawn
	if w == 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	scale := scaleFor(w, h)
	name := func(l label) string {
		return fmt.Sprintf("%q (series %d, category %d)", strings.Join(l.lines, " "), l.series, l.index)
	}
	for i, a := range lay.labels {
		for _, b := range lay.labels[:i] {
			if intersect(a.box, b.box) {
				t.Errorf("label %s at %v covers label %s at %v", name(a), a.box, name(b), b.box)
			}
		}
		for j, bars := range lay.bars {
			for k, bar := range bars {
				if bar.Size() == (vg.Point{}) || (j == a.series && k == a.index) {
					continue
				}
				if intersect(a.box, bar) {
					t.Errorf("label %s at %v covers the bar of series %d, category %d at %v", name(a), a.box, j, k, bar)
				}
			}
		}
		if d := lay.data; a.box.Min.X < d.Min.X-1 || a.box.Max.X > d.Max.X+1 || a.box.Min.Y < d.Min.Y-1 || a.box.Max.Y > d.Max.Y+1 {
			t.Errorf("label %s at %v lies outside the data area %v", name(a), a.box, d)
		}
		if got, least := a.style.Font.Size, sizeMin*scale; got < least-0.01 {
			t.Errorf("label %s: got size %v, want at least %v", name(a), got, least)
		}
	}
	for i, a := range lay.ticks {
		if i > 0 && intersect(a, lay.ticks[i-1]) {
			t.Errorf("year %q at %v covers %q at %v", c.Labels[i], a, c.Labels[i-1], lay.ticks[i-1])
		}
	}
	if c.Kind != KindRanking && len(lay.ticks) != len(c.Labels) {
		t.Errorf("got %d year labels laid out, want %d", len(lay.ticks), len(c.Labels))
	}
	// Every text the chart holds for the plot area is drawn, once; a run
	// of years without figures once for the run.
	var want []string
	for i := range c.Labels {
		if c.Kind != KindRanking && gap(c, i) {
			want = append(want, fmt.Sprintf("gap %d %s", i, c.Series[0].Texts[i]))
			continue
		}
		for j, s := range c.Series {
			want = append(want, fmt.Sprintf("%d %d %s", j, i, s.Texts[i]))
		}
	}
	var got []string
	for _, l := range lay.labels {
		text := strings.Join(l.lines, " ")
		if l.kind == labelGap {
			got = append(got, fmt.Sprintf("gap %d %s", l.index, text))
			continue
		}
		got = append(got, fmt.Sprintf("%d %d %s", max(l.series, 0), l.index, text))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got labels\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return lay
}

func intersect(a, b vg.Rectangle) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

func TestLayoutGolden(t *testing.T) {
	ps := printers(t)
	for _, l := range locales.All {
		for name, c := range charts(t, ps[l]) {
			for _, size := range []image.Point{{1200, 675}, {800, 450}, {1600, 900}} {
				t.Run(fmt.Sprintf("%s.%s %v", name, l, size), func(t *testing.T) {
					checkLayout(t, c, size.X, size.Y)
				})
			}
		}
	}
}

// crowded builds charts with more bars than the labels have room for at
// full size.
func crowded(t *testing.T, p *locales.Printer) map[string]Chart {
	t.Helper()
	src := []knowledge.Source{{ID: "s", Publisher: "Source", Published: knowledge.Date{Year: 2020}}}
	f := func(id string) knowledge.Force {
		return knowledge.Force{ID: id, Place: "p" + id, Name: knowledge.Text{EN: "Force " + id, FR: "Corps " + id}}
	}
	stat := func(force string, year, count int) knowledge.Stat {
		return knowledge.Stat{Force: force, Year: year, Count: count, Measure: knowledge.Calls, Source: "s", Uncertain: year%3 == 0}
	}
	var a, b, many, huge []knowledge.Stat
	for y := 2000; y < 2024; y++ {
		// Neighbouring four-digit figures of about the same height.
		a = append(a, stat("a", y, 3400+(y%5)*53))
		if y%4 != 1 {
			b = append(b, stat("b", y, 3300+(y%7)*41))
		}
		many = append(many, stat("a", y, 1000+y%2*8000))
	}
	for y := 1990; y < 2024; y++ {
		huge = append(huge, stat("a", y, 1_234_567+y))
	}
	out := map[string]Chart{}
	var err error
	if out["series 24 years"], err = Series(p, f("a"), knowledge.Calls, a, src); err != nil {
		t.Fatal(err)
	}
	if out["series tall and short"], err = Series(p, f("a"), knowledge.Calls, many, src); err != nil {
		t.Fatal(err)
	}
	if out["series 34 years of millions"], err = Series(p, f("a"), knowledge.Calls, huge, src); err != nil {
		t.Fatal(err)
	}
	if out["compare 24 years"], err = Compare(p, f("a"), f("b"), knowledge.Calls, a, b, src); err != nil {
		t.Fatal(err)
	}
	if out["compare 8 years"], err = Compare(p, f("a"), f("b"), knowledge.Calls, a[:8], b[:6], src); err != nil {
		t.Fatal(err)
	}
	forces := map[string]knowledge.Force{}
	var ranked []knowledge.Stat
	for i := range 30 {
		id := fmt.Sprintf("f%02d", i)
		forces[id] = f(id)
		ranked = append(ranked, stat(id, 2017, 3000+i*7))
	}
	if out["ranking 30 forces"], err = Ranking(p, 2017, knowledge.Calls, ranked, forces, src); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestLayoutCrowded(t *testing.T) {
	ps := printers(t)
	for _, l := range locales.All {
		for name, c := range crowded(t, ps[l]) {
			for _, size := range []image.Point{{1200, 675}, {800, 450}} {
				t.Run(fmt.Sprintf("%s.%s %v", name, l, size), func(t *testing.T) {
					checkLayout(t, c, size.X, size.Y)
					if *keep != "" {
						data, err := c.PNG(size.X, size.Y)
						if err != nil {
							t.Fatal(err)
						}
						writeKept(t, fmt.Sprintf("crowded-%s-%s-%d.png", strings.ReplaceAll(name, " ", "-"), l, size.X), data)
					}
				})
			}
		}
	}
}

// TestLayoutWays checks that crowded labels first shrink, then alternate,
// then turn, rather than any of them being left out.
func TestLayoutWays(t *testing.T) {
	ps := printers(t)
	en := crowded(t, ps[locales.EN])
	fr := charts(t, ps[locales.FR])
	tests := []struct {
		name           string
		c              Chart
		wantSize       vg.Length // of value labels
		wantTurned     bool
		wantAlternated bool
	}{
		{"compare, room enough", fr["compare-both-gap"], sizeValue, false, false},
		{"compare 8 years, smaller", en["compare 8 years"], 0, false, false},
		{"series 24 years, shrunk", en["series 24 years"], 0, false, false},
		{"compare 24 years, turned", en["compare 24 years"], 0, true, false},
		{"ranking 30 forces, alternated", en["ranking 30 forces"], sizeMin, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lay := checkLayout(t, tt.c, 0, 0)
			var sizes []vg.Length
			turned, alternated := false, false
			for _, l := range lay.labels {
				if l.kind != labelValue {
					continue
				}
				sizes = append(sizes, l.style.Font.Size)
				turned = turned || l.style.Rotation != 0
				bar := lay.bars[l.series][l.index]
				// A label beside its bar starts 8 pixels from its end, above
				// it 6: further is a moved label.
				alternated = alternated || l.box.Min.X > bar.Max.X+9 || (l.style.Rotation == 0 && tt.c.Kind != KindRanking && l.box.Min.Y > bar.Max.Y+7)
			}
			if tt.wantSize != 0 && sizes[0] != tt.wantSize {
				t.Errorf("got size %v, want %v", sizes[0], tt.wantSize)
			}
			if tt.wantSize == 0 && !(sizes[0] < sizeValue) {
				t.Errorf("got size %v, want smaller than %v", sizes[0], sizeValue)
			}
			if turned != tt.wantTurned || alternated != tt.wantAlternated {
				t.Errorf("got turned %v, alternated %v; want %v, %v", turned, alternated, tt.wantTurned, tt.wantAlternated)
			}
		})
	}
}

// TestLayoutDrawn checks that the plot draws its data where the layout
// put it, so that the label boxes tested are those of the picture.
func TestLayoutDrawn(t *testing.T) {
	ps := printers(t)
	for name, c := range crowded(t, ps[locales.FR]) {
		t.Run(name, func(t *testing.T) {
			lay, err := c.layout(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			r, _, _, err := c.renderer(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			var seen vg.Rectangle
			r.seen = &seen
			cv := vgimg.NewWith(vgimg.UseWH(DefaultWidth, DefaultHeight), vgimg.UseDPI(72))
			dc := draw.New(cv)
			area := r.frame(dc, c)
			p, _ := r.plot(area, c.folded())
			p.Draw(area)
			if seen != lay.data {
				t.Errorf("got data drawn in %v, want %v", seen, lay.data)
			}
		})
	}
}

// TestLabelInk draws labels alone and checks their ink stays in their
// boxes: flat, on two lines, and turned.
func TestLabelInk(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	r := renderer{fonts: f, scale: 1}
	tests := []struct {
		name   string
		text   string
		width  vg.Length
		turned bool
	}{
		{"flat", "3\u00a0608*", 0, false},
		{"two lines", "aucun chiffre", 60, false},
		{"turned", "1,234,567*", 0, true},
		{"turned accents", "aucun chiffre (Québec)", 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sty := r.style(bold, 20, ink)
			l := r.place(labelValue, 0, 0, tt.text, sty, tt.width, 200, 100, tt.turned)
			if tt.width > 0 && len(l.lines) < 2 {
				t.Fatalf("got lines %q, want the text wrapped", l.lines)
			}
			cv := vgimg.NewWith(vgimg.UseWH(400, 400), vgimg.UseDPI(72))
			dc := draw.New(cv)
			l.draw(dc)
			img := cv.Image()
			ink := image.Rectangle{Min: image.Pt(math.MaxInt, math.MaxInt), Max: image.Pt(math.MinInt, math.MinInt)}
			for y := range 400 {
				for x := range 400 {
					if r, g, b, _ := img.At(x, y).RGBA(); r > 0xf000 && g > 0xf000 && b > 0xf000 {
						continue
					}
					ink.Min.X, ink.Min.Y = min(ink.Min.X, x), min(ink.Min.Y, y)
					ink.Max.X, ink.Max.Y = max(ink.Max.X, x+1), max(ink.Max.Y, y+1)
				}
			}
			// The image counts y downwards from the top.
			box := image.Rect(int(math.Floor(float64(l.box.Min.X)))-1, 400-int(math.Ceil(float64(l.box.Max.Y)))-1,
				int(math.Ceil(float64(l.box.Max.X)))+1, 400-int(math.Floor(float64(l.box.Min.Y)))+1)
			if ink.Empty() {
				t.Fatal("got nothing drawn")
			}
			if !ink.In(box) {
				t.Errorf("got ink in %v, want it inside the box %v", ink, box)
			}
			// And the box is not much larger than the ink: its position means something.
			if dx, dy := box.Dx()-ink.Dx(), box.Dy()-ink.Dy(); dx > 14 || dy > 14 {
				t.Errorf("got box %v for ink %v, want them close", box, ink)
			}
		})
	}
}

func writeKept(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(*keep, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGapChecked refuses to draw gaps that would fold a figure away or do
// not fit the labels.
func TestGapChecked(t *testing.T) {
	c := charts(t, printers(t)[locales.EN])["series-gap"]
	tests := []struct {
		name string
		gaps []Gap
	}{
		{"holds a figure", []Gap{{First: 2, Last: 4, Label: "2017–2019"}}},
		{"past the end", []Gap{{First: 4, Last: 9, Label: "2019–2024"}}},
		{"one year", []Gap{{First: 3, Last: 3, Label: "2018"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := c
			bad.Gaps = tt.gaps
			if _, err := bad.PNG(0, 0); err == nil {
				t.Errorf("got no error for gaps %v, want one", tt.gaps)
			}
		})
	}
}
