package bot

import (
	"context"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// TestColourByKind checks that an answer, a caution and "not found" are
// told apart by their embed's colour, as the handlers answer real requests.
func TestColourByKind(t *testing.T) {
	kb, cat := content(t)
	h := handlers.New(kb, cat, nil)
	ctx := context.Background()
	tests := []struct {
		name string
		run  handlers.Func
		opts map[string]string
		want int
	}{
		{"a city", h.City, map[string]string{"name": "montreal"}, colourInfo},
		{"an unknown city", h.City, map[string]string{"name": "Sherbrooke"}, colourNotFound},
		{"a year that cannot be read", h.Stats, map[string]string{"year": "last year"}, colourNotFound},
		{"uncertain figures", h.Stats, map[string]string{"year": "2017"}, colourCaution},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := tt.run(ctx, handlers.Request{Options: tt.opts, Langs: []locales.Lang{locales.FR}})
			if err != nil {
				t.Fatal(err)
			}
			rd := render(cat, resp, handlers.Request{})
			if len(rd.pages) == 0 || len(rd.pages[0]) == 0 {
				t.Fatal("no embed")
			}
			if got := rd.pages[0][0].Color; got != tt.want {
				t.Errorf("got colour %#06x, want %#06x", got, tt.want)
			}
		})
	}
}
