// Package locales holds every string a person reads, in English and French,
// and formats numbers, percentages and dates the way each language writes them.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Lang is a language the bot answers in.
type Lang string

// The two languages of the bot.
const (
	EN Lang = "en"
	FR Lang = "fr"
)

// All lists the languages in the order "both" shows them.
var All = []Lang{FR, EN}

// ParseChoice reads the language option: "en", "fr" or "both" (French first).
func ParseChoice(s string) ([]Lang, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "en", "english", "anglais":
		return []Lang{EN}, true
	case "fr", "french", "français", "francais":
		return []Lang{FR}, true
	case "both", "les-deux", "bilingue", "bilingual":
		return []Lang{FR, EN}, true
	}
	return nil, false
}

var matcher = language.NewMatcher([]language.Tag{language.English, language.French})

// Match turns a Discord locale ("fr", "en-US", "en-GB", ...) into a language;
// any locale that is neither French nor English gives fallback.
func Match(locale string, fallback Lang) Lang {
	tag, err := language.Parse(locale)
	if err != nil {
		return fallback
	}
	_, idx, conf := matcher.Match(tag)
	if conf < language.High {
		return fallback
	}
	if idx == 1 {
		return FR
	}
	return EN
}

//go:embed messages/*.toml
var bundled embed.FS

// Catalog holds the messages of both languages.
type Catalog struct {
	bundle   *i18n.Bundle
	printers map[Lang]*Printer
}

// Bundled loads the messages embedded in the binary.
func Bundled() (*Catalog, error) {
	sub, err := fs.Sub(bundled, "messages")
	if err != nil {
		return nil, err
	}
	return Load(sub)
}

// Load reads every NAME.en.toml and NAME.fr.toml file at the root of fsys.
func Load(fsys fs.FS) (*Catalog, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load messages: no message files")
	}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load messages: %w", err)
		}
		if _, err := b.ParseMessageFileBytes(data, path.Base(name)); err != nil {
			return nil, fmt.Errorf("load messages: %s: %w", name, err)
		}
	}
	c := &Catalog{bundle: b, printers: map[Lang]*Printer{}}
	for _, l := range All {
		c.printers[l] = newPrinter(l, i18n.NewLocalizer(b, string(l)))
	}
	return c, nil
}

// Printer returns the printer of lang (English for anything unknown).
func (c *Catalog) Printer(l Lang) *Printer {
	if p, ok := c.printers[l]; ok {
		return p
	}
	return c.printers[EN]
}
