package knowledge

import (
	"slices"
	"strconv"
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
	AskHelp    Intent = "help"    // the organisations of a place
	AskPolice  Intent = "police"  // what a place's police do about status
	AskPlaces  Intent = "places"  // which places have a policy, the first and the latest
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
	// Near is true when, not Sure, the hits are still worth offering:
	// the base knows every word of the question.
	Near bool
	// Elsewhere is true when the question is about a place the base does
	// not cover.
	Elsewhere bool
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
		if len(w) != 4 || !isNumber(w) {
			continue
		}
		if y, err := strconv.Atoi(w); err == nil && y >= 1990 && y <= 2039 {
			years = append(years, y)
		}
	}
	if len(years) > 0 {
		u.Year, u.To = years[0], years[len(years)-1]
		if u.To < u.Year {
			u.Year, u.To = u.To, u.Year
		}
	}
	// Cues and names are read on the words corrected for typos
	// ("santuary", "Torronto"); the ranking weighs corrections itself.
	fix := ix.corrector()
	fixed := ix.fixTypos(words, fix)
	said, taken, read := ix.cues.find(fixed)
	subjects, isName := ix.names.find(fixed)
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
	if inner, _ := ix.names.places.find(fixed); len(inner) > 0 {
		for _, p := range inner {
			if !slices.Contains(places, p.id) {
				places = append(places, p.id)
			}
		}
	}
	if said[cuePolice] {
		// "La police de Vancouver" is the city's own police, the first
		// of its forces, not its transit police.
		for _, p := range places {
			if fs := ix.names.forcesOf[p]; len(fs) > 0 && !slices.Contains(forces, fs[0]) {
				forces = append(forces, fs[0])
			}
		}
	}

	story(words, isName, taken, read)

	// What is left once the question's shape and subject are read.
	var rest, scenes []string
	for i, w := range words {
		if !taken[i] && !isNumber(w) && !ix.stray(w) {
			rest = append(rest, w)
			if scene(words, i) && ix.unknownWords(words[i:i+1], fix) > 0 {
				scenes = append(scenes, stem(w))
			}
		}
	}
	terms := setting(mergeTerms(ix.analyzeWords(slices.Clone(rest), fix)), scenes)
	var left []string
	for i, w := range words {
		if !taken[i] && !isName[i] && !isNumber(w) {
			left = append(left, w)
		}
	}
	var unread []string
	for i, w := range words {
		if !read[i] && !isName[i] && !isNumber(w) {
			unread = append(unread, w)
		}
	}
	if said[cueWhich] && said[cuePolicy] && len(subjects) == 0 && ix.inCanada(words, read, fix) {
		// "Which city was the first sanctuary city": the places that
		// adopted a policy, in the order they did.
		u.Intent, u.Sure = AskPlaces, true
		u.Hits = []Hit{{Kind: KindTopic, ID: policyTopic, Confident: true}}
		return u
	}
	unknownAt := ix.unknownAt(words, read, isName, fix)
	unknown := len(unknownAt)
	// A word or two the base does not know, away from where a place is
	// named ("yo", "bruh", "cheap"), do not unmake a question whose
	// subject is named.
	loose := unknown <= 2 && aside(words, isName, ix.names.where, unknownAt)
	if len(places) == 0 && (said[cuePolicy] || said[cuePolice] || said[cueCBSA]) && ix.otherPlace(words, fixed, read) {
		// "Is Calgary a sanctuary city?": a place the base does not cover.
		u.Elsewhere = true
		return u
	}

	content := ix.content(left)
	u.Hits, u.Intent = ix.shape(said, forces, places, orgs, content, terms, &u)
	if len(u.Hits) > 0 && u.Hits[0].Kind == KindForce && ix.elsewhere(fixed, u.Hits) {
		// "RCMP in Saskatchewan": a force named with a place it does
		// not serve.
		u.Hits, u.Intent = nil, AskFigure
		return u
	}
	if len(u.Hits) > 0 && counts(u.Intent) && !anchored(said) && ix.content(unread) > 0 {
		// "How many parking tickets did the SPVM give in 2017": a count
		// of something the figures are not about.
		u.Hits, u.Intent = nil, AskFigure
		return u
	}
	if len(u.Hits) > 0 && (unknown == 0 || loose && (anchored(said) || !counts(u.Intent))) {
		u.Sure = true
		return u
	}
	if len(forces) == 0 && said[cuePolice] && (said[cueFigure] || said[cueData] || said[cueChecks] || said[cueRanking] || u.Year != 0) {
		// Figures of a place's police the base does not hold.
		u.Hits, u.Intent = nil, AskFigure
		return u
	}
	// Otherwise, the entries that share the most with what is left. When
	// the base knows every word, a smaller share of them is enough.
	u.Intent = AskEntry
	cover := minCoverage
	if unknown == 0 && !ix.guessed(unread, fix) {
		cover = knownCoverage
	}
	u.Hits = ix.rankCover(terms, nil, 3, cover)
	u.Sure = len(u.Hits) > 0 && u.Hits[0].Confident
	if u.Sure && !ix.about(u.Hits[0].Kind, said, content) {
		u.Sure = false
	}
	// An unknown word in a question about a policy is likely the place
	// asked about ("Victoria BC sanctuary city").
	loose = loose && unknown == 1 && (!said[cuePolicy] || len(places) > 0)
	unnamedOrg := len(u.Hits) > 0 && u.Hits[0].Kind == KindOrg && !slices.Contains(orgs, u.Hits[0].ID)
	if i := ix.namedTopic(fixed, u.Hits); i >= 0 && (!u.Sure && (unknown == 0 || loose && (i == 0 || unnamedOrg)) ||
		u.Sure && i > 0 && (u.Hits[0].Kind == KindTopic || unnamedOrg)) {
		// A rights situation the question names ("m'identifier", "missed
		// appointment", "l'école"), among the nearest entries, is what it
		// asks, rather than a topic or an organisation found through looser
		// words. With a word the base does not know, it must also rank
		// first, or be behind only an organisation the question does not
		// name ("si la police mararête, j'ai droit à un avocat?").
		u.Hits[0], u.Hits[i] = u.Hits[i], u.Hits[0]
		u.Sure = true
	}
	if u.Sure && u.Hits[0].Kind == KindTopic && ix.ownThing(words, fixed, isName, u.Hits[0]) {
		// "Can police take my phone": a thing of the person's own the
		// topic does not speak of is what is asked.
		u.Sure = false
	}
	if u.Sure && said[cueOutcome] && u.Hits[0].Kind == KindTopic {
		// "Will my claim be accepted": how a person's own case ends is
		// not in the base.
		u.Sure = false
	}
	if u.Sure && said[cueProcedure] && u.Hits[0].Kind == KindTopic && !ix.situation(fixed, u.Hits[0].ID) {
		// "How do I get a work permit": a procedure, a person's own
		// case, unless a rights topic is named.
		u.Sure = false
	}
	if u.Sure && said[cueDuration] && (said[cueProcedure] || said[cueOwnCase]) {
		// "How long for my permanent residence": the wait of a person's
		// own file is not in the base, whatever entry names the process.
		u.Sure = false
	}
	if u.Sure && said[cuePolicy] && len(places) == 0 && (!ix.speaksOf(u.Hits[0], "sanctuaire") || !ix.inCanada(words, read, fix)) {
		// A question about a sanctuary policy is answered by an entry
		// that speaks of one ("is Surrey a sanctuary city" is not about
		// detention, though a detention entry names Surrey), about
		// Canada ("sanctuary cities in the USA" is not).
		u.Sure = false
	}
	// Not sure, the nearest entries are still worth offering when the base
	// knows every word, or when one entry stands well above the others
	// ("is London England a sanctuary city": did you mean London, Ontario?).
	u.Near = !u.Sure && len(u.Hits) > 0 && (unknown == 0 || ahead(u.Hits))
	if u.Sure && u.Hits[0].Kind == KindOrg && said[cueContact] {
		u.Intent = AskContact
	}
	return u
}

// knownCoverage is the share of a question's weight a confident entry must
// match when the base knows every word of the question.
const knownCoverage = 0.5

// shape reads the intent from the cues and the subjects named: the hits
// it answers with, or none when the question's shape is not one of these.
func (ix *Index) shape(said [cues]bool, forces, places, orgs []string, content int, terms []term, u *Understanding) ([]Hit, Intent) {
	stats := anchored(said)
	figures := said[cueFigure] || said[cueData] || said[cueRanking] || said[cueTrend] || said[cueCompare] || u.Year != 0
	switch {
	case len(places) > 0 && said[cuePolice] && said[cueWitness] && !figures && len(orgs) == 0:
		// "La police de mtl appelle l'immigration pour les témoins?": what
		// that police does, not its figures.
		return []Hit{{Kind: KindPlace, ID: places[0], Confident: true}}, AskPolice
	case len(forces) > 0 && (stats || u.Year != 0 || said[cueTrend] || said[cueRanking] || said[cueCompare]):
		switch {
		case len(forces) >= 2:
			return forceHits(forces), AskCompare
		case said[cueTrend] || u.Year != u.To:
			return forceHits(forces), AskTrend
		}
		return forceHits(forces), AskFigure
	case said[cueRanking] && (stats || said[cuePolice]) && len(places) == 0:
		if f, year, m, ok := ix.leader(u.Year, u.Measure); ok {
			u.Year, u.To, u.Measure = year, year, m
			return []Hit{{Kind: KindForce, ID: f, Confident: true}}, AskRanking
		}
	case len(orgs) > 0 && said[cueContact]:
		return []Hit{{Kind: KindOrg, ID: orgs[0], Confident: true}}, AskContact
	case len(places) > 0 && said[cueNeed] && !said[cuePolicy] && len(orgs) == 0 && ix.needIn(places[0], terms) != nil:
		// A need in a place ("une clinique à Montréal"): that place's
		// organisation for it.
		return ix.needIn(places[0], terms), AskEntry
	case len(places) > 0 && said[cueHelp] && !said[cuePolicy] && len(orgs) == 0:
		if hits, ok := ix.helpIn(places[0]); ok {
			return hits, AskHelp
		}
	case len(places) > 0 && (said[cuePolicy] || said[cueCovers] || said[cueWhen] && content == 0 && len(orgs) == 0):
		intent := AskPolicy
		if said[cueCovers] {
			intent = AskCovers
		}
		return []Hit{{Kind: KindPlace, ID: places[0], Confident: true}}, intent
	case len(places) > 0 && said[cuePolice] && (said[cueWitness] || said[cueStatus]) && len(orgs) == 0:
		// What a place's police do when they meet a victim, a witness or
		// someone whose status they could ask.
		return []Hit{{Kind: KindPlace, ID: places[0], Confident: true}}, AskPolice
	case said[cueWitness] && (said[cuePolice] || said[cueCBSA]) && len(places) == 0 && len(orgs) == 0:
		// Calling the police as a victim or a witness: whether the police
		// may ask about status or call the CBSA.
		return []Hit{{Kind: KindTopic, ID: witnessTopic, Confident: true}}, AskEntry
	}
	return nil, ""
}

// policyTopic is the topic that says what sanctuary policies are and cover.
const policyTopic = "services-without-fear"

// witnessTopic is the rights topic that answers what happens to a victim
// or a witness who calls the police.
const witnessTopic = "police-cbsa"

// needIn is the organisation of a place that best matches the terms, or
// nil when none matches more than the place's name.
func (ix *Index) needIn(place string, terms []term) []Hit {
	var pool []int
	for _, id := range ix.names.orgsOf[place] {
		if i := ix.docIndex(KindOrg, id); i >= 0 {
			pool = append(pool, i)
		}
	}
	var need []term
	for _, t := range terms {
		if !slices.Contains(ix.places[t.text], t.text) {
			need = append(need, t)
		}
	}
	hits := ix.rank(need, pool, 1)
	if len(hits) == 0 {
		return nil
	}
	hits[0].Confident = true
	return hits[:1]
}

// helpIn answers "where can I find help in Toronto": the place's first
// organisation, then the place.
func (ix *Index) helpIn(place string) ([]Hit, bool) {
	orgs := ix.names.orgsOf[place]
	if len(orgs) == 0 {
		return nil, false
	}
	return []Hit{{Kind: KindOrg, ID: orgs[0], Confident: true}, {Kind: KindPlace, ID: place, Confident: true}}, true
}

func forceHits(ids []string) []Hit {
	hits := make([]Hit, 0, 2)
	for _, id := range ids[:min(len(ids), 2)] {
		hits = append(hits, Hit{Kind: KindForce, ID: id, Confident: true})
	}
	return hits
}
