package locales

import (
	"fmt"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
)

// Printer writes messages, numbers and dates in one language.
type Printer struct {
	lang Lang
	loc  *i18n.Localizer
	num  *message.Printer
}

func newPrinter(l Lang, loc *i18n.Localizer) *Printer {
	return &Printer{lang: l, loc: loc, num: message.NewPrinter(language.Make(string(l)))}
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// T returns message id filled with kv, given as name, value pairs.
// A missing message is a bug the catalog tests catch; it shows as [id].
func (p *Printer) T(id string, kv ...any) string {
	s, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: pairs(kv)})
	if err != nil {
		return "[" + id + "]"
	}
	return s
}

// Plural returns message id in the plural form for n; the template sees
// {{.Count}} already formatted as a number of the language.
func (p *Printer) Plural(id string, n int, kv ...any) string {
	data := pairs(kv)
	data["Count"] = p.Int(n)
	s, err := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: data, PluralCount: n})
	if err != nil {
		return "[" + id + "]"
	}
	return s
}

// Int formats a count: "3,608" in English, "3 608" in French.
func (p *Printer) Int(n int) string { return p.num.Sprintf("%d", n) }

// Year formats a year, never with a thousands separator.
func (p *Printer) Year(y int) string { return fmt.Sprint(y) }

func pairs(kv []any) map[string]any {
	m := make(map[string]any, len(kv)/2+1)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = kv[i+1]
	}
	return m
}
