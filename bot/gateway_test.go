package bot

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

const gwWait = 15 * time.Second

// gwLogs collects log lines written from several goroutines.
type gwLogs struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *gwLogs) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *gwLogs) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// gwBot is a Gateway connected to a fake Discord.
type gwBot struct {
	fake *discordtest.Server
	logs *gwLogs
	stop context.CancelFunc
	done chan error
}

func startGateway(t testing.TB, cmds []Command, opts RouterOptions) *gwBot {
	t.Helper()
	return startGatewayWith(t, discordtest.Options{}, cmds, opts)
}

func startGatewayWith(t testing.TB, fakeOpts discordtest.Options, cmds []Command, opts RouterOptions) *gwBot {
	t.Helper()
	cat := testCatalog(t)
	fake, s := newFakeDiscord(t, fakeOpts, "test-token")
	b := &gwBot{fake: fake, logs: &gwLogs{}, done: make(chan error, 1)}
	log := slog.New(slog.NewTextHandler(b.logs, nil))
	router := NewRouter(cmds, cat, s, log, opts)
	ctx, cancel := context.WithCancel(context.Background())
	b.stop = cancel
	go func() { b.done <- NewGateway(s, router, log).Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-b.done:
		case <-time.After(gwWait):
			t.Error("gateway did not stop")
		}
	})
	if err := fake.WaitSession(gwWait); err != nil {
		t.Fatalf("no gateway session: %v\n%s", err, b.logs)
	}
	return b
}

// ask delivers a command and returns the delivered callback.
func (b *gwBot) ask(t testing.TB, in discordtest.Interaction) (discordtest.Sent, discordtest.Response) {
	t.Helper()
	sent, call, resp := b.callback(t, in)
	if resp.Data == nil {
		t.Fatalf("callback without data: %s", call.JSON)
	}
	return sent, resp
}

// callback delivers in and returns what was sent, the callback that
// answered it and that callback's response decoded.
func (b *gwBot) callback(t testing.TB, in discordtest.Interaction) (discordtest.Sent, discordtest.Call, discordtest.Response) {
	t.Helper()
	sent, err := b.fake.Interact(in)
	if err != nil {
		t.Fatal(err)
	}
	call, err := b.fake.WaitCallback(sent.ID, gwWait)
	if err != nil {
		t.Fatalf("no callback: %v\n%s", err, b.logs)
	}
	resp, err := call.Response()
	if err != nil {
		t.Fatal(err)
	}
	return sent, call, resp
}

// testCommands is a table whose handlers misbehave on purpose.
func testCommands(slow <-chan struct{}, started chan<- struct{}) []Command {
	answer := func(title, body string) handlers.Func {
		return func(_ context.Context, req handlers.Request) (handlers.Response, error) {
			resp := handlers.Response{Ephemeral: !req.Share}
			for _, l := range req.Langs {
				resp.Answers = append(resp.Answers, handlers.Answer{Lang: l, Title: title + " " + string(l), Body: body,
					Sources: []handlers.Source{{Label: "Source " + string(l), URL: "https://example.org/" + string(l)}}})
			}
			return resp, nil
		}
	}
	long := strings.Repeat("A sentence of a long answer that goes on. ", 40)
	var paras []string
	for range 20 {
		paras = append(paras, long)
	}
	return []Command{
		{Name: "ok", Handler: answer("Answer", "Short."), Options: member()},
		{Name: "long", Handler: answer("Long", strings.Join(paras, "\n\n")), Options: member()},
		{Name: "boom", Handler: func(context.Context, handlers.Request) (handlers.Response, error) {
			panic("secret user text in a panic")
		}, Options: member()},
		{Name: "fail", Handler: func(context.Context, handlers.Request) (handlers.Response, error) {
			return handlers.Response{}, errors.New("secret user text in an error")
		}, Options: member()},
		{Name: "slow", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			if started != nil {
				started <- struct{}{}
			}
			<-slow
			return answer("Slow", "Late but here.")(ctx, req)
		}, Options: member()},
		{Name: "chart", Handler: func(ctx context.Context, req handlers.Request) (handlers.Response, error) {
			resp, _ := answer("Chart", "See the chart.")(ctx, req)
			resp.Files = []handlers.File{{Name: "chart.png", ContentType: "image/png", Data: []byte("\x89PNG fake")}}
			resp.Answers[0].Image = "chart.png"
			return resp, nil
		}, Options: member()},
		{Name: "form", Handler: func(_ context.Context, req handlers.Request) (handlers.Response, error) {
			return handlers.Response{Modal: &handlers.Modal{Args: []string{"7"}, Title: "Form", Inputs: []handlers.Input{{ID: "note", Label: "Note", Long: true}}}}, nil
		}, Submit: func(_ context.Context, req handlers.Request) (handlers.Response, error) {
			body := req.Form["note"] + " #" + strings.Join(req.Args, ",")
			return handlers.Response{Ephemeral: true, Answers: []handlers.Answer{{Lang: req.Langs[0], Title: "Saved", Body: body}}}, nil
		}},
	}
}

func TestGatewayPanicAnswersAndGoesOn(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	tests := []struct {
		command, locale, want string
	}{
		{"boom", "fr", "Un problème est survenu"},
		{"fail", "en-US", "Something went wrong"},
	}
	for _, tt := range tests {
		t.Run(tt.command, func(t *testing.T) {
			_, resp := b.ask(t, discordtest.Interaction{Command: tt.command, Locale: tt.locale, GuildID: "1"})
			if !strings.Contains(resp.Data.Content, tt.want[:10]) || resp.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
				t.Errorf("got %q flags %d, want an ephemeral %q", resp.Data.Content, resp.Data.Flags, tt.want)
			}
			_, next := b.ask(t, discordtest.Interaction{Command: "ok", Locale: tt.locale})
			if len(next.Data.Embeds) != 1 {
				t.Errorf("next interaction: %d embeds, want the answer", len(next.Data.Embeds))
			}
		})
	}
	// An interaction's log line is written once its answer is sent, so it
	// may come just after the test saw the answer.
	logs := b.logs.String()
	for deadline := time.Now().Add(gwWait); strings.Count(logs, "outcome=panic") != 1 || strings.Count(logs, "outcome=error") != 1; logs = b.logs.String() {
		if time.Now().After(deadline) {
			t.Fatalf("want one panic line and one error line, got\n%s", logs)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if strings.Contains(logs, "secret") {
		t.Errorf("logs repeat the handler's words:\n%s", logs)
	}
}

func TestGatewayDefersSlowAnswers(t *testing.T) {
	slow := make(chan struct{})
	b := startGateway(t, testCommands(slow, nil), RouterOptions{InlineFiles: true, Budget: 50 * time.Millisecond})
	sent, resp := b.ask(t, discordtest.Interaction{Command: "slow", Locale: "fr"})
	if resp.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) || resp.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Fatalf("got type %d flags %d, want 5 and ephemeral", resp.Type, resp.Data.Flags)
	}
	close(slow)
	edit, err := b.fake.WaitEdit(sent.Token, gwWait)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := edit.Message()
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Slow fr" {
		t.Errorf("edit: got %+v, want the French answer", msg.Embeds)
	}
	if msg.AllowedMentions == nil || msg.AllowedMentions.Parse == nil || len(*msg.AllowedMentions.Parse) != 0 {
		t.Errorf("edit allowed_mentions: got %+v, want parse []", msg.AllowedMentions)
	}
}

func TestGatewayFiles(t *testing.T) {
	tests := []struct {
		name   string
		inline bool
	}{
		{"inline in the callback", true},
		{"deferred then edited", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: tt.inline})
			sent, err := b.fake.Interact(discordtest.Interaction{Command: "chart"})
			if err != nil {
				t.Fatal(err)
			}
			cb, err := b.fake.WaitCallback(sent.ID, gwWait)
			if err != nil {
				t.Fatal(err)
			}
			withFiles := cb
			if !tt.inline {
				if len(cb.Files) != 0 {
					t.Errorf("deferred callback carries %d files", len(cb.Files))
				}
				if withFiles, err = b.fake.WaitEdit(sent.Token, gwWait); err != nil {
					t.Fatal(err)
				}
			}
			if len(withFiles.Files) != 1 || withFiles.Files[0].Name != "chart.png" || string(withFiles.Files[0].Data) != "\x89PNG fake" {
				t.Errorf("got files %+v, want chart.png", withFiles.Files)
			}
		})
	}
}

func TestGatewayModal(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	_, resp := b.ask(t, discordtest.Interaction{Command: "form", GuildID: "1"})
	if resp.Type != int(discordgo.InteractionResponseModal) || resp.Data.CustomID != "form|7" {
		t.Fatalf("got type %d custom_id %q, want a modal form|7", resp.Type, resp.Data.CustomID)
	}
	_, done := b.ask(t, discordtest.Interaction{Type: discordtest.TypeModalSubmit, CustomID: "form|7", GuildID: "1", ModalValues: map[string]string{"note": "hello"}})
	if len(done.Data.Embeds) != 1 || done.Data.Embeds[0].Description != "hello #7" {
		t.Errorf("after the form: got %+v, want the saved note", done.Data.Embeds)
	}
}

func TestGatewayPagesLongAnswers(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	_, resp := b.ask(t, discordtest.Interaction{Command: "long", Options: []discordtest.Option{{Name: "language", Value: "both"}}})
	seen := 0
	for n := 0; ; n++ {
		if len(resp.Data.Embeds) != 2 {
			t.Fatalf("page %d: %d embeds, want French and English", n, len(resp.Data.Embeds))
		}
		total := 0
		for _, e := range resp.Data.Embeds {
			total += embedSize(e)
			seen += strings.Count(e.Description, "goes on.")
		}
		if total > maxEmbedsTotal {
			t.Errorf("page %d: %d characters, over Discord's 6,000", n, total)
		}
		next := ""
		for _, btn := range resp.Data.Buttons() {
			if strings.HasPrefix(btn.Label, "Suivant") && !btn.Disabled {
				next = btn.CustomID
			}
		}
		if next == "" {
			break
		}
		_, resp = b.ask(t, discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: next, MessageFlags: int(discordgo.MessageFlagsEphemeral)})
	}
	if want := 2 * 20 * 40; seen != want {
		t.Errorf("saw %d sentences over all pages, want %d", seen, want)
	}
}

// A request too long for a button's custom_id cannot be paged with buttons:
// its further pages come as follow-up messages.
func TestGatewaySendsPagesAsFollowupsWhenButtonsCannotCarryTheRequest(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	text := strings.Repeat("une question très longue ", 6)
	sent, resp := b.ask(t, discordtest.Interaction{Command: "long", Locale: "fr", Options: []discordtest.Option{{Name: "text", Value: text}}})
	if n := len(resp.Data.Buttons()); n != 0 {
		t.Errorf("%d buttons, want none", n)
	}
	pages := 1
	for {
		call, err := b.fake.Wait(time.Second, func(c discordtest.Call) bool {
			return c.Kind == discordtest.KindFollowup && c.Token == sent.Token
		})
		if err != nil {
			break
		}
		msg, err := call.Message()
		if err != nil {
			t.Fatal(err)
		}
		if msg.Flags&int(discordgo.MessageFlagsEphemeral) == 0 || msg.AllowedMentions == nil || msg.AllowedMentions.Parse == nil {
			t.Errorf("follow-up: flags %d, allowed_mentions %+v; want ephemeral, parse []", msg.Flags, msg.AllowedMentions)
		}
		pages++
	}
	if pages < 3 {
		t.Errorf("%d pages in all, want the whole long answer", pages)
	}
}

func TestGatewayStopsCleanlyWithAnswersInFlight(t *testing.T) {
	slow := make(chan struct{})
	started := make(chan struct{}, 1)
	b := startGateway(t, testCommands(slow, started), RouterOptions{InlineFiles: true, Budget: time.Hour})
	sent, err := b.fake.Interact(discordtest.Interaction{Command: "slow"})
	if err != nil {
		t.Fatal(err)
	}
	<-started
	b.stop()
	time.AfterFunc(100*time.Millisecond, func() { close(slow) })
	if _, err := b.fake.WaitCallback(sent.ID, gwWait); err != nil {
		t.Fatalf("the answer in flight was not delivered: %v", err)
	}
	select {
	case err := <-b.done:
		if err != nil {
			t.Errorf("run: %v", err)
		}
		b.done <- nil
	case <-time.After(gwWait):
		t.Fatal("did not stop")
	}
}

// A connection that stays open but no longer acknowledges heartbeats is dead:
// the bot must leave it and resume on a new one.
func TestGatewayLeavesAZombieConnection(t *testing.T) {
	b := startGatewayWith(t, discordtest.Options{HeartbeatInterval: 100 * time.Millisecond}, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	if err := b.fake.MuteHeartbeats(); err != nil {
		t.Fatal(err)
	}
	if _, err := b.fake.WaitKind(discordtest.KindResume, gwWait); err != nil {
		t.Fatalf("the bot stayed on the dead connection: %v\n%s", err, b.logs)
	}
	if _, resp := b.ask(t, discordtest.Interaction{Command: "ok"}); len(resp.Data.Embeds) != 1 {
		t.Errorf("after resuming: %d embeds, want the answer", len(resp.Data.Embeds))
	}
}

// Many interactions at once each get their own answer, in their own language.
func TestGatewayConcurrentInteractions(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	const n = 200
	type asked struct {
		sent discordtest.Sent
		lang string
	}
	out := make(chan asked, n)
	var wg sync.WaitGroup
	for w := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range n / 10 {
				lang := []string{"fr", "en"}[(w+i)%2]
				sent, err := b.fake.Interact(discordtest.Interaction{Command: "ok", Locale: lang})
				if err != nil {
					t.Error(err)
					return
				}
				out <- asked{sent, lang}
			}
		}()
	}
	wg.Wait()
	close(out)
	for a := range out {
		call, err := b.fake.WaitCallback(a.sent.ID, gwWait)
		if err != nil {
			t.Fatalf("interaction %s: %v", a.sent.ID, err)
		}
		resp, err := call.Response()
		if err != nil {
			t.Fatal(err)
		}
		if want := "Answer " + a.lang; len(resp.Data.Embeds) != 1 || resp.Data.Embeds[0].Title != want {
			t.Errorf("interaction %s: got %+v, want %q", a.sent.ID, resp.Data.Embeds, want)
		}
	}
}

func TestGatewayRetriesEdits(t *testing.T) {
	slow := make(chan struct{})
	close(slow)
	b := startGateway(t, testCommands(slow, nil), RouterOptions{InlineFiles: false})
	b.fake.Fail(discordtest.KindEdit, 1, discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 0.02})
	b.fake.Fail(discordtest.KindEdit, 1, discordtest.Fault{Status: http.StatusServiceUnavailable})
	sent, err := b.fake.Interact(discordtest.Interaction{Command: "chart"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.fake.WaitEdit(sent.Token, gwWait); err != nil {
		t.Fatalf("edit not delivered after a 429 and a 503: %v\n%s", err, b.logs)
	}
}

func embedSize(e *discordgo.MessageEmbed) int {
	n := size(e.Title) + size(e.Description)
	if e.Footer != nil {
		n += size(e.Footer.Text)
	}
	for _, f := range e.Fields {
		n += size(f.Name) + size(f.Value)
	}
	return n
}

func TestGatewayRefusesPastItsBound(t *testing.T) {
	slow := make(chan struct{})
	started := make(chan struct{}, 1)
	cat := testCatalog(t)
	fake, s := newFakeDiscord(t, discordtest.Options{}, "test-token")
	logs := &gwLogs{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	router := NewRouter(testCommands(slow, started), cat, s, log, RouterOptions{InlineFiles: true, Budget: 50 * time.Millisecond})
	g := NewGateway(s, router, log)
	g.MaxInFlight, g.QueueWait = 1, 100*time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- g.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	if err := fake.WaitSession(gwWait); err != nil {
		t.Fatal(err)
	}
	b := &gwBot{fake: fake, logs: logs}

	// The slow answer is deferred and keeps the only place until it is done.
	first, resp := b.ask(t, discordtest.Interaction{Command: "slow", Locale: "fr"})
	<-started
	if resp.Type != int(discordgo.InteractionResponseDeferredChannelMessageWithSource) {
		t.Fatalf("slow: type %d, want deferred", resp.Type)
	}
	for _, tt := range []struct{ locale, want string }{
		{"fr", "Le bot reçoit trop de demandes en ce moment"},
		{"en-GB", "The bot is getting too many requests right now"},
	} {
		_, busy := b.ask(t, discordtest.Interaction{Command: "ok", Locale: tt.locale})
		if busy.Data.Content != cat.Printer(locales.Match(tt.locale, "")).T("common_busy") || !strings.HasPrefix(busy.Data.Content, tt.want) {
			t.Errorf("%s: got %q, want the busy message %q…", tt.locale, busy.Data.Content, tt.want)
		}
		if busy.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 || len(busy.Data.Embeds) != 0 {
			t.Errorf("%s: busy reply flags %d, %d embeds; want private text only", tt.locale, busy.Data.Flags, len(busy.Data.Embeds))
		}
	}
	if n := strings.Count(logs.String(), "interaction refused"); n != 2 {
		t.Errorf("%d refusal lines, want 2:\n%s", n, logs)
	}

	// Once the slow answer is finished, its place is free again.
	close(slow)
	if _, err := fake.WaitEdit(first.Token, gwWait); err != nil {
		t.Fatal(err)
	}
	var next discordtest.Response
	for deadline := time.Now().Add(gwWait); ; {
		_, next = b.ask(t, discordtest.Interaction{Command: "ok", Locale: "fr"})
		if len(next.Data.Embeds) == 1 || time.Now().After(deadline) {
			break
		}
	}
	if len(next.Data.Embeds) != 1 || !strings.Contains(next.Data.Embeds[0].Title, "Answer") {
		t.Errorf("after the slow answer: %+v, want the answer", next.Data)
	}
}
