package knowledge

import (
	"slices"
	"strconv"
	"strings"
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
	folded []string    // nameKey of every name, for autocomplete
	forms  []nameForms // the words and typo starts of each folded name
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
	// post lists, for each term, the docs it weighs in, in order.
	post map[string][]int
	// Typo correction works on the folded words of the texts and of the
	// synonym table, with how often each occurs.
	words   map[string]int
	vocab   []string
	sounds  []string // soundKey of each vocab word
	silent  []string // silentKey of each vocab word
	letters [][]rune // each vocab word as runes, for the edit distance
	masks   []uint64 // letterMask of each vocab word
	stems   map[string]bool
	byKind  map[Kind][]int
	cues    cueTable
	names   nameTable
	figures figures
	// places maps the terms of the places' names ("montreal", "vancouv")
	// to the terms that say an entry is about that place: the place's
	// name and its province's.
	places map[string][]string
}

// NewIndex builds the search index of b. Building takes some tens of
// milliseconds; Base's Ask, Complete, Suggest and CompleteQuestion build
// it once per Base, on first use, and reuse it.
func NewIndex(b *Base) *Index {
	ix := newIndex(entriesOf(b))
	ix.names = newNameTable(b)
	ix.figures = newFigures(b)
	return ix
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
		cues:   newCueTable(),
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
			for _, t := range ix.analyzeWords(words, nil) {
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
				d.forms = append(d.forms, newNameForms(k))
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
	ix.post = map[string][]int{}
	for i := range ix.docs {
		ix.docs[i].weigh(total, len(ix.docs))
		for t, tf := range ix.docs[i].tf {
			if tf != 0 {
				ix.post[t] = append(ix.post[t], i)
			}
		}
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
	ix.letters = make([][]rune, len(ix.vocab))
	ix.masks = make([]uint64, len(ix.vocab))
	for i, v := range ix.vocab {
		ix.sounds[i] = soundKey(v)
		ix.silent[i] = silentKey(v)
		ix.letters[i] = []rune(v)
		ix.masks[i] = letterMask(ix.letters[i])
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
