package knowledge

import (
	"slices"
	"strconv"
	"strings"
)

// Intent is what a question asks about its subject.
type Intent string

// The intents a question can have.
const (
	AskEntry   Intent = "entry"   // the entry itself: a rights topic, an organisation
	AskFigure  Intent = "figure"  // a force's figure, for a year when one is named
	AskTrend   Intent = "trend"   // how a force's figures went from one year to another
	AskRanking Intent = "ranking" // which force contacted the CBSA most
	AskCompare Intent = "compare" // two forces side by side
	AskPolicy  Intent = "policy"  // whether a place has a policy, since when
	AskCovers  Intent = "covers"  // what a place's policy covers or excludes
	AskContact Intent = "contact" // how to reach an organisation
)

// Understanding is what a question asks, as far as the base can tell.
type Understanding struct {
	Intent Intent
	// Hits are the entries that answer it, best first: the subject, or
	// for a comparison both forces. For a ranking, the force that ranks
	// first.
	Hits []Hit
	// Year is the year named, or the first of a range; To the last.
	Year, To int
	// Measure is the measure named, if any.
	Measure Measure
	// Sure is true when the answer can be given as the answer; otherwise
	// the hits are only the nearest entries.
	Sure bool
	// Lang is the language the question is written in, "fr" or "en", or ""
	// when its words do not tell.
	Lang string
}

// Understand reads a question in French or English. See Index.Understand.
func (b *Base) Understand(text string) Understanding { return b.search().Understand(text) }

// Understand reads what a question asks: its subject (a place, a force, an
// organisation, a rights situation), a year or range, a measure, and its
// intent. Words it does not know are neutral when the question's shape is
// clear ("how many calls did montreal police make in 2017, yo"); a question
// whose subject the base does not hold is not Sure.
func (ix *Index) Understand(text string) Understanding {
	words := ix.chatRead(focus(text))
	if len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	u := Understanding{Lang: language(words)}
	var years []int
	for _, w := range words {
		if y, err := strconv.Atoi(w); err == nil && len(w) == 4 && y >= 1990 && y <= 2039 {
			years = append(years, y)
		}
	}
	if len(years) > 0 {
		u.Year, u.To = years[0], years[len(years)-1]
		if u.To < u.Year {
			u.Year, u.To = u.To, u.Year
		}
	}
	said, taken := ix.cues.find(words)
	subjects, named := ix.names.find(words)
	switch {
	case said[cueChecks]:
		u.Measure = StatusChecks
	case said[cueCalls]:
		u.Measure = Calls
	}
	var forces, places, orgs []string
	for _, s := range subjects {
		switch s.kind {
		case KindForce:
			forces = append(forces, s.id)
		case KindPlace:
			places = append(places, s.id)
		case KindOrg:
			orgs = append(orgs, s.id)
		}
	}
	if said[cuePolice] {
		for _, p := range places {
			for _, f := range ix.names.forcesOf[p] {
				if !slices.Contains(forces, f) {
					forces = append(forces, f)
				}
			}
		}
	}

	// What is left once the question's shape and subject are read.
	var rest []string
	for i, w := range words {
		if !taken[i] && !isNumber(w) {
			rest = append(rest, w)
		}
	}
	terms := mergeTerms(ix.analyzeWords(slices.Clone(rest), true))
	var left []string
	for i, w := range words {
		if !taken[i] && !named[i] && !isNumber(w) {
			left = append(left, w)
		}
	}
	unknown := ix.unknownWords(left)

	stats := said[cueCBSA] || said[cueCalls] || said[cueChecks]
	asksStats := said[cueFigure] || said[cueTrend] || said[cueRanking] || said[cueCompare] || len(years) > 0
	switch {
	case len(forces) > 0 && (stats || (asksStats && said[cuePolice]) || (asksStats && len(places) == 0)):
		u.Hits = forceHits(forces)
		switch {
		case len(forces) >= 2:
			u.Intent = AskCompare
		case said[cueTrend] || (len(years) > 1 && u.Year != u.To):
			u.Intent = AskTrend
		default:
			u.Intent = AskFigure
		}
		u.Sure = unknown == 0
	case said[cueRanking] && (stats || said[cuePolice]) && len(places) == 0:
		u.Intent = AskRanking
		if f, year, m, ok := ix.leader(u.Year, u.Measure); ok {
			u.Hits = []Hit{{Kind: KindForce, ID: f, Confident: true}}
			u.Year, u.To, u.Measure = year, year, m
			u.Sure = unknown == 0
		}
	case len(places) > 0 && (said[cuePolicy] || said[cueCovers]) && !said[cueHelp] && len(orgs) == 0:
		u.Intent = AskPolicy
		if said[cueCovers] {
			u.Intent = AskCovers
		}
		u.Hits = []Hit{{Kind: KindPlace, ID: places[0], Confident: true}}
		u.Sure = unknown == 0
	case len(orgs) > 0 && said[cueContact]:
		u.Intent = AskContact
		u.Hits = []Hit{{Kind: KindOrg, ID: orgs[0], Confident: true}}
		u.Sure = unknown == 0
	}
	if u.Sure {
		return u
	}
	// Otherwise, the entries that share the most with what is left.
	u.Intent = AskEntry
	u.Hits = ix.rank(terms, nil, 3)
	u.Sure = len(u.Hits) > 0 && u.Hits[0].Confident
	if u.Sure && u.Hits[0].Kind == KindOrg && said[cueContact] {
		u.Intent = AskContact
	}
	return u
}

func forceHits(ids []string) []Hit {
	hits := make([]Hit, 0, 2)
	for _, id := range ids[:min(len(ids), 2)] {
		hits = append(hits, Hit{Kind: KindForce, ID: id, Confident: true})
	}
	return hits
}

// chatRead tokenizes a chat message: folded words, SMS spellings read as
// the words they stand for, and elisions typed without their apostrophe
// ("lecole", "dappels") split from their word.
func (ix *Index) chatRead(text string) []string {
	words := tokenize(text)
	for i, w := range words {
		if r, ok := sms[w]; ok {
			words[i] = r
			continue
		}
		if len(w) > 4 && !ix.known(w) && strings.IndexByte("cdjlmnst", w[0]) >= 0 && ix.known(w[1:]) {
			words[i] = w[1:]
		}
	}
	return words
}

// unknownWords counts the words, neither neutral nor cue nor name, that
// the base does not know even after typo correction: "salaire", "météo".
func (ix *Index) unknownWords(words []string) int {
	n := 0
	for _, w := range words {
		if chatWords[w] || stopWords[w] || fillers[w] || len(w) < 3 {
			continue
		}
		if ix.known(w) {
			continue
		}
		if c, _ := ix.correct(w); c != "" {
			continue
		}
		n++
	}
	return n
}

// focus is the part of a long message that asks: the last sentence with a
// question mark, or the whole text when there is none or it is short.
func focus(text string) string {
	if len([]rune(text)) < 120 {
		return text
	}
	end := strings.LastIndexByte(text, '?')
	if end < 0 {
		return text
	}
	start := strings.LastIndexAny(text[:end], ".!?\n")
	return text[start+1 : end+1]
}

// language tells French from English by their most common words.
func language(words []string) string {
	fr, en := 0, 0
	for _, w := range words {
		if frWords[w] {
			fr++
		}
		if enWords[w] {
			en++
		}
	}
	switch {
	case fr > en:
		return "fr"
	case en > fr:
		return "en"
	}
	return ""
}

var frWords = toSet(`le la les de des du un une et est sont que qui quoi quel quelle quels quelles combien pour avec sur
dans je tu il elle nous vous ils elles mon ma mes ton ta ce cette ces au aux ou pas ne est-ce cest ca peut peuvent
dois doit faut depuis quand comment pourquoi appels appelle police polices policier verifications ville sanctuaire
ecole enfant enfants avocat droit droits aide organisme numero courriel adresse jai chu svp stp genre pis a-t-elle
quelqu personne sans papiers statut fois plus moins entre leur leurs fait faites faits oui non merci bonjour`)

var enWords = toSet(`the is are was were of and what which who how many much for with on in i you he she we they my your
this that a an to does do did can could would should will police cops calls call status checks city sanctuary
school child kid lawyer right rights help group phone number email address since when where why please pls
yo did make made times most more less than between from or not yes no thanks hello have has had there their`)
