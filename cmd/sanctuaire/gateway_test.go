package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
)

const (
	testToken = "test-token-NEVER-LOGGED"
	wait      = 15 * time.Second
)

// lockedBuffer collects what the program writes, from several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// running is `sanctuaire run` connected to a fake Discord.
type running struct {
	fake   *discordtest.Server
	stderr *lockedBuffer
	stdout *lockedBuffer
	stop   context.CancelFunc
	done   chan error
}

func startRun(t *testing.T, extraEnv map[string]string, args ...string) *running {
	t.Helper()
	fake := discordtest.New(discordtest.Options{})
	t.Cleanup(fake.Close)
	env := map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(),
		"SANCTUAIRE_DATA": filepath.Join(t.TempDir(), "sanctuaire.db")}
	for k, v := range extraEnv {
		env[k] = v
	}
	r := &running{fake: fake, stderr: &lockedBuffer{}, stdout: &lockedBuffer{}, done: make(chan error, 1)}
	ctx, cancel := context.WithCancel(context.Background())
	r.stop = cancel
	e := newEnv(env, r.stdout, r.stderr)
	go func() { r.done <- cmdRun(ctx, e, args) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-r.done:
		case <-time.After(wait):
			t.Error("run did not stop")
		}
	})
	session := make(chan error, 1)
	go func() { session <- fake.WaitSession(wait) }()
	select {
	case err := <-session:
		if err != nil {
			t.Fatalf("the bot never identified: %v\nstderr:\n%s", err, r.stderr)
		}
	case err := <-r.done:
		r.done <- err
		t.Fatalf("run stopped before identifying: %v\nstderr:\n%s", err, r.stderr)
	}
	return r
}

func newEnv(vars map[string]string, stdout, stderr *lockedBuffer) env {
	return env{getenv: func(k string) string { return vars[k] }, stdout: stdout, stderr: stderr}
}

// ask delivers an interaction and returns the delivered callback's body.
func (r *running) ask(t *testing.T, in discordtest.Interaction) (discordtest.Sent, discordtest.Response) {
	t.Helper()
	sent, err := r.fake.Interact(in)
	if err != nil {
		t.Fatalf("interact: %v", err)
	}
	call, err := r.fake.WaitCallback(sent.ID, wait)
	if err != nil {
		t.Fatalf("no callback for /%s: %v\nstderr:\n%s", in.Command, err, r.stderr)
	}
	resp, err := call.Response()
	if err != nil {
		t.Fatal(err)
	}
	if resp.Data == nil {
		t.Fatalf("callback without data: %s", call.JSON)
	}
	return sent, resp
}

func TestRunRegistersCommands(t *testing.T) {
	r := startRun(t, map[string]string{"DISCORD_GUILD_ID": "700000000000000007"})
	call, err := r.fake.WaitKind(discordtest.KindCommands, wait)
	if err != nil {
		t.Fatal(err)
	}
	if call.GuildID != "700000000000000007" || call.AppID != r.fake.AppID {
		t.Errorf("registered to app %q guild %q, want app %q guild 700000000000000007", call.AppID, call.GuildID, r.fake.AppID)
	}
	if got := call.Header.Get("Authorization"); got != "Bot "+testToken {
		t.Errorf("authorization %q, want the bot token", got)
	}
	var defs []discordgo.ApplicationCommand
	if err := call.Decode(&defs); err != nil {
		t.Fatal(err)
	}
	byName := map[string]discordgo.ApplicationCommand{}
	for _, d := range defs {
		byName[d.Name] = d
	}
	tests := []struct{ name, fr string }{
		{"city", "ville"}, {"stats", "statistiques"}, {"support", "soutien"},
		{"rights", "droits"}, {"question", "question"}, {"about", "a-propos"},
		{"update", "annonce"}, {"config", "configuration"}, {"news", "nouvelles"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := byName[tt.name]
			if !ok {
				t.Fatalf("command %s not registered; got %d commands", tt.name, len(defs))
			}
			if d.NameLocalizations == nil || (*d.NameLocalizations)[discordgo.French] != tt.fr {
				t.Errorf("French name: got %v, want %q", d.NameLocalizations, tt.fr)
			}
			// Only moderators see update and config; members see the rest.
			moderators := tt.name == "update" || tt.name == "config"
			if got := d.DefaultMemberPermissions != nil && *d.DefaultMemberPermissions == discordgo.PermissionManageGuild; got != moderators {
				t.Errorf("default_member_permissions: got %v, want Manage Server: %v", d.DefaultMemberPermissions, moderators)
			}
			if d.DescriptionLocalizations == nil || (*d.DescriptionLocalizations)[discordgo.French] == "" ||
				(*d.DescriptionLocalizations)[discordgo.French] == d.Description {
				t.Errorf("French description: got %v for English %q", d.DescriptionLocalizations, d.Description)
			}
		})
	}
	ident, err := r.fake.WaitKind(discordtest.KindIdentify, wait)
	if err != nil {
		t.Fatal(err)
	}
	var id struct {
		Intents discordgo.Intent `json:"intents"`
	}
	if err := ident.Decode(&id); err != nil {
		t.Fatal(err)
	}
	if id.Intents != discordgo.IntentsGuilds {
		t.Errorf("intents: got %d, want %d (Guilds only)", id.Intents, discordgo.IntentsGuilds)
	}
}

func TestRunAnswersInTheMembersLanguage(t *testing.T) {
	r := startRun(t, nil)
	tests := []struct {
		name, locale string
		opts         []discordtest.Option
		wantLang     string // a word the answer must contain
		ephemeral    bool
	}{
		{"fr", "fr", nil, "Montréal", true},
		{"en-US", "en-US", nil, "Montreal", true},
		{"shared", "en-GB", []discordtest.Option{{Name: "share", Value: true}}, "Montreal", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := append([]discordtest.Option{{Name: "name", Value: "montreal"}}, tt.opts...)
			_, resp := r.ask(t, discordtest.Interaction{Command: "city", Options: opts, Locale: tt.locale, GuildID: "700000000000000007", UserID: "811111111111111118", Username: "asker"})
			if resp.Type != int(discordgo.InteractionResponseChannelMessageWithSource) {
				t.Fatalf("type %d, want 4", resp.Type)
			}
			if got := resp.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0; got != tt.ephemeral {
				t.Errorf("ephemeral %v, want %v", got, tt.ephemeral)
			}
			if len(resp.Data.Embeds) != 1 {
				t.Fatalf("%d embeds, want 1", len(resp.Data.Embeds))
			}
			pages := r.pages(t, resp, tt.locale)
			text := ""
			for _, e := range pages {
				text += e.Title + e.Description
				for _, f := range e.Fields {
					text += f.Name + f.Value
				}
			}
			if !strings.Contains(text, tt.wantLang) {
				t.Errorf("answer %q does not contain %q", text, tt.wantLang)
			}
			found := false
			for _, f := range pages[len(pages)-1].Fields {
				found = found || strings.HasPrefix(f.Name, "Sources (")
			}
			if !found {
				t.Errorf("no Sources view on the last of %d pages", len(pages))
			}
			if am := resp.Data.AllowedMentions; am == nil || am.Parse == nil || len(*am.Parse) != 0 {
				t.Errorf("allowed_mentions: got %+v, want {\"parse\": []}", am)
			}
		})
	}
}

func TestRunFrenchAndEnglishDiffer(t *testing.T) {
	r := startRun(t, nil)
	_, fr := r.ask(t, discordtest.Interaction{Command: "about", Locale: "fr", GuildID: "700000000000000007"})
	_, en := r.ask(t, discordtest.Interaction{Command: "about", Locale: "en-US", GuildID: "700000000000000007"})
	_, both := r.ask(t, discordtest.Interaction{Command: "about", Locale: "en-US", Options: []discordtest.Option{{Name: "language", Value: "both"}}})
	if fr.Data.Embeds[0].Title == en.Data.Embeds[0].Title {
		t.Errorf("same title in French and English: %q", fr.Data.Embeds[0].Title)
	}
	if len(both.Data.Embeds) != 2 || both.Data.Embeds[0].Title != fr.Data.Embeds[0].Title || both.Data.Embeds[1].Title != en.Data.Embeds[0].Title {
		t.Errorf("language:both: got %d embeds, want French then English", len(both.Data.Embeds))
	}
}

func TestRunSendsChartsWithTheAnswer(t *testing.T) {
	r := startRun(t, nil)
	sent, err := r.fake.Interact(discordtest.Interaction{Command: "stats", Locale: "fr", Options: []discordtest.Option{{Name: "force", Value: "spvm"}}})
	if err != nil {
		t.Fatal(err)
	}
	// The chart goes in the callback, or in the edit when drawing it was slow.
	call, err := r.fake.Wait(wait, func(c discordtest.Call) bool {
		return (c.InteractionID == sent.ID || c.Token == sent.Token) && len(c.Files) > 0 && c.Status < 300
	})
	if err != nil {
		t.Fatalf("no chart sent: %v\nstderr:\n%s", err, r.stderr)
	}
	f := call.Files[0]
	if !strings.HasSuffix(f.Name, ".png") || !bytes.HasPrefix(f.Data, []byte("\x89PNG")) {
		t.Errorf("got file %q starting %q, want a PNG", f.Name, f.Data[:min(8, len(f.Data))])
	}
	if !strings.Contains(string(call.JSON), "attachment://"+f.Name) {
		t.Errorf("the answer does not show %s: %s", f.Name, call.JSON)
	}
}

func TestRunAutocomplete(t *testing.T) {
	r := startRun(t, nil)
	_, resp := r.ask(t, discordtest.Interaction{
		Type: discordtest.TypeAutocomplete, Command: "city", Locale: "fr",
		Options: []discordtest.Option{{Name: "name", Value: "montr", Focused: true}},
	})
	if resp.Type != int(discordgo.InteractionApplicationCommandAutocompleteResult) {
		t.Fatalf("type %d, want 8", resp.Type)
	}
	if len(resp.Data.Choices) == 0 || len(resp.Data.Choices) > 25 {
		t.Fatalf("%d choices, want 1 to 25", len(resp.Data.Choices))
	}
	if got := resp.Data.Choices[0].Name; !strings.HasPrefix(got, "Montréal") {
		t.Errorf("first choice %q, want Montréal first", got)
	}
}

func TestRunLanguageSwitchButton(t *testing.T) {
	r := startRun(t, nil)
	_, resp := r.ask(t, discordtest.Interaction{Command: "city", Locale: "fr", Options: []discordtest.Option{{Name: "name", Value: "montreal"}}})
	id := switchButton(t, resp)
	_, again := r.ask(t, discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: id, Locale: "fr", MessageFlags: int(discordgo.MessageFlagsEphemeral)})
	if again.Type != int(discordgo.InteractionResponseUpdateMessage) {
		t.Fatalf("type %d, want 7 (update the ephemeral answer)", again.Type)
	}
	if got, first := again.Data.Embeds[0].Title, resp.Data.Embeds[0].Title; got == first || !strings.Contains(got, "Montreal") {
		t.Errorf("after the switch: title %q, was %q; want the English answer", got, first)
	}
	// On a shared answer the clicker gets a private copy.
	_, private := r.ask(t, discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: id, Locale: "fr"})
	if private.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || private.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Errorf("on a shared answer: type %d flags %d, want 4 and ephemeral", private.Type, private.Data.Flags)
	}
}

// pages follows the Next buttons of an answer and returns its embeds, page after page.
func (r *running) pages(t *testing.T, resp discordtest.Response, locale string) []*discordgo.MessageEmbed {
	t.Helper()
	out := append([]*discordgo.MessageEmbed(nil), resp.Data.Embeds...)
	for n := 0; n < 20; n++ {
		next := ""
		for _, b := range resp.Data.Buttons() {
			if (b.Label == "Next" || b.Label == "Suivant") && !b.Disabled {
				next = b.CustomID
			}
		}
		if next == "" {
			return out
		}
		_, resp = r.ask(t, discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: next, Locale: locale, MessageFlags: int(discordgo.MessageFlagsEphemeral)})
		if resp.Type != int(discordgo.InteractionResponseUpdateMessage) {
			t.Fatalf("Next: type %d, want 7", resp.Type)
		}
		out = append(out, resp.Data.Embeds...)
	}
	t.Fatal("more than 20 pages")
	return nil
}

func switchButton(t *testing.T, resp discordtest.Response) string {
	t.Helper()
	for _, b := range resp.Data.Buttons() {
		if b.Label == "English" || b.Label == "Français" {
			return b.CustomID
		}
	}
	t.Fatalf("no language button in %+v", resp.Data.Components)
	return ""
}

func TestRunSurvivesGatewayTrouble(t *testing.T) {
	r := startRun(t, nil)
	r.ask(t, discordtest.Interaction{Command: "about"})
	tests := []struct {
		name  string
		fault func() error
		want  string // what the bot must do on the gateway afterwards
	}{
		{"op 7 reconnect", r.fake.Reconnect, discordtest.KindResume},
		{"op 9 not resumable", func() error { return r.fake.InvalidSession(false) }, discordtest.KindIdentify},
		{"op 9 resumable", func() error { return r.fake.InvalidSession(true) }, discordtest.KindIdentify},
		{"op 9 then closed", func() error { return r.fake.InvalidSessionAndClose(false) }, discordtest.KindIdentify},
		{"dropped socket", r.fake.Drop, discordtest.KindResume},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Forget the gateway calls made so far.
			for {
				if _, err := r.fake.Wait(0, func(c discordtest.Call) bool {
					return c.Kind == discordtest.KindIdentify || c.Kind == discordtest.KindResume
				}); err != nil {
					break
				}
			}
			if err := tt.fault(); err != nil {
				t.Fatal(err)
			}
			if _, err := r.fake.WaitKind(tt.want, wait); err != nil {
				t.Fatalf("after %s the bot did not %s: %v\nstderr:\n%s", tt.name, tt.want, err, r.stderr)
			}
			_, resp := r.ask(t, discordtest.Interaction{Command: "about", Locale: "fr"})
			if len(resp.Data.Embeds) != 1 {
				t.Errorf("after %s: %d embeds, want an answer", tt.name, len(resp.Data.Embeds))
			}
		})
	}
}

func TestRunRetriesRateLimitedCallback(t *testing.T) {
	r := startRun(t, nil)
	r.fake.Fail(discordtest.KindCallback, 2, discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 0.05})
	r.fake.Fail(discordtest.KindCallback, 1, discordtest.Fault{Status: http.StatusInternalServerError})
	sent, resp := r.ask(t, discordtest.Interaction{Command: "about"})
	if len(resp.Data.Embeds) != 1 {
		t.Errorf("%d embeds, want the answer", len(resp.Data.Embeds))
	}
	attempts := callbacks(r.fake, sent.ID)
	if attempts != 4 {
		t.Errorf("%d attempts, want 4 (two 429, one 500, then delivered)", attempts)
	}
}

func TestRunGivesUpOnEndlessRateLimit(t *testing.T) {
	r := startRun(t, nil)
	r.fake.Fail(discordtest.KindCallback, 100, discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 0.01})
	sent, err := r.fake.Interact(discordtest.Interaction{Command: "about"})
	if err != nil {
		t.Fatal(err)
	}
	// The bot logs one line per interaction when it is done with it.
	deadline := time.Now().Add(wait)
	for !strings.Contains(r.stderr.String(), "respond_failed") {
		if time.Now().After(deadline) {
			t.Fatalf("no respond_failed line\nstderr:\n%s", r.stderr)
		}
		time.Sleep(10 * time.Millisecond)
	}
	attempts := callbacks(r.fake, sent.ID)
	if attempts != 4 {
		t.Errorf("%d attempts, want 4 (one try and three retries)", attempts)
	}
}

func TestRunLogsNothingPersonal(t *testing.T) {
	r := startRun(t, map[string]string{"DISCORD_GUILD_ID": "700000000000000007"}, "--log-format", "json")
	secret := []discordtest.Interaction{
		{Command: "question", Options: []discordtest.Option{{Name: "text", Value: "my brother zyxwvut was stopped by police"}}},
		{Command: "city", Options: []discordtest.Option{{Name: "name", Value: "Qwertyville"}}},
		{Type: discordtest.TypeAutocomplete, Command: "city", Options: []discordtest.Option{{Name: "name", Value: "plughxyz", Focused: true}}},
	}
	for _, in := range secret {
		in.GuildID, in.UserID, in.Username, in.Locale = "700000000000000007", "833333333333333338", "Ufrobnitz", "fr"
		r.ask(t, in)
	}
	// An event discordgo cannot decode: its line and the bot's go through
	// the JSON logger, without the payload.
	if _, err := r.fake.Dispatch("INTERACTION_CREATE", json.RawMessage(`{"id":"9","type":3,"token":"tok-9","data":"zyxwvut"}`)); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(15 * time.Second); !strings.Contains(r.stderr.String(), `"msg":"discordgo"`) ||
		!strings.Contains(r.stderr.String(), `"msg":"interaction dropped"`); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("no JSON line from discordgo and for the dropped interaction:\n%s", r.stderr)
		}
	}
	r.stop()
	if err := <-r.done; err != nil {
		t.Fatalf("run: %v", err)
	}
	r.done <- nil // for the cleanup
	logs := r.stderr.String()
	for _, s := range []string{"833333333333333338", "Ufrobnitz", "zyxwvut", "Qwertyville", "plughxyz", "tok-", testToken} {
		if strings.Contains(logs, s) {
			t.Errorf("logs contain %q:\n%s", s, logs)
		}
	}
	lines := 0
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Errorf("not a JSON line: %q", line)
			continue
		}
		if m["msg"] == "interaction" {
			lines++
			if m["command"] == "" || m["outcome"] == nil || m["latency_ms"] == nil {
				t.Errorf("interaction line without command, outcome or latency: %q", line)
			}
		}
	}
	if lines != len(secret) {
		t.Errorf("%d interaction lines, want %d", lines, len(secret))
	}
}

func TestRunStopsCleanly(t *testing.T) {
	r := startRun(t, nil)
	r.stop()
	select {
	case err := <-r.done:
		if err != nil {
			t.Errorf("run returned %v, want nil", err)
		}
		r.done <- nil
	case <-time.After(wait):
		t.Fatal("run did not stop")
	}
	if !strings.Contains(r.stderr.String(), "event=stopped") {
		t.Errorf("no stopped line in\n%s", r.stderr)
	}
}

func TestRunNeedsToken(t *testing.T) {
	err := cmdRun(context.Background(), newEnv(map[string]string{}, &lockedBuffer{}, &lockedBuffer{}), nil)
	if err == nil || !strings.Contains(err.Error(), "DISCORD_TOKEN") {
		t.Errorf("got %v, want an error naming DISCORD_TOKEN", err)
	}
}

func TestRegisterPrint(t *testing.T) {
	out := &lockedBuffer{}
	if err := cmdRegister(context.Background(), newEnv(map[string]string{}, out, &lockedBuffer{}), []string{"--print"}); err != nil {
		t.Fatal(err)
	}
	var defs []discordgo.ApplicationCommand
	if err := json.Unmarshal([]byte(out.String()), &defs); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if len(defs) < 6 || defs[0].Name != "city" {
		t.Errorf("got %d definitions starting with %q, want the table", len(defs), defs[0].Name)
	}
}

// registerOnFake runs `sanctuaire register` against a fake Discord and
// returns the fake with the request that pushed the commands.
func registerOnFake(t *testing.T) (*discordtest.Server, discordtest.Call) {
	t.Helper()
	fake := discordtest.New(discordtest.Options{})
	t.Cleanup(fake.Close)
	env := newEnv(map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL()}, &lockedBuffer{}, &lockedBuffer{})
	if err := cmdRegister(context.Background(), env, nil); err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitKind(discordtest.KindCommands, wait)
	if err != nil {
		t.Fatal(err)
	}
	return fake, call
}

func TestRegisterPushes(t *testing.T) {
	fake, call := registerOnFake(t)
	if call.GuildID != "" || call.Path != "/api/v9/applications/"+fake.AppID+"/commands" {
		t.Errorf("pushed to %s, want the global commands", call.Path)
	}
}

// callbacks counts the attempts to answer interaction id, delivered or not.
func callbacks(fake *discordtest.Server, id string) int {
	n := 0
	for _, c := range fake.Calls() {
		if c.Kind == discordtest.KindCallback && c.InteractionID == id {
			n++
		}
	}
	return n
}

// discordName is Discord's pattern for command and option names.
var discordName = regexp.MustCompile(`^[-_\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// TestRegistrationFollowsDiscordRules checks the payload as it went on the
// wire, for every command the program registers, against what Discord
// refuses: a command breaking one of these rules fails the whole bulk overwrite.
func TestRegistrationFollowsDiscordRules(t *testing.T) {
	_, call := registerOnFake(t)
	var cmds []map[string]any
	if err := call.Decode(&cmds); err != nil {
		t.Fatal(err)
	}
	if len(cmds) == 0 || len(cmds) > 100 {
		t.Fatalf("%d commands, want 1 to 100", len(cmds))
	}
	for _, c := range cmds {
		name, _ := c["name"].(string)
		t.Run(name, func(t *testing.T) {
			if c["type"] == float64(discordgo.MessageApplicationCommand) {
				checkMessageCommand(t, c)
				return
			}
			total := checkWire(t, c, map[string]bool{})
			if total > 8000 {
				t.Errorf("%d characters in names, descriptions, localizations and choices; Discord allows 8,000", total)
			}
		})
	}
}

// checkMessageCommand checks a message command as it went on the wire: a
// name of 1 to 32 characters in every locale (capitals and spaces allowed),
// and no description or options, which Discord refuses on one.
func checkMessageCommand(t *testing.T, c map[string]any) {
	t.Helper()
	names := []any{c["name"]}
	loc, _ := c["name_localizations"].(map[string]any)
	for _, v := range loc {
		names = append(names, v)
	}
	for _, v := range names {
		n, _ := v.(string)
		if l := utf8.RuneCountInString(n); l < 1 || l > 32 || strings.TrimSpace(n) != n {
			t.Errorf("name %q: want 1-32 characters", n)
		}
	}
	for _, key := range []string{"description", "description_localizations"} {
		if v, ok := c[key]; ok {
			t.Errorf("got %s %v, want none", key, v)
		}
	}
	if opts, _ := c["options"].([]any); len(opts) > 0 {
		t.Errorf("got %d options, want none", len(opts))
	}
}

// checkWire checks one command or option and its options, and returns the
// characters it counts towards the 8,000 limit. siblings holds the names,
// default and localized, already used by the options beside it.
func checkWire(t *testing.T, o map[string]any, siblings map[string]bool) int {
	t.Helper()
	name, _ := o["name"].(string)
	desc, _ := o["description"].(string)
	total := utf8.RuneCountInString(name) + utf8.RuneCountInString(desc)
	names := []string{name}
	if loc, ok := o["name_localizations"].(map[string]any); ok {
		for _, v := range loc {
			s, _ := v.(string)
			names = append(names, s)
			total += utf8.RuneCountInString(s)
		}
	}
	for _, n := range names {
		if !discordName.MatchString(n) || strings.ToLower(n) != n {
			t.Errorf("name %q: want lowercase, 1-32 characters of Discord's pattern", n)
		}
	}
	if siblings["default:"+name] {
		t.Errorf("name %q used twice", name)
	}
	siblings["default:"+name] = true
	if loc, ok := o["name_localizations"].(map[string]any); ok {
		for lang, v := range loc {
			key := lang + ":" + v.(string)
			if siblings[key] {
				t.Errorf("localized name %q (%s) used twice", v, lang)
			}
			siblings[key] = true
		}
	}
	descs := []string{desc}
	if loc, ok := o["description_localizations"].(map[string]any); ok {
		for _, v := range loc {
			s, _ := v.(string)
			descs = append(descs, s)
			total += utf8.RuneCountInString(s)
		}
	}
	for _, d := range descs {
		if n := utf8.RuneCountInString(d); n < 1 || n > 100 || strings.HasPrefix(d, "[") {
			t.Errorf("%s: description %q: want 1-100 characters of text", name, d)
		}
	}
	choices, _ := o["choices"].([]any)
	if len(choices) > 25 {
		t.Errorf("%s: %d choices, Discord allows 25", name, len(choices))
	}
	for _, ch := range choices {
		m := ch.(map[string]any)
		cn, _ := m["name"].(string)
		total += utf8.RuneCountInString(cn) + utf8.RuneCountInString(fmt.Sprint(m["value"]))
		if n := utf8.RuneCountInString(cn); n < 1 || n > 100 {
			t.Errorf("%s: choice %q: want 1-100 characters", name, cn)
		}
		if loc, ok := m["name_localizations"].(map[string]any); ok {
			for _, v := range loc {
				total += utf8.RuneCountInString(v.(string))
			}
		}
	}
	opts, _ := o["options"].([]any)
	if len(opts) > 25 {
		t.Errorf("%s: %d options, Discord allows 25", name, len(opts))
	}
	inner := map[string]bool{}
	for _, sub := range opts {
		total += checkWire(t, sub.(map[string]any), inner)
	}
	return total
}

// TestRegisterFitsTheApplication registers where Discord accepts it: without
// User Install in the portal, member commands go from servers' installs only
// (and the log says why); on one server, without contexts or integration
// types, which Discord takes for global commands only.
func TestRegisterFitsTheApplication(t *testing.T) {
	tests := []struct {
		name      string
		installs  map[string]any
		guild     string
		wantTypes any
		wantLog   string
	}{
		{"user install on", map[string]any{"0": map[string]any{}, "1": map[string]any{}}, "", []any{0.0, 1.0}, ""},
		{"user install off", map[string]any{"0": map[string]any{}}, "", []any{0.0}, "user_install_off"},
		{"one server", map[string]any{"0": map[string]any{}}, "900000000000000009", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := discordtest.New(discordtest.Options{Installs: tt.installs})
			t.Cleanup(fake.Close)
			stderr := &lockedBuffer{}
			env := newEnv(map[string]string{"DISCORD_TOKEN": testToken, "DISCORD_API_URL": fake.URL(), "DISCORD_GUILD_ID": tt.guild}, &lockedBuffer{}, stderr)
			if err := cmdRegister(context.Background(), env, nil); err != nil {
				t.Fatal(err)
			}
			call, err := fake.WaitKind(discordtest.KindCommands, wait)
			if err != nil {
				t.Fatal(err)
			}
			var cmds []map[string]any
			if err := call.Decode(&cmds); err != nil {
				t.Fatal(err)
			}
			for _, c := range cmds {
				if c["name"] != "rights" {
					continue
				}
				if diff := cmp.Diff(tt.wantTypes, c["integration_types"]); diff != "" {
					t.Errorf("rights integration_types (-want +got):\n%s", diff)
				}
				if _, ok := c["contexts"]; ok == (tt.guild != "") {
					t.Errorf("rights contexts %v, want them only for global commands", c["contexts"])
				}
			}
			if got := strings.Contains(stderr.String(), "user_install_off"); got != (tt.wantLog != "") {
				t.Errorf("log %q: want user_install_off %v", stderr.String(), tt.wantLog != "")
			}
		})
	}
}
