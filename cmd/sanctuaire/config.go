package main

import (
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"time"

	"sanctuaire/bot"
)

const (
	runUsage   = "usage: sanctuaire run [--data PATH] [--knowledge DIR] [--log-format text|json]"
	serveUsage = "usage: sanctuaire serve [--addr HOST:PORT] [--drain DURATION] [--data PATH] [--knowledge DIR] [--log-format text|json]"
)

// config is what run and serve read from their flags and the environment,
// checked before anything is loaded or opened.
type config struct {
	name      string // "run" or "serve", which starts every message
	log       *slog.Logger
	logs      *bot.LogBuffer // under log; closed by the command when it ends
	data      string         // --data
	knowledge string         // --knowledge
	token     string
	apiURL    string

	// serve only
	addr  string
	drain time.Duration
	key   ed25519.PublicKey
	appID string
}

// readConfig parses the flags of run or serve and reads the environment.
// Without an error, the caller closes c.logs when it ends.
func readConfig(name string, e env, args []string) (c config, err error) {
	usage := runUsage
	if name == "serve" {
		usage = serveUsage
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c.name = name
	data := dataFlag(fs)
	fs.StringVar(&c.knowledge, "knowledge", "", "directory of knowledge files")
	format := fs.String("log-format", "text", "log format: text or json")
	if name == "serve" {
		fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "address to listen on")
		fs.DurationVar(&c.drain, "drain", 25*time.Second, "how long to wait for answers in flight when stopping")
	}
	if err := fs.Parse(args); err != nil {
		return c, usageError{name + ": " + err.Error() + "; " + usage}
	}
	c.data = *data
	if fs.NArg() > 0 || name == "serve" && c.drain <= 0 {
		return c, usageError{usage}
	}
	// Log lines are written in batches: one write per interaction would cost
	// as much as answering it.
	logs := bot.NewLogBuffer(e.stderr)
	defer func() {
		if err != nil {
			logs.Close()
		}
	}()
	log, err := bot.NewLogger(logs, *format)
	if err != nil {
		return c, usageError{name + ": " + err.Error()}
	}
	c.log, c.logs = log, logs
	bot.LogLibrary(log)
	c.token, c.apiURL = strings.TrimSpace(e.getenv("DISCORD_TOKEN")), e.getenv("DISCORD_API_URL")
	if name == "run" && c.token == "" {
		return c, errors.New("run: DISCORD_TOKEN is not set")
	}
	if name == "serve" {
		if c.key, err = publicKey(e.getenv("DISCORD_PUBLIC_KEY")); err != nil {
			return c, fmt.Errorf("serve: %w", err)
		}
		if c.appID, err = applicationID(e.getenv("DISCORD_APPLICATION_ID")); err != nil {
			return c, fmt.Errorf("serve: %w", err)
		}
	}
	return c, nil
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
