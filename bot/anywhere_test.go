package bot

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/locales"
)

// Installation contexts, as authorizing_integration_owners keys them.
const (
	serverInstall = 0
	memberInstall = 1
)

// signed sends in, written as the fake Discord writes interactions, to the
// signed endpoint and returns the answer, finished when it was deferred.
func (l *live) signed(t *testing.T, in discordtest.Interaction) wire {
	t.Helper()
	n := l.next.Add(1)
	token := "token-" + strconv.FormatInt(n, 10)
	raw, err := json.Marshal(l.fake.Payload(in, strconv.FormatInt(810000000000000000+n, 10), token))
	if err != nil {
		t.Fatal(err)
	}
	status, got := l.post(string(raw))
	if status != http.StatusOK {
		t.Fatalf("got status %d (%s), want 200", status, got.raw)
	}
	got, _ = l.finish(t, token, got)
	if got.Data == nil {
		t.Fatalf("answer %s has no data", got.raw)
	}
	return got
}

// A member who added the app to their own account asks in a direct message,
// where there is no server and so no server settings: the answer follows the
// member's locale, and English when it is neither French nor English. In a
// server that did not add the app and lets its members' apps answer privately
// only, a shared answer stays private and says why.
func TestHTTPMemberCommandsAnywhere(t *testing.T) {
	var settingsRead atomic.Int32
	l := newLive(t, nil, RouterOptions{GuildLanguage: func(string) []locales.Lang {
		settingsRead.Add(1)
		return []locales.Lang{locales.FR}
	}})
	frNote := l.cat.Printer(locales.FR).T("common_private_here")
	enNote := l.cat.Printer(locales.EN).T("common_private_here")
	police := []discordtest.Option{{Name: "topic", Value: "police-cbsa"}}
	shared := append(police, discordtest.Option{Name: "share", Value: true})
	own := map[int]string{memberInstall: askerID}
	tests := []struct {
		name      string
		in        discordtest.Interaction
		title     string // message ID of the answer's title
		lang      locales.Lang
		ephemeral bool
		note      string
	}{
		{
			name:  "bot's direct messages, French locale",
			in:    discordtest.Interaction{Command: "rights", Options: police, Locale: "fr", Installs: map[int]string{memberInstall: askerID, serverInstall: "0"}, Context: 1},
			title: "rights_police", lang: locales.FR, ephemeral: true,
		},
		{
			name:  "direct message between two people, Spanish locale",
			in:    discordtest.Interaction{Command: "rights", Options: police, Locale: "es-ES", Installs: own, Context: 2},
			title: "rights_police", lang: locales.EN, ephemeral: true,
		},
		{
			name:  "direct message between two people, shared",
			in:    discordtest.Interaction{Command: "rights", Options: shared, Locale: "fr", Installs: own, Context: 2},
			title: "rights_police", lang: locales.FR, ephemeral: false,
		},
		{
			name: "server without the app, its members' apps private only, shared",
			in: discordtest.Interaction{Command: "rights", Options: shared, Locale: "fr", GuildID: guildID, Installs: own,
				Permissions: discordgo.PermissionSendMessages},
			title: "rights_police", lang: locales.FR, ephemeral: true, note: frNote,
		},
		{
			name: "server without the app, its members' apps private only, English",
			in: discordtest.Interaction{Command: "rights", Options: shared, Locale: "en-GB", GuildID: guildID, Installs: own,
				Permissions: discordgo.PermissionSendMessages},
			title: "rights_police", lang: locales.EN, ephemeral: true, note: enNote,
		},
		{
			name: "server without the app, its members' apps allowed, shared",
			in: discordtest.Interaction{Command: "rights", Options: shared, Locale: "fr", GuildID: guildID, Installs: own,
				Permissions: discordgo.PermissionSendMessages | discordgo.PermissionUseExternalApps},
			title: "rights_police", lang: locales.FR, ephemeral: false,
		},
		{
			name: "server that added the app, shared",
			in: discordtest.Interaction{Command: "rights", Options: shared, Locale: "fr", GuildID: guildID,
				Installs: map[int]string{serverInstall: guildID, memberInstall: askerID}},
			title: "rights_police", lang: locales.FR, ephemeral: false,
		},
	}
	kb, _ := content(t)
	topic, ok := kb.Topic("police-cbsa")
	if !ok {
		t.Fatal("no topic police-cbsa")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.in.UserID, tt.in.Username = askerID, askerName
			got := l.signed(t, tt.in)
			checkMessage(t, got, tt.ephemeral)
			if want := topic.Title.In(string(tt.lang)); len(got.Data.Embeds) == 0 || !strings.Contains(got.Data.Embeds[0].Title, want) {
				t.Errorf("got embeds %+v, want the topic %q", got.Data.Embeds, want)
			}
			if got.Data.Content != tt.note {
				t.Errorf("got content %q, want %q", got.Data.Content, tt.note)
			}
		})
	}
	if n := settingsRead.Load(); n != 0 {
		t.Errorf("server settings read %d times, want none: in direct messages there are none, and French and English locales need none", n)
	}
	if err := l.srv.Drain(context.Background()); err != nil {
		t.Fatal(err)
	}
	if logs := l.logs.String(); strings.Contains(logs, askerID) || strings.Contains(logs, askerName) || strings.Contains(logs, guildID) {
		t.Errorf("logs name the member or the server:\n%s", logs)
	}
}

// Discord takes at most five follow-ups for an interaction that only the
// member's own install authorised: a long answer that must come as follow-ups
// stops at five, the last saying the rest was left out. From a server's
// install, every page comes.
func TestGatewayMemberInstallFollowupLimit(t *testing.T) {
	b := startGateway(t, testCommands(nil, nil), RouterOptions{InlineFiles: true})
	text := strings.Repeat("une question très longue ", 6)
	opts := []discordtest.Option{{Name: "text", Value: text}, {Name: "language", Value: "both"}}
	cut := testCatalog(t).Printer(locales.FR).T("common_answer_cut")
	tests := []struct {
		name     string
		installs map[int]string
		capped   bool
	}{
		{"member's own install", map[int]string{memberInstall: "200000000000000002"}, true},
		{"server's install", map[int]string{serverInstall: "0", memberInstall: "200000000000000002"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := strings.Count(b.logs.String(), "command=long")
			sent, _ := b.ask(t, discordtest.Interaction{Command: "long", Locale: "fr", Options: opts, Installs: tt.installs, Context: 1})
			// The interaction's log line comes once every follow-up was sent.
			for deadline := time.Now().Add(gwWait); strings.Count(b.logs.String(), "command=long") == before; {
				if time.Now().After(deadline) {
					t.Fatalf("no log line for the answer:\n%s", b.logs)
				}
				time.Sleep(10 * time.Millisecond)
			}
			var followups []discordgo.WebhookParams
			for _, c := range b.fake.Calls() {
				if c.Kind == discordtest.KindFollowup && c.Token == sent.Token {
					var p discordgo.WebhookParams
					if err := c.Decode(&p); err != nil {
						t.Fatal(err)
					}
					followups = append(followups, p)
				}
			}
			if tt.capped {
				if len(followups) != maxUserFollowups {
					t.Fatalf("got %d follow-ups, want %d", len(followups), maxUserFollowups)
				}
				for n, p := range followups {
					if want := map[bool]string{true: cut}[n == len(followups)-1]; p.Content != want {
						t.Errorf("follow-up %d: got content %q, want %q", n+1, p.Content, want)
					}
				}
				if !strings.Contains(b.logs.String(), "outcome=followups_capped") {
					t.Errorf("no followups_capped outcome in the logs:\n%s", b.logs)
				}
				return
			}
			if len(followups) <= maxUserFollowups {
				t.Fatalf("got %d follow-ups; the answer needs more than %d for this test to mean anything", len(followups), maxUserFollowups)
			}
			for n, p := range followups {
				if p.Content != "" {
					t.Errorf("follow-up %d: got content %q, want none", n+1, p.Content)
				}
			}
		})
	}
	if strings.Contains(b.logs.String(), "très longue") {
		t.Errorf("logs repeat the question:\n%s", b.logs)
	}
}
