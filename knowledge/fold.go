package knowledge

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

var ligatures = strings.NewReplacer("œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae", "ß", "ss", "’", "'", "‘", "'")

// Fold lowers s, removes accents and spells out ligatures, so that
// "Montréal", "MONTREAL" and "montreal" compare equal, and "cœur" matches "coeur".
func Fold(s string) string {
	s = ligatures.Replace(s)
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
