package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Discord's limits on a message's embeds and components.
const (
	maxTitle       = 256
	maxDescription = 4096
	maxFields      = 25
	maxFieldName   = 256
	maxFieldValue  = 1024
	maxFooter      = 2048
	maxEmbedsTotal = 6000
	maxEmbeds      = 10
	maxButtonLabel = 80
	maxButtonURL   = 512
	maxRows        = 5
	maxRowButtons  = 5
	maxCustomID    = 100
	maxChoices     = 25
	maxChoiceName  = 100
	maxChoiceValue = 100
	maxMenuOptions = 25
	maxMenuLabel   = 100 // an option's label and description
	maxPlaceholder = 150
)

// emptyName stands for an embed field's name when it has none: Discord
// requires one, and shows a zero-width space as nothing.
const emptyName = "\u200b"

// size counts text the way Discord does: in UTF-16 code units, which is never
// less than the number of characters: a rune outside the Basic Multilingual
// Plane takes two units, and each byte of invalid UTF-8 one, as when ranging
// over the string.
func size(s string) int {
	n := 0
	for i := 0; i < len(s); {
		// Eight ASCII bytes at a time: most of an answer's text.
		if i+8 <= len(s) {
			w := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
				uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
			if w&0x8080808080808080 == 0 {
				n += 8
				i += 8
				continue
			}
		}
		if s[i] < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		n++
		if r >= 0x10000 {
			n++
		}
		i += w
	}
	return n
}

// truncate cuts s to at most max units, at a word boundary when there is one,
// and marks the cut with an ellipsis.
func truncate(s string, max int) string {
	// A string never has more UTF-16 units than bytes.
	if len(s) <= max || size(s) <= max {
		return s
	}
	cut := prefix(s, max-1)
	if i := strings.LastIndexAny(cut, " \n"); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " \n") + "…"
}

// prefix returns the longest prefix of s of at most max units.
func prefix(s string, max int) string {
	if len(s) <= max {
		return s
	}
	n := 0
	for i, r := range s {
		n++
		if r >= 0x10000 {
			n++
		}
		if n > max {
			return s[:i]
		}
	}
	return s
}

// split cuts text into pieces of at most limit units, preferring paragraph,
// line, sentence and word boundaries in that order.
func split(text string, limit int) []string {
	pieces, _ := splitUnits(text, limit)
	return pieces
}

// splitUnits is split that also gives each piece's size, counted while
// cutting so that no piece is counted twice.
func splitUnits(text string, limit int) (pieces []string, sizes []int) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, nil
	}
	if n := size(text); n <= limit {
		return []string{text}, []int{n}
	}
	for _, sep := range []string{"\n\n", "\n", ". ", "; ", ", ", " "} {
		parts := strings.SplitAfter(text, sep)
		if len(parts) < 2 {
			continue
		}
		var b strings.Builder
		bn := 0 // size of b's text, kept as parts are added
		for _, part := range parts {
			n := size(part)
			// Trailing spaces and newlines are one byte and one unit each.
			trimmed := n - (len(part) - len(strings.TrimRight(part, " \n")))
			if b.Len() > 0 && bn+trimmed > limit {
				t, tn := trimSpaceUnits(b.String(), bn)
				pieces, sizes = append(pieces, t), append(sizes, tn)
				b.Reset()
				bn = 0
			}
			if n > limit {
				ps, ns := splitUnits(part, limit)
				pieces, sizes = append(pieces, ps...), append(sizes, ns...)
				continue
			}
			b.WriteString(part)
			bn += n
		}
		if b.Len() > 0 {
			t, tn := trimSpaceUnits(b.String(), bn)
			pieces, sizes = append(pieces, t), append(sizes, tn)
		}
		return pieces, sizes
	}
	// One unbroken word longer than a page: nothing better than a hard cut.
	n := size(text)
	for n > limit {
		p := prefix(text, limit)
		pn := size(p)
		pieces, sizes = append(pieces, p), append(sizes, pn)
		text = text[len(p):]
		n -= pn
	}
	return append(pieces, text), append(sizes, n)
}

// trimSpaceUnits is strings.TrimSpace for a text of n units, with the size
// of what it returns. Only the spaces cut are counted again.
func trimSpaceUnits(s string, n int) (string, int) {
	rest := strings.TrimLeftFunc(s, unicode.IsSpace)
	n -= size(s[:len(s)-len(rest)])
	t := strings.TrimRightFunc(rest, unicode.IsSpace)
	return t, n - size(rest[len(t):])
}

// runeCount is used for Discord limits counted in characters rather than units.
func runeCount(s string) int { return utf8.RuneCountInString(s) }

// truncateRunes cuts s to n characters, for limits counted in characters.
func truncateRunes(s string, n int) string {
	if runeCount(s) <= n {
		return s
	}
	rs := []rune(s)
	return string(rs[:n-1]) + "…"
}
