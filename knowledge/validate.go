package knowledge

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Problem is one thing wrong in the knowledge files.
type Problem struct {
	File  string // e.g. "places.toml"
	Entry string // e.g. `place "montreal"`; empty for the whole file
	Field string // e.g. "summary.fr"
	Msg   string
}

func (p Problem) String() string {
	parts := make([]string, 0, 4)
	for _, s := range []string{p.File, p.Entry, p.Field, p.Msg} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ": ")
}

// ValidationError lists every problem found in a knowledge base, sorted by
// file, entry and field.
type ValidationError struct {
	Problems []Problem
}

func newValidationError(problems []Problem) *ValidationError {
	slices.SortStableFunc(problems, func(a, b Problem) int {
		return cmp.Or(
			strings.Compare(a.File, b.File),
			strings.Compare(a.Entry, b.Entry),
			strings.Compare(a.Field, b.Field),
			strings.Compare(a.Msg, b.Msg),
		)
	})
	return &ValidationError{Problems: slices.Compact(problems)}
}

func (e *ValidationError) Error() string {
	var sb strings.Builder
	if len(e.Problems) == 1 {
		sb.WriteString("invalid knowledge base: 1 problem")
	} else {
		fmt.Fprintf(&sb, "invalid knowledge base: %d problems", len(e.Problems))
	}
	for _, p := range e.Problems {
		sb.WriteString("\n  ")
		sb.WriteString(p.String())
	}
	return sb.String()
}

// Years a statistic may cover.
const (
	minStatYear = 1990
	maxStatYear = 2100
)

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)
	// A French thousands separator written as an ordinary space: "3 608".
	plainThousands = regexp.MustCompile(`(^|[^0-9])[0-9]{1,3}( [0-9]{3})+([^0-9]|$)`)
)

// validate checks everything and returns the problems, unsorted.
func (b *Base) validate() []Problem {
	var problems []Problem
	b.validateSources(&problems)
	b.validatePlaces(&problems)
	b.validateForces(&problems)
	b.validateStats(&problems)
	b.validateOrgs(&problems)
	b.validateTopics(&problems)
	b.validateMeanings(&problems)
	b.validateReviews(&problems)
	b.checkIDs(&problems)
	b.checkNames(&problems)
	return problems
}

func (b *Base) validateSources(problems *[]Problem) {
	for _, s := range b.Sources {
		c := checker{b, SourcesFile, fmt.Sprintf("source %q", s.ID), problems}
		c.id(s.ID)
		// A title is the source's own, in its language; a description is
		// the project's words, so it is given in both.
		hasTitle := strings.TrimSpace(s.Title) != ""
		switch {
		case hasTitle && !s.Described.IsZero():
			c.add("described", "given with a title: keep one, the title if one is recorded")
		case !hasTitle && s.Described.IsZero():
			c.add("title", "empty: give the title, or a described text when none is recorded")
		case !hasTitle:
			c.text("described", s.Described)
		}
		if strings.TrimSpace(s.Publisher) == "" {
			c.add("publisher", "empty")
		}
		c.url("url", s.URL)
		if s.Language != "en" && s.Language != "fr" {
			c.add("language", "%q: want en or fr", s.Language)
		}
		c.optText("note", s.Note)
		if s.Published.IsZero() && s.Note.IsZero() {
			c.add("published", "no date: give one, or a note saying none is shown")
		}
		if !s.Published.IsZero() && !s.Circa.IsZero() {
			c.add("circa", "given with published: keep published, the date the source shows")
		}
		if s.Circa.Day != 0 {
			c.add("circa", "%s: give a year or a month, as precise as the content allows", s.Circa)
		}
		if !s.Updated.IsZero() && !s.Published.IsZero() && s.Updated.Before(s.Published) {
			c.add("updated", "%s is before published %s", s.Updated, s.Published)
		}
	}
}

func (b *Base) validatePlaces(problems *[]Problem) {
	for _, p := range b.Places {
		c := checker{b, PlacesFile, fmt.Sprintf("place %q", p.ID), problems}
		c.head(p.ID, "name", p.Name, p.Aliases)
		c.text("province", p.Province)
		switch p.Status {
		case Adopted:
			if p.Adopted.IsZero() {
				c.add("adopted", "status is adopted but no adoption date")
			}
		case Studied, NotAdopted, NotConfirmed:
			if !p.Adopted.IsZero() {
				c.add("adopted", "date %s given but status is %q", p.Adopted, p.Status)
			}
		default:
			c.add("status", "unknown status %q", p.Status)
		}
		c.optText("policy_name", p.PolicyName)
		c.text("summary", p.Summary)
		c.optText("covers", p.Covers)
		c.optText("excludes", p.Excludes)
		c.optText("police", p.Police)
		for i, id := range p.Forces {
			c.ref(fmt.Sprintf("forces[%d]", i), "force", id, b.forceByID)
		}
		for i, e := range p.Events {
			f := fmt.Sprintf("events[%d].", i)
			if e.Date.IsZero() {
				c.add(f+"date", "empty")
			}
			c.claim(f, e.Claim)
		}
		for i, n := range p.Notes {
			c.claim(fmt.Sprintf("notes[%d].", i), n)
		}
		c.sources("sources", p.Sources, true)
	}
}

func (b *Base) validateForces(problems *[]Problem) {
	for _, f := range b.Forces {
		c := checker{b, ForcesFile, fmt.Sprintf("force %q", f.ID), problems}
		c.head(f.ID, "name", f.Name, f.Aliases)
		c.names("acronyms", f.Acronyms)
		if f.Place != "" {
			c.ref("place", "place", f.Place, b.placeByID)
		}
		for i, n := range f.Notes {
			c.claim(fmt.Sprintf("notes[%d].", i), n)
		}
	}
}

func (b *Base) validateStats(problems *[]Problem) {
	type key struct {
		force   string
		year    int
		measure Measure
	}
	seen := make(map[key]bool, len(b.Stats))
	for _, s := range b.Stats {
		c := checker{b, StatsFile, fmt.Sprintf("stat %q", fmt.Sprintf("%s %d %s", s.Force, s.Year, s.Measure)), problems}
		c.ref("force", "force", s.Force, b.forceByID)
		if s.Year < minStatYear || s.Year > maxStatYear {
			c.add("year", "%d: want a year from %d to %d", s.Year, minStatYear, maxStatYear)
		}
		if s.Count < 0 {
			c.add("count", "negative (%d)", s.Count)
		}
		if s.Measure != Calls && s.Measure != StatusChecks {
			c.add("measure", "unknown measure %q", s.Measure)
		}
		if s.Source == "" {
			c.add("source", "no source")
		} else {
			c.ref("source", "source", s.Source, b.sourceByID)
		}
		c.optText("note", s.Note)
		c.uncertain("", s.Uncertain || s.NotComparable, s.Caveat)
		k := key{s.Force, s.Year, s.Measure}
		if seen[k] {
			c.add("", "duplicate (force, year, measure)")
		}
		seen[k] = true
	}
}

func (b *Base) validateOrgs(problems *[]Problem) {
	for _, o := range b.Orgs {
		c := checker{b, OrgsFile, fmt.Sprintf("org %q", o.ID), problems}
		c.head(o.ID, "name", o.Name, o.Aliases)
		c.text("what", o.What)
		if o.Place != "" {
			c.ref("place", "place", o.Place, b.placeByID)
			c.optText("area", o.Area)
		} else {
			c.text("area", o.Area)
		}
		for i, l := range o.Languages {
			if !langPattern.MatchString(l) {
				c.add(fmt.Sprintf("languages[%d]", i), "%q: want a lower-case language code", l)
			}
		}
		c.url("url", o.URL)
		c.sources("sources", o.Sources, true)
		c.uncertain("", o.Uncertain, o.Caveat)
		if ct := o.Contact; ct != nil {
			if strings.TrimSpace(ct.Text) == "" {
				c.add("contact.text", "empty")
			}
			if ct.AsOf.IsZero() && !ct.Uncertain {
				c.add("contact.as_of", "no date: give one, or mark the contact uncertain with a caveat")
			}
			c.sources("contact.sources", ct.Sources, true)
			c.uncertain("contact.", ct.Uncertain, ct.Caveat)
		}
	}
}

func (b *Base) validateTopics(problems *[]Problem) {
	for _, t := range b.Topics {
		c := checker{b, TopicsFile, fmt.Sprintf("topic %q", t.ID), problems}
		c.head(t.ID, "title", t.Title, t.Aliases)
		c.text("short", t.Short)
		if len(t.Details) == 0 {
			c.add("details", "none")
		}
		for i, d := range t.Details {
			c.claim(fmt.Sprintf("details[%d].", i), d)
		}
		c.sources("sources", t.Sources, true)
	}
}

// checkIDs reports IDs used twice within one kind.
func (b *Base) checkIDs(problems *[]Problem) {
	dup := func(file, kind string, ids []string) {
		seen := make(map[string]bool, len(ids))
		for _, id := range ids {
			if id != "" && seen[id] {
				*problems = append(*problems, Problem{File: file, Entry: fmt.Sprintf("%s %q", kind, id), Field: "id", Msg: "duplicate id"})
			}
			seen[id] = true
		}
	}
	dup(SourcesFile, "source", ids(b.Sources, func(s Source) string { return s.ID }))
	dup(PlacesFile, "place", ids(b.Places, func(p Place) string { return p.ID }))
	dup(ForcesFile, "force", ids(b.Forces, func(f Force) string { return f.ID }))
	dup(OrgsFile, "org", ids(b.Orgs, func(o Org) string { return o.ID }))
	dup(TopicsFile, "topic", ids(b.Topics, func(t Topic) string { return t.ID }))
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// checkNames reports a name, alias or acronym that two entries of one kind
// share: a lookup by that name could not tell them apart.
func (b *Base) checkNames(problems *[]Problem) {
	clash := func(file, kind string, n int, id func(int) string, names func(int) []string) {
		owner := make(map[string]string)
		for i := range n {
			seen := make(map[string]bool)
			for _, name := range names(i) {
				k := nameKey(name)
				if k == "" || seen[k] {
					continue
				}
				seen[k] = true
				if prev, ok := owner[k]; ok && prev != id(i) {
					*problems = append(*problems, Problem{File: file, Entry: fmt.Sprintf("%s %q", kind, id(i)), Field: "name", Msg: fmt.Sprintf("%q also names %s %q", name, kind, prev)})
					continue
				}
				owner[k] = id(i)
			}
		}
	}
	clash(PlacesFile, "place", len(b.Places), func(i int) string { return b.Places[i].ID }, func(i int) []string { return b.Places[i].names() })
	clash(ForcesFile, "force", len(b.Forces), func(i int) string { return b.Forces[i].ID }, func(i int) []string { return b.Forces[i].names() })
	clash(OrgsFile, "org", len(b.Orgs), func(i int) string { return b.Orgs[i].ID }, func(i int) []string { return b.Orgs[i].names() })
	clash(TopicsFile, "topic", len(b.Topics), func(i int) string { return b.Topics[i].ID }, func(i int) []string { return b.Topics[i].names() })
}
