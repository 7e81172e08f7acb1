package knowledge

import (
	"cmp"
	"math"
	"slices"
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

// idf is BM25's inverse document frequency, always positive.
func (ix *Index) idf(t string) float64 {
	n := float64(len(ix.docs))
	df := float64(ix.df[t])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// query merges repeated terms, keeping the highest weight.
func mergeTerms(ts []term) []term {
	out := make([]term, 0, len(ts))
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
	return ix.rankCover(terms, only, n, minCoverage)
}

// maxSelected is the most hits rankCover picks out one by one rather than
// by sorting every entry that scored.
const maxSelected = 4

// rankCover is rank with the share of the question's weight a confident
// hit must match.
func (ix *Index) rankCover(terms []term, only []int, n int, cover float64) []Hit {
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
	found := make([]scored, 0, min(len(ix.docs), 64))
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
		// Only the docs that hold some term can score.
		some := make([]bool, len(ix.docs))
		for _, t := range terms {
			for _, i := range ix.post[t.text] {
				some[i] = true
			}
		}
		for i, ok := range some {
			if ok {
				score(i)
			}
		}
	} else {
		for _, i := range only {
			score(i)
		}
	}
	order := func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	}
	if n <= maxSelected && n < len(found) {
		// The first few are picked out rather than all sorted: a question
		// wants three entries out of hundreds.
		for k := range n {
			first := k
			for j := k + 1; j < len(found); j++ {
				if order(found[j], found[first]) < 0 {
					first = j
				}
			}
			found[k], found[first] = found[first], found[k]
		}
	} else {
		slices.SortFunc(found, order)
	}
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
			Confident: !guess && f.coverage >= cover && f.score/best >= minRatio,
		}
	}
	return hits
}
