package main

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot/discordtest"
	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
	"sanctuaire/store/storetest"
)

const (
	modGuild   = "700000000000000077"
	modChannel = "300000000000000033"
	modUser    = "200000000000000022"
)

// asModerator makes in come from a member with Manage Server, in French.
func asModerator(in discordtest.Interaction) discordtest.Interaction {
	in.GuildID, in.ChannelID, in.UserID, in.Locale = modGuild, modChannel, modUser, "fr"
	in.Permissions = discordgo.PermissionManageGuild | discordgo.PermissionSendMessages
	return in
}

// asMember makes in come from a member without moderator rights, in French.
func asMember(in discordtest.Interaction) discordtest.Interaction {
	in.GuildID, in.ChannelID, in.UserID, in.Locale = modGuild, modChannel, "200000000000000023", "fr"
	in.Permissions = discordgo.PermissionSendMessages
	return in
}

var (
	openPost   = discordtest.Interaction{Command: "update", Sub: "post"}
	submitPost = discordtest.Interaction{Type: discordtest.TypeModalSubmit, CustomID: "update|post", ModalValues: map[string]string{
		handlers.InputTitleFR: "Rassemblement samedi", handlers.InputTextFR: "Rendez-vous à 14 h devant l'hôtel de ville.",
		handlers.InputTitleEN: "Rally on Saturday", handlers.InputTextEN: "Meet at 2 p.m. in front of city hall.",
	}}
	askNews = discordtest.Interaction{Command: "news"}
)

// said is everything an answer shows.
func said(r discordtest.Response) string {
	if r.Data == nil {
		return ""
	}
	parts := []string{r.Data.Content, r.Data.Title}
	for _, e := range r.Data.Embeds {
		parts = append(parts, e.Title, e.Description)
		for _, f := range e.Fields {
			parts = append(parts, f.Name, f.Value)
		}
	}
	return strings.Join(parts, "\n")
}

func frenchSays(t *testing.T, r discordtest.Response, id string, kv ...any) {
	t.Helper()
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if want := cat.Printer(locales.FR).T(id, kv...); !strings.Contains(said(r), want) {
		t.Errorf("answer does not say %q:\n%s", want, said(r))
	}
}

// postUpdate opens the form of `update post`, submits it and returns the
// answer; extra is added to the French text, which otherwise is the same
// every time (the same text sent twice is one update).
func postUpdate(t *testing.T, ask func(discordtest.Interaction) discordtest.Response, extra ...string) discordtest.Response {
	t.Helper()
	form := ask(asModerator(openPost))
	if form.Type != int(discordgo.InteractionResponseModal) || form.Data.CustomID != "update|post" {
		t.Fatalf("got %+v, want the form of a new update", form)
	}
	submit := submitPost
	submit.ModalValues = map[string]string{}
	for k, v := range submitPost.ModalValues {
		submit.ModalValues[k] = v
	}
	submit.ModalValues[handlers.InputTextFR] += strings.Join(extra, "")
	return ask(asModerator(submit))
}

// TestRunPostsUpdatesAndKeepsThem runs `sanctuaire run --data` on a new
// SQLite file: a moderator posts an update through the form, a member is
// refused; after a restart on the same file, `news` still lists the update.
func TestRunPostsUpdatesAndKeepsThem(t *testing.T) {
	data := filepath.Join(t.TempDir(), "updates.db")
	r := startRun(t, nil, "--data", data)
	ask := func(in discordtest.Interaction) discordtest.Response {
		_, resp := r.ask(t, in)
		return resp
	}

	refused := ask(asMember(openPost))
	frenchSays(t, refused, "moderation_refused")

	answer := postUpdate(t, ask)
	frenchSays(t, answer, "update_saved", "ID", "1")
	frenchSays(t, answer, "update_outcome_posted", "Channel", "<#"+modChannel+">")
	if answer.Data.Flags&int(discordgo.MessageFlagsEphemeral) == 0 {
		t.Errorf("the moderator's confirmation is not ephemeral")
	}
	post, err := r.fake.WaitKind(discordtest.KindChannelMessage, wait)
	if err != nil {
		t.Fatalf("nothing posted: %v", err)
	}
	msg, err := post.Message()
	if err != nil {
		t.Fatal(err)
	}
	// One embed with both languages, English first (the server chose no language).
	if post.ChannelID != modChannel || len(msg.Embeds) != 1 || msg.Embeds[0].Title != "Rally on Saturday" ||
		len(msg.Embeds[0].Fields) == 0 || msg.Embeds[0].Fields[0].Name != "Rassemblement samedi" {
		t.Errorf("posted %s in %s, want the update in both languages in %s", post.JSON, post.ChannelID, modChannel)
	}
	if msg.AllowedMentions == nil || msg.AllowedMentions.Parse == nil || len(*msg.AllowedMentions.Parse) != 0 {
		t.Errorf("posted with allowed_mentions %+v, want parse []", msg.AllowedMentions)
	}

	// Stop, as SIGTERM does, and start again on the same file.
	r.stop()
	err = <-r.done
	r.done <- err
	if err != nil {
		t.Fatalf("run stopped with %v", err)
	}
	again := startRun(t, nil, "--data", data)
	_, news := again.ask(t, asMember(askNews))
	if got := said(news); !strings.Contains(got, "Rassemblement samedi") {
		t.Errorf("after a restart, news says:\n%s\nwant the update", got)
	}
}

// serving is `sanctuaire serve` listening on loopback.
type serving struct {
	base   string
	priv   ed25519.PrivateKey
	fake   *discordtest.Server
	stderr *lockedBuffer
	done   chan error
	stop   context.CancelFunc
	n      int
}

// startServe starts `sanctuaire serve` as main does, with a new key pair and
// a fake Discord; it is stopped at the end of the test, if not before.
func startServe(t *testing.T, env map[string]string, args ...string) *serving {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		t.Fatal(err)
	}
	fake := discordtest.New(discordtest.Options{})
	t.Cleanup(fake.Close)
	vars := map[string]string{
		"DISCORD_PUBLIC_KEY":     hex.EncodeToString(pub),
		"DISCORD_APPLICATION_ID": fake.AppID,
		"DISCORD_API_URL":        fake.URL(),
		"SANCTUAIRE_DATA":        filepath.Join(t.TempDir(), "sanctuaire.db"),
	}
	for k, v := range env {
		vars[k] = v
	}
	ctx, stop := context.WithCancel(context.Background())
	s := &serving{priv: priv, fake: fake, stderr: &lockedBuffer{}, done: make(chan error, 1), stop: stop}
	go func() {
		s.done <- cmdServe(ctx, newEnv(vars, &lockedBuffer{}, s.stderr), append([]string{"--addr", "127.0.0.1:0"}, args...))
	}()
	t.Cleanup(func() {
		if err := s.wait(); err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	for deadline := time.Now().Add(wait); ; {
		if m := listeningAddr.FindStringSubmatch(s.stderr.String()); m != nil {
			s.base = "http://" + m[1]
			return s
		}
		select {
		case err := <-s.done:
			s.done <- err
			t.Fatalf("serve stopped: %v\nstderr:\n%s", err, s.stderr)
		case <-time.After(10 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve never listened; stderr:\n%s", s.stderr)
		}
	}
}

// wait stops serve, as SIGTERM does, and returns what it returned.
func (s *serving) wait() error {
	s.stop()
	select {
	case err := <-s.done:
		s.done <- err
		return err
	case <-time.After(wait):
		return errors.New("serve did not stop")
	}
}

// post sends body to /interactions, signed or with a bad signature.
func (s *serving) post(t *testing.T, body string, sign bool) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, s.base+"/interactions", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	req.Header.Set("X-Signature-Timestamp", ts)
	sig := ed25519.Sign(s.priv, []byte(ts+body))
	if !sign {
		sig[0] ^= 1
	}
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(sig))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(raw)
}

// ask sends in as a signed interaction and returns the answer.
func (s *serving) ask(t *testing.T, in discordtest.Interaction) discordtest.Response {
	t.Helper()
	s.n++
	id := strconv.Itoa(1_500_000_000_000_000_000 + s.n)
	body, err := json.Marshal(s.fake.Payload(in, id, "serve-token-"+id))
	if err != nil {
		t.Fatal(err)
	}
	code, raw := s.post(t, string(body), true)
	if code != http.StatusOK {
		t.Fatalf("got status %d: %s", code, raw)
	}
	var r discordtest.Response
	if err := json.Unmarshal([]byte(raw), &r); err != nil {
		t.Fatalf("answer %s: %v", raw, err)
	}
	return r
}

// TestServePostsUpdates runs `sanctuaire serve --data`: with a token the
// moderator's update is stored and posted; without one it is stored, the
// moderator is told the bot has no token to post with, and the stored update
// says it was not posted.
func TestServePostsUpdates(t *testing.T) {
	t.Run("with a token", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "updates.db")
		s := startServe(t, map[string]string{"DISCORD_TOKEN": testToken}, "--data", data)
		answer := postUpdate(t, func(in discordtest.Interaction) discordtest.Response { return s.ask(t, in) })
		frenchSays(t, answer, "update_saved", "ID", "1")
		frenchSays(t, answer, "update_outcome_posted", "Channel", "<#"+modChannel+">")
		post, err := s.fake.WaitKind(discordtest.KindChannelMessage, wait)
		if err != nil {
			t.Fatalf("nothing posted: %v", err)
		}
		if got := post.Header.Get("Authorization"); got != "Bot "+testToken {
			t.Errorf("posted with authorization %q, want the bot token", got)
		}
		if news := s.ask(t, asMember(askNews)); !strings.Contains(said(news), "Rassemblement samedi") {
			t.Errorf("news says:\n%s\nwant the update", said(news))
		}
	})
	t.Run("without a token", func(t *testing.T) {
		data := filepath.Join(t.TempDir(), "updates.db")
		s := startServe(t, nil, "--data", data)
		answer := postUpdate(t, func(in discordtest.Interaction) discordtest.Response { return s.ask(t, in) })
		frenchSays(t, answer, "update_saved", "ID", "1")
		frenchSays(t, answer, "update_outcome_no_token")
		for _, c := range s.fake.Calls() {
			if c.Kind == discordtest.KindChannelMessage {
				t.Errorf("posted without a token: %s %s", c.Method, c.Path)
			}
		}
		// The stored update says why it was not posted.
		e := newEnv(map[string]string{}, &lockedBuffer{}, &lockedBuffer{})
		st, err := openStore(context.Background(), e, data)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		u, err := st.GetUpdate(context.Background(), modGuild, 1)
		if err != nil {
			t.Fatal(err)
		}
		if u.Posted || u.PostError != handlers.ReasonNoToken {
			t.Errorf("stored posted=%v reason %q, want not posted: %s", u.Posted, u.PostError, handlers.ReasonNoToken)
		}
	})
}

// The store the commands open is the real one.
var _ handlers.UpdateStore = (*store.Store)(nil)

// TestRunTwiceOnPostgres runs two `sanctuaire run` processes on one
// PostgreSQL database, as several instances do: an update posted through
// either is seen by both, with distinct numbers, and outlives them.
func TestRunTwiceOnPostgres(t *testing.T) {
	db := map[string]string{"DATABASE_URL": storetest.FreshSchema(t), "SANCTUAIRE_DATA": ""}
	one, two := startRun(t, db), startRun(t, db)
	via := func(r *running) func(discordtest.Interaction) discordtest.Response {
		return func(in discordtest.Interaction) discordtest.Response {
			_, resp := r.ask(t, in)
			return resp
		}
	}
	frenchSays(t, postUpdate(t, via(one)), "update_saved", "ID", "1")
	frenchSays(t, postUpdate(t, via(two), " Apportez de l'eau."), "update_saved", "ID", "2")
	for _, r := range []*running{one, two} {
		r.stop()
		err := <-r.done
		r.done <- err
		if err != nil {
			t.Fatalf("run stopped with %v", err)
		}
	}
	again := startRun(t, db)
	_, list := again.ask(t, asModerator(discordtest.Interaction{Command: "update", Sub: "list"}))
	for _, id := range []string{"1", "2"} {
		if want := "nº\u00a0" + id + " · "; !strings.Contains(said(list), want) {
			t.Errorf("update list lacks %q:\n%s", want, said(list))
		}
	}
}
