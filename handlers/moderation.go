package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"

	"sanctuaire/locales"
	"sanctuaire/store"
)

// UpdateStore is what the moderator commands and `news` use of the store.
type UpdateStore interface {
	CreateUpdate(ctx context.Context, u store.Update, moderatorID string) (store.Update, error)
	GetUpdate(ctx context.Context, guild string, id int64) (store.Update, error)
	ListUpdates(ctx context.Context, guild string, offset, limit int) ([]store.Update, int, error)
	EditUpdate(ctx context.Context, u store.Update, moderatorID string) (store.Update, error)
	DeleteUpdate(ctx context.Context, guild string, id int64, moderatorID string) error
	MarkPosted(ctx context.Context, guild string, id int64, channelID, messageID string) error
	MarkNotPosted(ctx context.Context, guild string, id int64, reason string) error
	Settings(ctx context.Context, guild string) (store.Settings, error)
	SetLanguage(ctx context.Context, guild, lang, moderatorID string) error
	SetUpdatesChannel(ctx context.Context, guild, channelID, moderatorID string) error
	SetModeratorRole(ctx context.Context, guild, roleID, moderatorID string) error
}

// Poster posts, edits and deletes the bot's own messages in a server's
// channels. The bot implements it; it never lets a post mention anyone.
type Poster interface {
	Post(ctx context.Context, channelID string, msg Post) (messageID string, err error)
	Edit(ctx context.Context, channelID, messageID string, msg Post) error
	Delete(ctx context.Context, channelID, messageID string) error
}

// Post is a message the bot posts in a channel: one embed (the Answer's
// title, body, fields and footer, laid out as they are) and an optional button.
type Post struct {
	Answer Answer
	Button *Button
}

// Errors a Poster returns for the failures a moderator can fix.
var (
	// ErrChannelMissing: the channel was deleted, or the bot cannot see it.
	ErrChannelMissing = errors.New("channel missing")
	// ErrMessageMissing: the posted message was deleted.
	ErrMessageMissing = errors.New("message missing")
	// ErrMissingPermission: the bot may not post (or edit, delete) there.
	ErrMissingPermission = errors.New("missing permission")
	// ErrNoToken: the bot runs without a token (serve answers interactions
	// without one) and cannot post in channels at all.
	ErrNoToken = errors.New("no token to post with")
)

// Why an update was not posted, as the store records it.
const (
	ReasonChannelMissing    = "channel-missing"
	ReasonMessageMissing    = "message-missing"
	ReasonMissingPermission = "missing-permission"
	ReasonNoToken           = "no-token"
	ReasonRefused           = "refused"
)

// reason is the stored reason for a Poster's error.
func reason(err error) string {
	switch {
	case errors.Is(err, ErrChannelMissing):
		return ReasonChannelMissing
	case errors.Is(err, ErrMessageMissing):
		return ReasonMessageMissing
	case errors.Is(err, ErrMissingPermission):
		return ReasonMissingPermission
	case errors.Is(err, ErrNoToken):
		return ReasonNoToken
	}
	return ReasonRefused
}

// errNoStore: the commands were listed without a store behind them (to
// print their definitions); they cannot answer.
var errNoStore = errors.New("moderator commands without a store")

// errNoUser means the bot did not say who the moderator is: nothing is
// stored without a name in the audit log.
var errNoUser = errors.New("moderator command without a user")

// Moderation answers the moderator commands (`update`, `config`) and the
// members' `news`, over the store and the Poster.
type Moderation struct {
	store UpdateStore
	post  Poster
	cat   *locales.Catalog
}

// NewModeration returns the moderator and news handlers.
func NewModeration(cat *locales.Catalog, st UpdateStore, p Poster) *Moderation {
	return &Moderation{store: st, post: p, cat: cat}
}

// Option names of the moderator commands and keys of their forms.
const (
	OptID      = "id"
	OptDefault = "default"
	OptChannel = "channel"
	OptRole    = "role"

	InputTitleFR = "title_fr"
	InputTextFR  = "text_fr"
	InputTitleEN = "title_en"
	InputTextEN  = "text_en"
)

// Discord's limits on what a post may hold.
const (
	maxEmbedTotal  = 6000
	maxFieldValue  = 1024
	maxModalTitle  = 45
	postFooterRoom = 60
)

// reply answers a moderator in each language of the request.
func (m *Moderation) reply(req Request, build func(p *locales.Printer) Answer) Response {
	resp := Response{Ephemeral: true}
	for _, l := range langs(req) {
		a := build(m.cat.Printer(l))
		a.Lang = l
		resp.Answers = append(resp.Answers, a)
	}
	return resp
}

// say is a reply of a single message.
func (m *Moderation) say(req Request, id string, kv ...any) Response {
	return m.reply(req, func(p *locales.Printer) Answer { return Answer{Body: p.T(id, kv...)} })
}

// gate checks that a moderator sent the request from a server. It returns
// the refusal to send when not.
func (m *Moderation) gate(req Request) (*Response, error) {
	if m == nil {
		return nil, errNoStore
	}
	if req.Guild == "" {
		r := m.say(req, "moderation_guild_only")
		return &r, nil
	}
	if !req.Moderator {
		r := m.say(req, "moderation_refused")
		return &r, nil
	}
	if req.User == "" {
		return nil, errNoUser
	}
	return nil, nil
}

// channel is how a reply names a channel: Discord shows <#id> as its name.
func channel(id string) string { return "<#" + id + ">" }

// role is how a reply names a role; it never pings in an embed, and the bot
// allows no mentions anyway.
func role(id string) string { return "<@&" + id + ">" }

func idString(id int64) string { return strconv.FormatInt(id, 10) }

// parseID reads an update number.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	return id, err == nil && id > 0
}

// units counts text as Discord does, in UTF-16 code units.
func units(s string) int { return len(utf16.Encode([]rune(s))) }

// chunks cuts text into pieces of at most limit units, at paragraphs, then
// lines, then sentences, then words; a word longer than limit is cut.
func chunks(text string, limit int) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	if units(text) <= limit {
		return []string{text}
	}
	for _, sep := range []string{"\n\n", "\n", ". ", " "} {
		parts := strings.SplitAfter(text, sep)
		if len(parts) < 2 {
			continue
		}
		var out []string
		cur := ""
		for _, part := range parts {
			if cur != "" && units(cur)+units(part) > limit {
				out = append(out, strings.TrimSpace(cur))
				cur = ""
			}
			if units(part) > limit {
				out = append(out, chunks(part, limit)...)
				continue
			}
			cur += part
		}
		if strings.TrimSpace(cur) != "" {
			out = append(out, strings.TrimSpace(cur))
		}
		return out
	}
	var out []string
	rs := []rune(text)
	for len(rs) > 0 {
		n := 0
		size := 0
		for n < len(rs) {
			w := 1
			if rs[n] >= 0x10000 {
				w = 2
			}
			if size+w > limit {
				break
			}
			size += w
			n++
		}
		out = append(out, string(rs[:n]))
		rs = rs[n:]
	}
	return out
}
