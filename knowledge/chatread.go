package knowledge

import (
	"slices"
	"strings"
)

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
		if w == "chiens" && i > 0 && words[i-1] == "les" && i+1 < len(words) && objectPronoun[words[i+1]] {
			// "Les chiens m'ont pogné": the police, in Québec slang,
			// when they do something to someone.
			words[i] = "police"
		}
	}
	return words
}

// fixTypos returns a copy of words with each word the base does not know
// replaced by the closest word it knows, if any, and each word it knows only
// as a stem by the cue of that stem.
func (ix *Index) fixTypos(words []string, fix *corrections) []string {
	out := slices.Clone(words)
	fixes := 0
	for i, w := range out {
		_, cue := ix.cues.phrases[w]
		if fixes < maxFixes && !cue && len(ix.names.names[w]) == 0 && !ix.known(w) {
			fixes++
			if c, _ := fix.correct(w); c != "" {
				out[i] = c
			}
			continue
		}
		// A word the base holds only as a stem ("polic") is the cue of
		// that stem.
		if _, used := ix.words[w]; !cue && !used && len(w) >= 4 {
			if k, ok := ix.cues.stems[stem(w)]; ok {
				out[i] = k
			}
		}
	}
	return out
}

// otherPlace reports whether a word the base does not know stands where
// questions name a place: after "in", "à", "de", before "city", "ville",
// "police", "is", "est". A word corrected into a cue or a name ("santuary",
// "Torronto") is a typo, not a place.
func (ix *Index) otherPlace(words, fixed []string, read []bool) bool {
	for i, w := range words {
		if read[i] || len(w) < 4 || chatWords[w] || stopWords[w] || fillers[w] || isNumber(w) {
			continue
		}
		if _, cue := ix.cues.phrases[fixed[i]]; cue || len(ix.names.names[fixed[i]]) > 0 {
			continue
		}
		// "is Los Angeles a sanctuary city", "Halifax est une ville …":
		// whatever stands there is a place, known word or not.
		if i+1 < len(words) && placeArticle[words[i+1]] &&
			(i > 0 && placeIs[words[i-1]] || i > 1 && placeIs[words[i-2]]) {
			return true
		}
		if _, ok := ix.words[w]; ok || ix.stems[stem(w)] || i > 0 && (words[i-1] == "how" || words[i-1] == "so") {
			// "How fast is the review": a word after "how" is no place.
			continue
		}
		if i > 0 && placeBefore[words[i-1]] || i+1 < len(words) && placeAfter[words[i+1]] && !asks(words[i+1:]) {
			return true
		}
	}
	return false
}

// objectPronoun are the words after a subject that acts on someone: "m'ont",
// "nous ont", "l'ont".
var objectPronoun = toSet(`m ma mont nous t l lont`)

// thingBefore are the words before the name of a thing: articles,
// possessives, "for", "about".
var thingBefore = toSet(`the an my your his her our their this these those le la les un une des mon ma mes ton ta tes son
sa ses notre nos votre vos leur leurs ce cette ces for pour about sur quel quelle quels quelles`)

// qualifiers rank or describe the thing named after them: "the best bar",
// « le meilleur restaurant », « un bon dentiste ».
var qualifiers = toSet(`best better worst good great nice cheap cheapest new old closest nearest
meilleur meilleure meilleurs meilleures pire pires bon bonne bons bonnes moins plus nouveau nouvelle
nouveaux nouvelles vieux vieille proche`)

// asks reports whether words start with "est-ce", which asks rather than
// says what something is ("si la police mararête est-ce que j'ai droit").
func asks(words []string) bool {
	return len(words) > 1 && words[0] == "est" && words[1] == "ce"
}

// livesIn are the words of "I live in", before a place.
var livesIn = toSet(`habite habites habitons habitent vis vit vivons live lives living reste restons stay staying jhabite`)

// scene reports whether the word at i says where a situation happens:
// "at the airport", "dans le métro", not what is asked about it.
func scene(words []string, i int) bool {
	return i > 1 && atThe[words[i-2]] && theWords[words[i-1]]
}

// atThe and theWords are the words before where something happens: "at
// the", "dans le".
var (
	atThe    = toSet(`at dans a`)
	theWords = toSet(`the le la les l`)
)

// placeBefore and placeAfter are the words around a place's name.
var (
	placeBefore  = toSet(`in a au aux de d du at from of en dans`)
	placeAfter   = toSet(`city ville police cops sanctuary sanctuaire est is c cest it its`)
	placeIs      = toSet(`is est`)
	placeArticle = toSet(`a une un`)
)

// stray reports whether w is a short word the base never uses ("bus",
// "lol"): too short to correct, it would count against every entry.
func (ix *Index) stray(w string) bool {
	if len(w) >= 4 || stopWords[w] || fillers[w] {
		return false
	}
	_, used := ix.words[w]
	return !used && !ix.th.words[w]
}

// guessed reports whether some word had to be corrected into a word that
// does not sound the same ("meteo" read as "metro"): a guess.
func (ix *Index) guessed(words []string, fix *corrections) bool {
	for _, w := range words {
		if chatWords[w] || stopWords[w] || fillers[w] || len(w) < 3 || ix.known(w) {
			continue
		}
		if c, same := fix.correct(w); c != "" && !same {
			return true
		}
	}
	return false
}

// story marks the place a person says they live in or come from ("j'habite
// à Laval", "née en Haïti", "I came from Mexico"): part of their story, not
// of what they ask, unless it is a place the base covers.
func story(words []string, isName, taken, read []bool) {
	for i := 2; i < len(words); i++ {
		if (livesIn[words[i-2]] || comesFrom[words[i-2]]) && placeBefore[words[i-1]] && !isName[i] {
			taken[i], read[i] = true, true
		}
	}
}

// inCanada reports whether every place a question puts something in ("in",
// "au", "en", "dans") may be in Canada: "sanctuary cities in the USA" is
// not. A word the base knows ("en 2018", "in city services", "en gros") is
// no other place; one it does not know, or a name of the United States, is.
func (ix *Index) inCanada(words []string, read []bool, fix *corrections) bool {
	for i, w := range words {
		if abroad[w] || w == "us" && i+1 < len(words) && usPlace[words[i+1]] {
			return false
		}
		if !placeIn[w] {
			continue
		}
		j := i + 1
		for j < len(words) && (stopWords[words[j]] || chatWords[words[j]] || fillers[words[j]]) {
			j++
		}
		if j == len(words) || canada[words[j]] || isNumber(words[j]) || read[j] {
			continue
		}
		if w := words[j]; w == "etats" || w == "states" || ix.stray(w) || ix.unknownWords(words[j:j+1], fix) > 0 {
			return false
		}
	}
	return true
}

var (
	placeIn = toSet(`in au aux en dans`)
	canada  = toSet(`canada canadian canadienne canadiennes canadiens pays country`)
	abroad  = toSet(`usa america amerique american americaine americaines americains etats-unis`)
	usPlace = toSet(`city cities town towns state states`)
)

// comesFrom are the words of "born in", "I come from", before a place.
var comesFrom = toSet(`ne nee nes nees born came come comes venu venue venus viens vient venons arrive arrivee arrives
arrived originaire originaires`)

// unknownAt lists where the words no cue or name read are unknown to the
// base, even after typo correction, or are short words it never uses named
// by an article.
func (ix *Index) unknownAt(words []string, read, isName []bool, fix *corrections) []int {
	var at []int
	for i, w := range words {
		if read[i] || isName[i] || isNumber(w) {
			continue
		}
		// A short word the base never uses is a thing asked about when
		// an article names it ("my dog", "the bus").
		if ix.unknownWords(words[i:i+1], fix) > 0 || i > 0 && thingBefore[words[i-1]] && ix.stray(w) {
			at = append(at, i)
		}
	}
	return at
}

// aside reports whether none of the words at is where a question names a
// place or the thing it asks about: after "in", "à", before "city",
// "police", beside a name or a province ("London England", "Victoria BC"),
// after an article or "for" ("my dog", "pour les chiens", "for bitcoin"),
// with a word that ranks or describes it between ("le meilleur restaurant",
// "the best bar").
func aside(words []string, isName []bool, where map[string]bool, at []int) bool {
	for _, i := range at {
		if scene(words, i) {
			continue
		}
		if i > 0 && (placeBefore[words[i-1]] || isName[i-1] || where[words[i-1]] || thingBefore[words[i-1]]) ||
			i > 1 && thingBefore[words[i-2]] && qualifiers[words[i-1]] ||
			i+1 < len(words) && (placeAfter[words[i+1]] && !asks(words[i+1:]) || isName[i+1] || where[words[i+1]]) {
			return false
		}
	}
	return true
}

// unknownWords counts the words, neither neutral nor cue nor name, that
// the base does not know even after typo correction: "salaire", "météo".
func (ix *Index) unknownWords(words []string, fix *corrections) int {
	n := 0
	for _, w := range words {
		if chatWords[w] || stopWords[w] || fillers[w] || len(w) < 3 {
			continue
		}
		if ix.known(w) {
			continue
		}
		if c, _ := fix.correct(w); c != "" || mistyped(w) {
			continue
		}
		n++
	}
	return n
}

// mistyped reports whether w is one typo away from a common word of a
// question ("hapen", "becuse", "plese"): neutral like that word. Only words
// of five letters or more, beginning with the same letter, are compared.
func mistyped(w string) bool {
	if len(w) < 5 {
		return false
	}
	r := []rune(w)
	for _, c := range commonWords[w[0]] {
		if abs(len(c)-len(r)) <= 1 && editDistance(r, c, 1) <= 1 {
			return true
		}
	}
	return false
}

// commonWords are the stop and chat words of five letters or more, by
// their first letter.
var commonWords = func() map[byte][][]rune {
	by := map[byte][][]rune{}
	for _, set := range []map[string]bool{stopWords, chatWords} {
		for w := range set {
			if len(w) >= 5 {
				by[w[0]] = append(by[w[0]], []rune(w))
			}
		}
	}
	return by
}()

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
