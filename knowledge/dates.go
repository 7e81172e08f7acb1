package knowledge

import (
	"fmt"
	"slices"
)

// ReviewFile records when the whole base was checked against new sources:
// optional, as a base that was never reviewed has no such date.
const ReviewFile = "review.toml"

// Review is one review of the whole base: when, and what was checked.
type Review struct {
	Date Date `toml:"date"`
	Text Text `toml:"text"`
}

// LastReview is the most recent review, and false when none is recorded.
func (b *Base) LastReview() (Review, bool) {
	if len(b.Reviews) == 0 {
		return Review{}, false
	}
	return slices.MaxFunc(b.Reviews, func(x, y Review) int { return cmpDates(x.Date, y.Date) }), true
}

// Dated is the date a source is known by: the one it shows, its update, or
// the date its content places it at, whichever is latest; zero when it has
// none of them.
func (s Source) Dated() Date {
	return slices.MaxFunc([]Date{s.Published, s.Updated, s.Circa}, cmpDates)
}

// Newest is the latest date of the sources ids, zero when none is dated.
func (b *Base) Newest(ids ...string) Date {
	var newest Date
	for _, id := range ids {
		if s, ok := b.Source(id); ok && cmpDates(s.Dated(), newest) > 0 {
			newest = s.Dated()
		}
	}
	return newest
}

// Later reports whether a may stand for a later day than b.
func Later(a, b Date) bool { return cmpDates(a, b) > 0 }

// cmpDates orders dates by the last day they may stand for: "2023" is as
// late as "2023-12-31", and an unknown date comes first.
func cmpDates(a, b Date) int {
	x, y := a.last(), b.last()
	switch {
	case x.Before(y):
		return -1
	case y.Before(x):
		return 1
	}
	return 0
}

// last is the last day d may stand for.
func (d Date) last() Date {
	switch {
	case d.Year == 0:
		return d
	case d.Month == 0:
		return Date{d.Year, 12, 31}
	case d.Day == 0:
		return Date{d.Year, d.Month, 31}
	}
	return d
}

// YearsBefore is the day years before d (the 29th of February gives the
// 28th when the year is not a leap year).
func (d Date) YearsBefore(years int) Date {
	out := Date{d.Year - years, d.Month, d.Day}
	if out.Month == 2 && out.Day == 29 && !(out.Year%4 == 0 && (out.Year%100 != 0 || out.Year%400 == 0)) {
		out.Day = 28
	}
	return out
}

// Dated is an entry of the base with the date of its newest source: what a
// maintainer re-checks first when that date is old.
type Dated struct {
	Kind   string // "place", "force", "figures", "org", "contact", "topic"
	ID     string
	Name   Text
	Newest Date // zero: no source of the entry shows a date
}

// Stale lists the entries whose newest source is older than cutoff, or
// shows no date at all: places, forces (their notes), the figures of each
// force, organisations, their contacts (by the date they were seen) and
// topics, in that order.
func (b *Base) Stale(cutoff Date) []Dated {
	var out []Dated
	keep := func(kind, id string, name Text, newest Date) {
		if newest.IsZero() || newest.last().Before(cutoff) {
			out = append(out, Dated{kind, id, name, newest})
		}
	}
	for _, p := range b.Places {
		ids := slices.Clone(p.Sources)
		for _, e := range p.Events {
			ids = append(ids, e.Sources...)
		}
		for _, n := range p.Notes {
			ids = append(ids, n.Sources...)
		}
		keep("place", p.ID, p.Name, b.Newest(ids...))
	}
	for _, f := range b.Forces {
		var notes, figures []string
		for _, n := range f.Notes {
			notes = append(notes, n.Sources...)
		}
		if len(notes) > 0 {
			keep("force", f.ID, f.Name, b.Newest(notes...))
		}
		for _, s := range b.Stats {
			if s.Force == f.ID {
				figures = append(figures, s.Source)
			}
		}
		if len(figures) > 0 {
			keep("figures", f.ID, f.Name, b.Newest(figures...))
		}
	}
	for _, o := range b.Orgs {
		keep("org", o.ID, o.Name, b.Newest(o.Sources...))
		if ct := o.Contact; ct != nil {
			seen := ct.AsOf
			if seen.IsZero() {
				seen = b.Newest(ct.Sources...)
			}
			keep("contact", o.ID, o.Name, seen)
		}
	}
	for _, t := range b.Topics {
		ids := slices.Clone(t.Sources)
		for _, d := range t.Details {
			ids = append(ids, d.Sources...)
		}
		keep("topic", t.ID, t.Title, b.Newest(ids...))
	}
	return out
}

func (b *Base) validateReviews(problems *[]Problem) {
	for i, r := range b.Reviews {
		c := checker{b, ReviewFile, fmt.Sprintf("review %d", i+1), problems}
		if r.Date.IsZero() {
			c.add("date", "empty")
		}
		c.text("text", r.Text)
	}
}
