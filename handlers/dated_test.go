package handlers_test

import (
	"context"
	"strings"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// TestDatedAnswers: an answer ends with the month of its newest source, and
// a source that shows only an update or a date from its content is credited
// with that date, never with an empty one.
func TestDatedAnswers(t *testing.T) {
	h := bundled(t)
	tests := []struct {
		command, option, value string
		lang                   locales.Lang
		want                   []string
	}{
		{"question", "text", "is london ontario a sanctuary city", locales.EN,
			[]string{"25 June 2018 (City of London, 25 July 2023)", "Sources up to July 2023"}},
		{"question", "text", "London est-elle une ville sanctuaire", locales.FR,
			[]string{"25 juin 2018 (City of London, 25 juillet 2023)", "Sources jusqu’en juillet 2023"}},
		{"rights", "topic", "detention-provinces", locales.EN,
			[]string{"no date shown, about March 2024", "Sources up to 2024"}},
		{"rights", "topic", "remain-silent", locales.FR, []string{"Sources sans date"}},
	}
	for _, tt := range tests {
		resp, err := handler(h, tt.command)(context.Background(), handlers.Request{
			Command: tt.command, Options: map[string]string{tt.option: tt.value}, Langs: []locales.Lang{tt.lang}, LangChosen: true,
		})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		handlers.Plain(&b, resp)
		got := b.String()
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %s (%s): answer lacks %q", tt.command, tt.value, tt.lang, w)
			}
		}
		if strings.Contains(got, ", )") {
			t.Errorf("%s %s (%s): a source is credited with no date: %q", tt.command, tt.value, tt.lang, got)
		}
	}
}
