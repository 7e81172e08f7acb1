package handlers

import (
	"maps"
	"slices"
	"sync"

	lru "github.com/hashicorp/golang-lru/v2"

	"sanctuaire/locales"
)

// langs returns the languages asked for, English when none was.
func langs(req Request) []locales.Lang {
	if len(req.Langs) == 0 {
		return []locales.Lang{locales.EN}
	}
	return req.Langs
}

// respond builds one Answer per language asked for; build never sees which
// language it writes in except through its Printer.
func (h *Handlers) respond(req Request, build func(p *locales.Printer) Answer) Response {
	return answer(h.cat, req, func(p *locales.Printer) Answer {
		a := build(p)
		h.dateSources(p, &a)
		return a
	})
}

// answer is the one response builder of the handlers: one Answer per
// language asked for, each written through its language's Printer. The
// answer is private unless the member shared it (moderators' commands have
// no share option: their replies are always private).
func answer(cat *locales.Catalog, req Request, build func(p *locales.Printer) Answer) Response {
	resp := Response{Ephemeral: !req.Share}
	for _, l := range langs(req) {
		a := build(cat.Printer(l))
		a.Lang = l
		resp.Answers = append(resp.Answers, a)
	}
	return resp
}

// keptKey names an answer that depends only on its language and on an
// entry of the knowledge base, which does not change while the program
// runs: there are as many as entries, times languages, whatever people type.
type keptKey struct {
	what string // the kind of answer: "city", "support", ...
	id   string // the entry's ID; "" for an answer about all of them
	lang string
	// dated: the answer as a command gives it, with the date of its sources
	// in its footer (a question's answer quotes it without).
	dated bool
}

// respondKept is respond for an answer that depends only on the language and
// on the entry id of the knowledge base (never on text a person typed),
// named by option opt of the request ("" when the answer is about all
// entries). The Response says so: its Key names the answer, and the buttons
// that show it again carry the entry's ID (Rerun) rather than what was typed.
// The answer is kept with its sources dated, which depend on the entry too.
func (h *Handlers) respondKept(req Request, what, opt, id string, build func(p *locales.Printer) Answer) Response {
	resp := answer(h.cat, req, func(p *locales.Printer) Answer {
		lang := string(p.Lang())
		k := keptKey{what: what, id: id, lang: lang, dated: true}
		build := func() Answer {
			a := build(p)
			h.dateSources(p, &a)
			return a
		}
		if req.ReadOnly {
			return *h.kept1(k, build)
		}
		return h.keepAs(k, build)
	})
	resp.Key = what + "/" + id
	resp.Rerun = map[string]string{}
	if opt != "" {
		resp.Rerun[opt] = id
	}
	return resp
}

// keep returns a copy of the answer what about entry id in lang, which build
// writes the first time it is asked for. The answer must depend on nothing
// else: not on the request, the time, or text a person typed.
func (h *Handlers) keep(what, id, lang string, build func() Answer) Answer {
	return h.keepAs(keptKey{what: what, id: id, lang: lang}, build)
}

func (h *Handlers) keepAs(k keptKey, build func() Answer) Answer {
	return h.kept1(k, build).copy()
}

// kept1 is the one answer kept under k, built the first time; its slices
// are clipped, so that appending to them never writes into it.
func (h *Handlers) kept1(k keptKey, build func() Answer) *Answer {
	if a, ok := h.kept.Load(k); ok {
		return a.(*Answer)
	}
	a := build()
	a.clip()
	v, _ := h.kept.LoadOrStore(k, &a)
	return v.(*Answer)
}

func (a *Answer) clip() {
	a.Fields = slices.Clip(a.Fields)
	a.Sections = slices.Clip(a.Sections)
	for i := range a.Sections {
		a.Sections[i].Fields = slices.Clip(a.Sections[i].Fields)
	}
	a.Sources = slices.Clip(a.Sources)
	a.Buttons = slices.Clip(a.Buttons)
	a.Menus = slices.Clip(a.Menus)
}

// copy returns a with slices of its own, which the caller may change.
func (a *Answer) copy() Answer {
	c := *a
	c.Fields = slices.Clone(a.Fields)
	c.Sections = slices.Clone(a.Sections)
	for i := range c.Sections {
		c.Sections[i].Fields = slices.Clone(a.Sections[i].Fields)
	}
	c.Sources = slices.Clone(a.Sources)
	c.Buttons = slices.Clone(a.Buttons)
	c.Menus = slices.Clone(a.Menus)
	return c
}

// maxKeptResponses bounds the responses kept by what a question was
// understood to ask: the entries, intents, years and measures that make
// a question are many more than the entries alone.
const maxKeptResponses = 4096

// keptResponses holds whole responses by their Key, built once and copied
// to each caller. When full, a response seen once gives way before one asked
// for again (a 2Q cache), so that many questions asked once do not push out
// those asked often.
type keptResponses struct {
	once sync.Once
	c    *lru.TwoQueueCache[string, *Response]
}

func (k *keptResponses) cache() *lru.TwoQueueCache[string, *Response] {
	k.once.Do(func() {
		c, err := lru.New2Q[string, *Response](maxKeptResponses)
		if err != nil {
			panic(err) // only for a size below 1
		}
		k.c = c
	})
	return k.c
}

// get returns the response under key, which build writes the first time:
// a copy, unless readOnly (the caller only reads it). The response must
// depend on nothing but what key says.
func (k *keptResponses) get(key string, readOnly bool, build func() Response) Response {
	r, ok := k.cache().Get(key)
	if !ok {
		built := build()
		built.Answers = slices.Clip(built.Answers)
		for i := range built.Answers {
			built.Answers[i].clip()
		}
		r = &built
		k.cache().Add(key, r)
	}
	c := *r
	if readOnly {
		return c
	}
	c.Answers = make([]Answer, len(r.Answers))
	for i := range r.Answers {
		c.Answers[i] = r.Answers[i].copy()
	}
	c.Files = slices.Clone(r.Files)
	c.Rerun = maps.Clone(r.Rerun)
	return c
}
