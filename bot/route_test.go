package bot

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// handleOnce routes one interaction, completes its reply and returns the initial response.
func handleOnce(t *testing.T, r *Router, i *discordgo.Interaction) *discordgo.InteractionResponse {
	t.Helper()
	rep := r.Route(context.Background(), i)
	if rep.Initial == nil {
		t.Fatal("no initial response")
	}
	rep.Complete(context.Background(), nil)
	return rep.Initial
}

func commandInteraction(name, locale string, opts ...*discordgo.ApplicationCommandInteractionDataOption) *discordgo.Interaction {
	return &discordgo.Interaction{
		ID: "1", AppID: "2", Token: "tok", Type: discordgo.InteractionApplicationCommand, Locale: discordgo.Locale(locale),
		Data: discordgo.ApplicationCommandInteractionData{Name: name, Options: opts},
	}
}

func TestRouterEdgeCases(t *testing.T) {
	cat := testCatalog(t)
	slowComplete := func(ctx context.Context, _ handlers.Request) ([]handlers.Choice, error) {
		<-ctx.Done()
		return []handlers.Choice{{Name: "late", Value: "late"}}, nil
	}
	var many []handlers.Choice
	for range 40 {
		many = append(many, handlers.Choice{Name: strings.Repeat("n", 150), Value: "v"})
	}
	cmds := append(testCommands(nil, nil),
		Command{Name: "slowac", Complete: slowComplete, Options: []Option{{Name: "q", Type: String, Autocomplete: true}}},
		Command{Name: "manyac", Complete: func(context.Context, handlers.Request) ([]handlers.Choice, error) { return many, nil },
			Options: []Option{{Name: "q", Type: String, Autocomplete: true}}},
	)
	r := NewRouter(cmds, cat, nil, slog.New(slog.DiscardHandler), RouterOptions{InlineFiles: true, Budget: 50 * time.Millisecond})
	focused := &discordgo.ApplicationCommandInteractionDataOption{Name: "q", Type: discordgo.ApplicationCommandOptionString, Value: "x", Focused: true}

	t.Run("unknown command", func(t *testing.T) {
		resp := handleOnce(t, r, commandInteraction("nope", "fr"))
		if want := cat.Printer(locales.FR).T("common_error_generic"); resp.Data.Content != want || resp.Data.Flags != discordgo.MessageFlagsEphemeral {
			t.Errorf("got %q flags %d, want %q, ephemeral", resp.Data.Content, resp.Data.Flags, want)
		}
	})
	t.Run("slow completer", func(t *testing.T) {
		i := commandInteraction("slowac", "en-US", focused)
		i.Type = discordgo.InteractionApplicationCommandAutocomplete
		resp := handleOnce(t, r, i)
		if resp.Type != discordgo.InteractionApplicationCommandAutocompleteResult || len(resp.Data.Choices) != 0 {
			t.Errorf("got type %d with %d choices, want 8 with none", resp.Type, len(resp.Data.Choices))
		}
	})
	t.Run("too many choices", func(t *testing.T) {
		i := commandInteraction("manyac", "en-US", focused)
		i.Type = discordgo.InteractionApplicationCommandAutocomplete
		resp := handleOnce(t, r, i)
		if len(resp.Data.Choices) != maxChoices {
			t.Fatalf("%d choices, want %d", len(resp.Data.Choices), maxChoices)
		}
		if n := runeCount(resp.Data.Choices[0].Name); n > maxChoiceName {
			t.Errorf("choice name of %d characters", n)
		}
	})
	t.Run("forged button", func(t *testing.T) {
		for _, id := range []string{"a|9|xx|ok||", "a|0|en|nope||", "nope|x", "a|-"} {
			i := &discordgo.Interaction{ID: "1", Token: "tok", Type: discordgo.InteractionMessageComponent, Locale: "en-US",
				Data: discordgo.MessageComponentInteractionData{CustomID: id, ComponentType: discordgo.ButtonComponent}}
			resp := handleOnce(t, r, i)
			if resp.Data == nil || !strings.HasPrefix(resp.Data.Content, "Something went wrong") {
				t.Errorf("%s: got %+v, want the generic error", id, resp.Data)
			}
		}
	})
	t.Run("member language, then server language", func(t *testing.T) {
		checked := 0
		mod := int64(discordgo.PermissionManageGuild)
		r := NewRouter(append(cmds, Command{Name: "mod", Permissions: &mod, Handler: cmds[0].Handler}), cat, nil, slog.New(slog.DiscardHandler), RouterOptions{
			GuildLanguage: func(string) []locales.Lang { return []locales.Lang{locales.FR} },
			Moderator:     func(_ string, perms int64, _ []string) bool { checked++; return perms == 32 },
		})
		tests := []struct {
			locale, guild string
			want          locales.Lang
		}{
			{"en-GB", "1", locales.EN},
			{"fr", "", locales.FR},
			{"de", "1", locales.FR},
			{"de", "", locales.EN},
		}
		for _, tt := range tests {
			i := commandInteraction("ok", tt.locale)
			i.GuildID = tt.guild
			i.Member = &discordgo.Member{Permissions: 32}
			req, _, ok := r.request(i)
			if !ok || len(req.Langs) != 1 || req.Langs[0] != tt.want {
				t.Errorf("locale %s guild %q: got %v, want %s", tt.locale, tt.guild, req.Langs, tt.want)
			}
			if req.Moderator {
				t.Errorf("locale %s guild %q: a member command checked the moderator", tt.locale, tt.guild)
			}
			i = commandInteraction("mod", tt.locale)
			i.GuildID = tt.guild
			i.Member = &discordgo.Member{Permissions: 32}
			if req, _, _ := r.request(i); req.Moderator != (tt.guild != "") {
				t.Errorf("locale %s guild %q: moderator %v", tt.locale, tt.guild, req.Moderator)
			}
		}
		if checked != 2 {
			t.Errorf("the moderator check ran %d times, want twice: for the moderator command in a server only", checked)
		}
	})
}

func TestRewriterKeepsPaths(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path)
		w.WriteHeader(http.StatusNoContent)
	}))
	defer srv.Close()
	tests := []struct{ base, want string }{
		{srv.URL, "/api/v9/gateway"},
		{srv.URL + "/discord/", "/discord/api/v9/gateway"},
	}
	for _, tt := range tests {
		s, err := NewSession("t", tt.base)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := s.Client.Get(discordgo.EndpointGateway)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got[len(got)-1] != tt.want {
			t.Errorf("base %s: got path %q, want %q", tt.base, got[len(got)-1], tt.want)
		}
	}
	for _, bad := range []string{"discord.example", "ftp://x", "http://"} {
		if _, err := NewSession("t", bad); err == nil {
			t.Errorf("NewSession accepted DISCORD_API_URL %q", bad)
		}
	}
}

// chartCommands answers with three pages, the first showing a chart.
func chartCommands() []Command {
	para := strings.TrimSpace(strings.Repeat("A sentence of the answer, long enough to count. ", 80))
	h := func(_ context.Context, req handlers.Request) (handlers.Response, error) {
		resp := handlers.Response{Ephemeral: true, Files: []handlers.File{{Name: "chart.png", ContentType: "image/png", Data: []byte("\x89PNG chart")}}}
		for _, l := range req.Langs {
			resp.Answers = append(resp.Answers, handlers.Answer{Lang: l, Title: "Chart", Body: para + "\n\n" + para + "\n\n" + para, Image: "chart.png"})
		}
		return resp, nil
	}
	return []Command{{Name: "chart", Handler: h, Options: member()}}
}

// TestPagesReplaceAttachments turns the pages of an answer with a chart and
// switches its language: the chart is uploaded only with the first page,
// and every message and edit lists its attachments, so that Discord
// replaces them instead of adding the chart again under the answer.
func TestPagesReplaceAttachments(t *testing.T) {
	// attached is the file names a message uploads and the attachments it
	// lists; nil when the message has no attachments field.
	type attached struct {
		uploads []string
		listed  []string
	}
	of := func(files []discordtest.File, m *discordtest.MessageData) attached {
		var a attached
		for _, f := range files {
			a.uploads = append(a.uploads, f.Name)
		}
		if m.Attachments != nil {
			a.listed = []string{}
		}
		for _, at := range m.Attachments {
			a.listed = append(a.listed, fmt.Sprint(at["filename"]))
		}
		return a
	}
	chart := attached{uploads: []string{"chart.png"}, listed: []string{"chart.png"}}
	none := attached{listed: []string{}}
	for _, inline := range []bool{true, false} {
		t.Run(fmt.Sprintf("inline files %v", inline), func(t *testing.T) {
			b := startGateway(t, chartCommands(), RouterOptions{InlineFiles: inline})
			// send delivers in and returns the message it ends with: the
			// callback's, or the edit's when the answer was deferred.
			send := func(in discordtest.Interaction) (discordtest.Response, attached) {
				t.Helper()
				sent, call, resp := b.callback(t, in)
				if resp.Data == nil {
					t.Fatalf("callback without data: %s", call.JSON)
				}
				switch resp.Type {
				case int(discordgo.InteractionResponseDeferredChannelMessageWithSource), int(discordgo.InteractionResponseDeferredMessageUpdate):
					edit, err := b.fake.WaitEdit(sent.Token, gwWait)
					if err != nil {
						t.Fatalf("deferred answer never edited: %v", err)
					}
					m, err := edit.Message()
					if err != nil {
						t.Fatal(err)
					}
					resp.Data = &m
					return resp, of(edit.Files, &m)
				}
				return resp, of(call.Files, resp.Data)
			}
			button := func(resp discordtest.Response, n int) discordtest.Interaction {
				t.Helper()
				if len(resp.Data.Components) == 0 || len(resp.Data.Components[0].Components) <= n {
					t.Fatalf("no button %d in %+v", n, resp.Data.Components)
				}
				return discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: resp.Data.Components[0].Components[n].CustomID,
					MessageFlags: int(discordgo.MessageFlagsEphemeral), Locale: "en-US"}
			}
			first, got := send(discordtest.Interaction{Command: "chart", Locale: "en-US"})
			steps := []struct {
				name string
				in   func(prev discordtest.Response) discordtest.Interaction
				want attached
			}{
				{"next page", func(r discordtest.Response) discordtest.Interaction { return button(r, 1) }, none},
				{"last page", func(r discordtest.Response) discordtest.Interaction { return button(r, 1) }, none},
				{"back a page", func(r discordtest.Response) discordtest.Interaction { return button(r, 0) }, none},
				{"back to the first", func(r discordtest.Response) discordtest.Interaction { return button(r, 0) }, chart},
				{"other language", func(r discordtest.Response) discordtest.Interaction { return button(r, 2) }, chart},
				{"its next page", func(r discordtest.Response) discordtest.Interaction { return button(r, 1) }, none},
			}
			if diff := cmp.Diff(chart, got, cmp.AllowUnexported(attached{})); diff != "" {
				t.Errorf("first answer: attachments (-want +got):\n%s", diff)
			}
			prev := first
			for _, s := range steps {
				resp, got := send(s.in(prev))
				if diff := cmp.Diff(s.want, got, cmp.AllowUnexported(attached{})); diff != "" {
					t.Errorf("%s: attachments (-want +got):\n%s", s.name, diff)
				}
				prev = resp
			}
		})
	}
}

// TestRouteReturnsItsReply calls Route for a value: an answer ready within
// the budget is the initial response with nothing left to do; a slow one is
// a deferral whose Finish waits for the handler and edits the answer in.
func TestRouteReturnsItsReply(t *testing.T) {
	cat := testCatalog(t)
	slow := make(chan struct{})
	var logs strings.Builder
	r := NewRouter(testCommands(slow, nil), cat, nil, slog.New(slog.NewTextHandler(&logs, nil)), RouterOptions{Budget: 20 * time.Millisecond})

	rep := r.Route(context.Background(), commandInteraction("ok", "fr"))
	if rep.Initial.Type != discordgo.InteractionResponseChannelMessageWithSource || rep.Finish != nil {
		t.Fatalf("ready answer: got type %d, Finish set %v; want type 4 and no Finish", rep.Initial.Type, rep.Finish != nil)
	}
	if got := rep.Initial.Data.Embeds[0].Title; got != "Answer fr" {
		t.Errorf("got title %q, want %q", got, "Answer fr")
	}
	rep.Complete(context.Background(), nil)

	rep = r.Route(context.Background(), commandInteraction("slow", "en-US"))
	if rep.Initial.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || rep.Finish == nil {
		t.Fatalf("slow answer: got type %d, Finish set %v; want type 5 and a Finish", rep.Initial.Type, rep.Finish != nil)
	}
	close(slow)
	// Without a REST session the edit cannot be sent: the log says so.
	rep.Complete(context.Background(), nil)
	if !strings.Contains(logs.String(), "command=slow outcome=edit_failed") || !strings.Contains(logs.String(), "command=ok outcome=ok") {
		t.Errorf("got logs\n%s\nwant one line per interaction, the slow one's edit failed", logs.String())
	}

	rep = r.Route(context.Background(), commandInteraction("ok", "en-US"))
	rep.Complete(context.Background(), errors.New("connection reset"))
	if !strings.Contains(logs.String(), "command=ok outcome=respond_failed") {
		t.Errorf("got logs\n%s\nwant the failed delivery logged", logs.String())
	}
}

// TestShareOnlyWhereOffered: a share option on a command that offers none
// (a moderator's) is dropped, and its reply stays private.
func TestShareOnlyWhereOffered(t *testing.T) {
	cat := testCatalog(t)
	r := NewRouter(append(testCommands(nil, nil), Command{Name: "private"}), cat, nil, slog.New(slog.DiscardHandler), RouterOptions{})
	share := &discordgo.ApplicationCommandInteractionDataOption{Name: OptShare, Type: discordgo.ApplicationCommandOptionBoolean, Value: true}
	for name, want := range map[string]bool{"ok": true, "private": false} {
		req, _, ok := r.request(commandInteraction(name, "fr", share))
		if !ok || req.Share != want {
			t.Errorf("%s: got share %v, want %v", name, req.Share, want)
		}
		if _, left := req.Options[OptShare]; left {
			t.Errorf("%s: the share option reached the handler", name)
		}
	}
}

var update = flag.Bool("update", false, "rewrite the golden replies in testdata/replies")

// TestRecordedInteractions routes interactions as Discord sends them
// (testdata/interactions/*.json, read by the HTTP endpoint's decoder) through
// the real command table and compares the returned Reply with
// testdata/replies/*.golden: the initial response as it is encoded, and
// whether work is left to Finish.
func TestRecordedInteractions(t *testing.T) {
	kb, cat := content(t)
	cmds := Commands(handlers.New(kb, cat, nil), handlers.NewModeration(cat, nil, nil))
	// A budget no answer here comes near: nothing is deferred by chance.
	r := NewRouter(cmds, cat, nil, slog.New(slog.DiscardHandler), RouterOptions{Budget: time.Minute})
	files, err := filepath.Glob(filepath.Join("testdata", "interactions", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no recorded interactions: %v", err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".json")
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			i, code, reason := decode(body)
			if code != 0 {
				t.Fatalf("decode: %d %s", code, reason)
			}
			rep := r.Route(context.Background(), i)
			got, err := json.MarshalIndent(flatten(rep.Initial), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = fmt.Appendf(got, "\nfinish: %v\n", rep.Finish != nil)
			rep.Complete(context.Background(), nil)
			golden := filepath.Join("testdata", "replies", name+".golden")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test -update writes it)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("reply differs from %s (-want +got; go test -update rewrites it):\n%s", golden, diff)
			}
		})
	}
}

// TestInstantCommandsAnswerInPlace: a command marked Instant runs in the
// caller's goroutine, so even a budget that has run out never defers it; a
// panic in it still becomes the friendly error.
func TestInstantCommandsAnswerInPlace(t *testing.T) {
	cat := testCatalog(t)
	var logs strings.Builder
	var ran []int64
	cmds := testCommands(nil, nil)
	for n := range cmds {
		cmds[n].Instant = true
	}
	cmds = append(cmds, Command{Name: "where", Options: member(), Instant: true, Handler: func(_ context.Context, req handlers.Request) (handlers.Response, error) {
		ran = append(ran, goid())
		return handlers.Response{Ephemeral: true, Answers: []handlers.Answer{{Lang: req.Langs[0], Title: "Here", Body: "In place."}}}, nil
	}})
	r := NewRouter(cmds, cat, nil, slog.New(slog.NewTextHandler(&logs, nil)), RouterOptions{Budget: time.Nanosecond})

	rep := r.Route(context.Background(), commandInteraction("where", "fr"))
	if rep.Initial.Type != discordgo.InteractionResponseChannelMessageWithSource || rep.Finish != nil {
		t.Fatalf("got type %d, Finish set %v; want the answer itself (type 4)", rep.Initial.Type, rep.Finish != nil)
	}
	if len(ran) != 1 || ran[0] != goid() {
		t.Errorf("the handler ran on goroutine %v, want the router's own (%d)", ran, goid())
	}
	rep.Complete(context.Background(), nil)

	rep = r.Route(context.Background(), commandInteraction("boom", "fr"))
	if rep.Initial.Type != discordgo.InteractionResponseChannelMessageWithSource || !strings.HasPrefix(rep.Initial.Data.Content, "Un problème est survenu") {
		t.Fatalf("a panic: got type %d %q, want the friendly error", rep.Initial.Type, rep.Initial.Data.Content)
	}
	rep.Complete(context.Background(), nil)
	if !strings.Contains(logs.String(), "command=boom outcome=panic") {
		t.Errorf("got logs\n%s\nwant the panic logged", logs.String())
	}
}

// goid is the ID of the calling goroutine, read from its stack's header.
func goid() int64 {
	var buf [64]byte
	s := strings.TrimPrefix(string(buf[:runtime.Stack(buf[:], false)]), "goroutine ")
	id, _ := strconv.ParseInt(s[:strings.IndexByte(s, ' ')], 10, 64)
	return id
}
