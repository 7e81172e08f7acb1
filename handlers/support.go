package handlers

import (
	"context"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// maxButtons is the most link buttons a message can carry.
const maxButtons = 25

// Support answers `support [city]` with the organisations of a place, or all
// of them grouped by area, and a link button for each that has a web site.
func (h *Handlers) Support(ctx context.Context, req Request) (Response, error) {
	name := strings.TrimSpace(req.Options["city"])
	if name == "" {
		return h.respondKept(req, "support", "", "", func(p *locales.Printer) Answer {
			a := h.orgList(p, h.kb.Orgs)
			a.Title = p.T("support_title_all")
			h.firstView(p, &a, h.kb.Orgs, p.T("support_intro_all"))
			return a
		}), nil
	}
	place, ok := h.findPlace(name)
	if !ok {
		return h.unknownPlaceWithOrgs(req, name), nil
	}
	return h.respondKept(req, "support", "city", place.ID, func(p *locales.Printer) Answer {
		return h.supportIn(p, place)
	}), nil
}

// supportIn lists the organisations of a place, or all of them when it has
// none.
func (h *Handlers) supportIn(p *locales.Printer, place knowledge.Place) Answer {
	lang := string(p.Lang())
	orgs := h.kb.OrgsIn(place.ID)
	city := place.Name.In(lang)
	if len(orgs) == 0 {
		a := h.orgList(p, h.kb.Orgs)
		a.Title = p.T("support_title_all")
		h.firstView(p, &a, h.kb.Orgs, p.T("support_none_in", "City", city))
		return a
	}
	a := h.orgList(p, orgs)
	a.Title = p.T("support_title_city", "City", city)
	h.firstView(p, &a, orgs, p.Plural("support_intro_city", len(orgs), "City", city))
	return a
}

// firstView opens a on intro and the organisations that can be reached,
// with their way to reach them and a link button each; every organisation
// in full, with the areas they serve, is a section.
func (h *Handlers) firstView(p *locales.Printer, a *Answer, orgs []knowledge.Org, intro string) {
	var c cites
	reach, urls := h.reachable(p, orgs, firstOrgs, &c)
	// Link buttons for the organisations named, not a stack of every one:
	// the others' addresses are in their section.
	var links []Button
	for _, b := range a.Buttons {
		if b.URL == "" || urls[b.URL] {
			links = append(links, b)
			continue
		}
		for i := range a.Fields {
			if a.Fields[i].Name == b.Label {
				a.Fields[i].Value = lines(a.Fields[i].Value, b.URL)
			}
		}
	}
	a.Buttons = links
	fields := a.Fields
	if a.Body != "" {
		fields = append([]Field{{Name: p.T("support_areas_title"), Value: a.Body}}, fields...)
	}
	a.addSection(SectionOrgs, p.Plural("support_all", len(orgs)), fields...)
	a.Body, a.Fields = intro, nil
	if len(reach) > 0 {
		a.Fields = []Field{{Name: p.T("support_reach"), Value: bullets(reach)}}
	}
}

// firstOrgs is how many organisations the first view of an answer names.
const firstOrgs = 3

// orgPlaces names the places that have organisations.
func (h *Handlers) orgPlaces(lang string) []string {
	var out []string
	for _, pl := range h.placesWithOrgs() {
		out = append(out, pl.Name.In(lang))
	}
	return out
}

// placesWithOrgs are the places that have organisations, in the order of
// their first organisation.
// unknownPlaceWithOrgs answers a place name the base does not hold where
// organisations are asked for: the places that have some, to choose from.
func (h *Handlers) unknownPlaceWithOrgs(req Request, name string) Response {
	var ids []string
	for _, pl := range h.placesWithOrgs() {
		ids = append(ids, pl.ID)
	}
	return h.unknownResponse(req, knowledge.KindPlace, name, "support_unknown_hint", ids)
}

func (h *Handlers) placesWithOrgs() []knowledge.Place {
	var out []knowledge.Place
	seen := map[string]bool{}
	for _, o := range h.kb.Orgs {
		if o.Place == "" || seen[o.Place] {
			continue
		}
		seen[o.Place] = true
		if pl, ok := h.kb.Place(o.Place); ok {
			out = append(out, pl)
		}
	}
	return out
}

// orgList writes one field per organisation, grouped by place (or by area
// for those with no place) in the order groups first appear, with a link
// button for each organisation that has a URL.
func (h *Handlers) orgList(p *locales.Printer, orgs []knowledge.Org) Answer {
	lang := string(p.Lang())
	type group struct {
		name string
		orgs []int // indices in orgs
	}
	var groups []group
	for i, o := range orgs {
		g := o.Area.In(lang)
		if pl, ok := h.kb.Place(o.Place); ok {
			g = pl.Name.In(lang)
		}
		k := slices.IndexFunc(groups, func(x group) bool { return x.name == g })
		if k < 0 {
			k = len(groups)
			groups = append(groups, group{name: g})
		}
		groups[k].orgs = append(groups[k].orgs, i)
	}
	a := Answer{Fields: make([]Field, 0, len(orgs))}
	var c cites
	counts := make([]string, 0, len(groups))
	for _, g := range groups {
		counts = append(counts, p.T("support_area_count", "Area", g.name, "Count", p.Int(len(g.orgs))))
		for _, i := range g.orgs {
			o := &orgs[i]
			button := o.URL != "" && len(a.Buttons) < maxButtons
			if button {
				a.Buttons = append(a.Buttons, Button{Label: o.Name.In(lang), URL: o.URL})
			}
			a.Fields = append(a.Fields, Field{Name: o.Name.In(lang), Value: h.orgText(p, o, !button, &c)})
		}
	}
	if len(groups) > 1 {
		a.Body = p.T("support_areas", "Areas", p.List(counts))
	}
	a.Sources = h.sources(p, &c)
	a.Footer = p.T("support_footer")
	return a
}

// orgText says what an organisation does, where, in which languages, and how
// to reach it as of the date a source showed it. The URL is written out only
// when no button carries it.
func (h *Handlers) orgText(p *locales.Printer, o *knowledge.Org, showURL bool, c *cites) string {
	lang := string(p.Lang())
	c.add(o.Sources...)
	what := o.What.In(lang)
	if o.Uncertain {
		what = p.T("answer_with_note", "Text", what, "Note", p.T("common_uncertain", "Caveat", o.Caveat.In(lang)))
	}
	out := []string{what, p.T("support_area", "Area", o.Area.In(lang))}
	if len(o.Languages) > 0 {
		names := make([]string, len(o.Languages))
		for i, code := range o.Languages {
			names[i] = h.languageName(p, code)
		}
		out = append(out, p.T("support_languages", "Languages", p.List(names)))
	}
	if ct := o.Contact; ct != nil && ct.Text != "" {
		c.add(ct.Sources...)
		asOf := p.T("common_source_no_date")
		if !ct.AsOf.IsZero() {
			asOf = p.T(asOfID(ct.AsOf), "Date", day(p, ct.AsOf))
		}
		line := p.T("support_contact", "Contact", ct.Text, "AsOf", asOf)
		if ct.Uncertain {
			line = p.T("answer_with_note", "Text", line, "Note", p.T("common_uncertain", "Caveat", ct.Caveat.In(lang)))
		}
		out = append(out, line)
	}
	if showURL && o.URL != "" {
		out = append(out, o.URL)
	}
	return lines(out...)
}

// languageName names a language code ("fr", "en", "es") in the answer's
// language; a code without a message is shown as it is.
func (h *Handlers) languageName(p *locales.Printer, code string) string {
	id := "support_lang_" + strings.ToLower(code)
	if h.cat.Has(id) {
		return p.T(id)
	}
	return code
}

// asOfID picks the "as of" message for how precisely a date is known: French
// says « en date du 5 juin 2019 » but « en juin 2019 » and « en 2019 ».
func asOfID(d knowledge.Date) string {
	switch {
	case d.Day != 0:
		return "support_as_of_day"
	case d.Month != 0:
		return "support_as_of_month"
	}
	return "support_as_of_year"
}
