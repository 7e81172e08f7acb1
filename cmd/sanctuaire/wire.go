package main

import (
	"context"
	"fmt"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot"
	"sanctuaire/handlers"
	"sanctuaire/locales"
	"sanctuaire/store"
)

// wiring is what run and serve answer with: the member commands over the
// knowledge, the moderator commands and `news` over the store, and the
// router over them, with the REST session that finishes deferred answers
// and posts to channels.
type wiring struct {
	rest   *discordgo.Session
	store  *store.Store
	cat    *locales.Catalog
	cmds   []bot.Command
	router *bot.Router
}

// wire loads the content, opens the store and builds the router, in that
// order, for the configuration c; inline is RouterOptions.InlineFiles (the
// gateway). The caller closes w.store.
func wire(ctx context.Context, e env, c config, inline bool) (*wiring, error) {
	if _, _, _, err := storeTarget(e, c.data); err != nil {
		return nil, err
	}
	// The token is optional for serve: the initial answer goes in the HTTP
	// response and deferred answers are finished through the interaction's
	// webhook. Only moderators' posts in channels need it; without it they
	// are told so.
	rest, err := bot.NewSession(c.token, c.apiURL)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	kb, cat, err := loadContent(ctx, e, c.knowledge)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, e, c.data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c.name, err)
	}
	servers := bot.NewServers(st, c.log)
	m := handlers.NewModeration(cat, st, bot.NewChannelPoster(rest))
	cmds := bot.Commands(handlers.New(kb, cat, c.log), m)
	router := bot.NewRouter(cmds, cat, rest, c.log, bot.RouterOptions{
		InlineFiles:   inline,
		Moderator:     servers.Moderator,
		GuildLanguage: servers.Language,
	})
	return &wiring{rest: rest, store: st, cat: cat, cmds: cmds, router: router}, nil
}
