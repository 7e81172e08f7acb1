package bot

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image/png"
	"log/slog"
	"mime"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/chart"
	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// What the interactions of these tests carry about the person asking: none of
// it may reach the logs.
const (
	askerID   = "417923846590123456"
	askerName = "camille.privee"
	guildID   = "900000000000000001"
)

// live is the endpoint wired as `sanctuaire serve` wires it: the real router,
// command table, handlers and knowledge base, a fake Discord for deferred
// answers, and the logs captured.
type live struct {
	t    testing.TB
	s    signer
	srv  *Interactions
	cmds []Command
	cat  *locales.Catalog
	fake *discordtest.Server
	// logs may be read while a deferred answer still logs its outcome.
	logs *gwLogs
	next atomic.Int64
}

var (
	contentOnce sync.Once
	contentKB   *knowledge.Base
	contentErr  error
)

func content(t testing.TB) (*knowledge.Base, *locales.Catalog) {
	t.Helper()
	contentOnce.Do(func() {
		contentKB, contentErr = knowledge.Bundled()
	})
	if contentErr != nil {
		t.Fatal(contentErr)
	}
	return contentKB, testCatalog(t)
}

// newLive builds the endpoint over cmds, or over the real command table when cmds is nil.
func newLive(t testing.TB, cmds []Command, opts RouterOptions) *live {
	t.Helper()
	return newLiveToken(t, cmds, opts, "")
}

// newLiveToken is newLive with a bot token, which posting to channels needs.
func newLiveToken(t testing.TB, cmds []Command, opts RouterOptions, token string) *live {
	t.Helper()
	kb, cat := content(t)
	if cmds == nil {
		cmds = Commands(handlers.New(kb, cat, nil), nil)
	}
	fake, rest := newFakeDiscord(t, discordtest.Options{}, token)
	logs := &gwLogs{}
	log := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	router := NewRouter(cmds, cat, rest, log, opts)
	s := newSigner(t)
	// A loaded test machine may take longer than Discord's 3 s to answer:
	// the tests check answers, not that deadline.
	srv := NewInteractions(s.pub, router, log, HTTPOptions{ApplicationID: fake.AppID, AnswerWithin: 30 * time.Second})
	drainAtEnd(t, srv)
	return &live{t: t, s: s, srv: srv, cmds: cmds, cat: cat, fake: fake, logs: logs}
}

// wire is an interaction response as it travels, decoded without discordgo's
// interface types.
type wire struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data *wireMessage                      `json:"data"`
	raw  []byte
}

// wireMessage is the message of a response, or of an edit of @original.
type wireMessage struct {
	Content    string                    `json:"content"`
	Flags      discordgo.MessageFlags    `json:"flags"`
	Embeds     []*discordgo.MessageEmbed `json:"embeds"`
	Components []struct {
		Components []wireButton `json:"components"`
	} `json:"components"`
	Choices []struct {
		Name  string `json:"name"`
		Value any    `json:"value"`
	} `json:"choices"`
	AllowedMentions *struct {
		Parse *[]string `json:"parse"`
	} `json:"allowed_mentions"`
}

// mentionsNobody reports whether the message says that nothing it contains may ping.
func (m *wireMessage) mentionsNobody() bool {
	return m != nil && m.AllowedMentions != nil && m.AllowedMentions.Parse != nil && len(*m.AllowedMentions.Parse) == 0
}

// finish returns the answer itself: got when it was answered at once, or the
// edit of @original the router sent through the fake Discord when it was
// deferred, with the files of that edit.
func (l *live) finish(t *testing.T, token string, got wire) (wire, []discordtest.File) {
	t.Helper()
	var typ discordgo.InteractionResponseType
	switch got.Type {
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		typ = discordgo.InteractionResponseChannelMessageWithSource
	case discordgo.InteractionResponseDeferredMessageUpdate:
		typ = discordgo.InteractionResponseUpdateMessage
	default:
		return got, nil
	}
	edit, err := l.fake.WaitEdit(token, 10*time.Second)
	if err != nil {
		t.Fatalf("deferred answer never finished: %v", err)
	}
	var m wireMessage
	if err := edit.Decode(&m); err != nil {
		t.Fatal(err)
	}
	if !m.mentionsNobody() {
		t.Errorf("edit %.300s... lacks allowed_mentions with an empty parse list", edit.JSON)
	}
	if got.Data != nil {
		m.Flags = got.Data.Flags // an edit keeps the flags of the deferral
	}
	return wire{Type: typ, Data: &m, raw: edit.JSON}, edit.Files
}

type wireButton struct {
	Style    discordgo.ButtonStyle `json:"style"`
	Label    string                `json:"label"`
	CustomID string                `json:"custom_id"`
	URL      string                `json:"url"`
	Disabled bool                  `json:"disabled"`
}

// interaction is the body of an interaction of type typ with data, asked by
// the same member in locale.
func (l *live) interaction(typ discordgo.InteractionType, locale string, data any) (body, token string) {
	n := l.next.Add(1)
	token = "token-" + strconv.FormatInt(n, 10)
	b, err := json.Marshal(map[string]any{
		"type": typ, "id": strconv.FormatInt(800000000000000000+n, 10), "application_id": l.fake.AppID,
		"token": token, "version": 1, "guild_id": guildID, "channel_id": "900000000000000002",
		"locale": locale, "guild_locale": "en-US",
		"member": map[string]any{"user": map[string]any{"id": askerID, "username": askerName, "global_name": askerName},
			"permissions": "0", "roles": []string{}},
		"data": data,
	})
	if err != nil {
		l.t.Fatal(err)
	}
	return string(b), token
}

// command is the body of a slash command; option values keep their JSON types.
func (l *live) command(name, locale string, opts map[string]any) (body, token string) {
	var options []map[string]any
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range opts {
			if !yield(k) {
				return
			}
		}
	}) {
		typ := discordgo.ApplicationCommandOptionString
		switch opts[k].(type) {
		case bool:
			typ = discordgo.ApplicationCommandOptionBoolean
		case int:
			typ = discordgo.ApplicationCommandOptionInteger
		}
		options = append(options, map[string]any{"name": k, "type": typ, "value": opts[k]})
	}
	return l.interaction(discordgo.InteractionApplicationCommand, locale,
		map[string]any{"id": "700000000000000001", "name": name, "type": 1, "options": options})
}

// post signs and sends body, and decodes the answer.
func (l *live) post(body string) (int, wire) {
	l.t.Helper()
	w := httptest.NewRecorder()
	l.srv.ServeHTTP(w, l.s.request(body, time.Now()))
	var out wire
	out.raw = w.Body.Bytes()
	if w.Code == http.StatusOK {
		if err := json.Unmarshal(out.raw, &out); err != nil {
			l.t.Fatalf("answer %q: %v", out.raw, err)
		}
	}
	return w.Code, out
}

type ask struct {
	command string
	opts    map[string]any
}

func (a ask) String() string {
	var parts []string
	for k, v := range a.opts {
		parts = append(parts, fmt.Sprintf("%s:%v", k, v))
	}
	slices.Sort(parts)
	return strings.Join(append([]string{a.command}, parts...), " ")
}

// asks covers every member command, with and without its options.
var asks = []ask{
	{"city", map[string]any{"name": "montreal"}},
	{"city", map[string]any{"name": "Ville de Québec"}},
	{"city", map[string]any{"name": "Atlantis"}},
	{"stats", nil},
	{"stats", map[string]any{"force": "spvm"}},
	{"stats", map[string]any{"force": "spvm", "year": 2017}},
	{"stats", map[string]any{"force": "spvm", "compare": "tps"}},
	{"support", nil},
	{"support", map[string]any{"city": "montreal"}},
	{"rights", nil},
	{"rights", map[string]any{"topic": "police"}},
	{"question", map[string]any{"text": "la police peut-elle me demander mon statut?"}},
	{"question", map[string]any{"text": "zzz qqq"}},
	{"about", nil},
}

// TestHTTPAnswersEveryCommand sends every command signed, in French, in
// English and with language:both, and compares what comes back with what the
// command's handler answers to the same request.
//
// The comparison works on text rather than on embeds: the answer's embeds
// (every page, reached through the paging buttons or the follow-ups) are put
// back together as handlers.Answers and written out with handlers.Plain, as
// the handlers' golden files are, next to the handler's own Response written
// the same way; the two must have the same words in the same order. This
// holds whatever the page size, and a wrong language, a missing field or a
// lost source shows as a word-level diff.
func TestHTTPAnswersEveryCommand(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	variants := []struct {
		name   string
		locale string
		lang   string // the language option; empty for none
		langs  []locales.Lang
	}{
		{"fr", "fr", "", []locales.Lang{locales.FR}},
		{"en-US", "en-US", "", []locales.Lang{locales.EN}},
		{"both", "en-US", "both", []locales.Lang{locales.FR, locales.EN}},
	}
	for _, a := range asks {
		for _, v := range variants {
			t.Run(a.String()+"/"+v.name, func(t *testing.T) {
				opts := map[string]any{}
				for k, val := range a.opts {
					opts[k] = val
				}
				if v.lang != "" {
					opts[OptLanguage] = v.lang
				}
				body, token := l.command(a.command, v.locale, opts)
				status, got := l.post(body)
				if status != http.StatusOK {
					t.Fatalf("got status %d (%s), want 200", status, got.raw)
				}
				checkMessage(t, got, true)
				got, files := l.finish(t, token, got)
				if got.Type != discordgo.InteractionResponseChannelMessageWithSource {
					t.Fatalf("got response type %d, want %d", got.Type, discordgo.InteractionResponseChannelMessageWithSource)
				}

				cmd, ok := Lookup(l.cmds, a.command)
				if !ok {
					t.Fatalf("no command %s", a.command)
				}
				req := handlers.Request{Command: cmd.Name, Options: map[string]string{}, Langs: v.langs, LangChosen: v.lang != "", Guild: guildID}
				for k, val := range a.opts {
					req.Options[k] = fmt.Sprint(val)
				}
				want, err := cmd.Handler(context.Background(), req)
				if err != nil {
					t.Fatal(err)
				}
				if got, want := fileNames(files), handlerFileNames(want.Files); !slices.Equal(got, want) {
					t.Errorf("got files %q, want %q", got, want)
				}
				pages := l.pages(t, v.locale, got, token)
				answers := reassemble(t, l.cat, pages, v.langs)
				if diff := cmp.Diff(words(plain(expected(want.Answers))), words(plain(answers))); diff != "" {
					t.Errorf("answer differs from the handler's (-handler +http):\n%s", diff)
				}
				checkLinks(t, want.Answers, got)
			})
		}
	}
}

// checkMessage checks what every message of the bot carries: no mentions, and
// the ephemeral flag unless shared.
func checkMessage(t *testing.T, got wire, ephemeral bool) {
	t.Helper()
	if got.Data == nil {
		t.Fatalf("answer %s has no data", got.raw)
	}
	if !got.Data.mentionsNobody() {
		t.Errorf("answer %.300s... lacks allowed_mentions with an empty parse list", got.raw)
	}
	if is := got.Data.Flags&discordgo.MessageFlagsEphemeral != 0; is != ephemeral {
		t.Errorf("got ephemeral %v, want %v", is, ephemeral)
	}
}

// pages collects every page of an answer: the first, those reached with the
// Next button (a signed component interaction each), and those sent as
// follow-ups when the buttons could not carry the request.
func (l *live) pages(t *testing.T, locale string, first wire, token string) [][]*discordgo.MessageEmbed {
	t.Helper()
	pages := [][]*discordgo.MessageEmbed{first.Data.Embeds}
	cur := first
	for range 50 {
		next := cur.button(l.cat, locale)
		if next == nil || next.Disabled {
			break
		}
		body, clickToken := l.interaction(discordgo.InteractionMessageComponent, locale,
			map[string]any{"custom_id": next.CustomID, "component_type": discordgo.ButtonComponent})
		status, got := l.post(body)
		if status != http.StatusOK || got.Data == nil {
			t.Fatalf("next page: got %d %s", status, got.raw)
		}
		got, _ = l.finish(t, clickToken, got)
		pages = append(pages, got.Data.Embeds)
		cur = got
	}
	if err := l.srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, c := range l.fake.Calls() {
		if c.Kind == discordtest.KindFollowup && c.Token == token {
			var p discordgo.WebhookParams
			if err := c.Decode(&p); err != nil {
				t.Fatal(err)
			}
			pages = append(pages, p.Embeds)
		}
	}
	return pages
}

// button finds the Next button, labelled in the language of the answer, or
// in both for an answer in both.
func (w wire) button(cat *locales.Catalog, locale string) *wireButton {
	en, fr := cat.Printer(locales.EN).T("common_next"), cat.Printer(locales.FR).T("common_next")
	labels := []string{en, fr, fr + " / " + en, en + " / " + fr}
	for _, row := range w.Data.Components {
		for i, b := range row.Components {
			if b.CustomID != "" && slices.Contains(labels, b.Label) {
				return &row.Components[i]
			}
		}
	}
	return nil
}

// reassemble puts the pages' embeds back together as one Answer per language.
func reassemble(t *testing.T, cat *locales.Catalog, pages [][]*discordgo.MessageEmbed, langs []locales.Lang) []handlers.Answer {
	t.Helper()
	out := make([]handlers.Answer, len(langs))
	for i, l := range langs {
		out[i].Lang = l
	}
	for n, embeds := range pages {
		if len(embeds) > len(langs) {
			t.Fatalf("page %d has %d embeds for %d languages", n+1, len(embeds), len(langs))
		}
		for i, e := range embeds {
			// A page shows the pages each answer still has: when one has
			// fewer, its page mark says whose the others are.
			if len(embeds) < len(langs) {
				i = answerOf(cat, e, langs)
			}
			a := &out[i]
			p := cat.Printer(langs[i])
			if n == 0 {
				a.Title = e.Title
				if e.Image != nil {
					a.Image = strings.TrimPrefix(e.Image.URL, "attachment://")
				}
			}
			if e.Description != "" {
				a.Body = strings.TrimSpace(a.Body + "\n\n" + e.Description)
			}
			for _, f := range e.Fields {
				if src, ok := sourceLines(p, f); ok {
					a.Sources = append(a.Sources, src...)
					continue
				}
				if sourcesViewName.MatchString(f.Name) {
					continue // checked by TestSourcesView
				}
				if k := len(a.Fields) - 1; k >= 0 && continues(cat, a.Fields[k].Name, f.Name) {
					a.Fields[k].Value += "\n" + f.Value // a long field cut in pieces
					continue
				}
				a.Fields = append(a.Fields, handlers.Field{Name: f.Name, Value: f.Value, Inline: f.Inline})
			}
			if e.Footer != nil {
				a.Footer = pageMark.ReplaceAllString(e.Footer.Text, "")
			}
		}
	}
	return out
}

// continues reports whether a field named name continues the field named
// prev, in any language: a question may be answered in its own.
func continues(cat *locales.Catalog, prev, name string) bool {
	for _, l := range locales.All {
		if cat.Printer(l).T("common_continued", "Name", prev) == name {
			return true
		}
	}
	return false
}

// answerOf is the index in langs of the answer whose page e is, read from
// the language of its page mark.
func answerOf(cat *locales.Catalog, e *discordgo.MessageEmbed, langs []locales.Lang) int {
	for i, l := range langs {
		mark := strings.SplitN(cat.Printer(l).T("common_page", "Page", "1", "Total", "2"), "1", 2)[1]
		if e.Footer != nil && strings.Contains(e.Footer.Text, strings.SplitN(mark, "2", 2)[0]) {
			return i
		}
	}
	return 0
}

// sourcesViewName is the name of the view that lists an answer's sources.
var sourcesViewName = regexp.MustCompile(`^Sources? \([0-9]+\)( \((suite|continued)\))?$`)

// pageMark is the "Page 2 of 3" the router adds to footers.
var pageMark = regexp.MustCompile(`( · )?Page [0-9]+ (of|sur) [0-9]+$`)

var sourceLineRE = regexp.MustCompile(`^• (?:\[(.*)\]\((\S+)\)|(.*))$`)

// sourceLines reads the router's sources field: "• [label](url)" or "• label" lines.
func sourceLines(p *locales.Printer, f *discordgo.MessageEmbedField) ([]handlers.Source, bool) {
	if f.Name != p.T("common_sources") {
		return nil, false
	}
	var out []handlers.Source
	for line := range strings.Lines(f.Value) {
		m := sourceLineRE.FindStringSubmatch(strings.TrimRight(line, "\n"))
		if m == nil {
			return nil, false
		}
		if m[1] != "" {
			out = append(out, handlers.Source{Label: m[1], URL: m[2]})
		} else {
			out = append(out, handlers.Source{Label: m[3]})
		}
	}
	return out, true
}

// expected is the handler's answers as a message can show them: link buttons
// go in components (checked by checkLinks), sections follow the first view,
// and the sources are left to TestSourcesView.
func expected(answers []handlers.Answer) []handlers.Answer {
	out := slices.Clone(answers)
	for i := range out {
		out[i].Buttons, out[i].Menus = nil, nil // components, not text
		// Sections follow the first view, page after page; the sources
		// are a view of their own, which TestSourcesView checks.
		out[i].Fields = slices.Clone(out[i].Fields)
		for _, s := range out[i].Sections {
			out[i].Fields = append(out[i].Fields, s.Fields...)
		}
		out[i].Sections = nil
		out[i].Sources = nil
	}
	return out
}

func fileNames(files []discordtest.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

func handlerFileNames(files []handlers.File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

func plain(answers []handlers.Answer) string {
	var b strings.Builder
	handlers.Plain(&b, handlers.Response{Answers: answers})
	return b.String()
}

func words(s string) []string { return strings.Fields(s) }

// checkLinks checks that every link button of the answers is on the message.
func checkLinks(t *testing.T, answers []handlers.Answer, got wire) {
	t.Helper()
	links := map[string]bool{}
	for _, row := range got.Data.Components {
		for _, b := range row.Components {
			if b.Style == discordgo.LinkButton {
				links[b.URL] = true
			}
		}
	}
	// A row is the page buttons', and one the menu of sections when there is one.
	max := (maxRows - 1) * maxRowButtons
	for _, row := range got.Data.Components {
		for _, b := range row.Components {
			if strings.HasPrefix(b.CustomID, sectionPrefix+"|") {
				max -= maxRowButtons
			}
		}
	}
	for _, a := range answers {
		for _, b := range a.Buttons {
			if validURL(b.URL) && !links[b.URL] && len(links) < max {
				t.Errorf("link button %q <%s> missing", b.Label, b.URL)
			}
		}
	}
}

func TestHTTPAutocomplete(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	tests := []struct {
		locale, typed, want string
	}{
		{"fr", "mont", "Montréal"},
		{"en-US", "mont", "Montreal"},
		{"fr", "quebec", "Québec"},
	}
	for _, tt := range tests {
		t.Run(tt.locale+"/"+tt.typed, func(t *testing.T) {
			body, _ := l.interaction(discordgo.InteractionApplicationCommandAutocomplete, tt.locale, map[string]any{
				"id": "700000000000000001", "name": "city", "type": 1,
				"options": []map[string]any{{"name": "name", "type": 3, "value": tt.typed, "focused": true}},
			})
			status, got := l.post(body)
			if status != http.StatusOK || got.Type != discordgo.InteractionApplicationCommandAutocompleteResult || got.Data == nil {
				t.Fatalf("got %d %s, want 200 and choices", status, got.raw)
			}
			var names []string
			for _, c := range got.Data.Choices {
				names = append(names, c.Name)
			}
			if !slices.ContainsFunc(names, func(n string) bool { return strings.Contains(n, tt.want) }) {
				t.Errorf("got choices %q, want one with %q", names, tt.want)
			}
		})
	}
}

// TestHTTPDeferred checks the answers that cannot go in the HTTP response: a
// slow handler and an answer with a file are deferred (type 5) and finished by
// editing the original response through the fake Discord's webhook endpoint.
func TestHTTPDeferred(t *testing.T) {
	release := make(chan struct{})
	png := []byte("\x89PNG\r\n\x1a\nchart")
	answer := func(title string) handlers.Response {
		return handlers.Response{Ephemeral: true, Answers: []handlers.Answer{{Lang: locales.EN, Title: title, Body: "Figures."}}}
	}
	cmds := []Command{
		{Name: "slow", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			<-release
			return answer("Slow answer"), nil
		}},
		{Name: "chart", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			resp := answer("Chart answer")
			resp.Answers[0].Image = "chart.png"
			resp.Files = []handlers.File{{Name: "chart.png", ContentType: "image/png", Data: png}}
			return resp, nil
		}},
	}
	l := newLive(t, cmds, RouterOptions{Budget: 20 * time.Millisecond})
	tests := []struct {
		command, title string
		file           bool
	}{
		{"slow", "Slow answer", false},
		{"chart", "Chart answer", true},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			body, token := l.command(tt.command, "en-US", nil)
			status, got := l.post(body)
			if status != http.StatusOK || got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
				t.Fatalf("got %d %s, want 200 and a deferred answer", status, got.raw)
			}
			checkMessage(t, got, true)
			if tt.command == "slow" {
				close(release) // the handler finishes only once the HTTP answer has gone
			}
			edit, err := l.fake.WaitEdit(token, 10*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if want := "/api/v9/webhooks/" + l.fake.AppID + "/" + token + "/messages/@original"; edit.Method != http.MethodPatch || edit.Path != want {
				t.Errorf("got %s %s, want PATCH %s", edit.Method, edit.Path, want)
			}
			var msg wireMessage
			if err := edit.Decode(&msg); err != nil {
				t.Fatal(err)
			}
			if len(msg.Embeds) != 1 || msg.Embeds[0].Title != tt.title {
				t.Errorf("got edit %s, want the embed %q", edit.JSON, tt.title)
			}
			if !msg.mentionsNobody() {
				t.Errorf("edit %s lacks allowed_mentions with an empty parse list", edit.JSON)
			}
			if tt.file {
				if len(edit.Files) != 1 || edit.Files[0].Name != "chart.png" || !bytes.Equal(edit.Files[0].Data, png) {
					t.Errorf("got files %+v, want chart.png", edit.Files)
				}
				if !strings.HasPrefix(edit.ContentType, "multipart/form-data") {
					t.Errorf("got Content-Type %q, want multipart/form-data", edit.ContentType)
				}
			}
		})
	}
}

// TestHTTPLogsNothingPersonal runs interactions of every kind carrying
// recognisable personal data, and checks that none of it reaches the logs.
func TestHTTPLogsNothingPersonal(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	secrets := []string{askerID, askerName, "Rue-Secrète-4821", "Jean-Baptiste Tremblay", "Mont-Secret", "Xyzforce-77"}
	var tokens []string
	send := func(body, token string) {
		tokens = append(tokens, token)
		l.post(body)
	}
	send(l.command("city", "fr", map[string]any{"name": "Rue-Secrète-4821"}))
	send(l.command("question", "en-US", map[string]any{"text": "my neighbour Jean-Baptiste Tremblay has no papers"}))
	send(l.command("stats", "fr", map[string]any{"force": "Xyzforce-77", OptShare: true}))
	send(l.command("about", "en-US", nil))
	send(l.interaction(discordgo.InteractionApplicationCommandAutocomplete, "fr", map[string]any{
		"name": "city", "type": 1, "options": []map[string]any{{"name": "name", "type": 3, "value": "Mont-Secret", "focused": true}},
	}))
	send(l.interaction(discordgo.InteractionMessageComponent, "fr", map[string]any{
		"custom_id": "a|0|fr|city||name=Rue-Secrète-4821", "component_type": 2,
	}))
	// Refused requests are logged too.
	body, _ := l.command("city", "fr", map[string]any{"name": "Rue-Secrète-4821"})
	bad := l.s.request(body, time.Now())
	bad.Header.Set("X-Signature-Ed25519", strings.Repeat("00", 64))
	l.srv.ServeHTTP(httptest.NewRecorder(), bad)
	l.srv.ServeHTTP(httptest.NewRecorder(), l.s.request(`{"type":2,"member":{"user":{"username":"`+askerName+`"}}`, time.Now()))
	if err := l.srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}

	logs := l.logs.String()
	for _, want := range []string{"command=city", "command=question", "kind=autocomplete", "kind=component", "interaction refused"} {
		if !strings.Contains(logs, want) {
			t.Errorf("logs lack %q:\n%s", want, logs)
		}
	}
	for _, s := range append(secrets, tokens...) {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q:\n%s", s, logs)
		}
	}
}

// TestHTTPConcurrent sends 1,000 signed requests from 50 goroutines through a
// real listener to the real router; every answer must be the right one, given
// at once or, when deferred, by the edit that finishes it. Run it with -race
// as well.
func TestHTTPConcurrent(t *testing.T) {
	l := newLive(t, nil, RouterOptions{})
	ts := httptest.NewServer(l.srv)
	defer ts.Close()

	// Each request asks one of these; its answer's first title is known in
	// advance. Answers with a chart are deferred and slow to draw (under -race
	// above all): one worker in five asks one first; the rest are answers given at once.
	type job struct {
		ask    ask
		locale string
		title  string
	}
	var jobs, deferred []job
	for _, a := range asks {
		for _, locale := range []string{"fr", "en-US"} {
			cmd, _ := Lookup(l.cmds, a.command)
			req := handlers.Request{Command: cmd.Name, Options: map[string]string{}, Langs: []locales.Lang{locales.Match(locale, locales.EN)}, Guild: guildID}
			for k, v := range a.opts {
				req.Options[k] = fmt.Sprint(v)
			}
			resp, err := cmd.Handler(context.Background(), req)
			if err != nil || len(resp.Answers) == 0 {
				t.Fatalf("%s: %v", a, err)
			}
			if len(resp.Files) > 0 {
				deferred = append(deferred, job{a, locale, resp.Answers[0].Title})
			} else {
				jobs = append(jobs, job{a, locale, resp.Answers[0].Title})
			}
		}
	}

	const workers, each = 50, 20
	var wg sync.WaitGroup
	var answered atomic.Int64
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := range each {
				j := jobs[(w*each+n)%len(jobs)]
				if n == 0 && w%5 == 0 && len(deferred) > 0 {
					j = deferred[(w/5)%len(deferred)]
				}
				body, token := l.command(j.ask.command, j.locale, j.ask.opts)
				req := l.s.request(body, time.Now())
				req.RequestURI = ""
				req.URL, _ = req.URL.Parse(ts.URL + PathInteractions)
				resp, err := ts.Client().Do(req)
				if err != nil {
					errs <- err
					continue
				}
				var got wire
				err = json.NewDecoder(resp.Body).Decode(&got)
				resp.Body.Close()
				if err == nil && got.Type == discordgo.InteractionResponseDeferredChannelMessageWithSource {
					var edit discordtest.Call
					if edit, err = l.fake.WaitEdit(token, 2*time.Minute); err == nil {
						got.Type, got.Data = discordgo.InteractionResponseChannelMessageWithSource, &wireMessage{}
						err = edit.Decode(got.Data)
					}
				}
				switch {
				case err != nil:
					errs <- fmt.Errorf("%s: %w", j.ask, err)
				case resp.StatusCode != http.StatusOK || got.Data == nil || len(got.Data.Embeds) == 0:
					errs <- fmt.Errorf("%s: got status %d, type %d, want an answer", j.ask, resp.StatusCode, got.Type)
				case got.Data.Embeds[0].Title != j.title:
					errs <- fmt.Errorf("%s: got title %q, want %q", j.ask, got.Data.Embeds[0].Title, j.title)
				default:
					answered.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if n := answered.Load(); n != workers*each {
		t.Errorf("got %d right answers, want %d", n, workers*each)
	}
}

// statsDelivery is what reached the fake Discord with the answer itself: the
// request that carried the message, decoded, and its attached files.
type statsDelivery struct {
	contentType string
	embeds      []*discordgo.MessageEmbed
	files       []discordtest.File
}

// TestStatsChartReachesDiscord asks `stats force:spvm` through the real
// command table, in gateway mode with files in the initial callback or in a
// deferred edit, and in HTTP mode, where files always go in a multipart edit
// of @original. Each chart must arrive as a PNG part of 1200×675, and the
// embed of each language must show its own language's chart.
func TestStatsChartReachesDiscord(t *testing.T) {
	kb, cat := content(t)
	cmds := Commands(handlers.New(kb, cat, nil), nil)
	fr := []string{"stats-spvm-calls.fr.png"}
	both := []string{"stats-spvm-calls.fr.png", "stats-spvm-calls.en.png"}
	tests := []struct {
		name   string
		http   bool
		inline bool
		locale string
		lang   string // the language option; empty for none
		want   []string
	}{
		{"gateway inline fr", false, true, "fr", "", fr},
		{"gateway inline both", false, true, "en-US", "both", both},
		{"gateway deferred fr", false, false, "fr", "", fr},
		{"http fr", true, false, "fr", "", fr},
		{"http both", true, false, "en-US", "both", both},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got statsDelivery
			if tt.http {
				got = statsOverHTTP(t, tt.locale, tt.lang)
			} else {
				got = statsOverGateway(t, cmds, tt.inline, tt.locale, tt.lang)
			}
			if mt, _, _ := mime.ParseMediaType(got.contentType); mt != "multipart/form-data" {
				t.Errorf("got Content-Type %q, want multipart/form-data", got.contentType)
			}
			var names []string
			for i, f := range got.files {
				names = append(names, f.Name)
				if !strings.HasPrefix(f.Field, "files[") {
					t.Errorf("%s: got part %q, want files[n]", f.Name, f.Field)
				}
				if f.ContentType != "image/png" {
					t.Errorf("%s: got content type %q, want image/png", f.Name, f.ContentType)
				}
				img, err := png.Decode(bytes.NewReader(f.Data))
				if err != nil {
					t.Errorf("file %d %s: %v", i, f.Name, err)
					continue
				}
				if got, want := img.Bounds().Size().X, chart.PhoneWidth; got != want {
					t.Errorf("%s: got width %d, want %d", f.Name, got, want)
				}
				if got, want := img.Bounds().Size().Y, chart.PhoneHeight; got != want {
					t.Errorf("%s: got height %d, want %d", f.Name, got, want)
				}
			}
			if diff := cmp.Diff(tt.want, names); diff != "" {
				t.Fatalf("files (-want +got):\n%s", diff)
			}
			if len(got.embeds) != len(tt.want) {
				t.Fatalf("got %d embeds, want %d", len(got.embeds), len(tt.want))
			}
			for i, e := range got.embeds {
				want := "attachment://" + tt.want[i]
				if e.Image == nil || e.Image.URL != want {
					t.Errorf("embed %d (%q): got image %+v, want %q", i, e.Title, e.Image, want)
				}
			}
		})
	}
}

func statsOptions(lang string) []discordtest.Option {
	opts := []discordtest.Option{{Name: "force", Value: "spvm"}}
	if lang != "" {
		opts = append(opts, discordtest.Option{Name: OptLanguage, Value: lang})
	}
	return opts
}

// statsOverGateway delivers the command as INTERACTION_CREATE and returns
// the callback when files may go in it, or else the edit that finishes the
// deferred answer.
func statsOverGateway(t *testing.T, cmds []Command, inline bool, locale, lang string) statsDelivery {
	t.Helper()
	opts := RouterOptions{InlineFiles: inline}
	if inline {
		// This asks how files travel, not how long a chart takes: a loaded
		// machine (and -race) must not turn the inline answer into a deferral.
		opts.Budget = time.Minute
	}
	b := startGateway(t, cmds, opts)
	sent, cb, resp := b.callback(t, discordtest.Interaction{Command: "stats", Options: statsOptions(lang), Locale: locale, GuildID: guildID})
	if inline {
		if resp.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || resp.Data == nil {
			t.Fatalf("got callback %.300s, want a message with its files", cb.JSON)
		}
		return statsDelivery{contentType: cb.ContentType, embeds: resp.Data.Embeds, files: cb.Files}
	}
	if resp.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || len(cb.Files) != 0 {
		t.Fatalf("got callback type %d with %d files, want a deferral without files", resp.Type, len(cb.Files))
	}
	edit, err := b.fake.WaitEdit(sent.Token, gwWait)
	if err != nil {
		t.Fatalf("deferred answer never finished: %v\n%s", err, b.logs)
	}
	return editDelivery(t, edit)
}

// statsOverHTTP posts the command signed, checks that the answer is
// deferred, and returns the edit of @original that finishes it.
func statsOverHTTP(t *testing.T, locale, lang string) statsDelivery {
	t.Helper()
	l := newLive(t, nil, RouterOptions{})
	opts := map[string]any{"force": "spvm"}
	if lang != "" {
		opts[OptLanguage] = lang
	}
	body, token := l.command("stats", locale, opts)
	status, got := l.post(body)
	if status != http.StatusOK {
		t.Fatalf("got status %d (%s), want 200", status, got.raw)
	}
	if got.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		t.Fatalf("got response type %d, want a deferral %d", got.Type, discordgo.InteractionResponseDeferredChannelMessageWithSource)
	}
	edit, err := l.fake.WaitEdit(token, gwWait)
	if err != nil {
		t.Fatalf("deferred answer never finished: %v", err)
	}
	if edit.Method != http.MethodPatch || !strings.HasSuffix(edit.Path, "/messages/@original") {
		t.Errorf("got %s %s, want PATCH of @original", edit.Method, edit.Path)
	}
	return editDelivery(t, edit)
}

func editDelivery(t *testing.T, edit discordtest.Call) statsDelivery {
	t.Helper()
	msg, err := edit.Message()
	if err != nil {
		t.Fatal(err)
	}
	return statsDelivery{contentType: edit.ContentType, embeds: msg.Embeds, files: edit.Files}
}
