package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/handlers"
	"sanctuaire/locales"
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
	for _, key := range r.kept.cache().Keys() {
		if strings.Contains(key, "Montréal") || strings.Contains(key, "montreal ") {
			t.Errorf("key %q holds what was typed", key)
		}
	}
	n := r.kept.cache().Len()
	unknown := r.Route(context.Background(), city("Atlantis", "fr"))
	if unknown.encoded != nil || r.kept.cache().Len() != n {
		t.Errorf("an unknown place's answer, which repeats what was typed, was kept")
	}
}

// TestKeptQuestionReplies: a question's reply is kept under what was
// understood, so two wordings of one question share a reply, and that reply
// is byte for byte the one a fresh router writes for either wording; the
// words typed reach neither the keys nor the replies.
func TestKeptQuestionReplies(t *testing.T) {
	kb, cat := content(t)
	router := func() *Router {
		return NewRouter(Commands(handlers.New(kb, cat, nil), nil), cat, nil, slog.New(slog.DiscardHandler), RouterOptions{Budget: time.Minute})
	}
	ask := func(r *Router, text, locale string) Reply {
		t.Helper()
		i := commandInteraction("question", locale, &discordgo.ApplicationCommandInteractionDataOption{
			Name: "text", Type: discordgo.ApplicationCommandOptionString, Value: text})
		rep := r.Route(context.Background(), i)
		rep.Complete(context.Background(), nil)
		if rep.encoded == nil {
			t.Fatalf("%q: no encoded reply kept", text)
		}
		return rep
	}
	// Each pair is one question in two wordings.
	pairs := [][2]string{
		{"What is Montreal's sanctuary city policy?", "is montreal a sanctuary city"},
		{"How many times did the SPVM call the CBSA in 2017?", "how many times did the spvm call the cbsa in 2017?"},
		{"Combien de fois le SPVM a appelé l'ASFC en 2017 ?", "combien de fois le spvm a appele l asfc en 2017"},
		{"How can I reach Solidarity Across Borders?", "how do I contact solidarity across borders"},
		{"Is Los Angeles a sanctuary city?", "is Lyon a sanctuary city"},
		{"What's the weather in Paris tomorrow?", "what is the weather like tomorrow in Paris"},
	}
	warm := router()
	for _, locale := range []string{"fr", "en-US"} {
		for _, p := range pairs {
			first, again := ask(warm, p[0], locale), ask(warm, p[1], locale)
			if again.Initial != first.Initial {
				t.Errorf("%q and %q (%s) gave two replies", p[0], p[1], locale)
			}
			for _, text := range p {
				fresh := ask(router(), text, locale)
				if kept := ask(warm, text, locale); !bytes.Equal(kept.encoded, fresh.encoded) {
					t.Errorf("%q (%s): kept reply differs from a fresh one:\nkept  %s\nfresh %s", text, locale, kept.encoded, fresh.encoded)
				}
			}
		}
	}
	for _, key := range warm.kept.cache().Keys() {
		kr, _ := warm.kept.cache().Peek(key)
		for _, p := range pairs {
			for _, text := range p {
				if strings.Contains(key, text) || bytes.Contains(kr.body, []byte(text)) {
					t.Errorf("%q reached the kept reply %q", text, key)
				}
			}
		}
	}
}

// TestRouterLeavesKeptAnswers: the router reads the answers the handlers
// keep and hand it without a copy (Request.ReadOnly). After it has laid them
// out in every way (both languages, shared, every page and button), they are
// still as fresh handlers build them.
func TestRouterLeavesKeptAnswers(t *testing.T) {
	kb, cat := content(t)
	h := handlers.New(kb, cat, nil)
	r := NewRouter(Commands(h, nil), cat, nil, slog.New(slog.DiscardHandler), RouterOptions{Budget: time.Minute})
	str := func(name, value string) *discordgo.ApplicationCommandInteractionDataOption {
		return &discordgo.ApplicationCommandInteractionDataOption{Name: name, Type: discordgo.ApplicationCommandOptionString, Value: value}
	}
	share := &discordgo.ApplicationCommandInteractionDataOption{Name: OptShare, Type: discordgo.ApplicationCommandOptionBoolean, Value: true}
	var queue []*discordgo.Interaction
	for _, locale := range []string{"fr", "en-US"} {
		queue = append(queue,
			commandInteraction("city", locale, str("name", "montreal")),
			commandInteraction("city", locale, str("name", "Toronto"), str(OptLanguage, "both")),
			commandInteraction("city", locale, str("name", "montreal"), share),
			commandInteraction("support", locale, str("city", "montreal")),
			commandInteraction("rights", locale),
			commandInteraction("about", locale, str(OptLanguage, "both")),
			commandInteraction("question", locale, str("text", "How many times did the SPVM call the CBSA in 2017?")),
			commandInteraction("question", locale, str("text", "is montreal a sanctuary city"), str(OptLanguage, "both")),
			commandInteraction("question", locale, str("text", "can the police ask for my status?"), share))
	}
	clicked := map[string]bool{}
	for n := 0; n < len(queue) && n < 200; n++ {
		rep := r.Route(context.Background(), queue[n])
		rep.Complete(context.Background(), nil)
		if rep.Initial == nil || rep.Initial.Data == nil {
			continue
		}
		// Every button of the router's own is clicked once.
		for _, row := range rep.Initial.Data.Components {
			ar, ok := row.(discordgo.ActionsRow)
			if !ok {
				continue
			}
			for _, c := range ar.Components {
				b, ok := c.(discordgo.Button)
				if !ok || b.CustomID == "" || clicked[b.CustomID] || !strings.HasPrefix(b.CustomID, answerPrefix+"|") {
					continue
				}
				clicked[b.CustomID] = true
				queue = append(queue, &discordgo.Interaction{ID: "1", AppID: "2", Token: "tok", Type: discordgo.InteractionMessageComponent,
					Locale: queue[n].Locale, Message: &discordgo.Message{Flags: rep.Initial.Data.Flags},
					Data: discordgo.MessageComponentInteractionData{CustomID: b.CustomID, ComponentType: discordgo.ButtonComponent}})
			}
		}
	}
	if len(clicked) < 5 {
		t.Fatalf("clicked %d buttons: the test reaches too little", len(clicked))
	}
	fresh := handlers.New(kb, cat, nil)
	for _, req := range []handlers.Request{
		{Command: "city", Options: map[string]string{"name": "montreal"}},
		{Command: "city", Options: map[string]string{"name": "toronto"}},
		{Command: "support", Options: map[string]string{"city": "montreal"}},
		{Command: "rights", Options: map[string]string{}},
		{Command: "about", Options: map[string]string{}},
	} {
		req.Langs = []locales.Lang{locales.FR, locales.EN}
		t.Run(req.Command+" "+req.Options["name"]+req.Options["city"], func(t *testing.T) {
			f := map[string]handlers.Func{"city": h.City, "support": h.Support, "rights": h.Rights, "about": h.About}
			g := map[string]handlers.Func{"city": fresh.City, "support": fresh.Support, "rights": fresh.Rights, "about": fresh.About}
			got, err := f[req.Command](context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			want, err := g[req.Command](context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("kept answer changed by the router (-fresh +kept):\n%s", diff)
			}
		})
	}
	for _, text := range []string{"How many times did the SPVM call the CBSA in 2017?", "is montreal a sanctuary city", "can the police ask for my status?"} {
		for _, langs := range [][]locales.Lang{{locales.FR, locales.EN}, {locales.EN, locales.FR}, {locales.EN}} {
			for _, way := range []struct{ chosen, share bool }{{false, false}, {true, false}, {false, true}, {true, true}} {
				req := handlers.Request{Command: "question", Options: map[string]string{"text": text}, Langs: langs,
					LangChosen: way.chosen, Share: way.share}
				got, err := h.Question(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				want, err := fresh.Question(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("%q %v %+v: kept answer changed by the router (-fresh +kept):\n%s", text, langs, way, diff)
				}
			}
		}
	}
}

// TestKeptRepliesKeepWhatIsAskedAgain: once full, the kept replies make room
// by dropping replies seen once, not those asked for again, and never hold
// more than maxKept.
func TestKeptRepliesKeepWhatIsAskedAgain(t *testing.T) {
	var k keptReplies
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "kept"}}
	k.put("city/montreal", resp)
	if _, ok := k.get("city/montreal"); !ok {
		t.Fatal("a reply just kept is not there")
	}
	for n := range 3 * maxKept {
		k.put("question/"+strconv.Itoa(n), resp)
	}
	if kr, ok := k.get("city/montreal"); !ok || !bytes.Contains(kr.body, []byte(`"kept"`)) {
		t.Errorf("a reply asked for again was pushed out by %d replies seen once", 3*maxKept)
	}
	if n := k.cache().Len(); n > maxKept {
		t.Errorf("%d replies kept, more than %d", n, maxKept)
	}
	if _, ok := k.get("question/" + strconv.Itoa(3*maxKept-1)); !ok {
		t.Errorf("the newest reply is not kept")
	}
}
