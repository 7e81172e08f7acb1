package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"strings"
	"time"

	"sanctuaire/bot"
)

const serveUsage = "usage: sanctuaire serve [--addr HOST:PORT] [--drain DURATION] [--data PATH] [--knowledge DIR] [--log-format text|json]"

// cmdServe answers interactions delivered as signed HTTP requests.
func cmdServe(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	drain := fs.Duration("drain", 25*time.Second, "how long to wait for answers in flight when stopping")
	data := dataFlag(fs)
	dir := fs.String("knowledge", "", "directory of knowledge files")
	format := fs.String("log-format", "text", "log format: text or json")
	if err := fs.Parse(args); err != nil {
		return usageError{"serve: " + err.Error() + "; " + serveUsage}
	}
	if fs.NArg() > 0 || *drain <= 0 {
		return usageError{serveUsage}
	}
	log, err := bot.NewLogger(e.stderr, *format)
	if err != nil {
		return usageError{"serve: " + err.Error()}
	}

	// Configuration is checked before anything is loaded or opened.
	key, err := publicKey(e.getenv("DISCORD_PUBLIC_KEY"))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	appID, err := applicationID(e.getenv("DISCORD_APPLICATION_ID"))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	// The token is optional: the initial answer goes in the HTTP response and
	// deferred answers are finished through the interaction's webhook. Only
	// moderators' posts in channels need it; without it they are told so.
	rest, err := bot.NewSession(e.getenv("DISCORD_TOKEN"), e.getenv("DISCORD_API_URL"))
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if _, _, _, err := storeTarget(e, *data); err != nil {
		return err
	}
	kb, cat, err := loadContent(ctx, e, *dir)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, e, *data)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer st.Close()
	cmds, router := answering(kb, cat, st, rest, log, false)
	srv := bot.NewInteractions(key, router, log, bot.HTTPOptions{ApplicationID: appID})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	log.Info("serve", "event", "listening", "addr", ln.Addr().String(), "commands", len(cmds))
	if err := srv.Serve(ctx, ln, *drain); err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}

func publicKey(s string) (ed25519.PublicKey, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("DISCORD_PUBLIC_KEY is not set")
	}
	key, err := bot.ParsePublicKey(s)
	if err != nil {
		return nil, fmt.Errorf("DISCORD_PUBLIC_KEY: %w (the application's public key: 64 hexadecimal digits)", err)
	}
	return key, nil
}

// applicationID checks that s looks like a Discord ID (a snowflake).
func applicationID(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", errors.New("DISCORD_APPLICATION_ID is not set")
	}
	if len(s) > 20 || strings.Trim(s, "0123456789") != "" {
		return "", errors.New("DISCORD_APPLICATION_ID: not a Discord ID (digits only)")
	}
	return s, nil
}
