package knowledge

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Match is one autocomplete choice: the value to send back (ID) and the
// name to show.
type Match struct {
	ID, Name string
}

// maxChoiceName is the longest name Discord accepts for a choice.
const maxChoiceName = 100

// How a name matches what was typed, best first.
const (
	tierExact      = iota // the whole name
	tierPrefix            // the start of the name
	tierWordPrefix        // the start of one of its words, or of each typed word
	tierFuzzy             // the start of the name or of a word, with typos
	tierText              // the entry's text, by Ask's ranking
	tierNone
)

type candidate struct {
	doc   int
	tier  int
	dist  int
	score float64
	name  string // the matched name, folded
}

// Complete offers entries of kind whose names start with, contain or
// nearly match what was typed: accent- and case-insensitive, exact and
// prefix matches first (names in both languages, aliases, acronyms), then
// word prefixes, then typos, then entries whose text matches. At most n
// (Discord allows 25); Name is in lang and at most 100 characters. With
// nothing typed, it lists the first n entries by name. An empty kind
// searches every kind.
func (b *Base) Complete(kind Kind, typed, lang string, n int) []Match {
	return b.search().Complete(kind, typed, lang, n)
}

// Suggest returns the IDs of the entries of kind whose names are closest
// to name, best first, at most n, for "did you mean". Only close names
// count: an exact, prefix or word match, or a name within the typo budget.
func (b *Base) Suggest(kind Kind, name string, n int) []string {
	return b.search().Suggest(kind, name, n)
}

// CompleteQuestion offers entries for the free-text question box while it
// is typed, taking the last word as unfinished: the entry the
// understanding is sure of (see Understand), then names that begin with
// what was typed, the entries Ask finds, and names with typos. IDs are "kind:id" ("topic:remain-silent").
// With nothing typed it lists the rights topics first, in the order of
// the data files.
func (b *Base) CompleteQuestion(typed, lang string, n int) []Match {
	return b.search().CompleteQuestion(typed, lang, n)
}

// Complete: see Base.Complete.
func (ix *Index) Complete(kind Kind, typed, lang string, n int) []Match {
	if n <= 0 {
		return nil
	}
	cands := ix.candidates(kind, typed, lang, forComplete)
	out := make([]Match, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		d := &ix.docs[c.doc]
		out = append(out, Match{ID: d.id, Name: choiceName(d.name, lang)})
	}
	return out
}

// Suggest: see Base.Suggest.
func (ix *Index) Suggest(kind Kind, name string, n int) []string {
	if n <= 0 || nameKey(name) == "" {
		return nil
	}
	var out []string
	for _, c := range ix.candidates(kind, name, "en", forSuggest) {
		if len(out) == n {
			break
		}
		if c.tier <= tierFuzzy {
			out = append(out, ix.docs[c.doc].id)
		}
	}
	return out
}

// CompleteQuestion: see Base.CompleteQuestion.
func (ix *Index) CompleteQuestion(typed, lang string, n int) []Match {
	if n <= 0 {
		return nil
	}
	var out []Match
	seen := map[int]bool{}
	put := func(i int) {
		if len(out) < n && !seen[i] {
			seen[i] = true
			d := &ix.docs[i]
			out = append(out, Match{ID: string(d.kind) + ":" + d.id, Name: choiceName(d.name, lang)})
		}
	}
	if nameKey(typed) == "" {
		for _, k := range kinds {
			for _, i := range ix.byKind[k] {
				put(i)
			}
		}
		return out
	}
	// The entry the understanding is sure a sentence asks for comes first
	// ("combien d'appels le spvm en 20" → the SPVM), then names that begin
	// with what was typed ("montr"), then what the ranking finds, then names
	// with typos. A word or two is a name being typed: not understood.
	words := ix.typingWords(typed)
	var ranked []Hit
	if len(words) >= minUnderstood {
		if u := ix.Understand(strings.Join(words, " ")); u.Sure {
			for _, h := range u.Hits {
				put(ix.docIndex(h.Kind, h.ID))
			}
			if len(u.Hits) >= 3 {
				// The understanding ranked the entries already: what it
				// picked, then the nearest it found.
				ranked = u.Hits
			}
		}
	}
	names := ix.candidates("", typed, lang, forQuestion)
	for _, c := range names {
		if c.tier <= tierPrefix {
			put(c.doc)
		}
	}
	if ranked == nil {
		ranked = ix.rank(ix.wordTerms(words), nil, n)
	}
	for _, h := range ranked {
		put(ix.docIndex(h.Kind, h.ID))
	}
	for _, c := range names {
		put(c.doc)
	}
	return out
}

// typingTerms analyzes a question being typed, read by typingWords.
func (ix *Index) typingTerms(typed string) []term {
	return ix.wordTerms(ix.typingWords(typed))
}

func (ix *Index) wordTerms(words []string) []term {
	return mergeTerms(ix.analyzeWords(words, ix.corrector()))
}

// minUnderstood is the fewest words of a question being typed that the
// understanding reads.
const minUnderstood = 3

// typingWords reads a question being typed: when the last word is not
// finished (no space after it) and is not a word on its own, it is read as
// the most frequent known word it begins, so "sans pap" reads as
// "sans papiers".
func (ix *Index) typingWords(typed string) []string {
	words := tokenize(typed)
	finished := strings.TrimRightFunc(typed, isSpace) != typed
	if len(words) > 0 && !finished {
		last := &words[len(words)-1]
		if _, whole := ix.words[*last]; !whole && len(*last) >= 2 {
			if c := ix.complete(*last); c != "" {
				*last = c
			}
		}
	}
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	return words
}

// complete returns the most frequent known word that begins with prefix.
func (ix *Index) complete(prefix string) string {
	best, freq := "", 0
	start, _ := slices.BinarySearch(ix.vocab, prefix)
	for _, v := range ix.vocab[start:] {
		if !strings.HasPrefix(v, prefix) {
			break
		}
		if f := ix.words[v]; best == "" || f > freq {
			best, freq = v, f
		}
	}
	return best
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' }

func (ix *Index) docIndex(k Kind, id string) int {
	for _, i := range ix.byKind[k] {
		if ix.docs[i].id == id {
			return i
		}
	}
	return -1
}

// What candidates are for.
const (
	forComplete = iota // names, typos against the start of names, then text
	forSuggest         // names, typos against whole names or words
	forQuestion        // names, typos against the start of names
)

// candidates ranks the docs of kind (all kinds when empty) by how their
// names match typed. With nothing typed, they come by name in lang.
func (ix *Index) candidates(kind Kind, typed, lang string, use int) []candidate {
	pool := ix.byKind[kind]
	if kind == "" {
		pool = make([]int, len(ix.docs))
		for i := range pool {
			pool[i] = i
		}
	}
	q := nameKey(typed)
	if q == "" {
		var out []candidate
		for _, i := range ix.sortedByName(pool, lang) {
			out = append(out, candidate{doc: i, tier: tierNone})
		}
		return out
	}
	var out []candidate
	tq := newTypedName(q)
	for _, i := range pool {
		if c, ok := ix.matchNames(i, tq, use == forSuggest); ok {
			out = append(out, c)
		}
	}
	if use == forComplete {
		have := map[int]bool{}
		for _, c := range out {
			have[c.doc] = true
		}
		for _, h := range ix.rank(ix.typingTerms(typed), pool, len(pool)) {
			if i := ix.docIndex(h.Kind, h.ID); !have[i] {
				out = append(out, candidate{doc: i, tier: tierText, score: h.Score})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b candidate) int {
		return cmp.Or(
			cmp.Compare(a.tier, b.tier),
			cmp.Compare(a.dist, b.dist),
			cmp.Compare(b.score, a.score),
			cmp.Compare(len(a.name), len(b.name)),
			cmp.Compare(a.doc, b.doc),
		)
	})
	return out
}

// sortedByName orders docs by their name in lang, ignoring case and accents.
func (ix *Index) sortedByName(pool []int, lang string) []int {
	key := make(map[int]string, len(pool))
	for _, i := range pool {
		key[i] = fold(choiceName(ix.docs[i].name, lang))
	}
	out := slices.Clone(pool)
	slices.SortStableFunc(out, func(a, b int) int { return cmp.Compare(key[a], key[b]) })
	return out
}

// choiceName is the entry's name in lang (the other language when empty),
// cut to the length Discord accepts.
func choiceName(t Text, lang string) string {
	s := t.In(lang)
	if s == "" {
		s = t.In(other(lang))
	}
	if utf8.RuneCountInString(s) <= maxChoiceName {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:maxChoiceName-1])) + "…"
}

func other(lang string) string {
	if lang == "fr" {
		return "en"
	}
	return "fr"
}
