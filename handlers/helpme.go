package handlers

import (
	"context"
	"slices"
	"strings"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// situation is one choice of the guided help: the rights topics that apply
// and the organisations that work on it, by ID in the knowledge base. IDs
// the base does not hold are left out (a test checks that there are none).
type situation struct {
	id     string   // in the menus' choices and message IDs (helpme_situation_<id>)
	topics []string // rights topics, in the order shown
	orgs   []string // organisations that work on it, first
	urgent bool     // emergency help first: the organisations come before the rights
	police bool     // the chosen city's police practice applies
}

// situations are the guided help's choices, in the order offered. Each
// names at most three topics: an answer cites every source of each, and
// reads on a phone.
var situations = []situation{
	{id: "police", police: true,
		topics: []string{"remain-silent", "identification", "police-cbsa"},
		orgs:   []string{"montreal-city-mission", "csj-immigration-quebec", "legal-aid-ontario", "fcj-refugee-centre", "bccla"}},
	{id: "911", police: true,
		topics: []string{"police-cbsa", "services-without-fear", "remain-silent"},
		orgs:   []string{"solidarity-across-borders", "noii-toronto", "fcj-refugee-centre", "sanctuary-health"}},
	{id: "cbsa",
		topics: []string{"warrants", "lawyer", "detention"},
		orgs:   []string{"legal-aid-ontario", "csj-immigration-quebec", "montreal-city-mission", "fcj-refugee-centre", "solidarity-across-borders", "ccr"}},
	{id: "detained", urgent: true,
		topics: []string{"detention", "lawyer", "detention-provinces"},
		orgs:   []string{"legal-aid-ontario", "action-refugies-montreal", "csj-immigration-quebec", "solidarity-across-borders", "fcj-refugee-centre", "welcome-to-canada"}},
	{id: "health",
		topics: []string{"health-quebec-children", "emergency-care-ontario", "services-without-fear"},
		orgs:   []string{"medecins-du-monde", "sanctuary-health", "fcj-refugee-centre"}},
	{id: "school",
		topics: []string{"school-quebec", "daycare-quebec", "services-without-fear"},
		orgs:   []string{"collectif-education", "comite-sans-statut"}},
	{id: "talk"},
}

// maxHelpOrgs bounds the organisations a guided answer lists.
const maxHelpOrgs = 5

// Options of the guided help's answers, which only its own buttons send
// back: the situation and the city chosen.
const (
	OptSituation = "situation"
	OptCity      = "city"
)

// HelpMe answers `help-me` (`aide`): a menu of situations; with the options a
// shown answer carries (situation, city), that answer again.
func (h *Handlers) HelpMe(ctx context.Context, req Request) (Response, error) {
	s, ok := findSituation(req.Options[OptSituation])
	if !ok {
		resp := h.respond(req, func(p *locales.Printer) Answer {
			return Answer{
				Title:  p.T("helpme_title"),
				Body:   p.T("helpme_intro"),
				Menus:  []Menu{situationMenu(p, "")},
				Footer: p.T("common_not_legal_advice"),
			}
		})
		resp.Ephemeral, resp.Private = true, true
		return resp, nil
	}
	var place knowledge.Place
	if name := strings.TrimSpace(req.Options[OptCity]); name != "" {
		// Discord sends a city chosen in the menu, by ID; the console, a
		// name as typed, which may be one the base does not hold.
		pl, ok := h.findPlace(name)
		if !ok {
			return h.unknownPlaceWithOrgs(req, name), nil
		}
		place = pl
	}
	return h.helpFor(req, s, place), nil
}

// SituationIDs are the guided help's situations, in the order offered: the
// values of its situation option.
func SituationIDs() []string {
	ids := make([]string, len(situations))
	for i, s := range situations {
		ids[i] = s.id
	}
	return ids
}

// HelpMeClick answers the guided help's menus: a situation chosen (Args
// ["s"]), or a city for a situation (Args ["c", situation]).
func (h *Handlers) HelpMeClick(ctx context.Context, req Request) (Response, error) {
	chosen := ""
	if len(req.Values) > 0 {
		chosen = req.Values[0]
	}
	switch {
	case len(req.Args) == 1 && req.Args[0] == "s":
		req.Options = map[string]string{OptSituation: chosen}
	case len(req.Args) == 2 && req.Args[0] == "c":
		req.Options = map[string]string{OptSituation: req.Args[1]}
		// The menu offers places by ID; any other value, which the menu
		// never offers, leaves the city out.
		if _, ok := h.kb.Place(chosen); ok {
			req.Options[OptCity] = chosen
		}
	default:
		req.Options = map[string]string{}
	}
	return h.HelpMe(ctx, req)
}

func findSituation(id string) (situation, bool) {
	i := slices.IndexFunc(situations, func(s situation) bool { return s.id == id })
	if i < 0 {
		return situation{}, false
	}
	return situations[i], true
}

// situationMenu offers the situations, chosen marked as chosen.
func situationMenu(p *locales.Printer, chosen string) Menu {
	m := Menu{Click: Click{Args: []string{"s"}}, Placeholder: p.T("helpme_choose_situation")}
	for _, s := range situations {
		m.Options = append(m.Options, MenuOption{
			Label: p.T("helpme_situation_" + s.id), Description: p.T("helpme_situation_" + s.id + "_desc"),
			Value: s.id, Default: s.id == chosen,
		})
	}
	return m
}

// cityMenu offers the places that have organisations, for situation s.
func (h *Handlers) cityMenu(p *locales.Printer, s situation, chosen string) Menu {
	lang := string(p.Lang())
	m := Menu{Click: Click{Args: []string{"c", s.id}}, Placeholder: p.T("helpme_choose_city")}
	for _, pl := range h.placesWithOrgs() {
		m.Options = append(m.Options, MenuOption{Label: pl.Name.In(lang), Value: pl.ID, Default: pl.ID == chosen})
	}
	return m
}

// helpFor is the end of the guided help: the rights that apply to s, the
// organisations nearest to place (all of s's when place is zero), and the
// not-legal-advice line; for an urgent situation, the organisations first.
// The buttons that show it again carry the situation and city (Rerun).
func (h *Handlers) helpFor(req Request, s situation, place knowledge.Place) Response {
	resp := h.respond(req, func(p *locales.Printer) Answer {
		lang := string(p.Lang())
		var c cites
		var rights []Field
		for _, id := range s.topics {
			if t, ok := h.kb.Topic(id); ok {
				c.add(t.Sources...)
				rights = append(rights, Field{Name: t.Title.In(lang), Value: t.Short.In(lang)})
			}
		}
		if len(rights) > 0 {
			rights = append(rights, Field{Name: p.T("helpme_rights_more_title"), Value: p.T("helpme_rights_more")})
		}
		title := p.T("helpme_situation_" + s.id)
		var lead []string
		if s.urgent || s.id == "911" {
			lead = append(lead, p.T("helpme_first_"+s.id))
		}
		if place.ID != "" {
			title = p.T("helpme_title_city", "Situation", title, "City", place.Name.In(lang))
			if police := place.Police.In(lang); s.police && police != "" {
				c.add(place.Sources...)
				rights = append([]Field{{Name: p.T("helpme_police_in", "City", place.Name.In(lang)), Value: police}}, rights...)
			}
		}
		orgs, near := h.helpOrgs(s, place)
		list := h.orgList(p, orgs)
		if place.ID != "" && !near {
			lead = append(lead, p.T("helpme_none_in", "City", place.Name.In(lang)))
		}
		if place.ID == "" {
			lead = append(lead, p.T("helpme_choose_city_hint"))
		}
		a := Answer{Title: title, Body: paragraphs(append(lead, list.Body)...), Buttons: list.Buttons}
		if s.urgent {
			a.Fields = append(list.Fields, rights...)
		} else {
			a.Fields = append(rights, list.Fields...)
		}
		a.Sources = mergeSources(h.sources(p, &c), list.Sources)
		a.Menus = []Menu{situationMenu(p, s.id), h.cityMenu(p, s, place.ID)}
		a.Footer = p.T("common_not_legal_advice")
		return a
	})
	resp.Rerun = map[string]string{OptSituation: s.id}
	if place.ID != "" {
		resp.Rerun[OptCity] = place.ID
	}
	return resp
}

// helpOrgs are the organisations to show for s near place: s's own in
// place, then the place's others, then s's that work across a province or
// the country; near is false when the place has none. Without a place, s's
// own (for "talk", every organisation that shows a contact).
func (h *Handlers) helpOrgs(s situation, place knowledge.Place) (orgs []knowledge.Org, near bool) {
	own := make([]knowledge.Org, 0, len(s.orgs))
	for _, id := range s.orgs {
		if o, ok := h.kb.Org(id); ok {
			own = append(own, o)
		}
	}
	if len(own) == 0 {
		for _, o := range h.kb.Orgs {
			if o.Contact != nil && o.Contact.Text != "" {
				own = append(own, o)
			}
		}
	}
	if place.ID == "" {
		return own[:min(len(own), maxHelpOrgs)], false
	}
	add := func(o knowledge.Org) {
		if len(orgs) < maxHelpOrgs && !slices.ContainsFunc(orgs, func(x knowledge.Org) bool { return x.ID == o.ID }) {
			orgs = append(orgs, o)
		}
	}
	for _, o := range own {
		if o.Place == place.ID {
			add(o)
		}
	}
	for _, o := range h.kb.OrgsIn(place.ID) {
		add(o)
	}
	near = len(orgs) > 0
	for _, o := range own {
		if o.Place == "" {
			add(o)
		}
	}
	if len(orgs) == 0 {
		return own[:min(len(own), maxHelpOrgs)], false
	}
	return orgs, near
}

// mergeSources is a's sources followed by those of b it does not list.
func mergeSources(a, b []Source) []Source {
	for _, s := range b {
		if !slices.Contains(a, s) {
			a = append(a, s)
		}
	}
	return a
}
