package bot

import (
	"bytes"
	"image/png"
	"mime"
	"net/http"
	"strings"
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"sanctuaire/bot/discordtest"
	"sanctuaire/chart"
	"sanctuaire/handlers"
)

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
	b := startGateway(t, cmds, RouterOptions{InlineFiles: inline})
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
