package knowledge

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Kind is the kind of a knowledge entry that a search can return.
type Kind string

// The kinds of entries a search ranks.
const (
	KindPlace Kind = "place"
	KindForce Kind = "force"
	KindOrg   Kind = "org"
	KindTopic Kind = "topic"
)

// kinds lists the kinds in the order used when nothing else decides:
// rights topics first, as the question box is mostly about rights.
var kinds = []Kind{KindTopic, KindPlace, KindForce, KindOrg}

// Hit is one entry a question found. Confident is true only when the
// entry matches most of what the question asks, well enough to be shown as
// the answer; otherwise the caller should say it is not sure.
type Hit struct {
	Kind      Kind
	ID        string
	Score     float64
	Confident bool
}

// Key is the hit's kind and ID as one string, "topic:remain-silent".
func (h Hit) Key() string { return string(h.Kind) + ":" + h.ID }

// BM25 parameters: the usual values.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// class is a kind of field. Ranking is BM25F: each class has its weight
// and its own length normalization, so that a long history in a place's
// events does not drown its name.
type class int

const (
	className    class = iota // names, titles, aliases, acronyms
	classPolicy               // official policy names
	classShort                // one-line summaries
	classBody                 // the rest of the entry's text
	classContext              // words borrowed from related entries
	classes
)

// What an entry is called counts more than what it says.
var classWeight = [classes]float64{3, 2, 1.5, 1, 0.5}

// Query-side weights.
const (
	weightPart      = 0.3 // a word inside a matched synonym phrase
	weightCorrected = 0.9 // a word corrected for a typo
	// A corrected word may be a real word the base does not know
	// ("permit" is not "permis"): it counts this much towards confidence.
	coverCorrected = 0.4
)

// Confidence thresholds, calibrated on testdata/questions.toml: the share
// of the question's weight the entry matches, and its score against the
// best score the question could reach.
const (
	minCoverage = 0.65
	minRatio    = 0.3
)

// entry is what the index knows of one knowledge entry.
type entry struct {
	kind   Kind
	id     string
	name   Text     // shown in autocomplete
	names  []string // every name people may type: both languages, aliases, acronyms
	where  Text     // the name of the entry's place, for forces and organisations
	area   Text     // a place's province, an organisation's area
	fields []field
}

type field struct {
	text  string
	class class
}

type doc struct {
	entry
	tf     map[string]float64 // BM25F pseudo-frequencies: weighted and normalized
	raw    map[string]*[classes]float64
	length [classes]float64
	folded []string // nameKey of every name, for autocomplete
	// at are the terms of the entry's names, place and area: where the
	// entry is about, "montreal" for the SPVM, "ontario" for Legal Aid
	// Ontario, "quebec" for school in Quebec.
	at map[string]bool
	// located is true when the entry is about some place or province;
	// false for rights topics and national organisations, which apply
	// everywhere.
	located bool
	// own are the terms of the entry's names that few entries of its kind
	// share ("toronto", "spvm"), and those of its place's name, for places,
	// forces and organisations.
	own map[string]bool
}

// Index ranks the entries of one Base for free text and names. It is
// read-only once built and safe for concurrent use.
type Index struct {
	th   *thesaurus
	docs []doc
	df   map[string]int
	// Typo correction works on the folded words of the texts and of the
	// synonym table, with how often each occurs.
	words  map[string]int
	vocab  []string
	sounds []string // soundKey of each vocab word
	silent []string // silentKey of each vocab word
	stems  map[string]bool
	byKind map[Kind][]int
	// places maps the terms of the places' names ("montreal", "vancouv")
	// to the terms that say an entry is about that place: the place's
	// name and its province's.
	places map[string][]string
}

// NewIndex builds the search index of b. Building takes some tens of
// milliseconds; Base's Ask, Complete, Suggest and CompleteQuestion build
// it once per Base, on first use, and reuse it.
func NewIndex(b *Base) *Index {
	return newIndex(entriesOf(b))
}

// search returns b's index, building it the first time. A Base is read-only
// once loaded, so its index never goes stale.
func (b *Base) search() *Index {
	b.indexOnce.Do(func() { b.ix = NewIndex(b) })
	return b.ix
}

// Ask ranks the entries that answer a free-text question, in French or
// English, best first, at most n. See Index.Ask.
func (b *Base) Ask(text string, n int) []Hit { return b.search().Ask(text, n) }

func entriesOf(b *Base) []entry {
	placeName := map[string]Text{}
	for _, p := range b.Places {
		placeName[p.ID] = p.Name
	}
	forcesOf := map[string][]Force{}
	for _, f := range b.Forces {
		if f.Place != "" {
			forcesOf[f.Place] = append(forcesOf[f.Place], f)
		}
	}
	statsOf := map[string][]Stat{}
	for _, s := range b.Stats {
		statsOf[s.Force] = append(statsOf[s.Force], s)
	}

	var out []entry
	for _, t := range b.Topics {
		e := newEntry(KindTopic, t.ID, t.Title, t.Aliases)
		e.text(classShort, t.Short)
		e.claims(classBody, t.Details)
		out = append(out, e)
	}
	for _, p := range b.Places {
		e := newEntry(KindPlace, p.ID, p.Name, p.Aliases)
		e.area = p.Province
		e.text(classPolicy, p.PolicyName)
		e.text(classShort, p.Summary)
		for _, t := range []Text{p.Province, p.Covers, p.Excludes, p.Police} {
			e.text(classBody, t)
		}
		for _, ev := range p.Events {
			e.text(classBody, ev.Text)
		}
		e.claims(classBody, p.Notes)
		for _, f := range forcesOf[p.ID] {
			e.text(classContext, f.Name)
			e.add(classContext, f.Acronyms...)
		}
		out = append(out, e)
	}
	for _, f := range b.Forces {
		e := newEntry(KindForce, f.ID, f.Name, f.Acronyms, f.Aliases)
		e.where = placeName[f.Place]
		e.text(classShort, e.where)
		e.claims(classBody, f.Notes)
		for _, s := range statsOf[f.ID] {
			e.add(classContext, strconv.Itoa(s.Year), measureWords[s.Measure])
			e.text(classContext, s.Note)
		}
		out = append(out, e)
	}
	for _, o := range b.Orgs {
		e := newEntry(KindOrg, o.ID, o.Name, o.Aliases)
		e.text(classShort, o.What)
		e.text(classBody, o.Area)
		e.where = placeName[o.Place]
		e.area = o.Area
		e.text(classBody, e.where)
		e.add(classContext, orgWords)
		out = append(out, e)
	}
	return out
}

// orgWords index what every organisation is, whatever its own text says:
// a question asking for help, support or a group near a place should find
// that place's organisations.
const orgWords = "help support organisation group"

// measureWords index what a statistic counts, in both languages.
var measureWords = map[Measure]string{
	Calls:        "calls appels communications CBSA",
	StatusChecks: "status checks vérifications de statut CBSA",
}

// newEntry starts an entry with its names, in both languages, and its
// aliases or acronyms, all weighing as names.
func newEntry(k Kind, id string, name Text, aliases ...[]string) entry {
	e := entry{kind: k, id: id, name: name, names: slices.Concat(append([][]string{{name.EN, name.FR}}, aliases...)...)}
	e.add(className, e.names...)
	return e
}

func (e *entry) add(c class, texts ...string) {
	for _, t := range texts {
		if t != "" {
			e.fields = append(e.fields, field{t, c})
		}
	}
}

func (e *entry) text(c class, t Text) { e.add(c, t.EN, t.FR) }

func (e *entry) claims(c class, cs []Claim) {
	for _, cl := range cs {
		e.text(c, cl.Text)
	}
}

func newIndex(entries []entry) *Index {
	ix := &Index{
		th:     newThesaurus(synonymGroups),
		df:     map[string]int{},
		words:  map[string]int{},
		stems:  map[string]bool{},
		byKind: map[Kind][]int{},
	}
	var total [classes]float64
	for _, e := range entries {
		d := doc{entry: e, tf: map[string]float64{}, raw: map[string]*[classes]float64{}}
		for _, f := range e.fields {
			words := tokenize(f.text)
			for _, w := range words {
				ix.words[w]++
				ix.stems[stem(w)] = true
			}
			for _, t := range ix.analyzeWords(words, false) {
				r := d.raw[t.text]
				if r == nil {
					r = new([classes]float64)
					d.raw[t.text] = r
				}
				r[f.class]++
				d.length[f.class]++
			}
		}
		for _, n := range e.names {
			if k := nameKey(n); k != "" && !slices.Contains(d.folded, k) {
				d.folded = append(d.folded, k)
			}
		}
		for t := range d.raw {
			ix.df[t]++
		}
		d.at = map[string]bool{}
		for _, n := range slices.Concat(e.names, []string{e.where.EN, e.where.FR, e.area.EN, e.area.FR}) {
			for _, t := range ix.analyze(n, false) {
				d.at[t.text] = true
			}
		}
		if named[e.kind] {
			d.own = map[string]bool{}
			for _, n := range e.names {
				for _, t := range ix.analyze(n, false) {
					d.own[t.text] = true
				}
			}
		}
		for c := range classes {
			total[c] += d.length[c]
		}
		ix.byKind[e.kind] = append(ix.byKind[e.kind], len(ix.docs))
		ix.docs = append(ix.docs, d)
	}
	for i := range ix.docs {
		ix.docs[i].weigh(total, len(ix.docs))
	}
	ix.keepOwnTerms()
	ix.places = map[string][]string{}
	for _, i := range ix.byKind[KindPlace] {
		d := &ix.docs[i]
		for t := range d.own {
			// Concepts ("city") name no place on their own.
			if strings.HasPrefix(t, "#") {
				continue
			}
			for a := range d.at {
				if !strings.HasPrefix(a, "#") {
					ix.places[t] = append(ix.places[t], a)
				}
			}
		}
	}
	somewhere := map[string]bool{}
	for _, as := range ix.places {
		for _, a := range as {
			somewhere[a] = true
		}
	}
	for i := range ix.docs {
		d := &ix.docs[i]
		for t := range d.at {
			d.located = d.located || somewhere[t]
		}
	}
	for w := range ix.th.words {
		if _, ok := ix.words[w]; !ok {
			ix.words[w] = 0
		}
	}
	for w := range ix.words {
		if !stopWords[w] && !isNumber(w) {
			ix.vocab = append(ix.vocab, w)
		}
	}
	slices.Sort(ix.vocab)
	ix.sounds = make([]string, len(ix.vocab))
	ix.silent = make([]string, len(ix.vocab))
	for i, v := range ix.vocab {
		ix.sounds[i] = soundKey(v)
		ix.silent[i] = silentKey(v)
	}
	return ix
}

// named are the kinds people look up by name: a question that names none
// of a place's, force's or organisation's own words (nor its city) is
// rarely about it, however much its text shares with the question.
var named = map[Kind]bool{KindPlace: true, KindForce: true, KindOrg: true}

// maxOwnShare is how many entries of a kind may share a name term for it
// to still tell them apart.
const maxOwnShare = 2

// unnamedFactor scales the score of a named-kind entry the question does
// not name.
const unnamedFactor = 0.5

// elsewhereFactor scales the score of an entry about another place than
// the one a question names (or its province): "a lawyer in Montreal" asks
// for Montreal's organisations, not Toronto's. anywhereFactor scales, less,
// entries about no place in particular, such as rights topics: they apply
// everywhere, but a question that names a place is often about it.
const (
	elsewhereFactor = 0.6
	anywhereFactor  = 0.8
)

// keepOwnTerms reduces each doc's name terms to those few entries of its
// kind share, then adds the name of its place: organisations and forces
// are also looked for by where they are ("help in Toronto").
func (ix *Index) keepOwnTerms() {
	share := map[Kind]map[string]int{}
	for _, d := range ix.docs {
		if d.own == nil {
			continue
		}
		if share[d.kind] == nil {
			share[d.kind] = map[string]int{}
		}
		for t := range d.own {
			share[d.kind][t]++
		}
	}
	for _, d := range ix.docs {
		for t := range d.own {
			if share[d.kind][t] > maxOwnShare {
				delete(d.own, t)
			}
		}
		for _, n := range []string{d.where.EN, d.where.FR} {
			for _, t := range ix.analyze(n, false) {
				d.own[t.text] = true
			}
		}
	}
}

// weigh turns the raw counts per class into BM25F pseudo-frequencies,
// given the total length of each class over n docs.
func (d *doc) weigh(total [classes]float64, n int) {
	var norm [classes]float64
	for c := range classes {
		norm[c] = 1
		if total[c] > 0 {
			norm[c] = 1 - bm25B + bm25B*d.length[c]*float64(n)/total[c]
		}
	}
	for t, r := range d.raw {
		var tf float64
		for c := range classes {
			tf += classWeight[c] * r[c] / norm[c]
		}
		d.tf[t] = tf
	}
	d.raw = nil
}

// term is one search term of a question, with its weight.
type term struct {
	text   string
	weight float64
	fixed  bool // comes from a word corrected for a typo
	// guessed is true when the term comes from a corrected word, even
	// one that sounds the same as the word typed.
	guessed bool
}

// analyze turns text into search terms: folded words, light stems,
// synonym concepts, without stop words. With fix set, words the index
// does not know are corrected to the closest known word.
func (ix *Index) analyze(text string, fix bool) []term {
	words := tokenize(text)
	if fix && len(words) > maxQueryWords {
		words = words[:maxQueryWords]
	}
	return ix.analyzeWords(words, fix)
}

// A question is read up to maxQueryWords words, and at most maxFixes of
// them are corrected for typos: each correction scans the vocabulary, and
// a pasted page must not cost more than a question.
const (
	maxQueryWords = 40
	maxFixes      = 8
)

// analyzeWords is analyze on words already tokenized; it may change them.
func (ix *Index) analyzeWords(words []string, fix bool) []term {
	weights := make([]float64, len(words))
	fixed := make([]bool, len(words))
	guessed := make([]bool, len(words))
	fixes := 0
	for i, w := range words {
		weights[i] = 1
		if fix && fixes < maxFixes && !ix.known(w) {
			fixes++
			if c, same := ix.correct(w); c != "" {
				words[i] = c
				weights[i] = weightCorrected
				guessed[i] = true
				// A word that sounds the same is surely the one meant.
				fixed[i] = !same
			}
		}
	}
	// Phrases are matched over the words without articles.
	var seq []int
	for i, w := range words {
		if !fillers[w] {
			seq = append(seq, i)
		}
	}
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = stem(w)
	}
	var out []term
	for i := 0; i < len(seq); {
		matched := 0
		for l := min(ix.th.longest, len(seq)-i); l >= 1; l-- {
			parts := make([]string, l)
			for j := range l {
				parts[j] = stems[seq[i+j]]
			}
			c, ok := ix.th.phrases[strings.Join(parts, " ")]
			if !ok {
				continue
			}
			w := weights[seq[i]]
			out = append(out, term{c, w, fixed[seq[i]], guessed[seq[i]]})
			if l > 1 {
				for j := range l {
					k := seq[i+j]
					if stopWords[words[k]] {
						continue
					}
					t := stems[k]
					if c1, ok := ix.th.phrases[t]; ok {
						t = c1
					}
					out = append(out, term{t, weightPart * weights[k], fixed[k], guessed[k]})
				}
			}
			matched = l
			break
		}
		if matched > 0 {
			i += matched
			continue
		}
		k := seq[i]
		if !stopWords[words[k]] {
			out = append(out, term{stems[k], weights[k], fixed[k], guessed[k]})
		}
		i++
	}
	return out
}

// known reports whether w needs no typo correction.
func (ix *Index) known(w string) bool {
	if len(w) < 4 || isNumber(w) || stopWords[w] || fillers[w] {
		return true
	}
	if _, ok := ix.words[w]; ok {
		return true
	}
	if _, ok := ix.th.phrases[stem(w)]; ok {
		return true
	}
	return ix.stems[stem(w)]
}

// typoBudget is the number of edits allowed for a word of n letters:
// one from 4 letters, two from 8.
func typoBudget(n int) int {
	switch {
	case n >= 8:
		return 2
	case n >= 4:
		return 1
	}
	return 0
}

// correct returns the known word closest to w, and whether it sounds the
// same, or "" when none is close enough. A word that sounds the same
// ("polise", "police"; "apeler", "appeler") is taken first, even beyond the
// typo budget by one letter; then the closest word within the budget, the
// most frequent one on a tie. The first letter must be right: people
// seldom get it wrong, and without this rule words of one language turn
// into words of the other ("demain", "remain").
func (ix *Index) correct(w string) (string, bool) {
	rw := []rune(w)
	budget := typoBudget(len(rw))
	if budget == 0 {
		return "", false
	}
	key := soundKey(w)
	best, bestSame, bestD, bestF := "", false, budget+2, -1
	for k, v := range ix.vocab {
		rv := []rune(v)
		if abs(len(rv)-len(rw)) > budget+1 || len(rv) < 3 || rv[0] != rw[0] {
			continue
		}
		same := ix.sounds[k] == key || ix.silent[k] == key
		limit := budget
		if same {
			limit = budget + 1
		} else if bestSame {
			continue
		}
		d := editDistance(rw, rv, limit)
		if d > limit {
			continue
		}
		if (same && !bestSame) || d < bestD || (d == bestD && ix.words[v] > bestF) {
			best, bestSame, bestD, bestF = v, same, d, ix.words[v]
		}
	}
	return best, bestSame
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// editDistance is the optimal string alignment distance between a and b
// (insertions, deletions, substitutions and swaps of neighbours). It stops
// early and returns limit+1 once the distance must exceed limit.
func editDistance(a, b []rune, limit int) int {
	if abs(len(a)-len(b)) > limit {
		return limit + 1
	}
	last := osaLastRow(a, b, limit)
	if last == nil {
		return limit + 1
	}
	return last[len(b)]
}

// osaLastRow fills the optimal string alignment table of a against b (the
// distance counting insertions, deletions, substitutions and swaps of
// neighbours) one row at a time and returns its last row: entry j is the
// distance from a to b[:j]. It returns nil as soon as a whole row exceeds
// limit, since no later row can come back under it.
func osaLastRow(a, b []rune, limit int) []int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return nil
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev
}

// idf is BM25's inverse document frequency, always positive.
func (ix *Index) idf(t string) float64 {
	n := float64(len(ix.docs))
	df := float64(ix.df[t])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// query merges repeated terms, keeping the highest weight.
func mergeTerms(ts []term) []term {
	var out []term
	for _, t := range ts {
		i := slices.IndexFunc(out, func(o term) bool { return o.text == t.text })
		if i < 0 {
			out = append(out, t)
			continue
		}
		out[i].weight = max(out[i].weight, t.weight)
		out[i].fixed = out[i].fixed && t.fixed
		out[i].guessed = out[i].guessed && t.guessed
	}
	return out
}

// Ask ranks the entries that answer a free-text question, best first, at
// most n: BM25 over the entries' texts in both languages, names and titles
// weighing more, after folding, stemming, synonyms and typo correction.
//
// A hit is Confident when the entry matches at least minCoverage of the
// question's weight (words the base does not know count against it) and
// scores at least minRatio of the best score the question could reach. A
// question about something the base does not cover ("weather tomorrow")
// may still return hits, none of them confident.
func (ix *Index) Ask(text string, n int) []Hit {
	if n <= 0 {
		return nil
	}
	return ix.rank(mergeTerms(ix.analyze(text, true)), nil, n)
}

// rank scores the docs in only (all when nil) for the terms.
func (ix *Index) rank(terms []term, only []int, n int) []Hit {
	if len(terms) == 0 || len(ix.docs) == 0 {
		return nil
	}
	idfs := make([]float64, len(terms))
	var total, best float64
	// A question whose every word had to be corrected is a guess, however
	// well the guess matches ("statistik" read as "statistique" asks for
	// figures, not for the first entry that mentions a number).
	guess := true
	for i, t := range terms {
		guess = guess && t.guessed
		idfs[i] = ix.idf(t.text)
		total += t.weight * idfs[i]
		best += t.weight * idfs[i] * (bm25K1 + 1)
	}
	// A place the question names, with the terms that mention it.
	placeTerm := make([][]string, len(terms))
	for i, t := range terms {
		if t.weight > weightPart {
			placeTerm[i] = ix.places[t.text]
		}
	}
	type scored struct {
		i               int
		score, coverage float64
	}
	var found []scored
	score := func(i int) {
		d := &ix.docs[i]
		var s, covered float64
		mentioned := len(d.own) == 0
		for j, t := range terms {
			tf := d.tf[t.text]
			if tf == 0 {
				continue
			}
			s += t.weight * idfs[j] * tf * (bm25K1 + 1) / (tf + bm25K1)
			if t.fixed {
				covered += coverCorrected * t.weight * idfs[j]
			} else {
				covered += t.weight * idfs[j]
			}
			// A word inside a longer phrase does not name an entry.
			mentioned = mentioned || (d.own[t.text] && t.weight > weightPart)
		}
		if !mentioned {
			s *= unnamedFactor
		}
		for j := range terms {
			if placeTerm[j] != nil && !slices.ContainsFunc(placeTerm[j], func(a string) bool { return d.at[a] }) {
				if d.located {
					s *= elsewhereFactor
				} else {
					s *= anywhereFactor
				}
				break
			}
		}
		if s > 0 {
			found = append(found, scored{i, s, covered / total})
		}
	}
	if only == nil {
		for i := range ix.docs {
			score(i)
		}
	} else {
		for _, i := range only {
			score(i)
		}
	}
	slices.SortFunc(found, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	if len(found) > n {
		found = found[:n]
	}
	hits := make([]Hit, len(found))
	for k, f := range found {
		d := &ix.docs[f.i]
		hits[k] = Hit{
			Kind:      d.kind,
			ID:        d.id,
			Score:     f.score,
			Confident: !guess && f.coverage >= minCoverage && f.score/best >= minRatio,
		}
	}
	return hits
}
