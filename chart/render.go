package chart

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"
)

// The size Discord shows a picture at without opening it, on a desktop.
const (
	DefaultWidth  = 1200
	DefaultHeight = 675
)

// The size of a chart drawn for a phone: 4:5, so that it fills the width of
// a phone's chat (about 300 px) with text still large enough to read there.
const (
	PhoneWidth  = 720
	PhoneHeight = 900
)

// A square or portrait picture scales its text from this size rather than
// from the desktop one: its text takes a larger share of the width, which is
// all a phone shows. At 720 px a tick label is 27 px, about 11 px on screen.
const (
	portraitBaseWidth  = 540
	portraitBaseHeight = 675
)

// Text sizes in pixels at the default size; they scale with the picture.
const (
	sizeTitle   = 34
	sizeMeasure = 22
	sizeAxis    = 21
	sizeTick    = 20
	sizeValue   = 20
	sizeLegend  = 20
	sizeNote    = 18
	sizeFooter  = 18
	margin      = 24
	barGap      = 4 // between the bars of one year
)

var (
	ink       = color.RGBA{R: 0x1a, G: 0x1a, B: 0x1a, A: 0xff}
	grey      = color.RGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xff}
	gridGrey  = color.RGBA{R: 0xdd, G: 0xdd, B: 0xdd, A: 0xff}
	cautionRd = color.RGBA{R: 0x9a, G: 0x2a, B: 0x10, A: 0xff}
	// Blue and orange stay apart for the common colour-vision deficiencies.
	palette = []color.Color{
		color.RGBA{R: 0x1f, G: 0x5f, B: 0xa8, A: 0xff},
		color.RGBA{R: 0xe0, G: 0x7b, B: 0x24, A: 0xff},
	}
)

// PNG draws the chart as a w×h picture; w or h of 0 gives the default
// 1200×675. At 72 dots per inch a point is a pixel, so text sizes above
// are pixel sizes.
func (c Chart) PNG(w, h int) ([]byte, error) {
	return c.draw(nil, w, h, nil)
}

// renderer checks the chart and the size, and returns what draws it.
func (c Chart) renderer(w, h int) (renderer, int, int, error) {
	if w == 0 || h == 0 {
		w, h = DefaultWidth, DefaultHeight
	}
	if w < 300 || h < 200 || w > 4000 || h > 4000 {
		return renderer{}, 0, 0, fmt.Errorf("draw chart: size %d×%d out of range", w, h)
	}
	if len(c.Labels) == 0 || len(c.Series) == 0 {
		return renderer{}, 0, 0, fmt.Errorf("draw chart: %w", ErrNoData)
	}
	for _, s := range c.Series {
		if len(s.Values) != len(c.Labels) || len(s.Texts) != len(c.Labels) || (s.Missing != nil && len(s.Missing) != len(c.Labels)) {
			return renderer{}, 0, 0, fmt.Errorf("draw chart: series %q has %d values for %d labels", s.Name, len(s.Values), len(c.Labels))
		}
	}
	for i, g := range c.Gaps {
		if g.First >= g.Last || g.Last >= len(c.Labels) || (i > 0 && g.First <= c.Gaps[i-1].Last) {
			return renderer{}, 0, 0, fmt.Errorf("draw chart: gap %d–%d of %d labels", g.First, g.Last, len(c.Labels))
		}
		for i := g.First; i <= g.Last; i++ {
			if !gap(c, i) {
				// Folding it would leave a figure out.
				return renderer{}, 0, 0, fmt.Errorf("draw chart: gap %d–%d holds a figure at %d", g.First, g.Last, i)
			}
		}
	}
	f, err := loadFonts()
	if err != nil {
		return renderer{}, 0, 0, fmt.Errorf("draw chart: %w", err)
	}
	return renderer{fonts: f, scale: scaleFor(w, h)}, w, h, nil
}

// scaleFor is how much a w×h picture scales the text sizes and margins.
func scaleFor(w, h int) vg.Length {
	bw, bh := vg.Length(DefaultWidth), vg.Length(DefaultHeight)
	if h >= w {
		bw, bh = portraitBaseWidth, portraitBaseHeight
	}
	return min(vg.Length(w)/bw, vg.Length(h)/bh)
}

// layout is where PNG(w, h) puts the bars and labels, without drawing, on
// the chart as drawn (folded).
func (c Chart) layout(w, h int) (layout, error) {
	r, w, h, err := c.renderer(w, h)
	if err != nil {
		return layout{}, err
	}
	c = c.folded()
	dc := draw.Canvas{Canvas: &recorder.Canvas{}, Rectangle: vg.Rectangle{Max: vg.Point{X: vg.Length(w), Y: vg.Length(h)}}}
	_, lay := r.plot(r.frame(dc, c), c)
	return lay, nil
}

type renderer struct {
	fonts *fonts
	scale vg.Length
	seen  *vg.Rectangle // when set, the data area the plot drew in
}

func (r renderer) px(n float64) vg.Length { return vg.Length(n) * r.scale }

func (r renderer) style(fnt font.Font, size float64, clr color.Color) text.Style {
	return text.Style{
		Color:   clr,
		Font:    font.From(fnt, r.px(size)),
		XAlign:  draw.XLeft,
		YAlign:  draw.YTop,
		Handler: r.fonts.handler,
	}
}

// frame draws the picture's texts: title, measure and legend at the top,
// source and caveat at the bottom. It returns the area left for the plot.
func (r renderer) frame(dc draw.Canvas, c Chart) draw.Canvas {
	pad := r.px(margin)
	left, right := dc.Min.X+pad, dc.Max.X-pad
	width := right - left

	top := dc.Max.Y - pad
	top = r.lines(dc, r.style(bold, sizeTitle, ink), c.Title, left, top, width, 2)
	top -= r.px(4)
	top = r.lines(dc, r.style(regular, sizeMeasure, grey), c.Measure, left, top, width, 2)
	if c.Kind == KindCompare {
		top -= r.px(8)
		top = r.legend(dc, c.Series, left, top, width)
	}
	top -= r.px(10)

	bottom := dc.Min.Y + pad
	foot := r.style(regular, sizeFooter, ink)
	bottom = r.linesUp(dc, foot, c.SourceLine, left, bottom, width, 3)
	caution := r.style(regular, sizeFooter, cautionRd)
	caution.YAlign = draw.YBottom
	fn := footnotes(caution, c, width)
	for i := len(fn) - 1; i >= 0; i-- {
		dc.FillText(caution, vg.Point{X: left + fn[i].indent, Y: bottom}, fn[i].text)
		bottom += caution.Height(fn[i].text) * 1.15
	}
	bottom += r.px(10)

	return draw.Crop(dc, pad, -pad, bottom-dc.Min.Y, top-dc.Max.Y)
}

// plot builds the gonum plot for the area between header and footer, and
// lays its labels out. When labels reach past the data area, the value
// axis goes on past its last tick, which leaves them room above (or
// beside) the bars, and the layout is done again.
func (r renderer) plot(area draw.Canvas, c Chart) (*plot.Plot, layout) {
	top := c.Max
	for try := 0; ; try++ {
		p := r.axes(area, c, top)
		dataC := p.DataCanvas(area)
		data := dataC.Rectangle
		trX, trY := p.Transforms(&dataC)
		var lay layout
		var bw vg.Length
		if c.Kind == KindRanking {
			bw = min((trY(1)-trY(0))*0.62, r.px(56))
			lay = r.layoutRows(c, data, trX, trY, bw)
		} else {
			bw = min((trX(1)-trX(0))*0.7/vg.Length(len(c.Series)), r.px(150))
			lay = r.layoutColumns(c, data, trX, trY, bw)
		}
		if c.Kind != KindRanking {
			lay.ticks = tickBoxes(p.X.Tick.Label, c.Labels, data, trX)
		}
		need := lay.room(c.Kind == KindRanking, top)
		if need <= top || try == 4 {
			r.fill(p, c, bw, lay)
			return p, lay
		}
		top = need
	}
}

// axes sets up the plot's axes, ticks and grid for the area; the value
// axis goes up to top.
func (r renderer) axes(area draw.Canvas, c Chart, top float64) *plot.Plot {
	p := plot.New()
	p.TextHandler = r.fonts.handler
	p.BackgroundColor = color.White
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle = r.style(regular, sizeAxis, ink)
		ax.Label.TextStyle.XAlign = draw.XCenter
		ax.Label.TextStyle.YAlign = draw.YBottom
		ax.Label.Padding = r.px(8)
		ax.Tick.Label = r.style(regular, sizeTick, ink)
		ax.Tick.Length = r.px(6)
		ax.LineStyle.Color = grey
		ax.Tick.LineStyle.Color = grey
	}
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XCenter, draw.YTop
	p.Y.Tick.Label.XAlign, p.Y.Tick.Label.YAlign = draw.XRight, draw.YCenter
	p.X.Label.Text, p.Y.Label.Text = c.XLabel, c.YLabel

	ticks := make(plot.ConstantTicks, len(c.Ticks))
	for i, t := range c.Ticks {
		ticks[i] = plot.Tick{Value: t.Value, Label: t.Label}
	}
	n := len(c.Labels)
	grid := plotter.NewGrid()
	if c.Kind == KindRanking {
		// Largest first, at the top: the nominal axis counts from the bottom.
		names := make([]string, n)
		for i, l := range c.Labels {
			names[n-1-i] = l
		}
		slot := (area.Max.Y - area.Min.Y - r.px(80)) / vg.Length(n)
		if fit := slot * 0.8; fit < p.Y.Tick.Label.Font.Size {
			// Many forces: smaller names rather than names on top of each other.
			p.Y.Tick.Label.Font.Size = fit
		}
		p.NominalY(names...)
		p.Y.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Marker = ticks
		grid.Horizontal.Color = nil
		grid.Vertical.Color = gridGrey
		p.Add(grid)
		p.X.Min, p.X.Max = 0, top
		p.Y.Min, p.Y.Max = -0.6, float64(n)-0.4
		return p
	}
	p.NominalX(c.Labels...)
	// A span of years without figures is labelled from and to: smaller
	// year labels rather than labels on top of each other.
	slot := (area.Max.X - area.Min.X - r.px(160)) / vg.Length(n)
	tick := &p.X.Tick.Label
	for _, l := range c.Labels {
		for tick.Font.Size > r.px(sizeMin) && tick.Width(l) > slot-r.px(8) {
			tick.Font.Size -= r.px(1)
		}
	}
	if wide := slices.ContainsFunc(c.Labels, func(l string) bool { return tick.Width(l) > slot-r.px(8) }); wide {
		// Too many years even for small labels: they read upwards, as
		// large as the room between them allows.
		tick.Rotation = math.Pi / 2
		tick.XAlign, tick.YAlign = draw.XRight, draw.YCenter
		for tick.Font.Size = r.px(sizeTick); tick.Font.Size > r.px(sizeMin) && lineHeight(*tick) > slot-r.px(4); {
			tick.Font.Size -= r.px(1)
		}
	}
	p.Y.Tick.Marker = ticks
	grid.Vertical.Color = nil
	grid.Horizontal.Color = gridGrey
	p.Add(grid)
	p.X.Min, p.X.Max = -0.6, float64(n)-0.4
	p.Y.Min, p.Y.Max = 0, top
	return p
}

// fill adds the bars and the laid-out labels to the plot.
func (r renderer) fill(p *plot.Plot, c Chart, bw vg.Length, lay layout) {
	n, k := len(c.Labels), len(c.Series)
	for j, s := range c.Series {
		vals := make(plotter.Values, n)
		if c.Kind == KindRanking {
			for i, v := range s.Values {
				vals[n-1-i] = v
			}
		} else {
			copy(vals, s.Values)
		}
		bars := r.bars(vals, bw, palette[j%len(palette)])
		if c.Kind == KindRanking {
			bars.Horizontal = true
		} else {
			bars.Offset = offset(j, k, bw+r.px(barGap))
		}
		p.Add(bars)
	}
	p.Add(labelLayer{labels: lay.labels, seen: r.seen})
}

func (r renderer) bars(vals plotter.Values, width vg.Length, clr color.Color) *plotter.BarChart {
	return &plotter.BarChart{
		Values:    vals,
		Width:     width,
		Color:     clr,
		LineStyle: draw.LineStyle{Color: clr, Width: 0},
	}
}
