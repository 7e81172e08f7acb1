package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
)

// TestKeptReplies: an answer about one entry is laid out and encoded once,
// whatever name was typed for the entry; what was typed never reaches the
// reply or the key; other languages, pages or ways of showing it are other
// replies; an answer about nothing in particular is never kept.
func TestKeptReplies(t *testing.T) {
	kb, cat := content(t)
	r := NewRouter(Commands(handlers.New(kb, cat, nil), nil), cat, nil, slog.New(slog.DiscardHandler), RouterOptions{Budget: time.Minute})
	city := func(name, locale string) *discordgo.Interaction {
		return commandInteraction("city", locale, &discordgo.ApplicationCommandInteractionDataOption{
			Name: "name", Type: discordgo.ApplicationCommandOptionString, Value: name})
	}
	route := func(i *discordgo.Interaction) Reply {
		t.Helper()
		rep := r.Route(context.Background(), i)
		rep.Complete(context.Background(), nil)
		if rep.encoded == nil {
			t.Fatalf("%s: no encoded reply kept", i.ApplicationCommandData().Options[0].Value)
		}
		return rep
	}
	first := route(city("Montréal", "fr"))
	again := route(city("  montreal ", "fr"))
	if again.Initial != first.Initial || !bytes.Equal(again.encoded, first.encoded) {
		t.Errorf("the same entry typed two ways gave two replies")
	}
	var fresh bytes.Buffer
	if err := encodeResponse(&fresh, first.Initial); err != nil || !bytes.Equal(fresh.Bytes(), first.encoded) {
		t.Errorf("kept encoding differs from a fresh one: %v", err)
	}
	if strings.Contains(string(again.encoded), "montreal ") || strings.Contains(string(first.encoded), "name=Montréal") {
		t.Errorf("what was typed reached the reply:\n%s", again.encoded)
	}
	if !strings.Contains(string(first.encoded), "name=montreal") {
		t.Errorf("the buttons do not carry the entry's ID:\n%s", first.encoded)
	}
	if en := route(city("montreal", "en-US")); bytes.Equal(en.encoded, first.encoded) {
		t.Errorf("English and French share a reply")
	}
	for key := range r.kept.m {
		if strings.Contains(key, "Montréal") || strings.Contains(key, "montreal ") {
			t.Errorf("key %q holds what was typed", key)
		}
	}
	n := len(r.kept.m)
	unknown := r.Route(context.Background(), city("Atlantis", "fr"))
	if unknown.encoded != nil || len(r.kept.m) != n {
		t.Errorf("an unknown place's answer, which repeats what was typed, was kept")
	}
}
