package knowledge

import (
	"slices"
	"strings"
)

// nameForms is what autocomplete matches a folded name with, prepared once
// when the index is built rather than at every keystroke.
type nameForms struct {
	words []string // the name's words
	// starts are the name and the rest of it from each of its words on,
	// as runes: typos are counted against their beginnings.
	starts [][]rune
	// wordRunes are the name's words as runes, for names typed in full.
	wordRunes [][]rune
}

func newNameForms(name string) nameForms {
	words := strings.Fields(name)
	f := nameForms{words: words, starts: [][]rune{[]rune(name)}}
	for k := 1; k < len(words); k++ {
		f.starts = append(f.starts, []rune(strings.Join(words[k:], " ")))
	}
	for _, w := range words {
		f.wordRunes = append(f.wordRunes, []rune(w))
	}
	return f
}

// typedName is a name as typed, folded (q), read once for all the names
// it is matched against.
type typedName struct {
	q      string
	qr     []rune
	qwords []string
	budget int
}

func newTypedName(q string) *typedName {
	t := &typedName{q: q, qr: []rune(q), qwords: strings.Fields(q)}
	t.budget = typoBudget(len(t.qr))
	if len(t.qwords) > maxNameWords {
		// A sentence is not a name being typed: its typos are read by
		// the ranking, word by word, not against whole names.
		t.budget = 0
	}
	return t
}

// matchNames finds the best way one of doc i's names matches tq.
// With whole set, typos are counted against whole names and words, as for
// a name typed in full; otherwise against their beginnings, as for a name
// being typed.
func (ix *Index) matchNames(i int, tq *typedName, whole bool) (candidate, bool) {
	best := candidate{doc: i, tier: tierNone}
	try := func(c candidate) {
		if c.tier < best.tier || (c.tier == best.tier && c.dist < best.dist) {
			best = c
		}
	}
	q, qr, qwords, budget := tq.q, tq.qr, tq.qwords, tq.budget
	for k, name := range ix.docs[i].folded {
		forms := &ix.docs[i].forms[k]
		switch {
		case name == q:
			try(candidate{doc: i, tier: tierExact, name: name})
			continue
		case strings.HasPrefix(name, q):
			try(candidate{doc: i, tier: tierPrefix, name: name})
			continue
		}
		if everyWordPrefix(qwords, forms.words) {
			try(candidate{doc: i, tier: tierWordPrefix, name: name})
			continue
		}
		if budget == 0 {
			continue
		}
		// Typos: against the name, then from each of its words on.
		starts := forms.starts
		if whole {
			starts = append(starts[:len(starts):len(starts)], forms.wordRunes...)
		}
		for _, s := range starts {
			// As in typo correction, the first letter must be right.
			if len(s) == 0 || s[0] != qr[0] {
				continue
			}
			d := 0
			if whole {
				d = editDistance(qr, s, budget)
			} else {
				d = prefixDistance(qr, s, budget)
			}
			if d <= budget {
				try(candidate{doc: i, tier: tierFuzzy, dist: d, name: name})
			}
		}
	}
	return best, best.tier != tierNone
}

// maxNameWords is the most words a name being typed is matched with typos.
const maxNameWords = 3

// everyWordPrefix reports whether each typed word begins some word of the
// name, as in "ville queb" for "ville de quebec".
func everyWordPrefix(typed, words []string) bool {
	if len(typed) == 0 {
		return false
	}
	for _, t := range typed {
		if !slices.ContainsFunc(words, func(w string) bool { return strings.HasPrefix(w, t) }) {
			return false
		}
	}
	return true
}

// prefixDistance is the smallest edit distance between q and a prefix of
// s, or budget+1 when it exceeds budget. One table serves every prefix:
// its last row holds the distance from q to each of them.
func prefixDistance(q, s []rune, budget int) int {
	s = s[:min(len(s), len(q)+budget)]
	if len(q) == 0 {
		return 0
	}
	_, best, ok := osaLastRow(q, s, budget)
	if !ok {
		return budget + 1
	}
	return min(best, budget+1)
}
