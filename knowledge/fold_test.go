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
	// Beyond Latin letters, Unicode normalization does the folding.
	{"Ελλάδα", "ελλαδα"},
	{"e\u0301cole → Montréal", "ecole → montreal"},
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

// TestFoldLatin checks that folding Latin text letter by letter gives what
// Unicode normalization gives, for every letter of the table beside letters
// plain, accented, ligatures, and decomposed; and that letters beyond the
// table are left to normalization.
func TestFoldLatin(t *testing.T) {
	var letters []rune
	for r := rune(0x20); r < latinEnd; r++ {
		letters = append(letters, r)
	}
	letters = append(letters, '’', '‘')
	beside := []rune("ae 'éèêëçàÉÇœŒæßİǅĳøŀ’")
	for _, a := range letters {
		for _, b := range beside {
			for _, s := range []string{string([]rune{a, b}), string([]rune{b, a})} {
				got, ok := foldLatin(s)
				if want := foldText(s); !ok || got != want {
					t.Fatalf("foldLatin(%q) = %q, %v; want %q", s, got, ok, want)
				}
			}
		}
	}
	for _, s := range []string{"e\u0301cole", "Ελλάδα", "caf\xe9", "日本"} {
		if _, ok := foldLatin(s); ok {
			t.Errorf("foldLatin(%q) folded letters beyond its table", s)
		}
		if got, want := Fold(s), foldText(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
