package knowledge

import (
	"os"
	"strings"
	"testing"
)

func TestDebugUnderstand(t *testing.T) {
	q := os.Getenv("Q")
	if q == "" {
		t.Skip()
	}
	b, _ := Bundled()
	ix := b.search()
	for _, line := range strings.Split(q, ";;") {
		words := ix.chatRead(focus(line))
		said, taken := ix.cues.find(words)
		subs, _ := ix.names.find(words)
		u := ix.Understand(line)
		var cs []int
		for c, ok := range said {
			if ok {
				cs = append(cs, c)
			}
		}
		terms := mergeTerms(ix.analyzeWords(append([]string(nil), words...), true))
		t.Logf("%q\n words %v taken %v\n cues %v subs %v\n terms %v\n u %+v\n ask %+v", line, words, taken, cs, subs, terms, u, ix.rank(terms, nil, 3))
	}
}
