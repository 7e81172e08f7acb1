// Package handlers says what each command answers. It speaks in the project's
// own Request and Response types and never imports discordgo: the bot package
// translates Discord interactions into Requests and Responses into messages.
package handlers

import (
	"context"

	"sanctuaire/locales"
)

// Request is one command as a person asked it.
type Request struct {
	Command string            // canonical English command name: "city", "stats", ...
	Sub     string            // subcommand, for commands that have them ("post", "show", ...)
	Options map[string]string // canonical English option names to values as given
	Langs   []locales.Lang    // languages of the answer, in order: one, or fr then en for "both"
	// LangChosen is true when the language option was given: it then wins
	// over the language a question is written in.
	LangChosen bool
	Share      bool   // share:true; answers are ephemeral otherwise
	Guild      string // server ID; empty in direct messages and in `sanctuaire ask`
	User       string // who asked; kept only in the moderators' audit log
	Channel    string // where they asked
	// Moderator is set by the bot once it has checked the member's permissions
	// or role on the server side; handlers trust it and nothing else.
	Moderator bool
	Focused   string // for autocomplete: the option being typed, its text in Options

	// Form holds the inputs of a submitted Modal, by Input ID (Submit handlers).
	Form map[string]string
	// Args are the Args of the Click or the Modal being answered (Click and
	// Submit handlers).
	Args []string
	// Values are the options chosen in a Menu (Click handlers).
	Values []string
	// ReadOnly says the caller only reads the Response: answers kept once
	// built (Response.Key) are then handed out as they are, not copied.
	ReadOnly bool
}

// Response is a command's answer, built for every language the Request asked for.
type Response struct {
	Ephemeral bool
	Answers   []Answer // one per language, in the order of Request.Langs
	Files     []File   // attachments, such as charts
	Modal     *Modal   // set when the answer is a form to fill in
	// Rerun, when set, replaces the request's options in the buttons that
	// show the answer again (pages, language): what was understood, never
	// what a person typed.
	Rerun map[string]string
	// Private keeps the answer to the person who asked, even with share:
	// for a step towards an answer, such as a menu to choose from, which
	// means nothing to others.
	Private bool
	// Key, when set, names an answer that depends only on entries of the
	// knowledge base and on the languages asked for: two Responses with the
	// same Key to requests in the same languages are the same, and the bot
	// may keep what it made of one. It never holds text a person typed.
	Key string
}

// Answer is the answer in one language. Its Body and Fields are the first
// view, which fits a phone's screen: the verdict and the key facts. The
// rest is in Sections, and the full list of Sources is a view of its own.
type Answer struct {
	Lang     locales.Lang
	Title    string
	Body     string // paragraphs separated by blank lines
	Fields   []Field
	Sections []Section
	Sources  []Source // every answer names its sources with their dates
	Footer   string
	Buttons  []Button
	Menus    []Menu // select menus, one row each, under the buttons
	Image    string // name of a File shown in this answer, if any
	Kind     Kind   // what kind of answer it is, which its colour shows
}

// Kind tells an answer from a caution and from "not found", at a glance.
type Kind int

// Kinds of answer.
const (
	Info     Kind = iota // an answer: the default
	Caution              // an answer to read with care: uncertain figures, no sure answer
	NotFound             // nothing known under that name, or an option that cannot be read
)

// Section is a part of an answer shown apart from the first view: a
// timeline, what sources disagree on, every figure, what is counted.
type Section struct {
	Key    string // names the section whatever the language: "timeline", "figures", ...
	Name   string // its label, in the answer's language
	Fields []Field
}

// Field is a titled part of an answer.
type Field struct {
	Name   string
	Value  string
	Inline bool
}

// Source is a cited source, already written out in the answer's language.
type Source struct {
	Label string // title, publisher and date, then Note
	Cite  string // Label without its note
	Note  string // how the source was identified (a reconstructed title, a secondary copy); may be ""
	Short string // publisher and month, as a key fact cites it: "La Presse, mars 2019"
	URL   string // empty when none is known
}

// Button is a link button (URL) or, with Click, a button that comes back to
// the bot.
type Button struct {
	Label string
	URL   string
	Click *Click
	Style ButtonStyle // of a button with Click; links look the same whatever it is
}

// Click is where a button or a menu comes back to: the Click handler of
// Command and Sub (by default those of the request being answered), which
// gets Args in Request.Args. The bot carries it in the component itself, so
// Args must stay short (a few IDs or words), and never hold text a person typed.
//
// A click on a private answer replaces that answer in place: a handler that
// opens a section of an answer returns the whole answer with that section
// shown, and its buttons or menu to open the others.
type Click struct {
	Command string
	Sub     string
	Args    []string
}

// Menu is a select menu that comes back to the bot: choosing reaches the
// Click handler with the chosen values in Request.Values.
type Menu struct {
	Click       Click
	Placeholder string
	Options     []MenuOption
}

// MenuOption is one choice of a Menu.
type MenuOption struct {
	Label       string
	Value       string
	Description string
	Default     bool // shown as chosen
}

// ButtonStyle is how a button with an ID looks.
type ButtonStyle int

// Button styles.
const (
	Secondary ButtonStyle = iota // grey: the default
	Primary                      // blurple: the main action
	Danger                       // red: an action that cannot be undone
)

// File is an attachment.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Modal is a form shown to a moderator. Its submission reaches the Submit
// handler of the command that opened it, with Args in Request.Args and the
// inputs in Request.Form.
type Modal struct {
	Args   []string
	Title  string
	Inputs []Input
}

// Input is one text box of a Modal.
type Input struct {
	ID        string
	Label     string
	Value     string // pre-filled text
	Long      bool   // paragraph rather than one line
	Required  bool
	MaxLength int
}

// Choice is an autocomplete suggestion.
type Choice struct {
	Name  string // shown, in the asker's language
	Value string // sent back as the option's value
}

// Func answers one command, or a form submitted or a button clicked.
type Func func(ctx context.Context, req Request) (Response, error)

// CompleteFunc suggests values for the option being typed (Request.Focused).
type CompleteFunc func(ctx context.Context, req Request) ([]Choice, error)
