package knowledge

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Est-ce que la police de Montréal appelle l'immigration ?", []string{"est", "ce", "que", "la", "police", "de", "montreal", "appelle", "l", "immigration"}},
		{"sans-papiers", []string{"sans", "papiers"}},
		{"l’ASFC, 2017!", []string{"l", "asfc", "2017"}},
		{"CŒUR", []string{"coeur"}},
		{"  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := tokenize(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("tokenize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestStem(t *testing.T) {
	// Each group must share one stem; the stem itself is given so that a
	// change in the rules shows up here.
	tests := []struct {
		want  string
		words []string
	}{
		{"polic", []string{"police", "polices", "policier", "policiere", "policiers", "policieres"}},
		{"papi", []string{"papier", "papiers"}},
		{"deport", []string{"deport", "deported", "deportation", "deportations", "deportee"}},
		{"detain", []string{"detain", "detained", "detains"}},
		{"check", []string{"check", "checks", "checking", "checked"}},
		{"bureau", []string{"bureau", "bureaux"}},
		{"travaill", []string{"travailleur", "travailleuse", "travailleurs", "travailleuses", "travailler"}},
		{"statut", []string{"statut", "statuts"}},
		{"status", []string{"status"}},
		{"expuls", []string{"expulse", "expulsee", "expulses", "expulser"}},
		{"arrest", []string{"arrest", "arrests", "arrested", "arrestation", "arrestations"}},
		{"legal", []string{"legal", "legaux"}},
		{"policy", []string{"policy", "policies"}},
		{"verific", []string{"verification", "verifications"}},
		{"gouvern", []string{"gouvernement", "gouvernements"}},
		{"2017", []string{"2017"}},
		{"ask", []string{"ask"}},
		{"avis", []string{"avis"}},
	}
	for _, tt := range tests {
		for _, w := range tt.words {
			t.Run(w, func(t *testing.T) {
				if got := stem(w); got != tt.want {
					t.Errorf("stem(%q) = %q, want %q", w, got, tt.want)
				}
			})
		}
	}
}

func TestStemKeepsUnrelatedWordsApart(t *testing.T) {
	pairs := [][2]string{
		{"police", "policy"},
		{"status", "statut"}, // joined by synonyms, not by stemming
		{"school", "scholar"},
	}
	for _, p := range pairs {
		t.Run(p[0]+"/"+p[1], func(t *testing.T) {
			if a, b := stem(p[0]), stem(p[1]); a == b {
				t.Errorf("stem(%q) = stem(%q) = %q, want different stems", p[0], p[1], a)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"montral", "montreal", 2, 1},
		{"torono", "toronto", 2, 1},
		{"polcie", "police", 2, 1}, // swapped neighbours count once
		{"plocie", "police", 2, 2},
		{"abc", "abc", 1, 0},
		{"kitten", "sitting", 3, 3},
		{"kitten", "sitting", 1, 2}, // stops past the limit
		{"", "abc", 5, 3},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := editDistance([]rune(tt.a), []rune(tt.b), tt.limit); got != tt.want {
				t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tt.a, tt.b, tt.limit, got, tt.want)
			}
		})
	}
}

func TestPrefixDistance(t *testing.T) {
	tests := []struct {
		q, s   string
		budget int
		want   int
	}{
		{"mont", "montreal", 1, 0},
		{"mnot", "montreal", 1, 1},
		{"torotno", "toronto", 1, 1},
		{"vancuver", "vancouver", 2, 1},
		{"zzzz", "montreal", 1, 2}, // over the budget
		{"", "montreal", 1, 0},
		{"montreal city", "montreal", 2, 3}, // longer than the name: beyond the budget
	}
	for _, tt := range tests {
		t.Run(tt.q+"/"+tt.s, func(t *testing.T) {
			if got := prefixDistance([]rune(tt.q), []rune(tt.s), tt.budget); got != tt.want {
				t.Errorf("prefixDistance(%q, %q, %d) = %d, want %d", tt.q, tt.s, tt.budget, got, tt.want)
			}
		})
	}
}

func TestSoundsLike(t *testing.T) {
	tests := []struct {
		typed, known string
		same         bool
	}{
		{"polise", "police", true},
		{"apeler", "appeler", true},
		{"imigration", "immigration", true},
		{"kebec", "quebec", true},
		{"statu", "statut", true}, // a silent final letter left out
		{"statu", "status", true},
		{"mandat", "mandat", true},
		{"police", "policy", false},
		{"prix", "paix", false},
		{"avocat", "avocado", false},
		{"permit", "permis", false}, // a final letter changed: maybe another word
	}
	for _, tt := range tests {
		t.Run(tt.typed+"/"+tt.known, func(t *testing.T) {
			if got := soundsLike(tt.typed, tt.known); got != tt.same {
				t.Errorf("soundsLike(%q, %q) = %v, want %v (keys %q, %q)",
					tt.typed, tt.known, got, tt.same, soundKey(tt.typed), soundKey(tt.known))
			}
		})
	}
}
