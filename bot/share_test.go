package bot

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// The member who shares, and where, in the share tests: none of it may reach
// a post, a custom_id or a log line.
const (
	sharerID      = "230000000000000023"
	sharerName    = "sam.discret"
	shareGuild    = "240000000000000024"
	shareChannel  = "250000000000000025"
	otherChannel  = "250000000000000026"
	typedQuestion = "est-ce que la police peut appeler l'ASFC pour mon cousin"
)

// everything the bot needs to post in a channel.
const canPost = discordgo.PermissionViewChannel | discordgo.PermissionSendMessages | discordgo.PermissionEmbedLinks

// shareBot is a gateway bot over the real command table.
func shareBot(t *testing.T, opts RouterOptions) *gwBot {
	kb, cat := content(t)
	opts.InlineFiles = true
	return startGateway(t, Commands(handlers.New(kb, cat, nil), nil), opts)
}

// inServer is an interaction of the sharer in a server that added the app.
func inServer(in discordtest.Interaction) discordtest.Interaction {
	in.GuildID, in.ChannelID, in.UserID, in.Username, in.Locale = shareGuild, shareChannel, sharerID, sharerName, "fr"
	if in.Installs == nil {
		in.Installs = map[int]string{serverInstall: shareGuild, memberInstall: sharerID}
	}
	if in.AppPermissions == 0 {
		in.AppPermissions = canPost
	}
	return in
}

// clickOn is a click on the button labelled label of msg, from the same place as in.
func clickOn(t *testing.T, in discordtest.Interaction, msg *discordtest.MessageData, label string) discordtest.Interaction {
	t.Helper()
	for _, b := range msg.Buttons() {
		if b.Label == label {
			in.Type, in.CustomID, in.MessageFlags, in.Options = discordtest.TypeComponent, b.CustomID, msg.Flags, nil
			return in
		}
	}
	t.Fatalf("no button %q in %+v", label, msg.Buttons())
	return in
}

// TestGatewayShareWithoutName follows the whole flow: a private answer, its
// Share button, the two ways, and the bot's own post in the channel, which
// holds the answer and nothing of the member: no ID, no name, nothing typed,
// no mention, no button that comes back to the bot.
func TestGatewayShareWithoutName(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	kb, cat := content(t)
	p := cat.Printer(locales.FR)
	topic, _ := kb.Topic("police-cbsa")
	ask := inServer(discordtest.Interaction{Command: "question", Options: []discordtest.Option{{Name: "text", Value: typedQuestion}}})
	_, answer := b.ask(t, ask)
	if answer.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 || len(answer.Data.Embeds) == 0 || answer.Data.Embeds[0].Title != topic.Title.FR {
		t.Fatalf("got %+v, want the private answer on %q", answer.Data, topic.Title.FR)
	}
	_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
	if choose.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || choose.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Fatalf("got type %d flags %d, want a new private message: the answer stays", choose.Type, choose.Data.Flags)
	}
	if choose.Data.Content != p.T("share_choose") || len(choose.Data.Buttons()) != 2 {
		t.Fatalf("got %q with %+v, want both ways", choose.Data.Content, choose.Data.Buttons())
	}
	anon := clickOn(t, ask, choose.Data, p.T("share_without_name"))
	sent, call, resp := b.callback(t, anon)
	if resp.Type != int(discordgo.InteractionResponseDeferredMessageUpdate) {
		t.Fatalf("got %s, want the choice acknowledged", call.JSON)
	}
	post, err := b.fake.WaitKind(discordtest.KindChannelMessage, gwWait)
	if err != nil {
		t.Fatal(err)
	}
	if post.ChannelID != shareChannel {
		t.Errorf("posted in %s, want the channel asked in", post.ChannelID)
	}
	msg, err := post.Message()
	if err != nil {
		t.Fatal(err)
	}
	if len(msg.Embeds) == 0 || msg.Embeds[0].Title != topic.Title.FR || msg.Flags&int(discordgo.MessageFlagsEphemeral) != 0 {
		t.Errorf("post: got %+v, want the answer for everyone", msg)
	}
	if msg.AllowedMentions == nil || msg.AllowedMentions.Parse == nil || len(*msg.AllowedMentions.Parse) != 0 {
		t.Errorf("post allowed_mentions: got %+v, want parse []", msg.AllowedMentions)
	}
	for _, btn := range msg.Buttons() {
		if btn.CustomID != "" || btn.URL == "" {
			t.Errorf("post button %+v: want links only", btn)
		}
	}
	for _, w := range []string{sharerID, sharerName, "cousin", typedQuestion} {
		if strings.Contains(string(post.JSON), w) {
			t.Errorf("the post holds %q:\n%s", w, post.JSON)
		}
		for _, c := range []discordtest.MessageData{*answer.Data, *choose.Data} {
			for _, btn := range c.Buttons() {
				if strings.Contains(btn.CustomID, w) {
					t.Errorf("button %q carries %q: %s", btn.Label, w, btn.CustomID)
				}
			}
		}
	}
	edit, err := b.fake.WaitEdit(sent.Token, gwWait)
	if err != nil {
		t.Fatal(err)
	}
	if done, _ := edit.Message(); done.Content != p.T("share_posted") || len(done.Buttons()) != 0 {
		t.Errorf("after posting: got %q %+v, want %q and no buttons", done.Content, done.Buttons(), p.T("share_posted"))
	}
	waitLogLines(t, b, "kind=component", 2)
	for _, w := range []string{sharerID, sharerName, shareChannel, shareGuild, "cousin"} {
		if strings.Contains(b.logs.String(), w) {
			t.Errorf("logs hold %q:\n%s", w, b.logs)
		}
	}
}

// TestGatewayShareWithName shares as the member: the answer itself, for
// everyone, as the share option gives it.
func TestGatewayShareWithName(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	kb, cat := content(t)
	p := cat.Printer(locales.FR)
	topic, _ := kb.Topic("police-cbsa")
	ask := inServer(discordtest.Interaction{Command: "rights", Options: []discordtest.Option{{Name: "topic", Value: "police-cbsa"}}})
	_, answer := b.ask(t, ask)
	_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
	_, shared := b.ask(t, clickOn(t, ask, choose.Data, p.T("share_with_name")))
	if shared.Type != int(discordgo.InteractionResponseChannelMessageWithSource) || shared.Data.Flags&int(discordgo.MessageFlagsEphemeral) != 0 {
		t.Fatalf("got type %d flags %d, want a message for everyone", shared.Type, shared.Data.Flags)
	}
	if len(shared.Data.Embeds) == 0 || shared.Data.Embeds[0].Title != topic.Title.FR {
		t.Errorf("got %+v, want the answer", shared.Data.Embeds)
	}
	for _, btn := range shared.Data.Buttons() {
		if btn.Label == p.T("share_button") {
			t.Errorf("a shared answer offers Share again")
		}
	}
	for _, c := range b.fake.Calls() {
		if c.Kind == discordtest.KindChannelMessage {
			t.Errorf("the bot posted in a channel: %s", c.JSON)
		}
	}
}

// TestGatewayShareWhereTheBotCannotPost: in a direct message, or a server
// that did not add the app, only sharing with one's name is offered; where
// the bot lacks a permission, or the channel refuses its post, the member is
// told privately; an answer that repeats what was typed offers no Share.
func TestGatewayShareWhereTheBotCannotPost(t *testing.T) {
	b := shareBot(t, RouterOptions{})
	_, cat := content(t)
	p := cat.Printer(locales.FR)
	rights := []discordtest.Option{{Name: "topic", Value: "police-cbsa"}}
	t.Run("direct message", func(t *testing.T) {
		ask := discordtest.Interaction{Command: "rights", Options: rights, Locale: "fr", Installs: map[int]string{memberInstall: sharerID}, Context: 2}
		_, answer := b.ask(t, ask)
		_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
		if choose.Data.Content != p.T("share_choose_named_only") || len(choose.Data.Buttons()) != 1 {
			t.Errorf("got %q with %+v, want sharing with one's name only", choose.Data.Content, choose.Data.Buttons())
		}
	})
	t.Run("server without the app", func(t *testing.T) {
		ask := inServer(discordtest.Interaction{Command: "rights", Options: rights, Installs: map[int]string{memberInstall: sharerID},
			Permissions: discordgo.PermissionUseExternalApps})
		_, answer := b.ask(t, ask)
		_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
		if len(choose.Data.Buttons()) != 1 {
			t.Errorf("got %+v, want sharing with one's name only", choose.Data.Buttons())
		}
	})
	t.Run("server without the app, its members' apps private only", func(t *testing.T) {
		ask := inServer(discordtest.Interaction{Command: "rights", Options: rights, Installs: map[int]string{memberInstall: sharerID}})
		_, answer := b.ask(t, ask)
		for _, btn := range answer.Data.Buttons() {
			if btn.Label == p.T("share_button") {
				t.Errorf("Share offered where no answer can be shared")
			}
		}
	})
	t.Run("no permission to post", func(t *testing.T) {
		ask := inServer(discordtest.Interaction{Command: "rights", Options: rights, AppPermissions: discordgo.PermissionViewChannel})
		_, answer := b.ask(t, ask)
		_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
		_, said := b.ask(t, clickOn(t, ask, choose.Data, p.T("share_without_name")))
		if said.Type != int(discordgo.InteractionResponseUpdateMessage) || said.Data.Content != p.T("share_no_permission") {
			t.Errorf("got type %d %q, want %q in place of the choice", said.Type, said.Data.Content, p.T("share_no_permission"))
		}
	})
	t.Run("channel refuses the post", func(t *testing.T) {
		b.fake.SetChannelStatus(otherChannel, http.StatusForbidden)
		ask := inServer(discordtest.Interaction{Command: "rights", Options: rights})
		ask.ChannelID = otherChannel
		_, answer := b.ask(t, ask)
		_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
		sent, _, _ := b.callback(t, clickOn(t, ask, choose.Data, p.T("share_without_name")))
		edit, err := b.fake.WaitEdit(sent.Token, gwWait)
		if err != nil {
			t.Fatal(err)
		}
		if m, _ := edit.Message(); m.Content != p.T("share_no_permission") {
			t.Errorf("got %q, want %q", m.Content, p.T("share_no_permission"))
		}
	})
	t.Run("unknown name", func(t *testing.T) {
		_, answer := b.ask(t, inServer(discordtest.Interaction{Command: "city", Options: []discordtest.Option{{Name: "name", Value: "Atlantide"}}}))
		for _, btn := range answer.Data.Buttons() {
			if btn.Label == p.T("share_button") {
				t.Errorf("Share offered on an answer that repeats what was typed")
			}
		}
	})
	for _, c := range b.fake.Calls() {
		if c.Kind == discordtest.KindChannelMessage && c.Status < 300 {
			t.Errorf("the bot posted: %s", c.JSON)
		}
	}
}

// TestGatewayShareRateLimitedByChannel: past the limit, a channel gets no more
// anonymous posts for a while, whoever asks; another channel still does.
func TestGatewayShareRateLimitedByChannel(t *testing.T) {
	b := shareBot(t, RouterOptions{SharesPerChannel: 1, ShareWindow: time.Hour})
	_, cat := content(t)
	p := cat.Printer(locales.FR)
	share := func(channel, user string) string {
		ask := inServer(discordtest.Interaction{Command: "rights", Options: []discordtest.Option{{Name: "topic", Value: "lawyer"}}})
		ask.ChannelID, ask.UserID = channel, user
		_, answer := b.ask(t, ask)
		_, choose := b.ask(t, clickOn(t, ask, answer.Data, p.T("share_button")))
		sent, _, resp := b.callback(t, clickOn(t, ask, choose.Data, p.T("share_without_name")))
		if resp.Data != nil {
			return resp.Data.Content
		}
		edit, err := b.fake.WaitEdit(sent.Token, gwWait)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := edit.Message()
		return m.Content
	}
	for _, tt := range []struct{ channel, user, want string }{
		{shareChannel, sharerID, "share_posted"},
		{shareChannel, "230000000000000099", "share_too_often"},
		{otherChannel, sharerID, "share_posted"},
	} {
		if got := share(tt.channel, tt.user); got != p.T(tt.want) {
			t.Errorf("channel %s, member %s: got %q, want %q", tt.channel, tt.user, got, p.T(tt.want))
		}
	}
}

func TestChannelLimit(t *testing.T) {
	l := newChannelLimit(2, time.Minute)
	now := time.Date(2026, 12, 4, 12, 0, 0, 0, time.UTC)
	l.now = func() time.Time { return now }
	steps := []struct {
		after   time.Duration
		channel string
		want    bool
	}{
		{0, "a", true},
		{time.Second, "a", true},
		{time.Second, "a", false},
		{0, "b", true},
		{58 * time.Second, "a", true}, // the first post is a minute old
		{0, "a", false},
		{2 * time.Minute, "c", true}, // a and b are past the window: forgotten
	}
	for n, s := range steps {
		now = now.Add(s.after)
		if got := l.allow(s.channel); got != s.want {
			t.Errorf("step %d (%s): got %v, want %v", n+1, s.channel, got, s.want)
		}
	}
	for k := range l.posts {
		if k != "c" {
			t.Errorf("the limit keeps %q, want the channel with posts in the window only", k)
		}
	}
}

// TestHTTPShareWithoutName posts an answer without a name through signed HTTP
// interactions, as `serve` answers them.
func TestHTTPShareWithoutName(t *testing.T) {
	l := newLiveToken(t, nil, RouterOptions{}, "test-token")
	p := l.cat.Printer(locales.EN)
	ask := inServer(discordtest.Interaction{Command: "support", Options: []discordtest.Option{{Name: "city", Value: "montreal"}}})
	ask.Locale = "en-US"
	answer := l.signed(t, ask)
	choose := l.signed(t, wireClick(t, ask, answer, p.T("share_button")))
	done := l.signed(t, wireClick(t, ask, choose, p.T("share_without_name")))
	if done.Data.Content != p.T("share_posted") {
		t.Errorf("got %q, want %q", done.Data.Content, p.T("share_posted"))
	}
	post, err := l.fake.WaitKind(discordtest.KindChannelMessage, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := post.Message()
	if len(msg.Embeds) == 0 || len(msg.Buttons()) == 0 {
		t.Errorf("post: got %+v, want the organisations and their link buttons", msg)
	}
	for _, w := range []string{sharerID, sharerName} {
		if strings.Contains(string(post.JSON), w) || strings.Contains(l.logs.String(), w) {
			t.Errorf("the post or the logs hold %q", w)
		}
	}
}

// wireClick is a click on the button labelled label of an answer got over HTTP.
func wireClick(t *testing.T, in discordtest.Interaction, got wire, label string) discordtest.Interaction {
	t.Helper()
	for _, row := range got.Data.Components {
		for _, b := range row.Components {
			if b.Label == label {
				in.Type, in.CustomID, in.MessageFlags, in.Options = discordtest.TypeComponent, b.CustomID, int(got.Data.Flags), nil
				return in
			}
		}
	}
	t.Fatalf("no button %q in %s", label, got.raw)
	return in
}
