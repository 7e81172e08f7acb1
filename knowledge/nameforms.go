package knowledge

import "strings"

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
