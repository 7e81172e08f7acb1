package handlers

import (
	"context"
	"errors"
	"strconv"
	"strings"

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
// channels. The bot implements it, lays posts out and never lets a post
// mention anyone.
type Poster interface {
	Post(ctx context.Context, channelID string, msg Post) (messageID string, err error)
	Edit(ctx context.Context, channelID, messageID string, msg Post) error
	Delete(ctx context.Context, channelID, messageID string) error
	// Room says how much room msg's text takes in a post, and how much
	// there is: a post that does not fit is refused before anything is stored.
	Room(msg Post) (used, max int)
}

// Post is an update as the bot posts it in a channel: the lead language's
// title and text, then the other language's when the update has it, a
// footer and a button.
type Post struct {
	Title  string
	Text   string
	Note   string // said above Text when the update has one language only
	Other  *PostPart
	Footer string
	Button *Button
}

// PostPart is the other language of a Post.
type PostPart struct {
	Title string
	Text  string
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

// say is a reply of a single message.
func (m *Moderation) say(req Request, id string, kv ...any) Response {
	return answer(m.cat, req, func(p *locales.Printer) Answer { return Answer{Body: p.T(id, kv...)} })
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
// These two mentions are the one piece of Discord's markup handlers write:
// a reply names the channel or role as a link the moderator can follow.
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
