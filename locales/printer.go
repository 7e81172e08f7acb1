package locales

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	i18ntemplate "github.com/nicksnyder/go-i18n/v2/i18n/template"
	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Printer writes messages, numbers and dates in one language.
// It is safe for concurrent use.
type Printer struct {
	lang Lang
	// loc picks the plural form of a message; msgs writes the messages.
	loc    *i18n.Localizer
	msgs   map[string]*compiled
	num    *message.Printer
	group  string // thousands separator of Int, "" when x/text must do it
	months [12]string
	and    string
}

// newPrinter compiles msgs, the messages of l; files names the file of each.
func newPrinter(l Lang, loc *i18n.Localizer, msgs map[string]*i18n.Message, files map[string]string) (*Printer, error) {
	p := &Printer{lang: l, loc: loc, msgs: make(map[string]*compiled, len(msgs)), num: message.NewPrinter(language.Make(string(l)))}
	for id, m := range msgs {
		c, err := compile(m)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: %w", files[id], id, err)
		}
		p.msgs[id] = c
	}
	p.group = p.findGroup()
	for i := range p.months {
		p.months[i] = p.T("common_month_" + strconv.Itoa(i+1))
	}
	p.and = p.T("common_and")
	return p, nil
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// T returns message id filled with kv, given as name, value pairs.
// Numbers and dates go in already formatted (Int, Date, ...).
// A missing message is a bug the catalog tests catch; it shows as [id].
func (p *Printer) T(id string, kv ...any) string {
	m, ok := p.msgs[id]
	if !ok {
		return "[" + id + "]"
	}
	return m.other.fill(id, kv, "")
}

// Plural returns message id in the plural form for n; the template sees
// {{.Count}} already formatted as a number of the language.
// French uses "one" for 0 and 1.
func (p *Printer) Plural(id string, n int, kv ...any) string {
	m, ok := p.msgs[id]
	if !ok {
		return "[" + id + "]"
	}
	t := m.other
	if m.one != nil {
		// go-i18n applies the language's CLDR rule. Asked for the raw
		// text, it answers with the form the rule picks; for a form the
		// file lacks (French "many", for a million) it answers with
		// "other", which is right.
		src, _ := p.loc.Localize(&i18n.LocalizeConfig{MessageID: id, PluralCount: n, TemplateParser: i18ntemplate.IdentityParser{}})
		if src == m.one.src && src != m.other.src {
			t = m.one
		}
	}
	return t.fill(id, kv, p.Int(n))
}

// minus is the typographic minus sign, in both languages.
const minus = "\u2212"

// Int formats a count: "3,608" in English, "3 608" in French (no-break
// space); negative numbers take a minus sign "−".
func (p *Printer) Int(n int) string {
	if n < 0 {
		// -n overflows for the smallest int; its magnitude fits a uint64.
		return minus + p.count(uint64(-(n+1))+1)
	}
	return p.count(uint64(n))
}

func (p *Printer) count(u uint64) string {
	if p.group != "" {
		return group(strconv.FormatUint(u, 10), p.group)
	}
	return nbsp(p.num.Sprint(number.Decimal(u)))
}

// findGroup returns the thousands separator x/text puts in the language's
// counts, if grouping digits by three with it writes every probe exactly as
// x/text does; "" otherwise, and Int leaves the work to x/text.
func (p *Printer) findGroup() string {
	rest, ok := strings.CutPrefix(nbsp(p.num.Sprint(number.Decimal(1000000))), "1")
	k := (len(rest) - 6) / 2
	if !ok || k <= 0 {
		return ""
	}
	sep := rest[:k]
	if rest != sep+"000"+sep+"000" {
		return ""
	}
	for _, n := range intProbes {
		if group(strconv.FormatUint(n, 10), sep) != nbsp(p.num.Sprint(number.Decimal(n))) {
			return ""
		}
	}
	return sep
}

// intProbes are the counts findGroup checks, of every length up to the
// largest int a count can be.
var intProbes = []uint64{0, 1, 7, 10, 42, 100, 999, 1000, 1001, 3608, 9999, 10000, 12345, 99999,
	100000, 123456, 999999, 1000000, 1234567, 12345678, 123456789, 1000000000, 9876543210,
	12345678901, 123456789012, 1234567890123, 12345678901234, 123456789012345,
	1234567890123456, math.MaxInt64, 1 << 63}

// group writes the digits s with sep between groups of three.
func group(s, sep string) string {
	if len(s) <= 3 {
		return s
	}
	head := len(s) % 3
	if head == 0 {
		head = 3
	}
	var b strings.Builder
	b.Grow(len(s) + (len(s)-1)/3*len(sep))
	b.WriteString(s[:head])
	for i := head; i < len(s); i += 3 {
		b.WriteString(sep)
		b.WriteString(s[i : i+3])
	}
	return b.String()
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

// compiled is a message ready to fill: its "other" text, and its "one"
// text when it is a plural message.
type compiled struct {
	one, other *text
}

func compile(m *i18n.Message) (*compiled, error) {
	other, err := compileText(m.Other, m.LeftDelim, m.RightDelim)
	if err != nil {
		return nil, err
	}
	c := &compiled{other: other}
	if m.One != "" {
		if c.one, err = compileText(m.One, m.LeftDelim, m.RightDelim); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// text is one text of a message, parsed once. Most texts are plain words
// and {{.Field}} actions: those are written out without text/template,
// which takes its time finding fields by reflection.
type text struct {
	src   string
	tmpl  *template.Template // nil when src has no action
	parts []part             // src cut at its actions; nil when tmpl must run
}

// part is a literal piece of a text, or the field an action prints.
type part struct {
	lit, field string
}

// compileText parses src as go-i18n does: a text without the left delimiter
// is no template, and a field missing from the data prints "<no value>".
func compileText(src, left, right string) (*text, error) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	t := &text{src: src}
	if !strings.Contains(src, left) {
		return t, nil
	}
	tmpl, err := template.New("").Delims(left, right).Option("missingkey=default").Parse(src)
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	t.tmpl = tmpl
	for _, n := range tmpl.Tree.Root.Nodes {
		switch n := n.(type) {
		case *parse.TextNode:
			t.parts = append(t.parts, part{lit: string(n.Text)})
			continue
		case *parse.ActionNode:
			if f := field(n.Pipe); f != "" {
				t.parts = append(t.parts, part{field: f})
				continue
			}
		}
		t.parts = nil
		break
	}
	return t, nil
}

// field is the name of the field a pipeline prints when it is just {{.Name}}.
func field(pipe *parse.PipeNode) string {
	if pipe == nil || len(pipe.Decl) > 0 || len(pipe.Cmds) != 1 || len(pipe.Cmds[0].Args) != 1 {
		return ""
	}
	f, ok := pipe.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(f.Ident) != 1 {
		return ""
	}
	return f.Ident[0]
}

// fill writes the text with kv, as name, value pairs; a count that is not
// "" is the value of Count. What text/template would print differently
// from the value itself (a missing field, a value neither a string nor an
// int) goes through text/template.
func (t *text) fill(id string, kv []any, count string) string {
	if t.tmpl == nil {
		return t.src
	}
	if t.parts == nil {
		return t.exec(id, kv, count)
	}
	var b strings.Builder
	b.Grow(len(t.src) + 16*len(t.parts))
	for _, pt := range t.parts {
		if pt.field == "" {
			b.WriteString(pt.lit)
			continue
		}
		switch v := value(kv, pt.field, count).(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		default:
			return t.exec(id, kv, count)
		}
	}
	if b.Len() == 0 {
		return "[" + id + "]"
	}
	return b.String()
}

func (t *text) exec(id string, kv []any, count string) string {
	data := pairs(kv)
	if count != "" {
		data["Count"] = count
	}
	var b bytes.Buffer
	if err := t.tmpl.Execute(&b, data); err != nil || b.Len() == 0 {
		return "[" + id + "]"
	}
	return b.String()
}

// value is the last value kv gives name, as pairs would keep it; nil if none.
func value(kv []any, name, count string) any {
	if name == "Count" && count != "" {
		return count
	}
	var v any
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok && k == name {
			v = kv[i+1]
		}
	}
	return v
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
