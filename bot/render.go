package bot

import (
	"strings"

	"github.com/bwmarrin/discordgo"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// page is one page of one answer: one embed.
type page struct {
	desc   []string
	fields []*discordgo.MessageEmbedField
}

// layout splits an answer into pages whose embed stays within budget units,
// cutting at paragraphs, then lines, then sentences, and only as a last resort
// between words.
type layout struct {
	budget int
	fixed  int // title and footer, counted on every page
	pages  []*page
	cur    *page
	used   int
	descN  int
	// fieldCap is the number of fields a page may take from the answer's own.
	fieldCap int
	// continued names the second and later pieces of a field cut in pieces.
	continued func(name string) string
}

func (l *layout) newPage() {
	l.cur = &page{}
	l.pages = append(l.pages, l.cur)
	l.used, l.descN = l.fixed, 0
}

func (l *layout) addParagraph(p string) {
	limit := min(maxDescription, l.budget-l.fixed)
	pieces, sizes := splitUnits(p, limit)
	for k, piece := range pieces {
		n := sizes[k]
		sep := 0
		if len(l.cur.desc) > 0 {
			sep = 2
		}
		if len(l.cur.fields) > 0 || l.descN+sep+n > maxDescription || l.used+sep+n > l.budget {
			l.newPage()
			sep = 0
		}
		l.cur.desc = append(l.cur.desc, piece)
		l.descN += sep + n
		l.used += sep + n
	}
}

func (l *layout) addField(name, value string, inline bool) {
	name = truncate(strings.TrimSpace(name), maxFieldName)
	if name == "" {
		name = emptyName
	}
	nameN := size(name)
	limit := min(maxFieldValue, l.budget-l.fixed-nameN)
	pieces, sizes := splitUnits(value, limit)
	for k, piece := range pieces {
		n := nameN + sizes[k]
		if len(l.cur.fields) >= l.fieldCap || l.used+n > l.budget {
			l.newPage()
		}
		pieceName := name
		if k > 0 && l.continued != nil {
			// Said once: a heading repeated on every piece reads as a new part.
			pieceName = truncate(l.continued(name), maxFieldName)
			n += size(pieceName) - nameN
		}
		l.cur.fields = append(l.cur.fields, &discordgo.MessageEmbedField{Name: pieceName, Value: piece, Inline: inline})
		l.used += n
	}
}

// paginate lays out one answer in pages of at most budget units each: the
// first view (body and fields) first, then each section from a page of its
// own, then the sources. With second, the answer follows another in a
// message in two languages: its first page holds only the first paragraph
// of its body, the verdict, so that both verdicts fit one screen.
func paginate(a handlers.Answer, p *locales.Printer, budget int, second bool) ([]*page, []mark) {
	title := truncate(a.Title, maxTitle)
	// Room for the footer and the page number added to it later.
	footer := truncate(a.Footer, maxFooter-pageMarkRoom)
	l := &layout{budget: budget, fixed: size(title) + size(footer) + pageMarkRoom, fieldCap: maxFields,
		continued: func(name string) string { return p.T("common_continued", "Name", name) }}
	l.newPage()
	for k, para := range strings.Split(a.Body, "\n\n") {
		if strings.TrimSpace(para) == "" {
			continue
		}
		if second && k > 0 && len(l.pages) == 1 {
			l.breakPage()
		}
		l.addParagraph(para)
	}
	if second && len(a.Fields) > 0 {
		l.breakPage()
	}
	for _, f := range a.Fields {
		l.addField(f.Name, f.Value, f.Inline)
	}
	marks := []mark{{name: p.T("common_view_answer")}}
	for _, s := range a.Sections {
		l.breakPage()
		marks = append(marks, mark{name: s.Name, key: "section:" + s.Key, page: len(l.pages) - 1})
		for _, f := range s.Fields {
			l.addField(f.Name, f.Value, f.Inline)
		}
	}
	if len(a.Sources) > 0 {
		l.breakPage()
		name, value := sourcesView(p, a.Sources)
		marks = append(marks, mark{name: name, key: "sources", page: len(l.pages) - 1})
		l.addField(name, value, false)
	}
	// A trailing empty page can only come from an answer with nothing in it.
	if len(l.pages) > 1 && len(l.cur.desc) == 0 && len(l.cur.fields) == 0 {
		l.pages = l.pages[:len(l.pages)-1]
	}
	return l.pages, marks
}

// mark is where a view of an answer starts: its first view, a section or
// its sources.
type mark struct {
	name string
	key  string // "" for the first view, the section's key, "sources"
	page int
}

// breakPage starts a new page unless the current one is empty.
func (l *layout) breakPage() {
	if len(l.cur.desc) > 0 || len(l.cur.fields) > 0 {
		l.newPage()
	}
}

// pageMarkRoom is kept free in every footer for "Page 2 of 3".
const pageMarkRoom = 40

func sourceLine(s handlers.Source) string {
	label := strings.ReplaceAll(strings.ReplaceAll(s.Label, "[", "("), "]", ")")
	if validURL(s.URL) {
		return "• [" + label + "](" + s.URL + ")"
	}
	return "• " + label
}

func validURL(u string) bool {
	return (strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")) &&
		len(u) <= maxButtonURL && !strings.ContainsAny(u, " \n()")
}

// rendered is a Response laid out as Discord messages.
type rendered struct {
	pages   [][]*discordgo.MessageEmbed  // pages[n] holds one embed per answer
	actions []discordgo.MessageComponent // the handlers' own buttons, one row
	menus   []discordgo.MessageComponent // the handlers' select menus, one row each
	links   []discordgo.MessageComponent
	files   []handlers.File
	// marks are where the views of the answer start, for the menu of its
	// sections; for an answer in two languages, only when both have the
	// same sections (alignViews).
	marks []mark
}

// render lays out every answer of resp to req; pages are aligned across
// languages: page n shows the n-th page of each answer that has one.
func render(cat *locales.Catalog, resp handlers.Response, req handlers.Request) *rendered {
	out := &rendered{files: resp.Files}
	answers := resp.Answers
	if len(answers) > maxEmbeds {
		answers = answers[:maxEmbeds]
	}
	if len(answers) == 0 {
		return out
	}
	// Keep a margin under the message total for rounding and the page marks.
	budget := (maxEmbedsTotal - 100) / len(answers)
	all := make([][]*page, len(answers))
	marks := make([][]mark, len(answers))
	for i, a := range answers {
		all[i], marks[i] = paginate(a, cat.Printer(a.Lang), budget, i > 0)
	}
	if len(answers) == 1 && len(marks[0]) > 1 {
		out.marks = marks[0]
	} else if aligned, m, ok := alignViews(all, marks); ok {
		all, out.marks = aligned, m
	}
	total := 0
	for _, ps := range all {
		total = max(total, len(ps))
	}
	for n := range total {
		var embeds []*discordgo.MessageEmbed
		for i, a := range answers {
			if n >= len(all[i]) || all[i][n] == nil {
				continue
			}
			embeds = append(embeds, embed(cat.Printer(a.Lang), a, all[i][n], n, total))
		}
		out.pages = append(out.pages, embeds)
	}
	// One row is kept for the page and language buttons, and one for the
	// menu of sections.
	kept := 1
	if len(out.marks) > 0 {
		kept = 2
	}
	out.actions = actionRow(answers, req)
	out.menus = menuRows(answers, req, maxRows-kept-len(out.actions))
	out.links = linkRows(answers, maxRows-kept-len(out.actions)-len(out.menus))
	return out
}

func embed(p *locales.Printer, a handlers.Answer, pg *page, n, total int) *discordgo.MessageEmbed {
	e := &discordgo.MessageEmbed{
		Title:       truncate(a.Title, maxTitle),
		Description: strings.Join(pg.desc, "\n\n"),
		Fields:      pg.fields,
		Color:       colour(a.Kind),
	}
	footer := truncate(a.Footer, maxFooter-pageMarkRoom)
	if total > 1 {
		mark := truncate(p.T("common_page", "Page", p.Int(n+1), "Total", p.Int(total)), pageMarkRoom-3)
		if footer != "" {
			footer += " · "
		}
		footer += mark
	}
	if footer != "" {
		e.Footer = &discordgo.MessageEmbedFooter{Text: footer}
	}
	if a.Image != "" && n == 0 {
		e.Image = &discordgo.MessageEmbedImage{URL: "attachment://" + a.Image}
	}
	return e
}

// customID is the custom_id of a handler's Click on its answer to req.
func customID(c *handlers.Click, req handlers.Request) (string, bool) {
	if c.Command == "" {
		return clickID(req.Command, req.Sub, c.Args)
	}
	return clickID(c.Command, c.Sub, c.Args)
}

// actionRow turns the answers' buttons that come back to the bot into one
// row of at most five, once per custom_id. A button the answers of both
// languages carry is labelled in both when the labels differ and fit.
func actionRow(answers []handlers.Answer, req handlers.Request) []discordgo.MessageComponent {
	seen := map[string]int{}
	var buttons []discordgo.Button
	for _, a := range answers {
		for _, b := range a.Buttons {
			if b.Click == nil || strings.TrimSpace(b.Label) == "" {
				continue
			}
			id, ok := customID(b.Click, req)
			if !ok {
				continue
			}
			if n, dup := seen[id]; dup {
				buttons[n].Label = bothLabels(buttons[n].Label, b.Label, maxButtonLabel)
				continue
			}
			if len(buttons) == maxRowButtons {
				continue
			}
			seen[id] = len(buttons)
			buttons = append(buttons, discordgo.Button{Label: truncate(b.Label, maxButtonLabel), Style: buttonStyle(b.Style), CustomID: id})
		}
	}
	if len(buttons) == 0 {
		return nil
	}
	row := make([]discordgo.MessageComponent, len(buttons))
	for n, b := range buttons {
		row[n] = b
	}
	return []discordgo.MessageComponent{discordgo.ActionsRow{Components: row}}
}

// bothLabels is the label of a component that two answers, in two
// languages, carry: « first / other » when they differ and that fits within
// limit characters, else first as it is.
func bothLabels(first, other string, limit int) string {
	other = strings.TrimSpace(other)
	if other == "" || strings.Contains(first, " / ") || first == other {
		return first
	}
	both := first + " / " + other
	if runeCount(both) > limit {
		return first
	}
	return both
}

func buttonStyle(s handlers.ButtonStyle) discordgo.ButtonStyle {
	switch s {
	case handlers.Primary:
		return discordgo.PrimaryButton
	case handlers.Danger:
		return discordgo.DangerButton
	}
	return discordgo.SecondaryButton
}

// linkRows turns the answers' link buttons into at most rows rows of five,
// once per address, labelled as actionRow labels its buttons.
func linkRows(answers []handlers.Answer, rows int) []discordgo.MessageComponent {
	seen := map[string]int{}
	var buttons []discordgo.Button
	for _, a := range answers {
		for _, b := range a.Buttons {
			if b.Click != nil || !validURL(b.URL) || strings.TrimSpace(b.Label) == "" {
				continue
			}
			if n, dup := seen[b.URL]; dup {
				buttons[n].Label = bothLabels(buttons[n].Label, b.Label, maxButtonLabel)
				continue
			}
			seen[b.URL] = len(buttons)
			buttons = append(buttons, discordgo.Button{Label: truncate(b.Label, maxButtonLabel), Style: discordgo.LinkButton, URL: b.URL})
		}
	}
	var out []discordgo.MessageComponent
	for len(buttons) > 0 && len(out) < rows {
		n := min(maxRowButtons, len(buttons))
		row := make([]discordgo.MessageComponent, n)
		for k := range n {
			row[k] = buttons[k]
		}
		out = append(out, discordgo.ActionsRow{Components: row})
		buttons = buttons[n:]
	}
	return out
}

// menuRows turns the answers' select menus into at most rows rows, once per
// custom_id, labelled in the first language that has it.
func menuRows(answers []handlers.Answer, req handlers.Request, rows int) []discordgo.MessageComponent {
	seen := map[string]bool{}
	var out []discordgo.MessageComponent
	for _, a := range answers {
		for _, m := range a.Menus {
			id, ok := customID(&m.Click, req)
			if !ok || seen[id] || len(out) >= rows {
				continue
			}
			menu := discordgo.SelectMenu{MenuType: discordgo.StringSelectMenu, CustomID: id, Placeholder: truncate(m.Placeholder, maxPlaceholder)}
			for _, o := range m.Options {
				if len(menu.Options) == maxMenuOptions {
					break
				}
				if o.Value == "" || runeCount(o.Value) > maxChoiceValue || strings.TrimSpace(o.Label) == "" {
					continue
				}
				menu.Options = append(menu.Options, discordgo.SelectMenuOption{
					Label: truncate(o.Label, maxMenuLabel), Value: o.Value,
					Description: truncate(o.Description, maxMenuLabel), Default: o.Default,
				})
			}
			if len(menu.Options) == 0 {
				continue
			}
			seen[id] = true
			out = append(out, discordgo.ActionsRow{Components: []discordgo.MessageComponent{menu}})
		}
	}
	return out
}
