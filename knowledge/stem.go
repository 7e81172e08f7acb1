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
// (policier, policière, policiers, police; detained, detain; checking, check;
// demander, demandent)
// without merging unrelated words. Synonyms do the rest.
var suffixes = []string{
	"issements", "issement", "ements", "ement", "ment", "ent",
	"ations", "ation", "tion",
	"euses", "euse", "eurs", "eur",
	"ieres", "iere", "iers", "ier", "ere",
	"ing", "ed", "er", "ez", "ee", "e",
}

// stem reduces a folded word to a light stem shared by its French and
// English inflections: plural s and x, -ment, -ent, -ation/-tion, -eur/-euse,
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

// soundKey is a rough phonetic key of a folded word for both languages:
// letters written differently for the same sound are joined (c/s before
// e, i, y; c/k/q; z/s; ph/f; y/i), h, doubled letters and a final e are
// dropped. Two words with the same key are the same word mistyped by ear
// ("polise", "police"; "apeler", "appeler").
func soundKey(w string) string {
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		next := byte(0)
		if i+1 < len(w) {
			next = w[i+1]
		}
		switch {
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case c == 'c' && next == 'h':
			c = '9'
			i++
		case c == 'c' && (next == 'e' || next == 'i' || next == 'y'):
			c = 's'
		case c == 'c' || c == 'q':
			c = 'k'
			if next == 'u' && i+2 < len(w) {
				i++
			}
		case c == 'z':
			c = 's'
		case c == 'y':
			c = 'i'
		case c == 'h':
			continue
		}
		if n := len(b); n > 0 && b[n-1] == c {
			continue
		}
		b = append(b, c)
	}
	if n := len(b); n > 3 && b[n-1] == 'e' {
		b = b[:n-1]
	}
	return string(b)
}

// silentKey is soundKey without a silent final s, t, x or d, for words
// typed without it ("statu" for "statut" or "status"). It is only compared
// with the key of what was typed: a final letter left out is a typo, one
// changed for another may be another word ("permit", "permis").
func silentKey(w string) string {
	k := soundKey(w)
	if n := len(k); n > 3 && strings.IndexByte("stxd", k[n-1]) >= 0 {
		k = k[:n-1]
		if n := len(k); n > 3 && k[n-1] == 'e' {
			k = k[:n-1]
		}
	}
	return k
}

// soundsLike reports whether typed may be known mistyped by ear.
func soundsLike(typed, known string) bool {
	k := soundKey(typed)
	return k == soundKey(known) || k == silentKey(known)
}
