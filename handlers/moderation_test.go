package handlers_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

// fakeStore keeps updates and settings in memory, with the store's rules:
// validation, versions, not found, and an audit entry per moderator action.
type fakeStore struct {
	mu       sync.Mutex
	updates  map[int64]store.Update
	settings map[string]store.Settings
	audit    []store.AuditEntry
	nextID   int64
	now      time.Time
}

func newFakeStore() *fakeStore {
	return &fakeStore{
		updates:  map[int64]store.Update{},
		settings: map[string]store.Settings{},
		nextID:   1,
		now:      time.Date(2026, 6, 5, 14, 0, 0, 0, time.UTC),
	}
}

func (s *fakeStore) log(guild, mod, action string, id int64) {
	s.audit = append(s.audit, store.AuditEntry{Guild: guild, ModeratorID: mod, Action: action, UpdateID: id, At: s.now})
}

func (s *fakeStore) CreateUpdate(_ context.Context, u store.Update, mod string) (store.Update, error) {
	if err := store.Validate(u); err != nil {
		return store.Update{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	u.ID, s.nextID = s.nextID, s.nextID+1
	u.CreatedAt, u.UpdatedAt, u.Version = s.now, s.now, 1
	u.Posted, u.ChannelID, u.MessageID, u.PostError = false, "", "", ""
	s.updates[u.ID] = u
	s.log(u.Guild, mod, store.ActionUpdatePost, u.ID)
	return u, nil
}

func (s *fakeStore) GetUpdate(_ context.Context, guild string, id int64) (store.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.updates[id]
	if !ok || u.Guild != guild {
		return store.Update{}, store.ErrNotFound
	}
	return u, nil
}

func (s *fakeStore) ListUpdates(_ context.Context, guild string, offset, limit int) ([]store.Update, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var all []store.Update
	for _, u := range s.updates {
		if u.Guild == guild {
			all = append(all, u)
		}
	}
	slices.SortFunc(all, func(a, b store.Update) int { return int(b.ID - a.ID) })
	total := len(all)
	all = all[min(offset, total):]
	return all[:min(limit, len(all))], total, nil
}

func (s *fakeStore) EditUpdate(_ context.Context, u store.Update, mod string) (store.Update, error) {
	if err := store.Validate(u); err != nil {
		return store.Update{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, ok := s.updates[u.ID]
	switch {
	case !ok || old.Guild != u.Guild:
		return store.Update{}, store.ErrNotFound
	case old.Version != u.Version:
		return store.Update{}, store.ErrConflict
	}
	old.TitleFR, old.TextFR, old.TitleEN, old.TextEN = u.TitleFR, u.TextFR, u.TitleEN, u.TextEN
	old.Version++
	old.UpdatedAt = s.now.Add(24 * time.Hour)
	s.updates[u.ID] = old
	s.log(u.Guild, mod, store.ActionUpdateEdit, u.ID)
	return old, nil
}

func (s *fakeStore) DeleteUpdate(_ context.Context, guild string, id int64, mod string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if u, ok := s.updates[id]; !ok || u.Guild != guild {
		return store.ErrNotFound
	}
	delete(s.updates, id)
	s.log(guild, mod, store.ActionUpdateDelete, id)
	return nil
}

func (s *fakeStore) mark(guild string, id int64, f func(*store.Update)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.updates[id]
	if !ok || u.Guild != guild {
		return store.ErrNotFound
	}
	f(&u)
	s.updates[id] = u
	return nil
}

func (s *fakeStore) MarkPosted(_ context.Context, guild string, id int64, ch, msg string) error {
	return s.mark(guild, id, func(u *store.Update) { u.Posted, u.ChannelID, u.MessageID, u.PostError = true, ch, msg, "" })
}

func (s *fakeStore) MarkNotPosted(_ context.Context, guild string, id int64, reason string) error {
	return s.mark(guild, id, func(u *store.Update) { u.Posted, u.ChannelID, u.MessageID, u.PostError = false, "", "", reason })
}

func (s *fakeStore) Settings(_ context.Context, guild string) (store.Settings, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.settings[guild]; ok {
		return st, nil
	}
	return store.DefaultSettings(guild), nil
}

func (s *fakeStore) set(guild, mod, action string, f func(*store.Settings)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, ok := s.settings[guild]
	if !ok {
		st = store.DefaultSettings(guild)
	}
	f(&st)
	s.settings[guild] = st
	s.log(guild, mod, action, 0)
	return nil
}

func (s *fakeStore) SetLanguage(_ context.Context, guild, lang, mod string) error {
	switch lang {
	case store.LanguageEN, store.LanguageFR, store.LanguageBoth:
	default:
		return &store.FieldError{Field: "language", Problem: store.Unknown}
	}
	return s.set(guild, mod, store.ActionConfigLanguage, func(st *store.Settings) { st.Language = lang })
}

func (s *fakeStore) SetUpdatesChannel(_ context.Context, guild, ch, mod string) error {
	return s.set(guild, mod, store.ActionConfigChannel, func(st *store.Settings) { st.UpdatesChannel = ch })
}

func (s *fakeStore) SetModeratorRole(_ context.Context, guild, role, mod string) error {
	return s.set(guild, mod, store.ActionConfigRole, func(st *store.Settings) { st.ModeratorRole = role })
}

// fakePoster records what the bot would post, and fails in the channels told to.
type fakePoster struct {
	mu     sync.Mutex
	fail   map[string]error // channel ID -> error
	log    []string
	posts  map[string]handlers.Post // message ID -> post
	nextID int
}

func newFakePoster() *fakePoster {
	return &fakePoster{fail: map[string]error{}, posts: map[string]handlers.Post{}, nextID: 900}
}

func (p *fakePoster) Post(_ context.Context, ch string, msg handlers.Post) (string, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.fail[ch]; err != nil {
		p.log = append(p.log, fmt.Sprintf("post %s: %v", ch, err))
		return "", err
	}
	p.nextID++
	id := fmt.Sprint(p.nextID)
	p.posts[id] = msg
	p.log = append(p.log, fmt.Sprintf("post %s -> message %s\n%s", ch, id, plainPost(msg)))
	return id, nil
}

func (p *fakePoster) Edit(_ context.Context, ch, id string, msg handlers.Post) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.fail[ch]; err != nil {
		p.log = append(p.log, fmt.Sprintf("edit %s/%s: %v", ch, id, err))
		return err
	}
	if _, ok := p.posts[id]; !ok {
		p.log = append(p.log, fmt.Sprintf("edit %s/%s: %v", ch, id, handlers.ErrMessageMissing))
		return handlers.ErrMessageMissing
	}
	p.posts[id] = msg
	p.log = append(p.log, fmt.Sprintf("edit %s/%s\n%s", ch, id, plainPost(msg)))
	return nil
}

func (p *fakePoster) Delete(_ context.Context, ch, id string) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.fail[ch]; err != nil {
		p.log = append(p.log, fmt.Sprintf("delete %s/%s: %v", ch, id, err))
		return err
	}
	delete(p.posts, id)
	p.log = append(p.log, fmt.Sprintf("delete %s/%s", ch, id))
	return nil
}

// take returns what was posted since the last call.
func (p *fakePoster) take() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := p.log
	p.log = nil
	return out
}

// Room measures as Discord does, in UTF-16 units, with room kept for the footer.
func (p *fakePoster) Room(msg handlers.Post) (used, max int) {
	units := func(s string) int { return len(utf16.Encode([]rune(s))) }
	used = units(msg.Title) + units(msg.Text)
	if msg.Other != nil {
		used += units(msg.Other.Title) + units(msg.Other.Text)
	}
	return used, 6000 - 60
}

var _ handlers.Poster = (*fakePoster)(nil)

// plainPost writes a post as text: the lead language, then the other one.
func plainPost(msg handlers.Post) string {
	var b bytes.Buffer
	a := handlers.Answer{Title: msg.Title, Body: msg.Text, Footer: msg.Footer}
	if msg.Note != "" {
		a.Body = "*" + msg.Note + "*\n\n" + msg.Text
	}
	if msg.Other != nil {
		a.Fields = []handlers.Field{{Name: msg.Other.Title, Value: msg.Other.Text}}
	}
	handlers.Plain(&b, handlers.Response{Answers: []handlers.Answer{a}})
	if msg.Button != nil {
		fmt.Fprintf(&b, "\n[button %q -> %s %v]\n", msg.Button.Label, msg.Button.Click.Command, msg.Button.Click.Args)
	}
	return b.String()
}

// Test server, channels, members.
const (
	guild        = "700000000000000007"
	hereChannel  = "300000000000000003"
	newsChannel  = "310000000000000031"
	goneChannel  = "320000000000000032"
	lockedChanel = "330000000000000033"
	moderatorID  = "200000000000000002"
)

// modEnv is a Moderation over a fake store and a fake poster.
type modEnv struct {
	st   *fakeStore
	post *fakePoster
	m    *handlers.Moderation
	cat  *locales.Catalog
}

func newModEnv(t *testing.T) *modEnv {
	t.Helper()
	cat, err := locales.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	e := &modEnv{st: newFakeStore(), post: newFakePoster(), cat: cat}
	e.post.fail[goneChannel] = handlers.ErrChannelMissing
	e.post.fail[lockedChanel] = handlers.ErrMissingPermission
	e.m = handlers.NewModeration(cat, e.st, e.post)
	return e
}

// modCtx is the context of an interaction.
func modCtx() context.Context { return context.Background() }

// modReq is a request from a moderator in hereChannel of the test server.
func modReq(lang locales.Lang, command, sub string, opts map[string]string) handlers.Request {
	if opts == nil {
		opts = map[string]string{}
	}
	return handlers.Request{Command: command, Sub: sub, Options: opts, Langs: []locales.Lang{lang}, Guild: guild,
		User: moderatorID, Channel: hereChannel, Moderator: true}
}

// submitted is the form of `update sub` sent, with the form's args.
func submitted(lang locales.Lang, sub string, form map[string]string, args ...string) handlers.Request {
	req := modReq(lang, "update", sub, nil)
	req.Form, req.Args = form, args
	return req
}

// clicked is a click on a button of command (and sub) with its args.
func clicked(lang locales.Lang, command, sub string, args ...string) handlers.Request {
	req := modReq(lang, command, sub, nil)
	req.Args = args
	if command == "news" {
		req.Moderator = false // members read the news
	}
	return req
}

// transcript writes a response, the posts it made and the form it opened,
// for a golden file.
func transcript(b *bytes.Buffer, title string, resp handlers.Response, err error, posts []string) {
	fmt.Fprintf(b, "== %s ==\n", title)
	if err != nil {
		fmt.Fprintf(b, "[error] %v\n", err)
	}
	if resp.Ephemeral {
		b.WriteString("[ephemeral]\n")
	}
	if m := resp.Modal; m != nil {
		fmt.Fprintf(b, "[form %q args=%v]\n", m.Title, m.Args)
		for _, in := range m.Inputs {
			fmt.Fprintf(b, "  %s %q long=%v required=%v max=%d value=%q\n", in.ID, in.Label, in.Long, in.Required, in.MaxLength, in.Value)
		}
	}
	handlers.Plain(b, resp)
	for _, a := range resp.Answers {
		for _, bt := range a.Buttons {
			if bt.Click != nil {
				fmt.Fprintf(b, "[button %q args=%v style=%d]\n", bt.Label, bt.Click.Args, bt.Style)
			}
		}
	}
	for _, p := range posts {
		fmt.Fprintf(b, "-- %s\n", strings.TrimRight(p, "\n"))
	}
	b.WriteString("\n")
}

// step is one interaction of a scripted session.
type step struct {
	name string
	f    handlers.Func // chosen by the request's command and subcommand when nil
	req  handlers.Request
	ctx  context.Context // modCtx when nil
	// before prepares the store or the poster.
	before func(e *modEnv)
	// check asserts what the step must have done, beyond the transcript.
	check func(t *testing.T, e *modEnv, resp handlers.Response)
}

// play runs steps in order on e and returns their transcript.
func play(t *testing.T, e *modEnv, steps []step) string {
	t.Helper()
	var b bytes.Buffer
	for _, s := range steps {
		ctx := s.ctx
		if ctx == nil {
			ctx = modCtx()
		}
		if s.before != nil {
			s.before(e)
		}
		f := s.f
		if f == nil {
			f = e.route(s.req)
		}
		resp, err := f(ctx, s.req)
		transcript(&b, s.name, resp, err, e.post.take())
		if err != nil {
			t.Errorf("%s: %v", s.name, err)
		}
		if s.check != nil {
			s.check(t, e, resp)
		}
	}
	got := b.String()
	if m := missingMessage.FindString(got); m != "" {
		t.Errorf("transcript shows a missing message %s", m)
	}
	return got
}

// goldenBoth plays a script built for each language and compares each
// transcript with testdata/<name>.<lang>.golden.
func goldenBoth(t *testing.T, name string, script func(l locales.Lang) []step) {
	for _, l := range locales.All {
		t.Run(string(l), func(t *testing.T) {
			e := newModEnv(t)
			got := play(t, e, script(l))
			golden(t, filepath.Join("testdata", name+"."+string(l)+".golden"), got)
		})
	}
}

// wantStored checks how many updates the store holds.
func wantStored(n int) func(*testing.T, *modEnv, handlers.Response) {
	return func(t *testing.T, e *modEnv, _ handlers.Response) {
		t.Helper()
		if got := len(e.st.updates); got != n {
			t.Errorf("got %d updates stored, want %d", got, n)
		}
	}
}

// TestRefusedWithoutModerator forges every moderator interaction from a
// member the bot did not find to be a moderator: each gets the refusal,
// nothing is stored, nothing posted.
func TestRefusedWithoutModerator(t *testing.T) {
	e := newModEnv(t)
	e.st.updates[1] = store.Update{ID: 1, Guild: guild, TitleEN: "t", TextEN: "x", Version: 1, Posted: true, ChannelID: newsChannel, MessageID: "1"}
	form := map[string]string{handlers.InputTitleEN: "Raid", handlers.InputTextEN: "@everyone now"}
	cases := []struct {
		name string
		f    handlers.Func
		opts map[string]string
		form map[string]string
		args []string
	}{
		{"update post", e.m.UpdatePost, nil, nil, nil},
		{"update post submitted", e.m.UpdatePostSubmit, nil, form, nil},
		{"update list", e.m.UpdateList, nil, nil, nil},
		{"update edit", e.m.UpdateEdit, map[string]string{handlers.OptID: "1"}, nil, nil},
		{"update edit submitted", e.m.UpdateEditSubmit, nil, form, []string{"1", "1"}},
		{"update delete", e.m.UpdateDelete, map[string]string{handlers.OptID: "1"}, nil, nil},
		{"update delete confirmed", e.m.UpdateDeleteClick, nil, nil, []string{"confirm", "1"}},
		{"config show", e.m.ConfigShow, nil, nil, nil},
		{"config language", e.m.ConfigLanguage, map[string]string{handlers.OptDefault: "fr"}, nil, nil},
		{"config channel", e.m.ConfigChannel, map[string]string{handlers.OptChannel: newsChannel}, nil, nil},
		{"config role", e.m.ConfigRole, map[string]string{handlers.OptRole: "1"}, nil, nil},
	}
	for _, l := range locales.All {
		want := e.cat.Printer(l).T("moderation_refused")
		for _, c := range cases {
			t.Run(string(l)+"/"+c.name, func(t *testing.T) {
				req := modReq(l, "", "", c.opts)
				req.Form, req.Args = c.form, c.args
				req.Moderator = false
				resp, err := c.f(modCtx(), req)
				if err != nil {
					t.Fatal(err)
				}
				if !resp.Ephemeral || resp.Modal != nil || len(resp.Answers) != 1 || resp.Answers[0].Body != want {
					t.Errorf("got %+v, want the refusal %q, ephemeral", resp, want)
				}
			})
		}
	}
	if len(e.st.audit) != 0 || len(e.st.updates) != 1 || e.st.updates[1].TitleEN != "t" || len(e.st.settings) != 0 {
		t.Errorf("store changed: audit %v, updates %v, settings %v", e.st.audit, e.st.updates, e.st.settings)
	}
	if got := e.post.take(); len(got) != 0 {
		t.Errorf("posted %q, want nothing", got)
	}
}

// TestModeratorOutsideServer: the commands need a server.
func TestModeratorOutsideServer(t *testing.T) {
	e := newModEnv(t)
	req := modReq(locales.FR, "update", "list", nil)
	req.Guild = ""
	resp, err := e.m.UpdateList(modCtx(), req)
	if err != nil {
		t.Fatal(err)
	}
	if want := e.cat.Printer(locales.FR).T("moderation_guild_only"); len(resp.Answers) != 1 || resp.Answers[0].Body != want {
		t.Errorf("got %+v, want %q", resp.Answers, want)
	}
}

// TestNoActor: without the moderator's ID nothing can be audited, so nothing is stored.
func TestNoActor(t *testing.T) {
	e := newModEnv(t)
	req := submitted(locales.EN, "post", map[string]string{handlers.InputTitleEN: "a", handlers.InputTextEN: "b"})
	req.User = ""
	if _, err := e.m.UpdatePostSubmit(context.Background(), req); err == nil {
		t.Errorf("got no error, want one")
	}
	if len(e.st.updates) != 0 {
		t.Errorf("stored %d updates, want none", len(e.st.updates))
	}
}

// TestNoStore: the commands listed only for their definitions answer with
// an error, not a panic.
func TestNoStore(t *testing.T) {
	var m *handlers.Moderation
	for name, f := range map[string]handlers.Func{"update post": m.UpdatePost, "config show": m.ConfigShow, "news": m.News} {
		if _, err := f(modCtx(), modReq(locales.EN, "", "", nil)); err == nil {
			t.Errorf("%s: got no error, want one", name)
		}
	}
}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// route picks the handler of a request, as the command table does.
func (e *modEnv) route(req handlers.Request) handlers.Func {
	routes := map[string]handlers.Func{
		"update post": e.m.UpdatePost, "update list": e.m.UpdateList,
		"update edit": e.m.UpdateEdit, "update delete": e.m.UpdateDelete,
		"config show": e.m.ConfigShow, "config language": e.m.ConfigLanguage,
		"config channel": e.m.ConfigChannel, "config role": e.m.ConfigRole,
		"news ":              e.m.News,
		"update post submit": e.m.UpdatePostSubmit, "update edit submit": e.m.UpdateEditSubmit,
		"update delete click": e.m.UpdateDeleteClick, "news  click": e.m.NewsShow,
	}
	key := req.Command + " " + req.Sub
	switch {
	case req.Form != nil:
		key += " submit"
	case req.Args != nil:
		key += " click"
	}
	return routes[key]
}
