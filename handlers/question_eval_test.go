package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/BurntSushi/toml"

	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// The sets of labelled questions, in knowledge/testdata. The chat set is
// measured, never tuned on; the others are the tuning sets.
const (
	chatSet    = "../knowledge/testdata/questions_chat.toml"
	mainSet    = "../knowledge/testdata/questions.toml"
	heldOutSet = "../knowledge/testdata/questions_heldout.toml"
	tuneSet    = "../knowledge/testdata/questions_tune.toml"
)

// upFront is how much of an answer counts as its first screen.
const upFront = 700

type labelled struct {
	Text         string   `toml:"text"`
	Lang         string   `toml:"lang"`
	Answers      []string `toml:"answers"`
	Facts        []string `toml:"facts"`
	Unanswerable bool     `toml:"unanswerable"`
}

func loadSet(tb testing.TB, path string) []labelled {
	tb.Helper()
	var f struct {
		Question []labelled `toml:"question"`
	}
	if _, err := toml.DecodeFile(path, &f); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return f.Question
}

// score is how the question box did on one set.
type score struct {
	answerable, unanswerable, withFacts int
	top1                                int // answered with one of the labelled entries
	facts                               int // every labelled fact within the first screen
	honest                              int // unanswerable questions answered "I don't know"
	falseIDK                            int // answerable questions answered "I don't know"
	ownLanguage                         int // answered in the question's language, the client being in the other
	misses                              []string
}

func pct(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return 100 * float64(n) / float64(of)
}

func (s score) String() string {
	return fmt.Sprintf("top-1 %.1f%% of %d answerable; facts up front %.1f%% of %d; honest \"I don't know\" %.1f%% of %d; false \"I don't know\" %.1f%%; own language %.1f%%",
		pct(s.top1, s.answerable), s.answerable, pct(s.facts, s.withFacts), s.withFacts,
		pct(s.honest, s.unanswerable), s.unanswerable, pct(s.falseIDK, s.answerable),
		pct(s.ownLanguage, s.answerable+s.unanswerable))
}

// squash keeps letters and digits, folded, so that "3 608", "3,608" and
// "3608" compare equal, and "20 février 2017" matches "20 fevrier 2017".
func squash(s string) string {
	var b strings.Builder
	for _, r := range knowledge.Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '@' {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func hasFact(text, fact string) bool {
	for _, alt := range strings.Split(fact, "|") {
		if strings.Contains(squash(text), squash(alt)) {
			return true
		}
	}
	return false
}

// ask answers text as the question box does for a member whose client is in
// the other language than the question, with no language option.
func ask(tb testing.TB, h *handlers.Handlers, text, lang string) handlers.Response {
	tb.Helper()
	client := locales.EN
	if lang == "en" {
		client = locales.FR
	}
	resp, err := h.Question(context.Background(), handlers.Request{
		Command: "question", Options: map[string]string{"text": text}, Langs: []locales.Lang{client},
	})
	if err != nil {
		tb.Fatalf("%q: %v", text, err)
	}
	return resp
}

func plain(r handlers.Response) string {
	var b bytes.Buffer
	handlers.Plain(&b, r)
	return b.String()
}

func measure(tb testing.TB, qs []labelled) score {
	tb.Helper()
	h := bundled(tb)
	kb, err := knowledge.Bundled()
	if err != nil {
		tb.Fatal(err)
	}
	unknown := map[string]bool{"I don't know": true, "Je ne sais pas": true}
	var s score
	for _, q := range qs {
		resp := ask(tb, h, q.Text, q.Lang)
		if len(resp.Answers) == 0 {
			tb.Fatalf("%q: no answer", q.Text)
		}
		a := resp.Answers[0]
		idk := unknown[a.Title]
		if string(a.Lang) == q.Lang {
			s.ownLanguage++
		}
		if q.Unanswerable {
			s.unanswerable++
			if idk {
				s.honest++
			} else {
				s.misses = append(s.misses, "not honest: "+q.Text)
			}
			continue
		}
		s.answerable++
		if idk {
			s.falseIDK++
			s.misses = append(s.misses, "false I don't know: "+q.Text)
		}
		right := !idk && slices.Contains(q.Answers, understood(kb, q.Text))
		if right {
			s.top1++
		} else if !idk {
			s.misses = append(s.misses, "wrong entry: "+q.Text+" → "+understood(kb, q.Text))
		}
		if len(q.Facts) > 0 {
			s.withFacts++
			first := plain(resp)
			if r := []rune(first); len(r) > upFront {
				first = string(r[:upFront])
			}
			if !idk && !slices.ContainsFunc(q.Facts, func(f string) bool { return !hasFact(first, f) }) {
				s.facts++
			} else if !idk {
				s.misses = append(s.misses, "fact not up front: "+q.Text)
			}
		}
	}
	return s
}

// understood is the entry the engine answers text with.
func understood(kb *knowledge.Base, text string) string {
	u := kb.Understand(text)
	if len(u.Hits) == 0 {
		return ""
	}
	return u.Hits[0].Key()
}

// TestQuestionBars holds every set to the bars of the question box: the
// fact asked for within the first screen for at least 90% of the questions
// labelled with one, an honest "I don't know" to every question the base
// cannot answer, and at most 3% false "I don't know". A set that does not
// reach a bar yet is held to what it reaches today (floor), so that nothing
// slips back; the README says which. The chat set is never tuned on: only its
// figures are logged, never which questions missed.
func TestQuestionBars(t *testing.T) {
	const facts, honest, falseIDK = 90.0, 100.0, 3.0
	for _, tc := range []struct {
		set                    string
		honestFloor, falseCeil float64
	}{
		{chatSet, honest, falseIDK},
		{mainSet, honest, falseIDK},
		{heldOutSet, honest, falseIDK},
		{tuneSet, honest, falseIDK},
	} {
		t.Run(tc.set[strings.LastIndex(tc.set, "/")+1:], func(t *testing.T) {
			s := measure(t, loadSet(t, tc.set))
			t.Log(s)
			if got := pct(s.facts, s.withFacts); got < facts {
				t.Errorf("facts up front %.1f%%, want at least %.0f%%", got, facts)
			}
			if got := pct(s.honest, s.unanswerable); got < min(honest, tc.honestFloor) {
				t.Errorf("honest \"I don't know\" %.1f%%, want at least %.1f%%", got, tc.honestFloor)
			}
			if got := pct(s.falseIDK, s.answerable); got > max(falseIDK, tc.falseCeil) {
				t.Errorf("false \"I don't know\" %.1f%%, want at most %.1f%%", got, tc.falseCeil)
			}
			if got := pct(s.ownLanguage, s.answerable+s.unanswerable); got < 80 {
				t.Errorf("answered in the question's language %.1f%%, want at least 80%%", got)
			}
		})
	}
}

// TestQuestionTuning holds the tuning sets to the same bars and lists what
// they miss.
func TestQuestionTuning(t *testing.T) {
	if testing.Short() {
		t.Skip("lists the tuning sets' misses")
	}
	for _, set := range []string{mainSet, heldOutSet, tuneSet} {
		t.Run(set[strings.LastIndex(set, "/")+1:], func(t *testing.T) {
			s := measure(t, loadSet(t, set))
			t.Log(s)
			for _, m := range s.misses {
				t.Log(m)
			}
		})
	}
}
