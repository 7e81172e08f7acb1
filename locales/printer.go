package locales

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Printer writes messages, numbers and dates in one language.
// It is safe for concurrent use.
type Printer struct {
	lang   Lang
	loc    *i18n.Localizer
	num    *message.Printer
	months [12]string
	and    string
}

func newPrinter(l Lang, loc *i18n.Localizer) *Printer {
	p := &Printer{lang: l, loc: loc, num: message.NewPrinter(language.Make(string(l)))}
	for i := range p.months {
		p.months[i] = p.T("common_month_" + strconv.Itoa(i+1))
	}
	p.and = p.T("common_and")
	return p
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// T returns message id filled with kv, given as name, value pairs.
// Numbers and dates go in already formatted (Int, Date, ...).
// A missing message is a bug the catalog tests catch; it shows as [id].
func (p *Printer) T(id string, kv ...any) string {
	s, _ := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: pairs(kv)})
	if s == "" {
		return "[" + id + "]"
	}
	return s
}

// Plural returns message id in the plural form for n; the template sees
// {{.Count}} already formatted as a number of the language.
// French uses "one" for 0 and 1.
func (p *Printer) Plural(id string, n int, kv ...any) string {
	data := pairs(kv)
	data["Count"] = p.Int(n)
	// For a form the file lacks (French "many", for a million), go-i18n
	// reports an error but still returns the "other" form, which is right.
	s, _ := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n})
	if s == "" {
		return "[" + id + "]"
	}
	return s
}

// minus is the typographic minus sign, in both languages.
const minus = "\u2212"

// Int formats a count: "3,608" in English, "3 608" in French (no-break
// space); negative numbers take a minus sign "−".
func (p *Printer) Int(n int) string {
	if n < 0 {
		return minus + p.Int(-n)
	}
	return nbsp(p.num.Sprint(number.Decimal(n)))
}

// Delta formats a signed difference of counts: "+1,234", "−56", "0".
func (p *Printer) Delta(n int) string {
	if n > 0 {
		return "+" + p.Int(n)
	}
	return p.Int(n)
}

// Year formats a year, never with a thousands separator.
func (p *Printer) Year(y int) string { return strconv.Itoa(y) }

// Percent formats a change given in percentage points (25.6 for +25.6 %),
// signed, with one decimal: "+25.6%", "−31.2%" in English, "+25,6 %",
// "−31,2 %" in French. A change that rounds to zero has no sign; NaN and
// infinities (a change from zero) give an em dash "—".
func (p *Printer) Percent(f float64) string {
	s, r := p.percent(f)
	if f > 0 && r != 0 {
		return "+" + s
	}
	return s
}

// Share formats a proportion given in percent (83.4 for 83.4 %), with one
// decimal and no sign: "83.4%" in English, "83,4 %" in French.
func (p *Printer) Share(f float64) string {
	s, _ := p.percent(f)
	return s
}

// percent formats f rounded to one decimal, with a minus sign if it is
// negative; r is the rounded magnitude.
func (p *Printer) percent(f float64) (s string, r float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "—", 0
	}
	r = math.Round(math.Abs(f)*10) / 10
	s = nbsp(p.num.Sprint(number.Percent(r/100, number.Scale(1))))
	if f < 0 && r != 0 {
		return minus + s, r
	}
	return s, r
}

// Date formats a date as precisely as it is known: y alone ("2017"), y and
// m ("February 2017", "février 2017") or the full date ("5 June 2019",
// "5 juin 2019", "1er juillet 2018"). A month outside 1–12 or a day the
// month does not have counts as unknown; a year of 0 gives "".
func (p *Printer) Date(y, m, d int) string {
	switch {
	case y == 0:
		return ""
	case m < 1 || m > 12:
		return p.Year(y)
	case d < 1 || d > daysIn(y, m):
		return p.T("common_date_month", "Month", p.months[m-1], "Year", p.Year(y))
	case d == 1:
		return p.T("common_date_first", "Month", p.months[m-1], "Year", p.Year(y))
	}
	return p.T("common_date_day", "Day", strconv.Itoa(d), "Month", p.months[m-1], "Year", p.Year(y))
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// Month is the name of month m (1–12) as written inside a date: "June", "juin".
func (p *Printer) Month(m int) string {
	if m < 1 || m > 12 {
		return ""
	}
	return p.months[m-1]
}

// Quote puts s in quotation marks: “s” in English, « s » in French.
func (p *Printer) Quote(s string) string { return p.T("common_quote", "Text", s) }

// List joins items as a sentence does: "a, b and c", « a, b et c ».
func (p *Printer) List(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	last := len(items) - 1
	return strings.Join(items[:last], ", ") + " " + p.and + " " + items[last]
}

// nbsp makes every space x/text puts in a number a no-break space (U+00A0),
// the one the project uses in French, whichever CLDR version x/text follows.
func nbsp(s string) string {
	if !strings.ContainsAny(s, "\u202f ") {
		return s
	}
	return strings.NewReplacer("\u202f", "\u00a0", " ", "\u00a0").Replace(s)
}

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			m[k] = kv[i+1]
		}
	}
	return m
}
