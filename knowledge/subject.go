package knowledge

import (
	"slices"
	"strings"
)

// subject is an entry a question names.
type subject struct {
	kind Kind
	id   string
}

// nameTable maps the names of places, forces and organisations, as folded
// words without stop words joined by spaces, to their entries.
type nameTable struct {
	names    map[string][]subject
	prefixes map[string]bool // the beginnings of the names (addPrefixes)
	longest  int
	// forcesOf lists the forces whose figures belong to a place: "la
	// police de mtl" names Montreal and a police word, so the SPVM.
	forcesOf map[string][]string
	// orgsOf lists the organisations of a place.
	orgsOf map[string][]string
	// places holds the places' names alone, to find a place inside an
	// organisation's name ("Ottawa Sanctuary City").
	places *nameTable
	// topics holds the rights topics' titles and aliases: the situations
	// people name ("missed appointment", "carry ID").
	topics *nameTable
	// where are the words of every place's and province's name;
	// whereOf those of each place, force and organisation: its names, its
	// place's and its province's.
	where   map[string]bool
	whereOf map[subject]map[string]bool
	// anyOrder are the forces' names of two words or more, sorted: they
	// are also found with their words in any order; anyOrderWords holds
	// the words of each, and anyOrderOf the names each word is in.
	anyOrder      []string
	anyOrderWords [][]string
	anyOrderOf    map[string][]int
}

func newNameTable(b *Base) nameTable {
	t := nameTable{names: map[string][]subject{}, prefixes: map[string]bool{}, forcesOf: map[string][]string{}, orgsOf: map[string][]string{}}
	t.places = &nameTable{names: map[string][]subject{}, prefixes: map[string]bool{}}
	t.topics = &nameTable{names: map[string][]subject{}, prefixes: map[string]bool{}}
	cues := newCueTable()
	for _, tp := range b.Topics {
		for _, a := range append([]string{tp.Title.EN, tp.Title.FR}, tp.Aliases...) {
			// A cue ("CBSA", "police") names no one situation.
			if _, cue := cues.phrases[strings.Join(tokenize(a), " ")]; !cue && !collapses(a) {
				t.topics.add(KindTopic, tp.ID, a)
			}
		}
	}
	add := func(k Kind, id string, names ...string) {
		if k == KindPlace {
			t.places.add(k, id, names...)
		}
		t.add(k, id, names...)
	}
	t.where, t.whereOf = map[string]bool{}, map[subject]map[string]bool{}
	placeWords := map[string][]string{}
	mark := func(s subject, names ...string) {
		if t.whereOf[s] == nil {
			t.whereOf[s] = map[string]bool{}
		}
		for _, n := range names {
			for _, w := range nameWords(tokenize(n)) {
				t.whereOf[s][w] = true
			}
		}
	}
	for _, p := range b.Places {
		names := append([]string{p.Name.EN, p.Name.FR, p.Province.EN, p.Province.FR}, p.Aliases...)
		add(KindPlace, p.ID, append([]string{p.Name.EN, p.Name.FR}, p.Aliases...)...)
		placeWords[p.ID] = names
		mark(subject{KindPlace, p.ID}, names...)
		for _, n := range names {
			for _, w := range nameWords(tokenize(n)) {
				t.where[w] = true
			}
		}
	}
	for _, f := range b.Forces {
		mark(subject{KindForce, f.ID}, append(append([]string{f.Name.EN, f.Name.FR}, f.Aliases...), placeWords[f.Place]...)...)
	}
	for _, f := range b.Forces {
		add(KindForce, f.ID, append(append([]string{f.Name.EN, f.Name.FR}, f.Acronyms...), f.Aliases...)...)
		if f.Place != "" {
			t.forcesOf[f.Place] = append(t.forcesOf[f.Place], f.ID)
		}
	}
	for key, subs := range t.names {
		if len(strings.Fields(key)) > 1 && subs[0].kind == KindForce {
			t.anyOrder = append(t.anyOrder, key)
		}
	}
	slices.Sort(t.anyOrder)
	t.anyOrderOf = map[string][]int{}
	for k, key := range t.anyOrder {
		t.anyOrderWords = append(t.anyOrderWords, strings.Fields(key))
		for _, w := range t.anyOrderWords[k] {
			if !slices.Contains(t.anyOrderOf[w], k) {
				t.anyOrderOf[w] = append(t.anyOrderOf[w], k)
			}
		}
	}
	for _, o := range b.Orgs {
		add(KindOrg, o.ID, append([]string{o.Name.EN, o.Name.FR}, o.Aliases...)...)
		if o.Place != "" {
			t.orgsOf[o.Place] = append(t.orgsOf[o.Place], o.ID)
		}
	}
	return t
}

// collapses reports whether a name of several words keeps only one once
// its common words are dropped, and one of those changed its meaning
// ("police questions", "status for all", "sans assurance"): that one word
// alone does not name the situation ("avoir mes papiers" still does).
func collapses(name string) bool {
	words := tokenize(name)
	if len(nameWords(words)) != 1 {
		return false
	}
	for _, w := range words {
		if meaningWords[w] {
			return true
		}
	}
	return false
}

// meaningWords are common words that change what a name means.
var meaningWords = toSet(`sans without no not pas for pour all tous toutes questions question`)

// add files an entry under each of its names.
func (t *nameTable) add(k Kind, id string, names ...string) {
	for _, n := range names {
		words := nameWords(tokenize(n))
		// A name made only of common words ("CAR", "TO") is not
		// taken as a name in a sentence.
		if len(words) == 0 || (len(words) == 1 && len(words[0]) < 3) {
			continue
		}
		key := strings.Join(words, " ")
		if !slices.Contains(t.names[key], subject{k, id}) {
			t.names[key] = append(t.names[key], subject{k, id})
		}
		addPrefixes(t.prefixes, words)
		t.longest = max(t.longest, len(words))
	}
}

// nameWords drops the words that do not tell names apart: articles and
// prepositions ("police de Montréal", "Montreal police", "RCMP in BC").
func nameWords(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if !stopWords[w] && !chatWords[w] {
			out = append(out, w)
		}
	}
	return out
}

// find returns the entries the words name, longest name first, each once,
// in the order of the question, and marks the words of each name.
func (t nameTable) find(words []string) (found []subject, named []bool) {
	var idx []int
	for i, w := range words {
		if !stopWords[w] && !chatWords[w] {
			idx = append(idx, i)
		}
	}
	named = make([]bool, len(words))
	defer func() { found = t.findAnyOrder(words, idx, found, named) }()
	var room [64]byte
	buf := room[:0]
	for i := 0; i < len(idx); {
		var subs []subject
		var l int
		subs, l, buf = longestPhrase(t.names, t.prefixes, t.longest, len(idx)-i, func(j int) string { return words[idx[i+j]] }, buf)
		if l == 0 {
			i++
			continue
		}
		for _, s := range subs {
			if !slices.Contains(found, s) {
				found = append(found, s)
			}
		}
		for j := range l {
			named[idx[i+j]] = true
		}
		i += l
	}
	return found, named
}

// findAnyOrder adds the forces whose every name word the question has, in
// any order ("police ontario provinciale"), for names of two words or more.
func (t nameTable) findAnyOrder(words []string, idx []int, found []subject, named []bool) []subject {
	// The words no name took, and the names that have one of them.
	var free, names []int
	for _, i := range idx {
		if !named[i] {
			free = append(free, i)
			for _, k := range t.anyOrderOf[words[i]] {
				if !slices.Contains(names, k) {
					names = append(names, k)
				}
			}
		}
	}
	has := func(p string) bool {
		return slices.ContainsFunc(free, func(i int) bool { return words[i] == p })
	}
	slices.Sort(names)
	for _, k := range names {
		subs := t.names[t.anyOrder[k]]
		parts := t.anyOrderWords[k]
		if slices.Contains(found, subs[0]) {
			continue
		}
		all := true
		for _, p := range parts {
			all = all && has(p)
		}
		if !all {
			continue
		}
		found = append(found, subs[0])
		for _, p := range parts {
			for _, i := range free {
				if words[i] == p {
					named[i] = true
				}
			}
		}
	}
	return found
}
