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
