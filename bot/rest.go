package bot

import (
	"bytes"
	"context"
	"errors"
	"net/url"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// rewind makes the files readable again before a retry.
func rewind(files []*discordgo.File) {
	for _, f := range files {
		if s, ok := f.Reader.(*bytes.Reader); ok {
			_, _ = s.Seek(0, 0)
		}
	}
}

// restOptions turn off discordgo's own retries on 429, which have no bound,
// and keep its immediate retries on 502 few: retry does the rest.
func restOptions(ctx context.Context) []discordgo.RequestOption {
	return []discordgo.RequestOption{
		discordgo.WithRetryOnRatelimit(false),
		discordgo.WithRestRetries(1),
		discordgo.WithContext(context.WithoutCancel(ctx)),
	}
}

// retry calls f until it succeeds, Discord answers something other than a
// rate limit or a server error, or maxRetries retries were made.
func retry(ctx context.Context, maxRetries int, f func() error) error {
	backoff := 200 * time.Millisecond
	for attempt := 0; ; attempt++ {
		err := f()
		if err == nil {
			return nil
		}
		wait, ok := retryAfter(err)
		if !ok || attempt >= maxRetries {
			return err
		}
		if wait <= 0 {
			wait = backoff
			backoff *= 2
		}
		wait = min(wait, 10*time.Second)
		timer := time.NewTimer(wait)
		select {
		case <-timer.C:
		case <-ctx.Done():
			timer.Stop()
			return err
		}
	}
}

// retryAfter says whether err is worth another try, and after how long
// (zero: use the backoff).
func retryAfter(err error) (time.Duration, bool) {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return rl.RetryAfter, true
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil && re.Response.StatusCode >= 500 {
		return 0, true
	}
	var te transportError
	if errors.As(err, &te) {
		return 0, true
	}
	return 0, false
}

// transportError is a call that got no answer (refused, reset, timed out):
// worth another try when the call may be repeated, as an edit may.
type transportError struct{ error }

func (e transportError) Unwrap() error { return e.error }

// transient marks err as a transportError when the call got no HTTP answer,
// or got 502 twice: discordgo retries a 502 once by itself, then gives up
// with an error of no type.
func transient(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) || err != nil && strings.HasPrefix(err.Error(), "Exceeded Max retries HTTP 502") {
		return transportError{err}
	}
	return err
}

// statusOf is the HTTP status of a failed Discord call, 0 when there is none.
func statusOf(err error) int {
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) {
		return 429
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		return re.Response.StatusCode
	}
	return 0
}
