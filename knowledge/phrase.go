package knowledge

// Phrases (cues, names, synonyms) are looked up in a question word by
// word: a sequence of words is only lengthened while some phrase begins
// with it, so most words cost one lookup, and the words are joined in one
// buffer rather than into a new string each time.

// addPrefixes adds to set the beginnings of the phrase made of words, but
// not the phrase itself: "a" and "a b" for "a b c".
func addPrefixes(set map[string]bool, words []string) {
	key := ""
	for i, w := range words[:max(len(words)-1, 0)] {
		if i > 0 {
			key += " "
		}
		key += w
		set[key] = true
	}
}

// longestPhrase finds the longest phrase of m, of at most longest words,
// that the n words given by at begin with. prefixes holds the beginnings
// of m's phrases (addPrefixes); buf is scratch space, returned for reuse.
// It gives the phrase's value and its number of words, 0 when none.
func longestPhrase[V any](m map[string]V, prefixes map[string]bool, longest, n int, at func(int) string, buf []byte) (V, int, []byte) {
	var found V
	size := 0
	buf = buf[:0]
	for l := 1; l <= min(longest, n); l++ {
		if l > 1 {
			buf = append(buf, ' ')
		}
		buf = append(buf, at(l-1)...)
		if v, ok := m[string(buf)]; ok {
			found, size = v, l
		}
		if !prefixes[string(buf)] {
			break
		}
	}
	return found, size, buf
}
