package bot

import (
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

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
