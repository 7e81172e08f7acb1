package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
	"sanctuaire/store/storetest"
)

func TestModeratorCommandDefinitions(t *testing.T) {
	cat := testCatalog(t)
	cmds := moderatorCommands(nil)
	want := map[string]string{"update": "annonce", "config": "configuration", "news": "nouvelles"}
	for _, c := range cmds {
		def := c.Definition(cat)
		t.Run(c.Name, func(t *testing.T) {
			if want[c.Name] != c.NameFR {
				t.Errorf("got French name %q, want %q", c.NameFR, want[c.Name])
			}
			checkName(t, def.Name, *def.NameLocalizations)
			checkDesc(t, def.Description, *def.DescriptionLocalizations)
			checkOptions(t, def.Options)
			perms := def.DefaultMemberPermissions
			switch c.Name {
			case "news":
				if perms != nil {
					t.Errorf("news is for members; got default_member_permissions %d", *perms)
				}
			default:
				if perms == nil || *perms != 0x20 {
					t.Errorf("got default_member_permissions %v, want Manage Server (0x20)", perms)
				}
			}
			raw, err := json.Marshal(def)
			if err != nil {
				t.Fatal(err)
			}
			if c.Name != "news" && !strings.Contains(string(raw), `"default_member_permissions":"32"`) {
				t.Errorf("definition JSON lacks default_member_permissions \"32\": %s", raw)
			}
		})
	}
}

// Test server of the end-to-end tests.
const (
	modGuild       = "910000000000000001"
	modHere        = "920000000000000001"
	modNews        = "920000000000000002"
	modGone        = "920000000000000003"
	modLocked      = "920000000000000004"
	modRole        = "930000000000000001"
	modModerator   = "940000000000000001"
	modMember      = "940000000000000002"
	modTypedSecret = "Ne-pas-journaliser-7731"
)

// modWorld is the bot wired as `run` or `serve` wires it for the moderator
// commands, over a real store and a fake Discord.
type modWorld struct {
	t       testing.TB
	fake    *discordtest.Server
	st      *store.Store
	cat     *locales.Catalog
	logs    *gwLogs
	deliver func(d map[string]any, id, token string) modResp
	next    atomic.Int64
}

// modResp is an interaction's answer as it travels: a message, or a form.
type modResp struct {
	Type discordgo.InteractionResponseType `json:"type"`
	Data struct {
		Content         string                    `json:"content"`
		Flags           discordgo.MessageFlags    `json:"flags"`
		Embeds          []*discordgo.MessageEmbed `json:"embeds"`
		AllowedMentions map[string]any            `json:"allowed_mentions"`
		CustomID        string                    `json:"custom_id"`
		Title           string                    `json:"title"`
		Components      []struct {
			Components []struct {
				Type     int    `json:"type"`
				Style    int    `json:"style"`
				CustomID string `json:"custom_id"`
				Label    string `json:"label"`
				Value    string `json:"value"`
			} `json:"components"`
		} `json:"components"`
	} `json:"data"`
}

// text is everything the answer shows, for assertions.
func (r modResp) text() string {
	parts := []string{r.Data.Content, r.Data.Title}
	for _, e := range r.Data.Embeds {
		parts = append(parts, e.Title, e.Description)
		for _, f := range e.Fields {
			parts = append(parts, f.Name, f.Value)
		}
	}
	return strings.Join(parts, "\n")
}

// input is the pre-filled value of a form's text input.
func (r modResp) input(id string) (string, bool) {
	for _, row := range r.Data.Components {
		for _, c := range row.Components {
			if c.CustomID == id {
				return c.Value, true
			}
		}
	}
	return "", false
}

// buttons lists the custom_ids of the answer's buttons.
func (r modResp) buttons() []string {
	var out []string
	for _, row := range r.Data.Components {
		for _, c := range row.Components {
			if c.Type == int(discordgo.ButtonComponent) && c.CustomID != "" {
				out = append(out, c.CustomID)
			}
		}
	}
	return out
}

type transport int

const (
	overGateway transport = iota
	overHTTP
)

func newModWorld(t testing.TB, tr transport, st *store.Store) *modWorld {
	t.Helper()
	cat := testCatalog(t)
	fake, s := newFakeDiscord(t, discordtest.Options{}, "test-token")
	w := &modWorld{t: t, fake: fake, st: st, cat: cat, logs: &gwLogs{}}
	log := slog.New(slog.NewTextHandler(w.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	// A cache as in production: Watch makes setting changes apply at once.
	servers := NewServers(st, log)
	m := handlers.NewModeration(cat, st, NewChannelPoster(s))
	router := NewRouter(moderatorCommands(m), cat, s, log, RouterOptions{
		InlineFiles: tr == overGateway, Moderator: servers.Moderator, GuildLanguage: servers.Language,
	})
	h := router
	switch tr {
	case overGateway:
		ctx, stop := context.WithCancel(context.Background())
		gw := NewGateway(s, h, log)
		done := make(chan error, 1)
		go func() { done <- gw.Run(ctx) }()
		t.Cleanup(func() {
			stop()
			if err := <-done; err != nil {
				t.Errorf("gateway: %v", err)
			}
		})
		if _, err := fake.WaitKind(discordtest.KindIdentify, 10*time.Second); err != nil {
			t.Fatalf("the bot never identified: %v", err)
		}
		w.deliver = func(d map[string]any, id, token string) modResp {
			if _, err := fake.Dispatch("INTERACTION_CREATE", d); err != nil {
				t.Fatal(err)
			}
			call, err := fake.WaitCallback(id, 10*time.Second)
			if err != nil {
				t.Fatalf("no answer to interaction %s: %v", id, err)
			}
			return w.finish(call.JSON, token)
		}
	case overHTTP:
		sg := newSigner(t)
		srv := NewInteractions(sg.pub, h, log, HTTPOptions{ApplicationID: fake.AppID})
		drainAtEnd(t, srv)
		w.deliver = func(d map[string]any, _, token string) modResp {
			body, err := json.Marshal(d)
			if err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, sg.request(string(body), time.Now()))
			if rec.Code != http.StatusOK {
				t.Fatalf("got status %d: %s", rec.Code, rec.Body)
			}
			return w.finish(rec.Body.Bytes(), token)
		}
	}
	return w
}

// finish decodes an initial response; a deferred one is completed by an edit.
func (w *modWorld) finish(raw []byte, token string) modResp {
	w.t.Helper()
	var r modResp
	if err := json.Unmarshal(raw, &r); err != nil {
		w.t.Fatalf("answer %s: %v", raw, err)
	}
	if r.Type != discordgo.InteractionResponseDeferredChannelMessageWithSource {
		return r
	}
	call, err := w.fake.WaitEdit(token, 10*time.Second)
	if err != nil {
		w.t.Fatalf("deferred answer never completed: %v", err)
	}
	if err := json.Unmarshal(call.JSON, &r.Data); err != nil {
		w.t.Fatal(err)
	}
	r.Type = discordgo.InteractionResponseChannelMessageWithSource
	return r
}

// who is the member sending an interaction.
type who struct {
	user   string
	perms  int64
	roles  []string
	locale string
}

var (
	moderator = who{user: modModerator, perms: discordgo.PermissionManageGuild | discordgo.PermissionSendMessages, locale: "fr"}
	admin     = who{user: modModerator, perms: discordgo.PermissionAdministrator, locale: "en-US"}
	aMember   = who{user: modMember, perms: discordgo.PermissionSendMessages, locale: "en-US"}
	roleMod   = who{user: modMember, perms: discordgo.PermissionSendMessages, roles: []string{"5", modRole}, locale: "en-GB"}
)

// send delivers an interaction from someone in modHere and returns the answer.
func (w *modWorld) send(by who, in discordtest.Interaction) modResp {
	w.t.Helper()
	n := w.next.Add(1)
	id := strconv.FormatInt(1_400_000_000_000_000_000+n, 10)
	token := "mod-token-" + id
	in.GuildID, in.UserID, in.Permissions, in.Locale, in.ChannelID = modGuild, by.user, by.perms, by.locale, modHere
	d := w.fake.Payload(in, id, token)
	if by.roles != nil {
		d["member"].(map[string]any)["roles"] = by.roles
	}
	r := w.deliver(d, id, token)
	if r.Type != discordgo.InteractionResponseModal {
		if r.Data.Flags&discordgo.MessageFlagsEphemeral == 0 {
			w.t.Errorf("answer is not ephemeral: %+v", r)
		}
		checkNoPings(w.t, r.Data.AllowedMentions)
	}
	return r
}

func command(cmd, sub string, opts ...discordtest.Option) discordtest.Interaction {
	return discordtest.Interaction{Command: cmd, Sub: sub, Options: opts}
}

func submit(customID string, values map[string]string) discordtest.Interaction {
	return discordtest.Interaction{Type: discordtest.TypeModalSubmit, CustomID: customID, ModalValues: values}
}

func click(customID string) discordtest.Interaction {
	return discordtest.Interaction{Type: discordtest.TypeComponent, CustomID: customID}
}

// says checks that the answer shows the message id in lang.
func (w *modWorld) says(r modResp, lang locales.Lang, id string, kv ...any) {
	w.t.Helper()
	want := w.cat.Printer(lang).T(id, kv...)
	if !strings.Contains(r.text(), want) {
		w.t.Errorf("answer does not say %q:\n%s", want, r.text())
	}
}

// channelCalls returns the channel messages, edits and deletions so far.
func (w *modWorld) channelCalls() []discordtest.Call {
	var out []discordtest.Call
	for _, c := range w.fake.Calls() {
		switch c.Kind {
		case discordtest.KindChannelMessage, discordtest.KindChannelEdit, discordtest.KindChannelDelete:
			out = append(out, c)
		}
	}
	return out
}

func (w *modWorld) update(id int64) store.Update {
	w.t.Helper()
	u, err := w.st.GetUpdate(context.Background(), modGuild, id)
	if err != nil {
		w.t.Fatalf("update %d: %v", id, err)
	}
	return u
}

func (w *modWorld) count() int {
	w.t.Helper()
	_, n, err := w.st.ListUpdates(context.Background(), modGuild, 0, 1)
	if err != nil {
		w.t.Fatal(err)
	}
	return n
}

var form = map[string]string{
	handlers.InputTitleFR: "Rassemblement samedi",
	handlers.InputTextFR:  "Rendez-vous à 14 h. @everyone @here <@&930000000000000001> " + modTypedSecret,
	handlers.InputTitleEN: "Rally on Saturday",
	handlers.InputTextEN:  "Meet at 2 p.m. @everyone @here <@&930000000000000001>",
}

// playModeration runs the moderator flows end to end.
func playModeration(t *testing.T, w *modWorld) {
	ctx := context.Background()
	fr, en := locales.FR, locales.EN
	// posted is the message of update 1, posted in the first steps.
	var posted struct{ ID string }
	// Each step starts from where the one before left the server; the
	// first that fails ends the play.
	steps := []struct {
		name string
		play func(t *testing.T)
	}{
		{"a member's forged interactions are refused", func(t *testing.T) {
			// A forged interaction: a member without Manage Server submits the form
			// of a new update (the command is hidden from them, not the endpoint).
			r := w.send(aMember, submit("update|post", form))
			w.says(r, en, "moderation_refused")
			r = w.send(aMember, command("update", "post"))
			w.says(r, en, "moderation_refused")
			r = w.send(aMember, command("config", "channel", discordtest.Option{Name: "channel", Value: modNews}))
			w.says(r, en, "moderation_refused")
			if n := w.count(); n != 0 {
				t.Fatalf("a member's forged interaction stored %d updates", n)
			}
			if s, _ := w.st.Settings(ctx, modGuild); s.UpdatesChannel != "" {
				t.Fatalf("a member's forged interaction set the channel to %q", s.UpdatesChannel)
			}
		}},
		{"posted where the moderator is", func(t *testing.T) {
			var r modResp
			// No channel set: the update goes where the moderator is.
			r = w.send(moderator, command("update", "post"))
			if r.Type != discordgo.InteractionResponseModal || r.Data.CustomID != "update|post" || r.Data.Title != w.cat.Printer(fr).T("update_form_post_title") {
				t.Fatalf("got %+v, want the French form of a new update", r)
			}
			r = w.send(moderator, submit("update|post", form))
			w.says(r, fr, "update_saved", "ID", "1")
			w.says(r, fr, "update_outcome_posted", "Channel", "<#"+modHere+">")
			calls := w.channelCalls()
			if len(calls) != 1 || calls[0].Kind != discordtest.KindChannelMessage || calls[0].ChannelID != modHere {
				t.Fatalf("got channel calls %+v, want one post in %s", calls, modHere)
			}
			checkPostJSON(t, calls[0].JSON, "Rally on Saturday", "news|show|1")
			if u := w.update(1); !u.Posted || u.ChannelID != modHere || u.MessageID == "" || u.TextFR != form[handlers.InputTextFR] {
				t.Fatalf("stored %+v, want it posted in %s", u, modHere)
			} else {
				posted.ID = u.MessageID
			}
		}},
		{"settings by an administrator", func(t *testing.T) {
			var r modResp
			// Settings, by an administrator in English.
			r = w.send(admin, command("config", "channel", discordtest.Option{Name: "channel", Value: modNews}))
			w.says(r, en, "config_channel_set", "Channel", "<#"+modNews+">")
			r = w.send(admin, command("config", "role", discordtest.Option{Name: "role", Value: modRole}))
			w.says(r, en, "config_role_set", "Role", "<@&"+modRole+">")
			r = w.send(admin, command("config", "language", discordtest.Option{Name: "default", Value: "both"}))
			w.says(r, en, "config_language_set", "Language", w.cat.Printer(en).T("config_language_both"))
			r = w.send(admin, command("config", "show"))
			w.says(r, en, "config_title")
		}},
		{"the moderator role makes a moderator", func(t *testing.T) {
			var r modResp
			// A member with the moderator role, and no Manage Server, is a moderator.
			r = w.send(roleMod, submit("update|post", map[string]string{
				handlers.InputTitleEN: "Workshop", handlers.InputTextEN: "Know your rights, Monday.",
			}))
			w.says(r, en, "update_saved", "ID", "2")
			w.says(r, en, "update_outcome_posted", "Channel", "<#"+modNews+">")
			w.says(r, en, "update_note_only_en")
			if u := w.update(2); !u.Posted || u.ChannelID != modNews {
				t.Errorf("stored %+v, want it posted in %s", u, modNews)
			}

			// The answer to a form carries no button that would send the form again
			// (a language switch did, and posted the update twice).
			if got := r.buttons(); len(got) != 0 {
				t.Errorf("got buttons %q on the answer to a form, want none", got)
			}
			if n, posts := w.count(), len(w.channelCalls()); n != 2 || posts != 2 {
				t.Fatalf("%d updates, %d posts; want 2 and 2", n, posts)
			}
		}},
		{"a missing channel, then a missing permission", func(t *testing.T) {
			var r modResp
			// The updates channel is deleted, then the bot loses its permission.
			w.fake.SetChannelStatus(modGone, http.StatusNotFound)
			w.fake.SetChannelStatus(modLocked, http.StatusForbidden)
			w.send(moderator, command("config", "channel", discordtest.Option{Name: "channel", Value: modGone}))
			r = w.send(moderator, submit("update|post", form))
			w.says(r, fr, "update_outcome_channel_missing", "Channel", "<#"+modGone+">")
			if u := w.update(3); u.Posted || u.PostError != handlers.ReasonChannelMissing {
				t.Errorf("stored %+v, want not posted: %s", u, handlers.ReasonChannelMissing)
			}
			w.send(moderator, command("config", "channel", discordtest.Option{Name: "channel", Value: modLocked}))
			r = w.send(moderator, submit("update|post", map[string]string{handlers.InputTitleFR: "Atelier", handlers.InputTextFR: "Lundi."}))
			w.says(r, fr, "update_outcome_missing_permission", "Channel", "<#"+modLocked+">")
			if u := w.update(4); u.Posted || u.PostError != handlers.ReasonMissingPermission {
				t.Errorf("stored %+v, want not posted: %s", u, handlers.ReasonMissingPermission)
			}
			w.send(moderator, command("config", "channel", discordtest.Option{Name: "channel", Value: modNews}))
		}},
		{"listed, then edited", func(t *testing.T) {
			var r modResp
			// The list, in French, then edit update 1: the form comes filled, the post is edited.
			r = w.send(moderator, command("update", "list"))
			if want := w.cat.Printer(fr).Plural("update_list_title", 4); !strings.Contains(r.text(), want) {
				t.Errorf("list does not say %q:\n%s", want, r.text())
			}
			w.says(r, fr, "update_list_not_posted", "Reason", w.cat.Printer(fr).T("update_reason_missing_permission"))
			r = w.send(moderator, command("update", "edit", discordtest.Option{Name: "id", Value: 1}))
			if v, _ := r.input(handlers.InputTextFR); r.Type != discordgo.InteractionResponseModal || v != form[handlers.InputTextFR] {
				t.Fatalf("got %+v, want the form filled with update 1", r)
			}
			edited := map[string]string{}
			for k, v := range form {
				edited[k] = v
			}
			edited[handlers.InputTextEN] = "Meet at 3 p.m. instead."
			r = w.send(moderator, submit(r.Data.CustomID, edited))
			w.says(r, fr, "update_saved_version", "ID", "1", "Version", "2")
			w.says(r, fr, "update_outcome_edited", "Channel", "<#"+modHere+">")
			call, err := w.fake.WaitKind(discordtest.KindChannelEdit, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if call.ChannelID != modHere || call.MessageID != posted.ID {
				t.Errorf("edited %s/%s, want %s/%s", call.ChannelID, call.MessageID, modHere, posted.ID)
			}
			checkPostJSON(t, call.JSON, "Rassemblement samedi", "news|show|1")
			// The same form sent again: another moderator's change came first.
			r = w.send(moderator, submit("update|edit|1|1", form))
			w.says(r, fr, "update_conflict", "ID", "1")
			if u := w.update(1); u.Version != 2 || u.TextEN != "Meet at 3 p.m. instead." {
				t.Errorf("the stale form overwrote the update: %+v", u)
			}
		}},
		{"news in the member's language", func(t *testing.T) {
			var r modResp
			// Members read the news in their language; the post's switch shows one update.
			r = w.send(aMember, command("news", ""))
			w.says(r, en, "news_title")
			if !strings.Contains(r.text(), "Meet at 3 p.m. instead.") || !strings.Contains(r.text(), "Workshop") {
				t.Errorf("news lacks the updates:\n%s", r.text())
			}
			frMember := aMember
			frMember.locale = "fr"
			// The server chose both languages: a member whose locale is neither
			// French nor English reads both, French first; others read their own.
			esMember := aMember
			esMember.locale = "es-ES"
			for _, tt := range []struct {
				by   who
				want []locales.Lang
			}{
				{esMember, []locales.Lang{fr, en}},
				{frMember, []locales.Lang{fr}},
				{aMember, []locales.Lang{en}},
			} {
				var want, got []string
				for _, l := range tt.want {
					want = append(want, w.cat.Printer(l).T("news_title"))
				}
				for _, e := range w.send(tt.by, command("news", "")).Data.Embeds {
					if e.Title != "" {
						got = append(got, e.Title)
					}
				}
				if diff := cmp.Diff(want, got); diff != "" {
					t.Errorf("news for locale %s: embed titles (-want +got):\n%s", tt.by.locale, diff)
				}
			}
			r = w.send(frMember, click("news|show|2"))
			w.says(r, fr, "news_only_en")
		}},
		{"deleted after confirming", func(t *testing.T) {
			var r modResp
			// Delete update 1: asked to confirm with a red button; a member's forged
			// click is refused, Cancel keeps it, Confirm deletes it and its post.
			r = w.send(moderator, command("update", "delete", discordtest.Option{Name: "id", Value: 1}))
			confirm, cancel := "update|delete|confirm|1", "update|delete|cancel|1"
			// The language switch asks again in the other language; the row after
			// it holds the handler's buttons.
			if diff := cmp.Diff([]string{"a|0|en|update|delete|id=1", confirm, cancel}, r.buttons()); r.Type != discordgo.InteractionResponseChannelMessageWithSource || diff != "" {
				t.Fatalf("got type %d and buttons (-want +got):\n%s", r.Type, diff)
			}
			if style := r.Data.Components[1].Components[0].Style; style != int(discordgo.DangerButton) {
				t.Errorf("got Confirm in style %d, want %d (danger)", style, discordgo.DangerButton)
			}
			w.says(r, fr, "update_delete_post_too", "Channel", "<#"+modHere+">")
			onAnswer := func(id string) discordtest.Interaction {
				in := click(id)
				in.MessageFlags = int(discordgo.MessageFlagsEphemeral)
				return in
			}
			r = w.send(aMember, onAnswer(confirm))
			w.says(r, en, "moderation_refused")
			r = w.send(moderator, onAnswer(cancel))
			if r.Type != discordgo.InteractionResponseUpdateMessage || len(r.buttons()) != 0 {
				t.Errorf("got type %d with buttons %q, want the question replaced, with no buttons", r.Type, r.buttons())
			}
			w.says(r, fr, "update_delete_cancelled", "ID", "1")
			if n := w.count(); n != 4 {
				t.Fatalf("asking to confirm, a forged click or Cancel deleted something: %d updates left", n)
			}
			r = w.send(moderator, onAnswer(confirm))
			if r.Type != discordgo.InteractionResponseUpdateMessage || len(r.buttons()) != 0 {
				t.Errorf("got type %d with buttons %q, want the question replaced, with no buttons", r.Type, r.buttons())
			}
			w.says(r, fr, "update_deleted", "ID", "1")
			w.says(r, fr, "update_post_removed")
			call, err := w.fake.WaitKind(discordtest.KindChannelDelete, 5*time.Second)
			if err != nil {
				t.Fatal(err)
			}
			if call.MessageID != posted.ID {
				t.Errorf("deleted message %s, want %s", call.MessageID, posted.ID)
			}
			if _, err := w.st.GetUpdate(ctx, modGuild, 1); !errors.Is(err, store.ErrNotFound) {
				t.Errorf("update 1 still stored: %v", err)
			}
		}},
		{"long lists paged", func(t *testing.T) {
			var r modResp
			// Long lists are paged with buttons; each page is checked again on the
			// server side, so a member's forged click gets the refusal.
			for i := range 30 {
				u := store.Update{Guild: modGuild, TitleEN: fmt.Sprintf("Bulletin %02d", i), TextEN: strings.Repeat("Details. ", 40), TitleFR: fmt.Sprintf("Bulletin %02d", i), TextFR: strings.Repeat("Détails. ", 40)}
				if _, err := w.st.CreateUpdate(ctx, u, modModerator); err != nil {
					t.Fatal(err)
				}
			}
			for _, tt := range []struct {
				who   who
				cmd   discordtest.Interaction
				first string // on the first page only
				last  string // on the last page only
			}{
				{moderator, command("update", "list"), "Bulletin 29", "Workshop"},
				{aMember, command("news", ""), "Bulletin 29", "Bulletin 05"}, // the latest 25, on more than one page
			} {
				r = w.send(tt.who, tt.cmd)
				if !strings.Contains(r.text(), tt.first) || strings.Contains(r.text(), tt.last) {
					t.Errorf("%s: first page lacks %q or shows %q:\n%s", tt.cmd.Command, tt.first, tt.last, r.text())
				}
				next := ""
				for _, id := range r.buttons() {
					if strings.HasPrefix(id, "a|1|") {
						next = id
					}
				}
				if next == "" {
					t.Fatalf("%s: no button to the next page in %v", tt.cmd.Command, r.buttons())
				}
				page := click(next)
				page.MessageFlags = int(discordgo.MessageFlagsEphemeral)
				r = w.send(tt.who, page)
				if r.Type != discordgo.InteractionResponseUpdateMessage || !strings.Contains(r.text(), tt.last) || strings.Contains(r.text(), tt.first) {
					t.Errorf("%s: second page (type %d) lacks %q or shows %q:\n%s", tt.cmd.Command, r.Type, tt.last, tt.first, r.text())
				}
				if tt.cmd.Command == "update" {
					// The page's language travels in the button: French, as the moderator's.
					r = w.send(aMember, page)
					w.says(r, fr, "moderation_refused")
				}
			}
		}},
		{"no post mentions anyone", func(t *testing.T) {
			// Every post, edit and deletion disallowed mentions.
			for _, c := range w.channelCalls() {
				if c.Kind == discordtest.KindChannelDelete || c.Status >= 300 {
					continue
				}
				var m struct {
					AllowedMentions map[string]any `json:"allowed_mentions"`
				}
				if err := json.Unmarshal(c.JSON, &m); err != nil {
					t.Fatal(err)
				}
				checkNoPings(t, m.AllowedMentions)
			}
		}},
		{"the audit log names moderators only", func(t *testing.T) {
			// The audit log names the moderators, and only them.
			entries, err := w.st.Audit(ctx, modGuild, 100)
			if err != nil {
				t.Fatal(err)
			}
			for _, e := range entries {
				if e.ModeratorID != modModerator && e.ModeratorID != modMember {
					t.Errorf("audit entry by %q", e.ModeratorID)
				}
			}
			if len(entries) < 10 {
				t.Errorf("got %d audit entries, want one per change (at least 10)", len(entries))
			}
		}},
		{"the logs hold no ID and nothing typed", func(t *testing.T) {
			// The logs carry no ID and nothing typed.
			logs := w.logs.String()
			for _, s := range []string{modModerator, modMember, modTypedSecret, "Rassemblement", modNews, modRole} {
				if strings.Contains(logs, s) {
					t.Errorf("logs contain %q:\n%s", s, logs)
				}
			}
		}},
	}
	for _, s := range steps {
		if !t.Run(s.name, s.play) {
			return
		}
	}
}

// TestModerationEndToEnd runs the moderator flows over the gateway and over
// signed HTTP interactions, on SQLite and on PostgreSQL.
func TestModerationEndToEnd(t *testing.T) {
	stores := []struct {
		name string
		open func(t testing.TB) *store.Store
	}{
		{"sqlite", openSQLiteStore},
		{"postgres", openPostgresStore},
	}
	transports := []struct {
		name string
		tr   transport
	}{{"gateway", overGateway}, {"http", overHTTP}}
	for _, s := range stores {
		for _, tr := range transports {
			t.Run(s.name+"/"+tr.name, func(t *testing.T) {
				st := s.open(t)
				playModeration(t, newModWorld(t, tr.tr, st))
			})
		}
	}
}

func openSQLiteStore(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "sanctuaire.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	return st
}

// openPostgresStore opens the store in a schema of its own on the server
// SANCTUAIRE_TEST_DATABASE_URL names. Without a reachable server the test
// fails under CI and is skipped, saying why, elsewhere.
func openPostgresStore(t testing.TB) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenPostgres(ctx, storetest.FreshSchema(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.Migrate(ctx); err != nil {
		t.Fatal(fmt.Errorf("migrate: %w", err))
	}
	return st
}

// BenchmarkModerationHTTP measures signed interactions end to end, on
// SQLite and on PostgreSQL: a moderator's new update (stored, audited,
// posted to the fake Discord) and a member's news.
func BenchmarkModerationHTTP(b *testing.B) {
	for _, backend := range []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", openSQLiteStore}, {"postgres", openPostgresStore}} {
		b.Run(backend.name, func(b *testing.B) {
			w := newModWorld(b, overHTTP, backend.open(b))
			b.Run("update-post", func(b *testing.B) {
				n := 0
				for b.Loop() {
					n++
					r := w.send(moderator, submit("update|post", map[string]string{
						handlers.InputTitleFR: "Annonce " + strconv.Itoa(n), handlers.InputTextFR: "Texte de l'annonce.",
						handlers.InputTitleEN: "Update " + strconv.Itoa(n), handlers.InputTextEN: "The update's text.",
					}))
					if r.Type != discordgo.InteractionResponseChannelMessageWithSource {
						b.Fatalf("got answer type %d", r.Type)
					}
				}
			})
			b.Run("news", func(b *testing.B) {
				for b.Loop() {
					if r := w.send(aMember, command("news", "")); len(r.Data.Embeds) == 0 {
						b.Fatal("no news")
					}
				}
			})
		})
	}
}
