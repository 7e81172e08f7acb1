// Package knowledge holds the bundled knowledge base: sources, places and their
// policies, police forces, statistics, support organisations and rights topics.
// Every fact names the sources it comes from; a source carries its date.
package knowledge

import (
	"fmt"
	"strconv"
	"strings"
)

// Text is a piece of text written in both languages.
type Text struct {
	EN string `toml:"en"`
	FR string `toml:"fr"`
}

// In returns the text in lang ("fr" or "en"); any other value gives English.
func (t Text) In(lang string) string {
	if lang == "fr" {
		return t.FR
	}
	return t.EN
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.EN == "" && t.FR == "" }

// Date is a calendar date that may be known only to the year or the month.
// Month and Day are 0 when unknown.
type Date struct {
	Year, Month, Day int
}

// UnmarshalText parses "2018", "2018-03" or "2018-03-29".
func (d *Date) UnmarshalText(b []byte) error {
	s := strings.TrimSpace(string(b))
	parts := strings.Split(s, "-")
	if len(parts) > 3 || s == "" {
		return fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
	}
	var nums [3]int
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return fmt.Errorf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
		}
		nums[i] = n
	}
	out := Date{Year: nums[0], Month: nums[1], Day: nums[2]}
	if err := out.check(); err != nil {
		return fmt.Errorf("date %q: %w", s, err)
	}
	*d = out
	return nil
}

func (d Date) check() error {
	switch {
	case d.Year < 1900 || d.Year > 2100:
		return fmt.Errorf("year %d out of range", d.Year)
	case d.Month < 0 || d.Month > 12:
		return fmt.Errorf("month %d out of range", d.Month)
	case d.Day < 0 || d.Day > 31 || (d.Day > 0 && d.Month == 0):
		return fmt.Errorf("day %d out of range", d.Day)
	}
	return nil
}

// MarshalText writes the date back in the form it was read.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Year == 0 }

// String gives the ISO form, as precise as the date is known.
func (d Date) String() string {
	switch {
	case d.Year == 0:
		return ""
	case d.Month == 0:
		return fmt.Sprintf("%04d", d.Year)
	case d.Day == 0:
		return fmt.Sprintf("%04d-%02d", d.Year, d.Month)
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d comes before e, comparing only what both know.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// Source is a publication a fact comes from.
type Source struct {
	ID        string `toml:"id"`
	Title     string `toml:"title"`     // in the source's own language; empty when none is recorded
	Described Text   `toml:"described"` // instead of Title when none is recorded: what the document is
	Publisher string `toml:"publisher"` // a proper name: newspaper, city, organisation
	URL       string `toml:"url"`       // empty when the dossier shows none
	Published Date   `toml:"published"`
	Updated   Date   `toml:"updated"` // optional
	// Circa dates a source that shows no date by what its content shows
	// (its note says how); never given with Published.
	Circa    Date   `toml:"circa"`
	Language string `toml:"language"` // "en" or "fr"
	Note     Text   `toml:"note"`     // optional: e.g. "secondary copy", where a copy was read
}

// Label is what a list of sources names the source by in lang: its title,
// or the project's description of it when no title is recorded.
func (s Source) Label(lang string) string {
	if s.Title != "" {
		return s.Title
	}
	return s.Described.In(lang)
}

// Status is where a place stands on a sanctuary or access-without-fear policy.
type Status string

const (
	Adopted      Status = "adopted"       // council adopted a policy or declaration
	Studied      Status = "studied"       // studied or debated, not adopted as far as the sources show
	NotAdopted   Status = "not-adopted"   // proposed and turned down, or never put to a vote
	NotConfirmed Status = "not-confirmed" // no source confirms a policy either way
)

// Claim is a statement with its sources. Uncertain claims carry a caveat
// and are never shown as settled.
type Claim struct {
	Text      Text     `toml:"text"`
	Sources   []string `toml:"sources"`
	Uncertain bool     `toml:"uncertain"`
	Caveat    Text     `toml:"caveat"` // required when Uncertain
}

// Event is a dated claim: a declaration, a vote, a new policy.
type Event struct {
	Date Date `toml:"date"`
	Claim
}

// Place is a city and its policy.
type Place struct {
	ID         string   `toml:"id"`
	Name       Text     `toml:"name"`
	Aliases    []string `toml:"aliases"`
	Province   Text     `toml:"province"`
	Status     Status   `toml:"status"`
	Adopted    Date     `toml:"adopted"`     // when Status is Adopted
	PolicyName Text     `toml:"policy_name"` // official name(s); empty when none exists
	Summary    Text     `toml:"summary"`
	Covers     Text     `toml:"covers"`
	Excludes   Text     `toml:"excludes"`
	Police     Text     `toml:"police"` // what is known of police practice
	Forces     []string `toml:"forces"` // IDs of the forces whose figures belong here
	Events     []Event  `toml:"events"`
	Notes      []Claim  `toml:"notes"` // disagreements between sources, context
	Sources    []string `toml:"sources"`
}

// Force is a police force.
type Force struct {
	ID       string   `toml:"id"`
	Name     Text     `toml:"name"`
	Acronyms []string `toml:"acronyms"`
	Aliases  []string `toml:"aliases"`
	Place    string   `toml:"place"` // ID of its place, empty for provincial or grouped forces
	Notes    []Claim  `toml:"notes"`
}

// Measure says what a statistic counts. Different measures are never one series.
type Measure string

const (
	Calls        Measure = "calls"         // contacts of all kinds with the CBSA, as counted
	StatusChecks Measure = "status-checks" // requests to verify a person's immigration status
)

// Stat is one yearly figure for one force and one measure.
type Stat struct {
	Force     string  `toml:"force"`
	Year      int     `toml:"year"`
	Count     int     `toml:"count"`
	Measure   Measure `toml:"measure"`
	Source    string  `toml:"source"`
	Note      Text    `toml:"note"`
	Uncertain bool    `toml:"uncertain"`
	// NotComparable marks a figure a source gives beside others without
	// saying it counts the same thing: it is shown with its caveat, never
	// ranked, charted, compared or used in a change from year to year.
	NotComparable bool `toml:"not_comparable"`
	Caveat        Text `toml:"caveat"` // required when Uncertain or NotComparable
}

// Org is a support organisation.
type Org struct {
	ID        string   `toml:"id"`
	Name      Text     `toml:"name"`
	Aliases   []string `toml:"aliases"`
	What      Text     `toml:"what"`
	Place     string   `toml:"place"` // ID of its place; empty when national or elsewhere
	Area      Text     `toml:"area"`  // where it works, as shown to people
	Languages []string `toml:"languages"`
	URL       string   `toml:"url"` // only where a source shows one
	Contact   *Contact `toml:"contact"`
	Sources   []string `toml:"sources"`
	Uncertain bool     `toml:"uncertain"`
	Caveat    Text     `toml:"caveat"`
}

// Contact is an organisation's contact details as a source showed them on a date.
type Contact struct {
	Text      string   `toml:"text"` // e-mail, phone
	AsOf      Date     `toml:"as_of"`
	Sources   []string `toml:"sources"`
	Uncertain bool     `toml:"uncertain"`
	Caveat    Text     `toml:"caveat"`
}

// Topic is a know-your-rights topic.
type Topic struct {
	ID      string   `toml:"id"`
	Title   Text     `toml:"title"`
	Aliases []string `toml:"aliases"`
	Short   Text     `toml:"short"`
	Details []Claim  `toml:"details"`
	Sources []string `toml:"sources"`
}
