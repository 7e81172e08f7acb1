package knowledge

import "slices"

// content counts the words that carry meaning: neither neutral nor stop
// words.
func (ix *Index) content(words []string) int {
	n := 0
	for _, w := range words {
		if !chatWords[w] && !stopWords[w] && !fillers[w] && !isNumber(w) {
			n++
		}
	}
	return n
}

// elsewhere reports whether words name a place or province that none of
// the forces hit serves or is named after.
func (ix *Index) elsewhere(words []string, hits []Hit) bool {
	for _, w := range words {
		if !ix.names.where[w] {
			continue
		}
		served := false
		for _, h := range hits {
			served = served || ix.names.whereOf[subject{h.Kind, h.ID}][w]
		}
		if !served {
			return true
		}
	}
	return false
}

// situation reports whether words name the rights topic id by its title or
// one of its aliases ("missed appointment", "RAMQ").
func (ix *Index) situation(words []string, id string) bool {
	named, _ := ix.names.topics.find(words)
	return slices.Contains(named, subject{KindTopic, id})
}

// namedTopic is the index of the first hit that is a rights topic the
// words name, or -1.
func (ix *Index) namedTopic(words []string, hits []Hit) int {
	return slices.IndexFunc(hits, func(h Hit) bool { return h.Kind == KindTopic && ix.situation(words, h.ID) })
}

// ahead reports whether the first hit scores at least twice as much
// as the next one.
func ahead(hits []Hit) bool {
	return len(hits) == 1 || len(hits) > 1 && hits[0].Score >= 2*hits[1].Score
}

// counts reports whether an intent answers with figures: a question of
// figures is about the CBSA only when it says so ("how much does the SPVM
// pay in 2017" is not).
func counts(i Intent) bool {
	return i == AskFigure || i == AskTrend || i == AskCompare || i == AskRanking
}

// speaksOf reports whether the hit's entry holds the concept of word.
func (ix *Index) speaksOf(h Hit, word string) bool {
	t, ok := ix.th.phrases[stem(word)]
	if !ok {
		t = stem(word)
	}
	i := ix.docIndex(h.Kind, h.ID)
	return i >= 0 && ix.docs[i].tf[t] > 0
}

// about reports whether a question whose nearest entry is of kind k asks
// about it. A place or a force named beside words about something else
// ("what time is it in Montreal", "who is the police chief in Toronto") is
// not what is asked; a number asked of a place or force is one of its
// figures only when the question speaks of them ("how many people live in
// Montreal" is not).
func (ix *Index) about(k Kind, said [cues]bool, content int) bool {
	if k == KindTopic {
		return true
	}
	if said[cueFigure] && !anchored(said) {
		return false
	}
	if k == KindOrg {
		return true
	}
	if content == 0 {
		return true
	}
	if k == KindPlace {
		return said[cuePolicy] || said[cueCovers] || said[cueWhen] || said[cueHelp] || said[cueCBSA]
	}
	return anchored(said)
}

// anchored reports whether a question speaks of the figures: contacts
// with the CBSA, a measure, the statistics.
func anchored(said [cues]bool) bool {
	return said[cueCBSA] || said[cueCalls] || said[cueChecks] || said[cueCalled] || said[cueData]
}
