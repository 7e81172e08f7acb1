package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/bot"
	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
	"sanctuaire/store"
)

const (
	runUsage      = "usage: sanctuaire run [--data PATH] [--knowledge DIR] [--log-format text|json]"
	registerUsage = "usage: sanctuaire register [--print] [--knowledge DIR] [--log-format text|json]"
)

// cmdRun connects to the Discord gateway and answers interactions until ctx ends.
func cmdRun(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	data := dataFlag(fs)
	dir := fs.String("knowledge", "", "directory of knowledge files")
	format := fs.String("log-format", "text", "log format: text or json")
	if err := fs.Parse(args); err != nil {
		return usageError{"run: " + err.Error() + "; " + runUsage}
	}
	if fs.NArg() > 0 {
		return usageError{runUsage}
	}
	log, err := bot.NewLogger(e.stderr, *format)
	if err != nil {
		return usageError{"run: " + err.Error()}
	}
	token := strings.TrimSpace(e.getenv("DISCORD_TOKEN"))
	if token == "" {
		return errors.New("run: DISCORD_TOKEN is not set")
	}
	if _, _, _, err := storeTarget(e, *data); err != nil {
		return err
	}
	kb, cat, err := loadContent(ctx, e, *dir)
	if err != nil {
		return err
	}
	s, err := bot.NewSession(token, e.getenv("DISCORD_API_URL"))
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	st, err := openStore(ctx, e, *data)
	if err != nil {
		return fmt.Errorf("run: %w", err)
	}
	defer st.Close()
	cmds, router := answering(kb, cat, st, s, log, true)
	if err := register(ctx, e, s, bot.Definitions(cmds, cat), log); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	log.Info("gateway", "event", "starting", "commands", len(cmds))
	// Run returns once the answers in flight are done, before the store closes.
	return bot.NewGateway(s, router, log).Run(ctx)
}

// answering builds what run and serve answer with: the member commands over
// the knowledge, and the moderator commands and `news` over the store,
// posting to channels through rest. inline is RouterOptions.InlineFiles.
func answering(kb *knowledge.Base, cat *locales.Catalog, st *store.Store, rest *discordgo.Session, log *slog.Logger, inline bool) ([]bot.Command, *bot.Router) {
	servers := bot.NewServers(st, log)
	m := handlers.NewModeration(cat, st, bot.NewChannelPoster(rest))
	cmds := bot.Commands(handlers.New(kb, cat, log), m)
	router := bot.NewRouter(cmds, cat, rest, log, bot.RouterOptions{
		InlineFiles:   inline,
		Moderator:     servers.Moderator,
		GuildLanguage: servers.Language,
	})
	return cmds, router
}

// cmdRegister pushes the command definitions to Discord, or prints them with --print.
func cmdRegister(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("register", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	print := fs.Bool("print", false, "print the definitions as JSON instead of registering them")
	dir := fs.String("knowledge", "", "directory of knowledge files")
	format := fs.String("log-format", "text", "log format: text or json")
	if err := fs.Parse(args); err != nil {
		return usageError{"register: " + err.Error() + "; " + registerUsage}
	}
	if fs.NArg() > 0 {
		return usageError{registerUsage}
	}
	log, err := bot.NewLogger(e.stderr, *format)
	if err != nil {
		return usageError{"register: " + err.Error()}
	}
	// The definitions need only the messages; the knowledge is loaded all the
	// same so that a broken file is found before anything is pushed.
	kb, cat, err := loadContent(ctx, e, *dir)
	if err != nil {
		return err
	}
	defs := bot.Definitions(bot.Commands(handlers.New(kb, cat, log), nil), cat)
	if *print {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(defs); err != nil {
			return fmt.Errorf("register: print: %w", err)
		}
		return nil
	}
	token := strings.TrimSpace(e.getenv("DISCORD_TOKEN"))
	if token == "" {
		return errors.New("register: DISCORD_TOKEN is not set")
	}
	s, err := bot.NewSession(token, e.getenv("DISCORD_API_URL"))
	if err != nil {
		return fmt.Errorf("register: %w", err)
	}
	if err := register(ctx, e, s, defs, log); err != nil {
		return fmt.Errorf("register: %w", err)
	}
	return nil
}

// register pushes defs globally, or to DISCORD_GUILD_ID when it is set.
func register(ctx context.Context, e env, s *discordgo.Session, defs []*discordgo.ApplicationCommand, log *slog.Logger) error {
	appID := strings.TrimSpace(e.getenv("DISCORD_APPLICATION_ID"))
	if appID == "" {
		id, err := bot.ApplicationID(ctx, s)
		if err != nil {
			return err
		}
		appID = id
	}
	guild := strings.TrimSpace(e.getenv("DISCORD_GUILD_ID"))
	if err := bot.Register(ctx, s, appID, guild, defs); err != nil {
		return err
	}
	scope := "global"
	if guild != "" {
		scope = "guild"
	}
	log.Info("register", "commands", len(defs), "scope", scope)
	return nil
}
