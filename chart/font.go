package chart

import (
	"fmt"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
)

// typeface names the Go fonts in the charts' own font cache. They cover
// Latin-1 and more (é, è, û, ô, ç, « », no-break space, minus sign), and
// being embedded they draw the same on every machine.
const typeface font.Typeface = "Go"

var (
	regular = font.Font{Typeface: typeface}
	bold    = font.Font{Typeface: typeface, Weight: xfont.WeightBold}
)

// fonts holds the parsed fonts, read once: parsing is the costly part and
// the parsed fonts never change. The cache is the charts' own, so drawing
// never depends on, nor changes, plot's global defaults.
type fonts struct {
	cache   *font.Cache
	handler text.Handler
	faces   []*opentype.Font // every face the charts draw with
}

var loadFonts = sync.OnceValues(func() (*fonts, error) {
	reg, err := opentype.Parse(goregular.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Go Regular: %w", err)
	}
	bld, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, fmt.Errorf("parse Go Bold: %w", err)
	}
	cache := font.NewCache(font.Collection{
		{Font: regular, Face: reg},
		{Font: bold, Face: bld},
	})
	return &fonts{cache: cache, handler: text.Plain{Fonts: cache}, faces: []*opentype.Font{reg, bld}}, nil
})
