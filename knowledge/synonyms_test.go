package knowledge

import (
	"strings"
	"testing"
)

// TestSynonymGroupsDistinct checks that no phrase belongs to two groups:
// the second group would silently lose it.
func TestSynonymGroupsDistinct(t *testing.T) {
	owner := map[string]string{}
	for _, g := range synonymGroups {
		c := concept(g)
		for _, p := range g {
			key := strings.Join(phraseStems(p), " ")
			if key == "" {
				t.Errorf("phrase %q in group %q has no words left after folding", p, c)
				continue
			}
			if o, ok := owner[key]; ok && o != c {
				t.Errorf("phrase %q (%q) is in groups %q and %q", p, key, o, c)
			}
			owner[key] = c
		}
	}
}

// TestSynonymGroupsNotStopWords checks that a one-word phrase is not a stop
// word, which would make the group match every question.
func TestSynonymGroupsNotStopWords(t *testing.T) {
	for _, g := range synonymGroups {
		for _, p := range g {
			if w := tokenize(p); len(w) == 1 && stopWords[w[0]] {
				t.Errorf("phrase %q of group %q is a stop word", p, concept(g))
			}
		}
	}
}
