package knowledge

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var ligatures = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss", "’", "'", "‘", "'")

// Fold lowers s, removes accents and spells out ligatures, so that
// "Montréal", "MONTREAL" and "montreal" compare equal, and "cœur" matches "coeur".
func Fold(s string) string {
	if isASCII(s) {
		// No accent and no ligature to remove.
		return strings.ToLower(s)
	}
	if out, ok := foldLatin(s); ok {
		return out
	}
	return foldText(s)
}

// foldText is Fold through Unicode normalization, for any text.
func foldText(s string) string {
	s = ligatures.Replace(s)
	t := unaccents.Get().(transform.Transformer)
	out, _, err := transform.String(t, s)
	unaccents.Put(t)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}

// unaccents keeps the transformers that remove accents: each holds buffers
// of several kilobytes, and transform.String resets one before use.
var unaccents = sync.Pool{New: func() any {
	return transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
}}

// latinEnd ends the Latin letters (with Latin-1 and Latin Extended A and
// B) that Fold reads one by one: none of them combines with its neighbour
// once accents are removed, so the text's fold is that of each letter.
const latinEnd = 0x250

// latinFolds is foldText of each letter below latinEnd, written once.
var latinFolds = sync.OnceValue(func() []string {
	t := make([]string, latinEnd)
	for r := range rune(latinEnd) {
		t[r] = foldText(string(r))
	}
	return t
})

// foldLatin is Fold for French and English text, letter by letter through
// a table; ok is false when s has a letter beyond it.
func foldLatin(s string) (out string, ok bool) {
	t := latinFolds()
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < latinEnd:
			b.WriteString(t[r])
		case r == '’' || r == '‘':
			b.WriteByte('\'')
		default:
			return "", false
		}
	}
	return b.String(), true
}
