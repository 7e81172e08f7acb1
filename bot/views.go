package bot

import (
	"slices"
	"strings"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// The colours of the embed's left bar, by kind of answer: blue for an
// answer, amber for a caution, red for "not found". They stay apart for the
// common colour-vision deficiencies by lightness as well as hue.
const (
	colourInfo     = 0x3b82c4
	colourCaution  = 0xe8a317
	colourNotFound = 0xc9372c
)

func colour(k handlers.Kind) int {
	switch k {
	case handlers.Caution:
		return colourCaution
	case handlers.NotFound:
		return colourNotFound
	}
	return colourInfo
}

// sourcesView lists sources one a line. A sentence of a note that several of
// them share ("title reconstructed from the web address") is said once,
// after the list, and each of those sources carries its mark.
func sourcesView(p *locales.Printer, sources []handlers.Source) (name, value string) {
	split := make([][]string, len(sources))
	count := map[string]int{}
	for i, s := range sources {
		split[i] = noteSentences(s.Note)
		for _, t := range split[i] {
			count[t]++
		}
	}
	var shared []string
	lines := make([]string, 0, len(sources)+4)
	for i, s := range sources {
		label, marks := s.Cite, ""
		if label == "" {
			label = s.Label
		}
		var own []string
		for _, t := range split[i] {
			if count[t] < 2 {
				own = append(own, t)
				continue
			}
			k := slices.Index(shared, t)
			if k < 0 {
				shared = append(shared, t)
				k = len(shared) - 1
			}
			marks += noteMark(k)
		}
		if len(own) > 0 {
			label = p.T("answer_with_note", "Text", label, "Note", strings.Join(own, " "))
		}
		lines = append(lines, sourceLine(handlers.Source{Label: label, URL: s.URL})+marks)
	}
	for k, t := range shared {
		lines = append(lines, p.T("common_sources_note", "Mark", noteMark(k), "Note", t))
	}
	return p.Plural("common_sources_view", len(sources)), strings.Join(lines, "\n")
}

// noteSentences cuts a note into its sentences.
func noteSentences(note string) []string {
	var out []string
	for _, t := range strings.SplitAfter(strings.TrimSpace(note), ". ") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// noteMark is the mark of the k-th shared note, from 0: ¹, ², ³…
func noteMark(k int) string {
	const digits = "⁰¹²³⁴⁵⁶⁷⁸⁹"
	d := []rune(digits)
	var out []rune
	for n := k + 1; n > 0; n /= 10 {
		out = append([]rune{d[n%10]}, out...)
	}
	return string(out)
}
