package knowledge

import (
	"math/bits"
	"slices"
)

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
	if notTypos[w] {
		return "", false
	}
	rw := []rune(w)
	budget := typoBudget(len(rw))
	if budget == 0 {
		return "", false
	}
	key, mw := soundKey(w), letterMask(rw)
	best, bestSame, bestD, bestF := "", false, budget+2, -1
	// The vocabulary is sorted, so the words with w's first letter are
	// one run of it.
	lo, _ := slices.BinarySearch(ix.vocab, string(rw[0]))
	hi, _ := slices.BinarySearch(ix.vocab, string(rw[0]+1))
	for k := lo; k < hi; k++ {
		v, rv := ix.vocab[k], ix.letters[k]
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
		// Each letter of one word that the other lacks takes an edit.
		if mv := ix.masks[k]; bits.OnesCount64(mw&^mv) > limit || bits.OnesCount64(mv&^mw) > limit {
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

// letterMask has a bit for each letter of r: a to z and digits have their
// own, other letters share the remaining bits.
func letterMask(r []rune) uint64 {
	var m uint64
	for _, c := range r {
		switch {
		case c >= 'a' && c <= 'z':
			m |= 1 << (c - 'a')
		case c >= '0' && c <= '9':
			m |= 1 << (26 + c - '0')
		default:
			m |= 1 << (36 + c%28)
		}
	}
	return m
}

// corrections remembers the corrections made while reading one question:
// several steps of the reading ask for the same words. It lives as long as
// the reading, never longer.
type corrections struct {
	ix          *Index
	typed, best []string
	same        []bool
}

func (ix *Index) corrector() *corrections { return &corrections{ix: ix} }

// correct is Index.correct, once per word.
func (c *corrections) correct(w string) (string, bool) {
	if i := slices.Index(c.typed, w); i >= 0 {
		return c.best[i], c.same[i]
	}
	best, same := c.ix.correct(w)
	c.typed, c.best, c.same = append(c.typed, w), append(c.best, best), append(c.same, same)
	return best, same
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
	whole, _, ok := osaLastRow(a, b, limit)
	if !ok {
		return limit + 1
	}
	return whole
}

// osaLastRow fills the optimal string alignment table of a against b (the
// distance counting insertions, deletions, substitutions and swaps of
// neighbours) one row at a time. Of its last row, where entry j is the
// distance from a to b[:j], it returns the last entry (a against all of b)
// and the smallest (a against its closest prefix of b). ok is false as
// soon as a whole row exceeds limit, since no later row can come back
// under it.
func osaLastRow(a, b []rune, limit int) (whole, best int, ok bool) {
	// The three rows in one array, on the stack for names and words.
	var buf [3 * 48]int
	var rows []int
	if n := 3 * (len(b) + 1); n <= len(buf) {
		rows = buf[:n]
	} else {
		rows = make([]int, n)
	}
	prev2, prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)], rows[2*(len(b)+1):]
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
			return 0, 0, false
		}
		prev2, prev, cur = prev, cur, prev2
	}
	best = prev[0]
	for _, v := range prev {
		best = min(best, v)
	}
	return prev[len(b)], best, true
}

// notTypos are words of a question the base does not use that are close to
// one it does: a price ("coûte" is not "cote") is what is asked, not a typo.
var notTypos = toSet(`coute coutent couter cout couts coutait cost costs price prices tarif tarifs`)
