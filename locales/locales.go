// Package locales holds every string a person reads, in English and French,
// and formats numbers, percentages and dates the way each language writes them.
package locales

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
	"sync"

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

// discordLocales are the locales Discord's clients send. Parsing and matching
// a locale costs about as much as the rest of routing an interaction, so
// theirs are matched once, on first use.
var discordLocales = []string{"id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt",
	"hu", "nl", "no", "pl", "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th",
	"zh-CN", "ja", "zh-TW", "ko"}

var discordMatched = sync.OnceValue(func() map[string]Lang {
	m := make(map[string]Lang, len(discordLocales))
	for _, l := range discordLocales {
		m[l] = match(l, "")
	}
	return m
})

// Match turns a Discord locale ("fr", "en-US", "en-GB", ...) into a language;
// any locale that is neither French nor English gives fallback.
func Match(locale string, fallback Lang) Lang {
	l, ok := discordMatched()[locale]
	if !ok {
		l = match(locale, "")
	}
	if l == "" {
		return fallback
	}
	return l
}

func match(locale string, fallback Lang) Lang {
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
