package knowledge

import (
	"strings"
	"sync"
	"testing"
)

var foldTests = []struct{ in, want string }{
	{"Montréal", "montreal"},
	{"MONTRÉAL", "montreal"},
	{"Sûreté du Québec", "surete du quebec"},
	{"cœur", "coeur"},
	{"Œuvre", "oeuvre"},
	{"l’ASFC", "l'asfc"},
	{"already plain", "already plain"},
	{"ALREADY Plain", "already plain"},
	{"", ""},
	{strings.Repeat("é", 3000), strings.Repeat("e", 3000)},
}

func TestFold(t *testing.T) {
	for _, tt := range foldTests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestFoldConcurrent: the transformers Fold reuses carry nothing from one
// text to the next, whichever goroutine folded it last.
func TestFoldConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 200 {
				tt := foldTests[(g+k)%len(foldTests)]
				if got := Fold(tt.in); got != tt.want {
					t.Errorf("Fold(%.20q) = %.20q, want %.20q", tt.in, got, tt.want)
					return
				}
			}
		})
	}
	wg.Wait()
}
