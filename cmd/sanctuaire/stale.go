package main

import (
	"io"
	"strconv"
	"strings"
	"time"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// staleError says that `check --stale` found entries to re-check: it exits
// 3, with nothing on stderr, as the list is on stdout.
type staleError struct{ n int }

func (e staleError) Error() string { return strconv.Itoa(e.n) + " stale entries" }

// Exit statuses of `check --stale`: 0 nothing to re-check, 3 some entries
// to re-check, 2 a value that is not a number of years (as every usage
// error), 1 an invalid base.
const exitStale = 3

// parseYears reads the value of --stale: a whole number of years, 1 to 100.
func parseYears(v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil && n >= 1 && n <= 100
}

// staleReport writes the entries of kb that no source of the years before
// its last review backs, and returns how many there are. Without a recorded
// review it counts from today.
func staleReport(w io.Writer, c console, kb *knowledge.Base, years int, today time.Time) int {
	head := "cli_stale_head"
	from := knowledge.Date{Year: today.Year(), Month: int(today.Month()), Day: today.Day()}
	if r, ok := kb.LastReview(); ok {
		from = r.Date
	} else {
		head = "cli_stale_head_today"
	}
	cutoff := from.YearsBefore(years)
	stale := kb.Stale(cutoff)
	c.each(w, func(p *locales.Printer) string {
		date := func(d knowledge.Date) string { return p.Date(d.Year, d.Month, d.Day) }
		out := []string{p.T(head, "Review", date(from), "Cutoff", date(cutoff))}
		for _, d := range stale {
			newest := p.T("cli_stale_undated")
			if !d.Newest.IsZero() {
				newest = date(d.Newest)
			}
			out = append(out, p.T("cli_stale_line", "Kind", p.T("cli_stale_kind_"+d.Kind), "ID", d.ID,
				"Name", d.Name.In(string(p.Lang())), "Newest", newest))
		}
		if len(stale) == 0 {
			out = append(out, p.T("cli_stale_none", "Cutoff", date(cutoff)))
		} else {
			out = append(out, p.Plural("cli_stale_count", len(stale)))
		}
		return strings.Join(out, "\n")
	})
	return len(stale)
}
