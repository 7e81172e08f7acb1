package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokenize folds s and splits it into words: runs of letters and digits.
// Apostrophes and hyphens separate words, so "l'immigration" gives
// "l", "immigration" and "sans-papiers" gives "sans", "papiers".
func tokenize(s string) []string {
	return strings.FieldsFunc(fold(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold is Fold with a shortcut for plain ASCII, which has no accents or
// ligatures to remove: most texts and questions are ASCII.
func fold(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return Fold(s)
		}
	}
	return strings.ToLower(s)
}

// minStem is the shortest stem a suffix may leave behind; shorter words
// are kept whole.
const minStem = 4

// pluralKeep are endings whose final s is not a plural mark
// (status, process, avis, corpus).
var pluralKeep = []string{"ss", "us", "is"}

// suffixes are removed once, longest first, after the plural. The list is
// deliberately short: it joins the forms people type for the same word
// (policier, policière, policiers, police; detained, detain; checking, check)
// without merging unrelated words. Synonyms do the rest.
var suffixes = []string{
	"issements", "issement", "ements", "ement", "ment",
	"ations", "ation", "tion",
	"euses", "euse", "eurs", "eur",
	"ieres", "iere", "iers", "ier", "ere",
	"ing", "ed", "er", "ez", "ee", "e",
}

// stem reduces a folded word to a light stem shared by its French and
// English inflections: plural s and x, -ment, -ation/-tion, -eur/-euse,
// -ier/-ière/-ère, -ing, -ed, -er, -é(e), final e, never leaving fewer than
// four letters. Numbers and words of three letters or fewer are kept.
func stem(w string) string {
	if len(w) <= 3 || isNumber(w) {
		return w
	}
	w = unplural(w)
	for _, suf := range suffixes {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= minStem {
			w = w[:len(w)-len(suf)]
			break
		}
	}
	// Doubled final consonants left by -ing/-ed/-er ("stopped", "travailler")
	// are kept: "travaill" must match "travailleur" too.
	return w
}

// unplural removes a plural mark: "ies" → "y", "eaux" → "eau", "aux" → "al",
// a final x after "eu"/"au", and a final s except after s, u or i.
func unplural(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "eaux"):
		return w[:len(w)-1]
	case strings.HasSuffix(w, "aux") && len(w) > 4:
		return w[:len(w)-3] + "al"
	case strings.HasSuffix(w, "eux") && len(w) > 4:
		return w // heureux, dangereux: not a plural mark
	case strings.HasSuffix(w, "s"):
		for _, k := range pluralKeep {
			if strings.HasSuffix(w, k) {
				return w
			}
		}
		return w[:len(w)-1]
	}
	return w
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}
