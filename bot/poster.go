package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
)

// ChannelPoster posts, edits and deletes the bot's messages in channels
// through the REST session, with no mentions allowed: a moderator's
// @everyone, @here or role mention shows as text and pings no one.
type ChannelPoster struct {
	s          *discordgo.Session
	maxRetries int
}

// NewChannelPoster returns the Poster of the moderator handlers.
func NewChannelPoster(s *discordgo.Session) *ChannelPoster {
	return &ChannelPoster{s: s, maxRetries: 3}
}

// Post sends msg to the channel and returns the new message's ID. Only a
// rate limit is retried: a server error may hide a message that was posted.
func (p *ChannelPoster) Post(ctx context.Context, channelID string, msg handlers.Post) (string, error) {
	if p.s.Token == "" {
		return "", fmt.Errorf("post message: %w", handlers.ErrNoToken)
	}
	send := &discordgo.MessageSend{
		Embeds:          []*discordgo.MessageEmbed{postEmbed(msg)},
		Components:      postComponents(msg),
		AllowedMentions: noMentions(),
	}
	var m *discordgo.Message
	err := retryRateLimited(ctx, p.maxRetries, func() error {
		var err error
		m, err = p.s.ChannelMessageSendComplex(channelID, send, restOptions(ctx)...)
		return err
	})
	if err != nil {
		return "", posterError("post", err)
	}
	return m.ID, nil
}

// Edit replaces the embed and button of a message the bot posted.
func (p *ChannelPoster) Edit(ctx context.Context, channelID, messageID string, msg handlers.Post) error {
	if p.s.Token == "" {
		return fmt.Errorf("edit message: %w", handlers.ErrNoToken)
	}
	embeds := []*discordgo.MessageEmbed{postEmbed(msg)}
	comps := postComponents(msg)
	edit := &discordgo.MessageEdit{
		ID: messageID, Channel: channelID,
		Embeds: &embeds, Components: &comps, AllowedMentions: noMentions(),
	}
	err := retry(ctx, p.maxRetries, func() error {
		_, err := p.s.ChannelMessageEditComplex(edit, restOptions(ctx)...)
		return err
	})
	return posterError("edit", err)
}

// Delete removes a message the bot posted.
func (p *ChannelPoster) Delete(ctx context.Context, channelID, messageID string) error {
	if p.s.Token == "" {
		return fmt.Errorf("delete message: %w", handlers.ErrNoToken)
	}
	err := retry(ctx, p.maxRetries, func() error {
		return p.s.ChannelMessageDelete(channelID, messageID, restOptions(ctx)...)
	})
	return posterError("delete", err)
}

// retryRateLimited calls f until it succeeds, or fails otherwise than on a
// rate limit, or maxRetries retries were made: for a post, where a server
// error may hide a message that was posted.
func retryRateLimited(ctx context.Context, maxRetries int, f func() error) error {
	err := retry(ctx, maxRetries, func() error {
		err := f()
		if err != nil && !rateLimited(err) {
			return permanent{err}
		}
		return err
	})
	var pe permanent
	if errors.As(err, &pe) {
		return pe.err
	}
	return err
}

// permanent hides an error from retry, which then gives up at once.
type permanent struct{ err error }

func (p permanent) Error() string { return p.err.Error() }

func rateLimited(err error) bool {
	var rl *discordgo.RateLimitError
	return errors.As(err, &rl) || statusOf(err) == http.StatusTooManyRequests
}

// posterError turns Discord's answer into the errors the handlers act on:
// 404 is a missing channel (or message), 403 a missing permission.
func posterError(op string, err error) error {
	if err == nil {
		return nil
	}
	var re *discordgo.RESTError
	if errors.As(err, &re) && re.Response != nil {
		switch re.Response.StatusCode {
		case http.StatusNotFound:
			if re.Message != nil && re.Message.Code == discordgo.ErrCodeUnknownMessage {
				return fmt.Errorf("%s message: %w", op, handlers.ErrMessageMissing)
			}
			return fmt.Errorf("%s message: %w", op, handlers.ErrChannelMissing)
		case http.StatusForbidden:
			return fmt.Errorf("%s message: %w", op, handlers.ErrMissingPermission)
		}
	}
	return fmt.Errorf("%s message: %s", op, describe(err))
}

// postFooterRoom is kept in a post for its footer: the room a post's text
// has is what Discord allows a message, less this.
const postFooterRoom = 60

// Room says how many UTF-16 units the text of msg takes, as Discord counts
// them, and how many a post allows.
func (p *ChannelPoster) Room(msg handlers.Post) (used, max int) {
	used = size(msg.Title) + size(msg.Text)
	if msg.Other != nil {
		used += size(msg.Other.Title) + size(msg.Other.Text)
	}
	return used, maxEmbedsTotal - postFooterRoom
}

// postEmbed lays out a post as one embed, within Discord's limits: the lead
// language as title and description (under the note of an update in one
// language), the other language below as fields of at most 1,024 units, the
// first named by its title. The handlers refuse a post without room; this
// only guards.
func postEmbed(msg handlers.Post) *discordgo.MessageEmbed {
	body := msg.Text
	if msg.Note != "" {
		body = strings.TrimSpace("*" + msg.Note + "*\n\n" + msg.Text)
	}
	e := &discordgo.MessageEmbed{
		Title:       truncate(msg.Title, maxTitle),
		Description: truncate(body, maxDescription),
	}
	if msg.Other != nil {
		for i, piece := range split(msg.Other.Text, maxFieldValue) {
			if i == maxFields {
				break
			}
			name := ""
			if i == 0 {
				name = truncate(strings.TrimSpace(msg.Other.Title), maxFieldName)
			}
			if name == "" {
				name = emptyName
			}
			e.Fields = append(e.Fields, &discordgo.MessageEmbedField{Name: name, Value: piece})
		}
	}
	if msg.Footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: truncate(msg.Footer, maxFooter)}
	}
	return e
}

func postComponents(msg handlers.Post) []discordgo.MessageComponent {
	b := msg.Button
	if b == nil || b.Click == nil {
		return []discordgo.MessageComponent{}
	}
	// A post answers no request: its button names its command.
	id, ok := clickID(b.Click.Command, b.Click.Sub, b.Click.Args)
	if !ok || b.Click.Command == "" {
		return []discordgo.MessageComponent{}
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
		discordgo.Button{Label: truncate(b.Label, maxButtonLabel), Style: discordgo.SecondaryButton, CustomID: id},
	}}}
}
