package bot

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
)

// TestPostEmbed lays out posts as one embed within Discord's limits: the
// other language in fields at paragraphs, nothing lost, the note of an
// update in one language above its text.
func TestPostEmbed(t *testing.T) {
	paras := func(sentence string, per, n int) string {
		p := strings.TrimSpace(strings.Repeat(sentence, per))
		return strings.Repeat(p+"\n\n", n-1) + p
	}
	long := paras("Une phrase de l'annonce, assez longue pour compter. ", 9, 6)
	en := paras("A sentence of the update, long enough to count. ", 9, 5)
	post := handlers.Post{Title: strings.Repeat("T", 256), Text: long, Other: &handlers.PostPart{Title: "Title", Text: en}, Footer: "Update #1 · Annonce nº 1"}
	p := &ChannelPoster{}
	if used, most := p.Room(post); used > most || used != 256+size(long)+5+size(en) {
		t.Fatalf("room: got %d of %d, want the four texts' units within the post", used, most)
	}
	e := postEmbed(post)
	total := size(e.Title) + size(e.Description) + size(e.Footer.Text)
	var rejoined []string
	for i, f := range e.Fields {
		if size(f.Value) > maxFieldValue {
			t.Errorf("field of %d units, Discord allows %d", size(f.Value), maxFieldValue)
		}
		if want := map[bool]string{true: "Title", false: emptyName}[i == 0]; f.Name != want {
			t.Errorf("field %d named %q, want %q", i, f.Name, want)
		}
		total += size(f.Name) + size(f.Value)
		rejoined = append(rejoined, f.Value)
	}
	if total > maxEmbedsTotal || size(e.Description) > maxDescription || len(e.Fields) > maxFields || len(e.Fields) < 2 {
		t.Errorf("post of %d units, description %d, %d fields: beyond Discord's limits, or not cut", total, size(e.Description), len(e.Fields))
	}
	if got := strings.Join(rejoined, "\n\n"); got != en {
		t.Errorf("English text cut or changed in the fields:\ngot  %q\nwant %q", got, en)
	}
	if e.Description != long || e.Title != post.Title {
		t.Errorf("French text changed in the title or description")
	}

	one := postEmbed(handlers.Post{Title: "Contrôles", Text: "Près du métro.", Note: "Only in French.", Footer: "Annonce nº 2"})
	want := &discordgo.MessageEmbed{Title: "Contrôles", Description: "*Only in French.*\n\nPrès du métro.", Footer: &discordgo.MessageEmbedFooter{Text: "Annonce nº 2"}}
	if diff := cmp.Diff(want, one); diff != "" {
		t.Errorf("post in one language (-want +got):\n%s", diff)
	}
}

// TestChannelPoster posts, edits and deletes through a fake Discord: no
// mention is ever allowed, and Discord's 404 and 403 become the errors the
// handlers explain.
func TestChannelPoster(t *testing.T) {
	fake, s := newFakeDiscord(t, discordtest.Options{}, "test-token")
	p := NewChannelPoster(s)
	ctx := context.Background()
	post := handlers.Post{
		Title: "Raid @everyone", Text: "Stay home @here <@&123> <@456>", Footer: "Update #1",
		Other:  &handlers.PostPart{Title: "In English", Text: "@everyone"},
		Button: &handlers.Button{Click: &handlers.Click{Command: "news", Args: []string{"show", "1"}}, Label: "Français / English"},
	}
	id, err := p.Post(ctx, "c1", post)
	if err != nil {
		t.Fatal(err)
	}
	call, err := fake.WaitKind(discordtest.KindChannelMessage, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if call.ChannelID != "c1" || id == "" {
		t.Errorf("got channel %q, message %q", call.ChannelID, id)
	}
	checkPostJSON(t, call.JSON, "Raid @everyone", "news|show|1")

	if err := p.Edit(ctx, "c1", id, post); err != nil {
		t.Fatal(err)
	}
	call, err = fake.WaitKind(discordtest.KindChannelEdit, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if call.MessageID != id {
		t.Errorf("edited message %q, want %q", call.MessageID, id)
	}
	checkPostJSON(t, call.JSON, "Raid @everyone", "news|show|1")
	if err := p.Delete(ctx, "c1", id); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.WaitKind(discordtest.KindChannelDelete, 5*time.Second); err != nil {
		t.Fatal(err)
	}

	fake.SetChannelStatus("gone", http.StatusNotFound)
	fake.SetChannelStatus("locked", http.StatusForbidden)
	for _, tt := range []struct {
		ch   string
		want error
	}{{"gone", handlers.ErrChannelMissing}, {"locked", handlers.ErrMissingPermission}} {
		if _, err := p.Post(ctx, tt.ch, post); !errors.Is(err, tt.want) {
			t.Errorf("post in %s: got %v, want %v", tt.ch, err, tt.want)
		}
		if err := p.Edit(ctx, tt.ch, "1", post); !errors.Is(err, tt.want) {
			t.Errorf("edit in %s: got %v, want %v", tt.ch, err, tt.want)
		}
		if err := p.Delete(ctx, tt.ch, "1"); !errors.Is(err, tt.want) {
			t.Errorf("delete in %s: got %v, want %v", tt.ch, err, tt.want)
		}
	}

	// A rate limit is waited out; a server error on a post is not retried,
	// since the message may have been posted.
	fake.Fail(discordtest.KindChannelMessage, 1, discordtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: 0.01})
	if _, err := p.Post(ctx, "c2", post); err != nil {
		t.Errorf("post after a rate limit: %v", err)
	}
	fake.Fail(discordtest.KindChannelMessage, 1, discordtest.Fault{Status: http.StatusInternalServerError})
	if _, err := p.Post(ctx, "c3", post); err == nil || errors.Is(err, handlers.ErrChannelMissing) {
		t.Errorf("post after a server error: got %v, want a plain error", err)
	}
	n := 0
	for _, c := range fake.Calls() {
		if c.Kind == discordtest.KindChannelMessage && c.ChannelID == "c3" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("got %d posts in c3, want 1 (no retry after a server error)", n)
	}
}

// checkPostJSON checks a channel message the bot sent: mentions all
// disallowed, one embed, the switch button.
func checkPostJSON(t testing.TB, raw []byte, title, customID string) {
	t.Helper()
	var msg struct {
		AllowedMentions map[string]any            `json:"allowed_mentions"`
		Embeds          []*discordgo.MessageEmbed `json:"embeds"`
		Components      []struct {
			Components []wireButton `json:"components"`
		} `json:"components"`
	}
	if err := json.Unmarshal(raw, &msg); err != nil {
		t.Fatal(err)
	}
	checkNoPings(t, msg.AllowedMentions)
	if len(msg.Embeds) != 1 || msg.Embeds[0].Title != title {
		t.Errorf("got embeds %s, want one titled %q", raw, title)
	}
	if len(msg.Components) != 1 || len(msg.Components[0].Components) != 1 || msg.Components[0].Components[0].CustomID != customID {
		t.Errorf("got components %s, want one button %q", raw, customID)
	}
}

// checkNoPings checks allowed_mentions: "parse" empty, no user or role
// listed, no reply ping.
func checkNoPings(t testing.TB, am map[string]any) {
	t.Helper()
	if diff := cmp.Diff([]any{}, am["parse"]); diff != "" {
		t.Errorf("allowed_mentions.parse (-want +got):\n%s", diff)
	}
	for _, k := range []string{"users", "roles"} {
		if v, ok := am[k]; ok && len(v.([]any)) > 0 {
			t.Errorf("allowed_mentions.%s = %v, want none", k, v)
		}
	}
	if v, ok := am["replied_user"]; ok && v != false {
		t.Errorf("allowed_mentions.replied_user = %v, want false", v)
	}
}
