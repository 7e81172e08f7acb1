package knowledge_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"sanctuaire/knowledge"
)

// TestUnderstoodReadsBackEveryKey checks that what a button carries of an
// answer (Understanding.Key) reads back as the same understanding, however
// many entries the answer names.
func TestUnderstoodReadsBackEveryKey(t *testing.T) {
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		"la police peut appeler l'ASFC",
		"how many calls did montreal police make in 2017",
		"compare spvm and tps status checks",
		"est-ce que Toronto est une ville sanctuaire",
		"droit de garder le silence",
	} {
		t.Run(q, func(t *testing.T) {
			u := kb.Understand(q)
			if !u.Sure {
				t.Fatalf("Understand(%q) is not sure", q)
			}
			back, ok := kb.Understood(u.Key())
			if !ok {
				t.Fatalf("Understood(%q) refused the key of %d hits", u.Key(), len(u.Hits))
			}
			// The key says what was asked and which entries answer it, not
			// the question's language nor how well each entry matched.
			plain := func(u knowledge.Understanding) knowledge.Understanding {
				u.Lang = ""
				hits := make([]knowledge.Hit, len(u.Hits))
				for i, h := range u.Hits {
					hits[i] = knowledge.Hit{Kind: h.Kind, ID: h.ID}
				}
				u.Hits = hits
				return u
			}
			if diff := cmp.Diff(plain(u), plain(back)); diff != "" {
				t.Errorf("Understood(Key()) (-want +got):\n%s", diff)
			}
		})
	}
}
