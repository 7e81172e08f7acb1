package bot

import (
	"bytes"
	"strconv"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// message renders page pageN of resp, with its buttons. extra holds the pages
// that must go as follow-ups because the request cannot run again from a
// button: it does not fit in a custom_id, or rerun is false.
func (r *Router) message(resp handlers.Response, req handlers.Request, pageN int, rerun bool) (*discordgo.InteractionResponseData, [][]*discordgo.MessageEmbed) {
	rd := render(r.cat, resp, req)
	files := pageFiles(resp, pageN)
	msg := &discordgo.InteractionResponseData{
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
		Files:           discordFiles(files),
		Attachments:     attachments(files),
		Components:      []discordgo.MessageComponent{},
	}
	total := len(rd.pages)
	if total == 0 {
		return msg, nil
	}
	pageN = min(max(pageN, 0), total-1)
	msg.Embeds = rd.pages[pageN]
	v := answerView(resp, req, pageN)
	if c, ok := Lookup(r.cmds, req.Command); ok && c.OnMessage && resp.Rerun == nil {
		// The request of a message command holds someone else's words:
		// only what the handler understood of them may go in a button.
		rerun = false
	}
	var nav []discordgo.MessageComponent
	var extra [][]*discordgo.MessageEmbed
	_, fits := v.encode()
	fits = fits && rerun
	if total > 1 {
		if fits {
			prev, next := v, v
			prev.Page, next.Page = max(pageN-1, 0), min(pageN+1, total-1)
			prevID, _ := prev.encode()
			nextID, _ := next.encode()
			if pageN == 0 {
				prevID = answerPrefix + "|-"
			}
			if pageN == total-1 {
				nextID = answerPrefix + "|+"
			}
			nav = append(nav,
				discordgo.Button{Label: r.label(req.Langs, "common_previous"), Style: discordgo.SecondaryButton, CustomID: prevID, Disabled: pageN == 0},
				discordgo.Button{Label: r.label(req.Langs, "common_next"), Style: discordgo.SecondaryButton, CustomID: nextID, Disabled: pageN == total-1})
		} else if pageN == 0 {
			extra = rd.pages[1:]
		}
	}
	if fits && len(req.Langs) == 1 {
		sw := v
		sw.Page = 0
		sw.Langs = []locales.Lang{otherLang(req.Langs[0])}
		id, ok := sw.encode()
		if ok {
			// Named in the language it gives, for whoever needs that one.
			label := r.cat.Printer(sw.Langs[0]).T("common_lang_self")
			nav = append(nav, discordgo.Button{Label: label, Style: discordgo.SecondaryButton, CustomID: id})
		}
	}
	if len(nav) > 0 {
		msg.Components = append(msg.Components, discordgo.ActionsRow{Components: nav})
	}
	if fits {
		if menu, ok := sectionMenu(r.label(req.Langs, "common_view_choose"), v, rd.marks, pageN); ok {
			msg.Components = append(msg.Components, menu)
		}
	}
	msg.Components = append(msg.Components, rd.actions...)
	msg.Components = append(msg.Components, rd.menus...)
	msg.Components = append(msg.Components, rd.links...)
	return msg, extra
}

// answerView is what runs the request of resp again, at page pageN.
func answerView(resp handlers.Response, req handlers.Request, pageN int) view {
	v := view{Page: pageN, Langs: req.Langs, Command: req.Command, Sub: req.Sub, Options: req.Options}
	if resp.Rerun != nil {
		// The buttons carry what the handler understood, never the text
		// typed, in the language it answered in.
		v.Options = resp.Rerun
		v.Langs = answerLangs(resp, req.Langs)
	}
	return v
}

func otherLang(l locales.Lang) locales.Lang {
	if l == locales.FR {
		return locales.EN
	}
	return locales.FR
}

func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// pageFiles are the files sent with page pageN of resp: only the first page
// shows images, and a file sent with another page would be one more
// attachment under it.
func pageFiles(resp handlers.Response, pageN int) []handlers.File {
	if pageN > 0 {
		return nil
	}
	return resp.Files
}

// attachments is the message's full list of attachments: the files being
// uploaded with it, or none. Sent explicitly on every message and edit, it
// makes Discord replace the attachments of the message being edited or
// updated rather than keep the old ones beside the new.
func attachments(files []handlers.File) *[]*discordgo.MessageAttachment {
	list := make([]*discordgo.MessageAttachment, 0, len(files))
	for n, f := range files {
		list = append(list, &discordgo.MessageAttachment{ID: strconv.Itoa(n), Filename: f.Name})
	}
	return &list
}

func discordFiles(files []handlers.File) []*discordgo.File {
	var out []*discordgo.File
	for _, f := range files {
		out = append(out, &discordgo.File{Name: f.Name, ContentType: f.ContentType, Reader: bytes.NewReader(f.Data)})
	}
	return out
}

// modalResponse is the form m, whose submission comes back to the Submit
// handler of req's command.
func modalResponse(m *handlers.Modal, req handlers.Request) *discordgo.InteractionResponse {
	var rows []discordgo.MessageComponent
	for _, in := range m.Inputs {
		style := discordgo.TextInputShort
		if in.Long {
			style = discordgo.TextInputParagraph
		}
		rows = append(rows, discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{
			CustomID: in.ID, Label: truncate(in.Label, 45), Style: style, Value: in.Value,
			Required: in.Required, MaxLength: in.MaxLength,
		}}})
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal, Data: &discordgo.InteractionResponseData{
		CustomID: modalID(m, req), Title: truncate(m.Title, 45), Components: rows,
	}}
}

// label is the label of a button the bot adds to an answer in langs: in
// both languages for an answer given in both, as bothLabels joins them.
func (r *Router) label(langs []locales.Lang, id string) string {
	if len(langs) == 0 {
		return r.cat.Printer(locales.EN).T(id)
	}
	l := r.cat.Printer(langs[0]).T(id)
	if len(langs) > 1 {
		l = bothLabels(l, r.cat.Printer(langs[1]).T(id), maxButtonLabel)
	}
	return l
}

// errorResponse is the friendly reply to anything that went wrong; it never
// says what.
func (r *Router) errorResponse(lang locales.Lang, update bool) *discordgo.InteractionResponse {
	typ := discordgo.InteractionResponseChannelMessageWithSource
	if update {
		typ = discordgo.InteractionResponseUpdateMessage
	}
	return &discordgo.InteractionResponse{Type: typ, Data: &discordgo.InteractionResponseData{
		Content:         r.cat.Printer(lang).T("common_error_generic"),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
		Components:      []discordgo.MessageComponent{},
	}}
}

// Busy is the reply to an interaction refused because too many are being
// answered: a private message in the member's language asking to try again.
// An autocomplete gets none (nil).
func (r *Router) Busy(i *discordgo.Interaction) *discordgo.InteractionResponse {
	if i.Type == discordgo.InteractionApplicationCommandAutocomplete || i.Type == discordgo.InteractionPing {
		return nil
	}
	return &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{
		Content:         r.cat.Printer(r.memberLang(i)).T("common_busy"),
		Flags:           discordgo.MessageFlagsEphemeral,
		AllowedMentions: noMentions(),
	}}
}

func modalID(m *handlers.Modal, req handlers.Request) string {
	id, _ := clickID(req.Command, req.Sub, m.Args)
	return id
}

// sectionMenu is the menu that opens a view of the answer of v in place:
// its first view, each section, its sources (in both languages for an
// answer in both); the view of page pageN is shown as chosen. ok is false when the answer has no sections.
func sectionMenu(placeholder string, v view, marks []mark, pageN int) (discordgo.MessageComponent, bool) {
	id, ok := sectionMenuID(v)
	if !ok || len(marks) < 2 {
		return nil, false
	}
	current := 0
	for k, m := range marks {
		if m.page <= pageN {
			current = k
		}
	}
	opts := make([]discordgo.SelectMenuOption, 0, min(len(marks), maxChoices))
	for k, m := range marks[:min(len(marks), maxChoices)] {
		opts = append(opts, discordgo.SelectMenuOption{Label: truncate(m.name, maxChoiceName), Value: strconv.Itoa(m.page), Default: k == current})
	}
	one := 1
	return discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.SelectMenu{
		CustomID: id, Placeholder: truncate(placeholder, maxChoiceName), MinValues: &one, MaxValues: 1, Options: opts,
	}}}, true
}
