package handlers_test

import (
	"context"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// unshared builds handlers of their own, whose answers no other test touched.
func unshared(t *testing.T) *handlers.Handlers {
	t.Helper()
	kb, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	return handlers.New(kb, cat, nil)
}

// keptRequests are answers built once per language and entry, then copied.
var keptRequests = []handlers.Request{
	{Command: "city", Options: map[string]string{"name": "montreal"}},
	{Command: "city", Options: map[string]string{"name": "Toronto"}},
	{Command: "support"},
	{Command: "support", Options: map[string]string{"city": "montréal"}},
	{Command: "rights"},
	{Command: "rights", Options: map[string]string{"topic": "detention"}},
	{Command: "about"},
	{Command: "question", Options: map[string]string{"text": "place:montreal"}},
	{Command: "question", Options: map[string]string{"text": "org:solidarity-across-borders"}},
	{Command: "question", Options: map[string]string{"text": "topic:remain-silent"}},
	{Command: "question", Options: map[string]string{"text": "can the police ask for my status?"}},
	{Command: "question", Options: map[string]string{"text": "Combien de fois le SPVM a appelé l'ASFC en 2017 ?"}},
	{Command: "question", Options: map[string]string{"text": "is Lyon a sanctuary city?"}},
	{Command: "question", Options: map[string]string{"text": "what's the weather tomorrow?"}},
}

// TestQuestionKeptPerWay asks one question in the ways that change its
// answer (shared or not, the languages asked for or the question's own),
// each after the others, and checks that each answer is the one a fresh
// handler gives.
func TestQuestionKeptPerWay(t *testing.T) {
	var reqs []handlers.Request
	for _, text := range []string{"how many times did the spvm call the cbsa in 2017?", "combien de fois le spvm a appelé l'asfc en 2017"} {
		for _, share := range []bool{false, true} {
			for _, chosen := range []bool{false, true} {
				for _, langs := range [][]locales.Lang{{locales.EN}, {locales.FR}, locales.All} {
					reqs = append(reqs, handlers.Request{Command: "question", Options: map[string]string{"text": text},
						Share: share, LangChosen: chosen, Langs: langs})
				}
			}
		}
	}
	h := unshared(t)
	for _, req := range reqs {
		got, err := h.Question(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want, err := unshared(t).Question(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("%q share %v chosen %v %v: kept answer differs (-fresh +kept):\n%s", req.Options["text"], req.Share, req.LangChosen, req.Langs, diff)
		}
	}
}

// TestKeptAnswersAreCopies changes every part of an answer a caller may
// change and checks that the next caller gets the answer as it was built.
func TestKeptAnswersAreCopies(t *testing.T) {
	for _, req := range keptRequests {
		req.Langs = locales.All
		t.Run(req.Command+" "+req.Options["name"]+req.Options["city"]+req.Options["topic"]+req.Options["text"], func(t *testing.T) {
			fresh, err := handler(unshared(t), req.Command)(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			h := unshared(t)
			for range 3 {
				got, err := handler(h, req.Command)(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(fresh, got); diff != "" {
					t.Fatalf("answer changed by an earlier caller (-first +now):\n%s", diff)
				}
				for i := range got.Answers {
					a := &got.Answers[i]
					a.Title += " changed"
					for j := range a.Fields {
						a.Fields[j].Value = "changed"
					}
					for j := range a.Sources {
						a.Sources[j].Label = "changed"
					}
					for j := range a.Sections {
						for k := range a.Sections[j].Fields {
							a.Sections[j].Fields[k].Value = "changed"
						}
					}
					for j := range a.Buttons {
						a.Buttons[j].Label = "changed"
					}
					a.Fields = append(a.Fields[:len(a.Fields):len(a.Fields)], handlers.Field{Name: "added"})
					a.Fields = append(a.Fields[:0], handlers.Field{Name: "overwritten"})
				}
			}
		})
	}
}

// TestKeptAnswersConcurrently asks for the same answers from many goroutines
// at once, first use included; run with -race.
func TestKeptAnswersConcurrently(t *testing.T) {
	want := map[int]handlers.Response{}
	for i, req := range keptRequests {
		req.Langs = locales.All
		resp, err := handler(unshared(t), req.Command)(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = resp
	}
	h := unshared(t)
	var wg sync.WaitGroup
	errs := make(chan string, 20*len(keptRequests))
	for g := range 20 {
		wg.Go(func() {
			for k := range keptRequests {
				i := (g + k) % len(keptRequests)
				req := keptRequests[i]
				req.Langs = locales.All
				got, err := handler(h, req.Command)(context.Background(), req)
				if err != nil {
					errs <- err.Error()
					return
				}
				if diff := cmp.Diff(want[i], got); diff != "" {
					errs <- req.Command + ": " + diff
					return
				}
				a := &got.Answers[0]
				for j := range a.Fields {
					a.Fields[j].Value = "changed"
				}
				for j := range a.Sections {
					for k := range a.Sections[j].Fields {
						a.Sections[j].Fields[k].Value = "changed"
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// TestKeptAnswersReadOnly: a caller that only reads (Request.ReadOnly) gets
// the answers every other caller gets, and appending to one of their slices
// leaves the kept answer as it was.
func TestKeptAnswersReadOnly(t *testing.T) {
	for _, req := range keptRequests {
		req.Langs = locales.All
		t.Run(req.Command+" "+req.Options["name"]+req.Options["city"]+req.Options["topic"]+req.Options["text"], func(t *testing.T) {
			h := unshared(t)
			ro := req
			ro.ReadOnly = true
			for range 2 {
				got, err := handler(h, req.Command)(context.Background(), ro)
				if err != nil {
					t.Fatal(err)
				}
				want, err := handler(unshared(t), req.Command)(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Fatalf("read-only answer differs (-copied +read-only):\n%s", diff)
				}
				for i := range got.Answers {
					a := &got.Answers[i]
					_ = append(a.Fields, handlers.Field{Name: "added"})
					_ = append(a.Sources, handlers.Source{Label: "added"})
				}
			}
		})
	}
}
