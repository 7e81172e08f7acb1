package handlers_test

import (
	"strings"
	"testing"

	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

func submitPost(l locales.Lang, form map[string]string) handlers.Request {
	return submitted(l, "post", form)
}

var (
	bothForm = map[string]string{
		handlers.InputTitleFR: "Rassemblement samedi",
		handlers.InputTextFR:  "Rendez-vous à 14 h devant l'hôtel de ville. @everyone <@&123> @here\n\nApportez de l'eau.",
		handlers.InputTitleEN: "Rally on Saturday",
		handlers.InputTextEN:  "Meet at 2 p.m. in front of city hall. @everyone <@&123> @here\n\nBring water.",
	}
	frForm = map[string]string{
		handlers.InputTitleFR: "Contrôles signalés",
		handlers.InputTextFR:  "Des contrôles ont été signalés près du métro.",
	}
)

// wantPosted checks update id's delivery as the store records it.
func wantPosted(id int64, posted bool, ch, reason string) func(*testing.T, *modEnv, handlers.Response) {
	return func(t *testing.T, e *modEnv, _ handlers.Response) {
		t.Helper()
		u, ok := e.st.updates[id]
		if !ok {
			t.Fatalf("update %d not stored", id)
		}
		if u.Posted != posted || u.ChannelID != ch || u.PostError != reason {
			t.Errorf("update %d: got posted=%v channel=%q error=%q, want %v %q %q", id, u.Posted, u.ChannelID, u.PostError, posted, ch, reason)
		}
	}
}

func TestUpdatePostGolden(t *testing.T) {
	goldenBoth(t, "update.post", func(l locales.Lang) []step {
		return []step{
			{name: "the form", req: modReq(l, "update", "post", nil)},
			{name: "both languages, no channel set: posted here", req: submitPost(l, bothForm),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					wantStored(1)(t, e, r)
					wantPosted(1, true, hereChannel, "")(t, e, r)
					if a := e.st.audit; len(a) != 1 || a[0].Action != store.ActionUpdatePost || a[0].ModeratorID != moderatorID {
						t.Errorf("got audit %+v, want one post by the moderator", a)
					}
				}},
			{name: "French only", req: submitPost(l, frForm), check: wantPosted(2, true, hereChannel, "")},
			{name: "English only", req: submitPost(l, map[string]string{handlers.InputTitleEN: "Know your rights", handlers.InputTextEN: "Workshop on Monday."})},
			{name: "nothing written", req: submitPost(l, map[string]string{handlers.InputTitleFR: "  "}), check: wantStored(3)},
			{name: "title without text", req: submitPost(l, map[string]string{handlers.InputTitleEN: "Title"}), check: wantStored(3)},
			{name: "title too long", req: submitPost(l, with(bothForm, handlers.InputTitleFR, strings.Repeat("é", 300))), check: wantStored(3)},
			{name: "both languages too long for one post", req: submitPost(l, with(bothForm,
				handlers.InputTextFR, strings.Repeat("Texte. ", 500), handlers.InputTextEN, strings.Repeat("Text. ", 560))), check: wantStored(3)},
		}
	})
}

func TestUpdatePostFailuresGolden(t *testing.T) {
	goldenBoth(t, "update.post-failures", func(l locales.Lang) []step {
		return []step{
			{name: "updates channel deleted", before: setChannel(goneChannel), req: submitPost(l, bothForm),
				check: wantPosted(1, false, "", handlers.ReasonChannelMissing)},
			{name: "no permission in the updates channel", before: setChannel(lockedChanel), req: submitPost(l, frForm),
				check: wantPosted(2, false, "", handlers.ReasonMissingPermission)},
			{name: "list shows why", req: modReq(l, "update", "list", nil)},
			{name: "channel fixed, the same form sent again posts the same update", before: setChannel(newsChannel), req: submitPost(l, frForm),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					wantStored(2)(t, e, r)
					wantPosted(2, true, newsChannel, "")(t, e, r)
				}},
			{name: "channel fixed, edit posts it", before: setChannel(newsChannel),
				req: submitted(l, "edit", map[string]string{
					handlers.InputTitleFR: "Rassemblement dimanche", handlers.InputTextFR: "Dimanche, 14 h.",
					handlers.InputTitleEN: "Rally on Sunday", handlers.InputTextEN: "Sunday, 2 p.m."}, "1", "1"),
				check: wantPosted(1, true, newsChannel, "")},
		}
	})
}

// setChannel sets the server's updates channel before a step.
func setChannel(ch string) func(*modEnv) {
	return func(e *modEnv) {
		st, _ := e.st.Settings(modCtx(), guild)
		st.UpdatesChannel = ch
		e.st.settings[guild] = st
	}
}

func TestUpdateManageGolden(t *testing.T) {
	goldenBoth(t, "update.manage", func(l locales.Lang) []step {
		return []step{
			{name: "empty list", req: modReq(l, "update", "list", nil)},
			{name: "first update", req: submitPost(l, bothForm)},
			{name: "second update", req: submitPost(l, frForm)},
			{name: "second update delivered twice: stored and posted once", req: submitPost(l, frForm),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					wantStored(2)(t, e, r)
					if n := len(e.post.posts); n != 2 {
						t.Errorf("got %d posts, want 2", n)
					}
				}},
			{name: "list", req: modReq(l, "update", "list", nil)},
			{name: "edit: the form, filled", req: modReq(l, "update", "edit", map[string]string{handlers.OptID: "1"})},
			{name: "edit: saved, post edited", req: submitted(l, "edit", with(bothForm, handlers.InputTextEN, "Meet at 3 p.m. instead."), "1", "1"),
				check: func(t *testing.T, e *modEnv, _ handlers.Response) {
					if u := e.st.updates[1]; u.Version != 2 || u.TextEN != "Meet at 3 p.m. instead." {
						t.Errorf("got version %d, text %q", u.Version, u.TextEN)
					}
				}},
			{name: "edit: the same form sent again", req: submitted(l, "edit", with(bothForm, handlers.InputTextEN, "Meet at 3 p.m. instead."), "1", "1"),
				check: func(t *testing.T, e *modEnv, _ handlers.Response) {
					if u := e.st.updates[1]; u.Version != 2 {
						t.Errorf("got version %d, want 2", u.Version)
					}
				}},
			{name: "edit: another moderator's change came first", req: submitted(l, "edit", bothForm, "1", "1"),
				check: func(t *testing.T, e *modEnv, _ handlers.Response) {
					if u := e.st.updates[1]; u.Version != 2 || u.TextEN != "Meet at 3 p.m. instead." {
						t.Errorf("conflict overwrote the update: version %d, text %q", u.Version, u.TextEN)
					}
				}},
			{name: "edit: unknown number", req: modReq(l, "update", "edit", map[string]string{handlers.OptID: "42"})},
			{name: "edit: not a number", req: modReq(l, "update", "edit", map[string]string{handlers.OptID: "abc"})},
			{name: "delete: asks to confirm", req: modReq(l, "update", "delete", map[string]string{handlers.OptID: "2"}), check: wantStored(2)},
			{name: "delete: cancelled", req: clicked(l, "update", "delete", "cancel", "2"), check: wantStored(2)},
			{name: "delete: confirmed", req: clicked(l, "update", "delete", "confirm", "2"),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					wantStored(1)(t, e, r)
					if _, ok := e.st.updates[2]; ok {
						t.Errorf("update 2 still stored")
					}
				}},
			{name: "delete: already gone", req: modReq(l, "update", "delete", map[string]string{handlers.OptID: "2"})},
			{name: "delete: confirmed again", req: clicked(l, "update", "delete", "confirm", "2"),
				check: func(t *testing.T, e *modEnv, _ handlers.Response) {
					if got := e.post.take(); len(got) != 0 {
						t.Errorf("got %q, want nothing posted or deleted", got)
					}
				}},
			{name: "edit after its post was deleted by hand: posted again",
				before: func(e *modEnv) { clear(e.post.posts) },
				req:    submitted(l, "edit", bothForm, "1", "2"),
				check: func(t *testing.T, e *modEnv, r handlers.Response) {
					if u := e.st.updates[1]; !u.Posted || u.MessageID == "901" || len(e.post.posts) != 1 {
						t.Errorf("got %+v and posts %v, want update 1 posted anew", u, e.post.posts)
					}
				}},
			{name: "delete when the bot may no longer touch the channel",
				before: func(e *modEnv) { e.post.fail[hereChannel] = handlers.ErrMissingPermission },
				req:    clicked(l, "update", "delete", "confirm", "1"),
				check:  wantStored(0)},
		}
	})
}

// TestUpdatePostLayout posts the longest update that fits: both languages
// whole, the server's first language leading (the bot lays it out).
func TestUpdatePostLayout(t *testing.T) {
	e := newModEnv(t)
	paras := func(sentence string, per, n int) string {
		p := strings.TrimSpace(strings.Repeat(sentence, per))
		return strings.Repeat(p+"\n\n", n-1) + p
	}
	long := paras("Une phrase de l'annonce, assez longue pour compter. ", 9, 6)
	en := paras("A sentence of the update, long enough to count. ", 9, 5)
	form := map[string]string{handlers.InputTitleFR: strings.Repeat("T", 256), handlers.InputTextFR: long, handlers.InputTitleEN: "Title", handlers.InputTextEN: en}
	e.st.settings[guild] = store.Settings{Guild: guild, Language: store.LanguageFR}
	req := submitPost(locales.FR, form)
	if _, err := e.m.UpdatePostSubmit(modCtx(), req); err != nil {
		t.Fatal(err)
	}
	if len(e.post.posts) != 1 {
		t.Fatalf("got %d posts, want 1:\n%s", len(e.post.posts), strings.Join(e.post.take(), "\n"))
	}
	var got handlers.Post
	for _, p := range e.post.posts {
		got = p
	}
	want := handlers.Post{Title: strings.Repeat("T", 256), Text: long, Other: &handlers.PostPart{Title: "Title", Text: en}}
	if got.Title != want.Title || got.Text != want.Text || got.Note != "" || got.Other == nil || *got.Other != *want.Other {
		t.Errorf("got post %+v, want both texts whole, French first", got)
	}
}
