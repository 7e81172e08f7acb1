package chart

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// TestBundled draws every chart the bundled knowledge allows — each force's
// series, each year's ranking, SPVM beside Toronto — in both languages, and
// checks each picture, each character of its text and that no label
// covers another.
func TestBundled(t *testing.T) {
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	forces := map[string]knowledge.Force{}
	for _, f := range kb.Forces {
		forces[f.ID] = f
	}
	f, err := loadFonts()
	if err != nil {
		t.Fatal(err)
	}
	ps := printers(t)
	measures := []knowledge.Measure{knowledge.Calls, knowledge.StatusChecks}
	of := func(force string, m knowledge.Measure) []knowledge.Stat {
		var out []knowledge.Stat
		for _, st := range kb.Stats {
			if st.Force == force && st.Measure == m {
				out = append(out, st)
			}
		}
		return out
	}
	for _, l := range locales.All {
		p := ps[l]
		built := map[string]Chart{}
		for _, m := range measures {
			var all []knowledge.Stat
			var years []int
			for _, st := range kb.Stats {
				if st.Measure == m {
					all = append(all, st)
					years = append(years, st.Year)
				}
			}
			slices.Sort(years)
			for _, y := range slices.Compact(years) {
				c, err := Ranking(p, y, m, all, forces, kb.Sources)
				if err != nil {
					t.Fatalf("ranking %d %s: %v", y, m, err)
				}
				built["ranking "+string(m)+" "+p.Year(y)] = c
			}
			for _, fo := range kb.Forces {
				stats := of(fo.ID, m)
				if len(stats) == 0 {
					continue
				}
				c, err := Series(p, fo, m, stats, kb.Sources)
				if err != nil {
					t.Fatalf("series %s %s: %v", fo.ID, m, err)
				}
				built["series "+fo.ID+" "+string(m)] = c
			}
			if a, b := of("spvm", m), of("tps", m); len(a) > 0 && len(b) > 0 {
				c, err := Compare(p, forces["spvm"], forces["tps"], m, a, b, kb.Sources)
				if err != nil {
					t.Fatalf("compare %s: %v", m, err)
				}
				built["compare "+string(m)] = c
			}
		}
		if len(built) < 5 {
			t.Fatalf("%s: got %d charts from the bundled knowledge, want at least 5", l, len(built))
		}
		for name, c := range built {
			t.Run(string(l)+" "+name, func(t *testing.T) {
				if strings.Contains(chartText(c), "[chart_") {
					t.Errorf("missing message in %+v", c)
				}
				var buf sfnt.Buffer
				for _, r := range chartText(c) {
					for _, face := range f.faces {
						if g, err := face.GlyphIndex(&buf, r); err != nil || g == 0 {
							t.Errorf("no glyph for %q (U+%04X)", r, r)
						}
					}
				}
				// The answers attach the phone size.
				data, err := c.PNG(PhoneWidth, PhoneHeight)
				if err != nil {
					t.Fatal(err)
				}
				if *keep != "" {
					name := strings.NewReplacer(" ", "-").Replace(string(l) + " " + name)
					if err := os.WriteFile(filepath.Join(*keep, "bundled-"+name+".png"), data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				img, err := png.Decode(bytes.NewReader(data))
				if err != nil {
					t.Fatal(err)
				}
				if got, want := img.Bounds().Size(), image.Pt(PhoneWidth, PhoneHeight); got != want {
					t.Errorf("got size %v, want %v", got, want)
				}
				checkDrawn(t, img, c)
				// No value, "no figure" or year covers another, nor a bar.
				checkLayout(t, c, PhoneWidth, PhoneHeight)
				checkLayout(t, c, 0, 0)
			})
		}
	}
}
