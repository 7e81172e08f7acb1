package chart

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"golang.org/x/image/font/sfnt"
	"gonum.org/v1/plot/vg"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

var keep = flag.String("png", "", "write the rendered charts into this directory, to look at them")

func TestPNG(t *testing.T) {
	ps := printers(t)
	for _, l := range locales.All {
		for name, c := range charts(t, ps[l]) {
			t.Run(name+"."+string(l), func(t *testing.T) {
				data, err := c.PNG(DefaultWidth, DefaultHeight)
				if err != nil {
					t.Fatal(err)
				}
				if *keep != "" {
					if err := os.WriteFile(filepath.Join(*keep, name+"."+string(l)+".png"), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatalf("decode: %v", err)
				}
				if got, want := img.Bounds().Size(), image.Pt(1200, 675); got != want {
					t.Errorf("got size %v, want %v", got, want)
				}
				checkDrawn(t, img, c)
			})
		}
	}
}

// checkDrawn checks the picture holds a white background, dark text and
// the colour of each series' bars in a fair amount.
func checkDrawn(t *testing.T, img image.Image, c Chart) {
	t.Helper()
	counts := map[color.RGBA]int{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA()
			counts[color.RGBA{R: uint8(r >> 8), G: uint8(g >> 8), B: uint8(bl >> 8), A: uint8(a >> 8)}]++
		}
	}
	if len(counts) < 10 {
		t.Errorf("got %d colours, want a drawn picture (at least 10)", len(counts))
	}
	total := b.Dx() * b.Dy()
	if white := counts[color.RGBA{255, 255, 255, 255}]; white < total/3 {
		t.Errorf("got %d white pixels of %d, want a white background", white, total)
	}
	if dark := counts[ink]; dark < 500 {
		t.Errorf("got %d pixels of text colour, want text (at least 500)", dark)
	}
	for i := range c.Series {
		clr := palette[i].(color.RGBA)
		if n := counts[clr]; n < 2000 {
			t.Errorf("series %d: got %d pixels of its colour, want bars (at least 2000)", i, n)
		}
	}
}

// TestPNGConcurrent draws one chart from several goroutines at once, as
// the bot does for several people; every picture must be the same.
func TestPNGConcurrent(t *testing.T) {
	c := charts(t, printers(t)[locales.FR])["compare"]
	want, err := c.PNG(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	const n = 4
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { got[i], errs[i] = c.PNG(0, 0) })
	}
	wg.Wait()
	for i := range n {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want) {
			t.Errorf("picture %d differs from the one drawn alone", i)
		}
	}
}

// TestPNGManyForces draws a ranking of more forces than fit at full text
// size; the names shrink and the picture is still drawn.
func TestPNGManyForces(t *testing.T) {
	p := printers(t)[locales.EN]
	many := map[string]knowledge.Force{}
	var stats []knowledge.Stat
	for i := range 30 {
		id := fmt.Sprintf("f%02d", i)
		many[id] = knowledge.Force{ID: id, Place: "p" + id, Name: knowledge.Text{EN: "Force " + id, FR: "Corps " + id}}
		stats = append(stats, calls(id, 2017, 100*(i+1)))
	}
	c, err := Ranking(p, 2017, knowledge.Calls, stats, many, sources)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Labels[0], "Force f29"; got != want {
		t.Errorf("got first %q, want %q", got, want)
	}
	data, err := c.PNG(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if *keep != "" {
		if err := os.WriteFile(filepath.Join(*keep, "ranking-many.en.png"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	checkDrawn(t, img, c)
}

// TestPNGLongText draws a chart whose caveat is far longer than the room
// the picture has: the text is cut, the plot keeps its place.
func TestPNGLongText(t *testing.T) {
	c := charts(t, printers(t)[locales.FR])["series-uncertain"]
	c.Caveats[0] = strings.Repeat(c.Caveats[0]+" ", 20)
	c.Title = strings.Repeat(c.Title+" ", 5)
	data, err := c.PNG(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	checkDrawn(t, img, c)
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	sty := renderer{fonts: f, scale: 1}.style(regular, sizeFooter, ink)
	lines := clip(sty, wrap(sty, c.Caveats[0], 1000), 1000, 3)
	if len(lines) != 3 || !strings.HasSuffix(lines[2], " …") {
		t.Errorf("got %q, want 3 lines, the last ending with an ellipsis", lines)
	}
	for _, l := range lines {
		if w := sty.Width(l); w > 1000 {
			t.Errorf("got line %q %v wide, want at most 1000", l, w)
		}
	}
}

// TestFootnotes lays out the footnotes of uncertain figures: each caveat
// keeps its own line starting with its mark, however long the others are,
// and more caveats than lines give the short note that names every mark.
func TestFootnotes(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	sty := renderer{fonts: f, scale: 1}.style(regular, sizeFooter, ink)
	const width = 1152 // 1200 less the margins
	long := strings.Repeat("A caveat far longer than the picture is wide. ", 12)
	tests := []struct {
		name      string
		caveats   []string
		wantStart []string // what the lines that start a footnote start with
		wantLines int
	}{
		{"none", nil, nil, 0},
		{"one short", []string{"* Uncertain figure: one source."}, []string{"* Uncertain figure: one source."}, 1},
		{"two short", []string{"* A.", "** B."}, []string{"* A.", "** B."}, 2},
		{"first too long", []string{"* " + long, "** B.", "*** C."}, []string{"* A caveat", "** B.", "*** C."}, footnoteLines},
		{"all too long", []string{"* " + long, "** " + long, "*** " + long, "**** " + long}, []string{"* A", "** A", "*** A", "**** A"}, footnoteLines},
		{"more than lines", []string{"* A.", "** B.", "*** C.", "**** D.", "***** E."}, []string{"*, **, ***, ****, ***** Uncertain"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Chart{Caveats: tt.caveats, CaveatShort: "*, **, ***, ****, ***** Uncertain figures: see the text answer for details"}
			got := footnotes(sty, c, width)
			if len(got) != tt.wantLines {
				t.Errorf("got %d lines %+v, want %d", len(got), got, tt.wantLines)
			}
			var starts []string
			for _, l := range got {
				if w := sty.Width(l.text) + l.indent; w > width {
					t.Errorf("got line %q %v wide, want at most %v", l.text, w, vg.Length(width))
				}
				if l.indent == 0 {
					starts = append(starts, l.text)
				}
			}
			if len(starts) != len(tt.wantStart) {
				t.Fatalf("got footnotes %q, want %d starting %q", starts, len(tt.wantStart), tt.wantStart)
			}
			for i, s := range starts {
				if !strings.HasPrefix(s, tt.wantStart[i]) {
					t.Errorf("footnote %d: got %q, want it to start with %q", i, s, tt.wantStart[i])
				}
			}
		})
	}
}

func TestPNGSize(t *testing.T) {
	c := charts(t, printers(t)[locales.FR])["ranking"]
	tests := []struct {
		w, h, wantW, wantH int
	}{
		{0, 0, 1200, 675},
		{1600, 900, 1600, 900},
		{800, 450, 800, 450},
	}
	for _, tt := range tests {
		data, err := c.PNG(tt.w, tt.h)
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if cfg.Width != tt.wantW || cfg.Height != tt.wantH {
			t.Errorf("PNG(%d, %d): got %d×%d, want %d×%d", tt.w, tt.h, cfg.Width, cfg.Height, tt.wantW, tt.wantH)
		}
	}
	if _, err := c.PNG(10, 10); err == nil {
		t.Error("PNG(10, 10): got no error, want the size refused")
	}
	if _, err := (Chart{}).PNG(0, 0); err == nil {
		t.Error("empty chart: got no error, want one")
	}
}

// TestGlyphs checks the embedded fonts draw every character the charts
// write, in both languages, so that no accent or space comes out as a box.
func TestGlyphs(t *testing.T) {
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	ps := printers(t)
	// Characters the French and English charts use or may use, beyond
	// what the test charts below happen to contain.
	all := "éèêëàâîïôûùüçÉÈÀÇŒœ«»’—–\u00a0\u2212"
	for _, l := range locales.All {
		for _, c := range charts(t, ps[l]) {
			all += chartText(c)
		}
	}
	var buf sfnt.Buffer
	for i, face := range f.faces {
		for _, r := range all {
			if r == '\n' {
				continue
			}
			g, err := face.GlyphIndex(&buf, r)
			if err != nil {
				t.Fatal(err)
			}
			if g == 0 {
				t.Errorf("face %d: no glyph for %q (U+%04X)", i, r, r)
			}
		}
	}
}

// chartText gathers every string of a chart.
func chartText(c Chart) string {
	var s string
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s += v.String()
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(c))
	return s
}

// benchmarkRender draws at the size the answers attach.
func benchmarkRender(b *testing.B, name string) {
	c := charts(b, printers(b)[locales.FR])[name]
	if _, err := loadFonts(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := c.PNG(PhoneWidth, PhoneHeight); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRenderSeries(b *testing.B)  { benchmarkRender(b, "series") }
func BenchmarkRenderRanking(b *testing.B) { benchmarkRender(b, "ranking") }
func BenchmarkRenderCompare(b *testing.B) { benchmarkRender(b, "compare") }

// BenchmarkRenderCompareGap draws two forces with years neither has.
func BenchmarkRenderCompareGap(b *testing.B) { benchmarkRender(b, "compare-both-gap") }

// BenchmarkBuild measures building a chart's data, without drawing it.
func BenchmarkBuild(b *testing.B) {
	p := printers(b)[locales.FR]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Ranking(p, 2017, knowledge.Calls, calls2017, forces, sources); err != nil {
			b.Fatal(err)
		}
	}
}
