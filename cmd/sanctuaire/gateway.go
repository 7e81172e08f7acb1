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
)

const registerUsage = "usage: sanctuaire register [--print] [--knowledge DIR] [--log-format text|json]"

// cmdRun connects to the Discord gateway and answers interactions until ctx ends.
func cmdRun(ctx context.Context, e env, args []string) error {
	c, err := readConfig("run", e, args)
	if err != nil {
		return err
	}
	defer c.logs.Close()
	w, err := wire(ctx, e, c, true)
	if err != nil {
		return err
	}
	defer w.store.Close()
	if err := register(ctx, e, w.rest, bot.Definitions(w.cmds, w.cat), c.log); err != nil {
		return fmt.Errorf("run: %w", err)
	}
	c.log.Info("gateway", "event", "starting", "commands", len(w.cmds))
	// Run returns once the answers in flight are done, before the store closes.
	return bot.NewGateway(w.rest, w.router, c.log).Run(ctx)
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
	bot.LogLibrary(log)
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
	member := true
	if guild == "" {
		// Commands offered from a member's own install are refused when the
		// application does not offer it; an answer that does not say keeps them.
		offered, known, err := bot.MemberInstall(ctx, s)
		if err != nil {
			return err
		}
		if known && !offered {
			member = false
			log.Warn("register", "event", "user_install_off",
				"detail", "User Install is off in the developer portal: member commands are offered from servers' installs only")
		}
	}
	if err := bot.Register(ctx, s, appID, guild, bot.Scoped(defs, guild, member)); err != nil {
		return err
	}
	scope := "global"
	if guild != "" {
		scope = "guild"
	}
	log.Info("register", "commands", len(defs), "scope", scope)
	return nil
}
