package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// NewSession returns a discordgo session for the bot token, with the Guilds
// intent only. apiURL, when set, replaces https://discord.com in every REST
// call (paths unchanged), for a REST proxy or a fake Discord in tests.
func NewSession(token, apiURL string) (*discordgo.Session, error) {
	s, err := discordgo.New("Bot " + strings.TrimSpace(token))
	if err != nil {
		return nil, fmt.Errorf("new session: %w", err)
	}
	if strings.TrimSpace(token) == "" {
		// Without a token only the interaction webhooks can be called.
		s.Token = ""
	}
	// Every answer that is deferred ends with an edit to Discord; keep as many
	// idle connections as interactions may be in flight, instead of the
	// default two, so that edits reuse connections rather than open new ones.
	pooled := http.DefaultTransport.(*http.Transport).Clone()
	pooled.MaxIdleConns = 256
	pooled.MaxIdleConnsPerHost = 128
	var transport http.RoundTripper = pooled
	if apiURL != "" {
		base, err := url.Parse(apiURL)
		if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
			return nil, fmt.Errorf("DISCORD_API_URL: not an http(s) base URL")
		}
		transport = &rewriter{base: base, next: pooled}
	}
	s.Client = &http.Client{Timeout: 20 * time.Second, Transport: transport}
	s.Identify.Intents = discordgo.IntentsGuilds
	// Events arrive uncompressed, as text the guard can read (eventguard.go).
	s.Dialer = guardedDialer()
	s.Compress = false
	s.Identify.Compress = false
	s.StateEnabled = false
	// discordgo retries a 429 with no bound when this is set; the bot's own
	// retries are bounded instead.
	s.ShouldRetryOnRateLimit = false
	s.MaxRestRetries = 1
	s.ShouldReconnectOnError = true
	return s, nil
}

// rewriter sends requests for https://discord.com to another base URL.
type rewriter struct {
	base *url.URL
	next http.RoundTripper
}

func (rw *rewriter) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "discord.com" {
		return rw.next.RoundTrip(req)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = rw.base.Scheme
	out.URL.Host = rw.base.Host
	if p := strings.TrimSuffix(rw.base.Path, "/"); p != "" {
		out.URL.Path = p + req.URL.Path
		if req.URL.RawPath != "" {
			out.URL.RawPath = p + req.URL.RawPath
		}
	}
	out.Host = ""
	return rw.next.RoundTrip(out)
}

// ApplicationID asks Discord for the bot's application ID (the bot user's ID).
func ApplicationID(ctx context.Context, s *discordgo.Session) (string, error) {
	var id string
	err := retry(ctx, 3, func() error {
		u, err := s.User("@me", discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		if err != nil {
			return err
		}
		id = u.ID
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("get application: %s", describe(err))
	}
	return id, nil
}

// Register replaces the application's commands with defs: on one server when
// guildID is set (changes show at once), globally otherwise.
func Register(ctx context.Context, s *discordgo.Session, appID, guildID string, defs []*discordgo.ApplicationCommand) error {
	err := retry(ctx, 3, func() error {
		_, err := s.ApplicationCommandBulkOverwrite(appID, guildID, defs, discordgo.WithContext(ctx), discordgo.WithRetryOnRatelimit(false))
		return err
	})
	if err != nil {
		return fmt.Errorf("register commands: %s", describe(err))
	}
	return nil
}

// describe tells what went wrong in a Discord call without repeating the
// request, whose URL may carry a token.
func describe(err error) string {
	if st := statusOf(err); st != 0 {
		return fmt.Sprintf("discord answered %d %s", st, http.StatusText(st))
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Op + ": " + ue.Err.Error()
	}
	return err.Error()
}

// NewLogger returns a logger writing text or JSON lines to w.
func NewLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", format)
}
