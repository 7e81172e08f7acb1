package knowledge

import (
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// checker gathers the problems of one entry.
type checker struct {
	b        *Base
	file     string
	entry    string
	problems *[]Problem
}

func (c checker) add(field, format string, args ...any) {
	*c.problems = append(*c.problems, Problem{File: c.file, Entry: c.entry, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// text requires both languages.
func (c checker) text(field string, t Text) {
	if strings.TrimSpace(t.EN) == "" {
		c.add(field+".en", "empty")
	}
	if strings.TrimSpace(t.FR) == "" {
		c.add(field+".fr", "empty")
	}
	c.typography(field, t)
}

// optText allows an empty text, but not one language without the other.
func (c checker) optText(field string, t Text) {
	en, fr := strings.TrimSpace(t.EN) != "", strings.TrimSpace(t.FR) != ""
	switch {
	case en && !fr:
		c.add(field+".fr", "missing translation")
	case fr && !en:
		c.add(field+".en", "missing translation")
	}
	c.typography(field, t)
}

// typography checks French spacing: a no-break space, never an ordinary
// one, before « : ; ? ! % » and inside guillemets.
func (c checker) typography(field string, t Text) {
	s := t.FR
	for i, r := range s {
		switch r {
		case ':', ';', '?', '!', '%', '»':
			if before, _ := utf8.DecodeLastRuneInString(s[:i]); before == ' ' {
				c.add(field+".fr", "ordinary space before %q: use a no-break space", r)
				return
			}
		case '«':
			if after, _ := utf8.DecodeRuneInString(s[i+len("«"):]); after == ' ' {
				c.add(field+".fr", "ordinary space after %q: use a no-break space", r)
				return
			}
		}
	}
	if m := plainThousands.FindString(s); m != "" {
		c.add(field+".fr", "ordinary space in the number %q: use a no-break space", strings.TrimSpace(m))
	}
}

func (c checker) id(id string) {
	switch {
	case id == "":
		c.add("id", "empty")
	case !idPattern.MatchString(id):
		c.add("id", "%q: want lower-case letters, digits and single hyphens", id)
	}
}

// sources requires at least one source when required, and that each resolves.
func (c checker) sources(field string, ids []string, required bool) {
	if required && len(ids) == 0 {
		c.add(field, "no source")
	}
	for _, id := range ids {
		c.ref(field, "source", id, c.b.sourceByID)
	}
}

// ref reports an ID that names no entry of its kind.
func (c checker) ref(field, kind, id string, index map[string]int) {
	if _, ok := index[id]; !ok {
		c.add(field, "unknown %s %q", kind, id)
	}
}

func (c checker) url(field, raw string) {
	if raw == "" {
		return
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		c.add(field, "malformed URL %q", raw)
	case u.Scheme != "http" && u.Scheme != "https":
		c.add(field, "URL %q: want http or https", raw)
	case u.Host == "":
		c.add(field, "URL %q: no host", raw)
	case strings.ContainsAny(raw, " \t\n"):
		c.add(field, "URL %q: contains spaces", raw)
	}
}

func (c checker) uncertain(field string, uncertain bool, caveat Text) {
	if uncertain {
		c.text(field+"caveat", caveat)
	} else {
		c.optText(field+"caveat", caveat)
	}
}

func (c checker) claim(field string, cl Claim) {
	c.text(field+"text", cl.Text)
	c.sources(field+"sources", cl.Sources, true)
	c.uncertain(field, cl.Uncertain, cl.Caveat)
}

// head checks what every named entry has: an ID, a name in both
// languages and usable aliases.
func (c checker) head(id, nameField string, name Text, aliases []string) {
	c.id(id)
	c.text(nameField, name)
	c.names("aliases", aliases)
}

func (c checker) names(field string, names []string) {
	for i, n := range names {
		if nameKey(n) == "" {
			c.add(fmt.Sprintf("%s[%d]", field, i), "empty")
		}
	}
}
