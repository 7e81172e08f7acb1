package knowledge

// term is one search term of a question, with its weight.
type term struct {
	text   string
	weight float64
	fixed  bool // comes from a word corrected for a typo
	// guessed is true when the term comes from a corrected word, even
	// one that sounds the same as the word typed.
	guessed bool
}

// analyze turns text into search terms: folded words, light stems,
// synonym concepts, without stop words. With fix set, words the index
// does not know are corrected to the closest known word.
func (ix *Index) analyze(text string, fix bool) []term {
	words := tokenize(text)
	if fix && len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	var c *corrections
	if fix {
		c = ix.corrector()
	}
	return ix.analyzeWords(words, c)
}

// A question is read up to maxQueryWords words, and at most maxFixes of
// them are corrected for typos: each correction scans the vocabulary, and
// a pasted page must not cost more than a question.
const (
	maxQueryWords = 40
	maxFixes      = 8
)

// analyzeWords is analyze on words already tokenized; it may change them.
// Words are corrected for typos through fix, when not nil.
func (ix *Index) analyzeWords(words []string, fix *corrections) []term {
	// What each word becomes: its weight, whether it was corrected, its
	// stem.
	type read struct {
		weight         float64
		fixed, guessed bool
		stem           string
	}
	reads := make([]read, len(words))
	fixes := 0
	for i, w := range words {
		reads[i].weight = 1
		if fix != nil && fixes < maxFixes && !ix.known(w) {
			fixes++
			if c, same := fix.correct(w); c != "" {
				words[i] = c
				reads[i].weight = weightCorrected
				reads[i].guessed = true
				// A word that sounds the same is surely the one meant.
				reads[i].fixed = !same
			}
		}
	}
	// Phrases are matched over the words without articles.
	seq := make([]int, 0, len(words))
	for i, w := range words {
		if !fillers[w] {
			seq = append(seq, i)
		}
	}
	for i, w := range words {
		reads[i].stem = stem(w)
	}
	out := make([]term, 0, len(words))
	var room [64]byte
	buf := room[:0]
	for i := 0; i < len(seq); {
		var c string
		var l int
		c, l, buf = longestPhrase(ix.th.phrases, ix.th.prefixes, ix.th.longest, len(seq)-i, func(j int) string { return reads[seq[i+j]].stem }, buf)
		if l > 0 {
			r := reads[seq[i]]
			out = append(out, term{c, r.weight, r.fixed, r.guessed})
			if l > 1 {
				for j := range l {
					k := seq[i+j]
					if stopWords[words[k]] {
						continue
					}
					t := reads[k].stem
					if c1, ok := ix.th.phrases[t]; ok {
						t = c1
					}
					out = append(out, term{t, weightPart * reads[k].weight, reads[k].fixed, reads[k].guessed})
				}
			}
			i += l
			continue
		}
		k := seq[i]
		if !stopWords[words[k]] && !(fix != nil && chatWords[words[k]]) {
			out = append(out, term{reads[k].stem, reads[k].weight, reads[k].fixed, reads[k].guessed})
		}
		i++
	}
	return out
}

// known reports whether w needs no typo correction.
func (ix *Index) known(w string) bool {
	if len(w) < 4 || isNumber(w) || stopWords[w] || fillers[w] || chatWords[w] {
		return true
	}
	if _, ok := ix.words[w]; ok {
		return true
	}
	st := stem(w)
	if _, ok := ix.th.phrases[st]; ok {
		return true
	}
	return ix.stems[st]
}
