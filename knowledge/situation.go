package knowledge

import "slices"

// A person's rights in a situation are asked in two parts: the situation
// ("the police stopped me", "m'a pogné", "pulled me over") and what they
// want to know about it (whether to talk, to give a name, a lawyer, a
// hearing). The situation is the setting; the entry that answers is the
// one about the rest.

// settingConcept is the concept of being stopped or arrested.
var settingConcept = concept([]string{"arrestation"})

// rightsConcepts are the concepts of what people ask about a situation.
var rightsConcepts = func() map[string]bool {
	set := map[string]bool{}
	for _, first := range []string{"silence", "identite", "avocat", "audience", "mandat", "ecole", "sante"} {
		set[concept([]string{first})] = true
	}
	return set
}()

// institutions are the concepts of the places that may ask for a person's
// papers (a school, health care), and papersTerms the terms of the papers
// or the status asked for: beside an institution, the papers are the
// setting ("l'école peut demander nos papiers" is about school).
var (
	institutions = map[string]bool{concept([]string{"ecole"}): true, concept([]string{"sante"}): true}
	papersTerms  = map[string]bool{concept([]string{"statut"}): true, concept([]string{"sans papiers"}): true,
		stem("papiers"): true, stem("papers"): true, stem("papier"): true, stem("paper"): true}
)

// settingWeight is how much the setting weighs beside what is asked.
const settingWeight = 0.3

// setting weighs the situation down when the question also asks about a
// right in it: "do I have to tell police my name if they stop me" asks
// about giving a name, not about arrests; "can the school ask for my papers"
// about school, not about carrying papers. Then the words the base does not
// know that say where it happens (scenes: "at the airport") are dropped.
func setting(terms []term, scenes []string) []term {
	at, asks, where := -1, false, false
	for i, t := range terms {
		switch {
		case t.text == settingConcept:
			at = i
		case rightsConcepts[t.text]:
			asks = true
			where = where || institutions[t.text]
		}
	}
	if !asks {
		return terms
	}
	if where {
		for i, t := range terms {
			if papersTerms[t.text] {
				terms[i].weight = min(t.weight, settingWeight)
			}
		}
	}
	if at >= 0 {
		terms[at].weight = min(terms[at].weight, settingWeight)
	}
	if len(scenes) > 0 {
		terms = slices.DeleteFunc(terms, func(t term) bool { return slices.Contains(scenes, t.text) })
	}
	return terms
}

// ownThing reports whether the question names a thing of a person's own
// ("my phone", "mon char", "my house") that the entry h does not speak of:
// then what is asked is not in it ("can police take my phone"). A
// person's status or papers ("mon statut", "my papers") are part of the
// situation.
func (ix *Index) ownThing(words, fixed []string, isName []bool, h Hit) bool {
	for i := 1; i < len(words); i++ {
		w := fixed[i]
		if !possessive[words[i-1]] || isName[i] || len(w) < 3 || stopWords[w] || chatWords[w] || fillers[w] || isNumber(w) {
			continue
		}
		if slices.Contains(ix.cues.phrases[w], cueStatus) {
			continue
		}
		if !ix.speaksOf(h, w) {
			return true
		}
	}
	return false
}

// possessive are the words before a thing of a person's own.
var possessive = toSet(`my your his her our their mon ma mes ton ta tes son notre nos votre vos leur leurs`)
