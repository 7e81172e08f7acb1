// Package locales holds every string a person reads, in English and French,
// and formats numbers, percentages and dates the way each language writes them.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

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

var (
	supported = []language.Tag{language.English, language.French}
	matcher   = language.NewMatcher(supported)
)

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
	// The matcher also serves closely related languages (Breton, Occitan)
	// with French; only French and English speakers get an answer in them.
	base, _ := tag.Base()
	want, _ := supported[idx].Base()
	if base != want {
		return fallback
	}
	if supported[idx] == language.French {
		return FR
	}
	return EN
}

//go:embed messages/*.toml
var bundled embed.FS

// Bundled loads the messages embedded in the binary.
func Bundled() (*Catalog, error) {
	sub, err := fs.Sub(bundled, "messages")
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	return Load(sub)
}
