package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"sanctuaire/bot"
	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// askFlags are the flags of `ask`, as its usage errors list them.
var askFlags = []string{"--lang", "--knowledge", "--out"}

// cmdAsk answers one command locally, as a member would ask it on Discord,
// and prints the answer as plain text; --out writes its attachments.
func cmdAsk(ctx context.Context, e env, args []string) error {
	vals, rest, fe := parseFlags(args, "lang", "knowledge", "out")
	c, err := newConsole(e, vals["lang"])
	if err != nil {
		return err
	}
	if fe != nil {
		return c.flagProblem("ask", "cli_syntax_ask", fe, askFlags...)
	}
	if vals[helpFlag] != "" {
		c.help(e)
		return nil
	}
	if len(rest) == 0 {
		return c.usage("cli_syntax_ask")
	}
	langs := c.langs

	// The content is loaded and checked first, as by every other command;
	// the command line is then read against the table over it.
	kb, cat, err := c.content(ctx, e, vals["knowledge"])
	if err != nil {
		return err
	}
	shape := bot.Commands(handlers.New(kb, cat, nil), nil)
	// The commands about one server (moderators' updates and settings, and
	// the server's news) need a server and its store: they are not offered here.
	var names, serverOnly []string
	for _, s := range shape {
		if s.OnMessage {
			continue // used on a Discord message: Discord only
		}
		if s.GuildOnly {
			serverOnly = append(serverOnly, named(c.p, s.Name, s.NameFR))
		} else {
			names = append(names, named(c.p, s.Name, s.NameFR))
		}
	}
	cmd, ok := bot.Lookup(shape, rest[0])
	if !ok || cmd.OnMessage {
		return usageError{c.p.T("cli_unknown_command", "Name", oneLine(rest[0]), "Commands", strings.Join(names, ", "))}
	}
	if cmd.Guided {
		cmd.Options = append(guidedOptions(), cmd.Options...)
	}
	if cmd.GuildOnly {
		return usageError{c.p.T("cli_ask_server_only", "Commands", c.p.List(serverOnly))}
	}
	parsed, err := parseOptions(c.p, cmd, rest[1:])
	if err != nil {
		return usageError{err.Error()}
	}
	if parsed.langs != nil {
		langs = parsed.langs
	}
	if cmd.Guided && parsed.options[handlers.OptCity] != "" && parsed.options[handlers.OptSituation] == "" {
		name := named(c.p, "situation", "situation")
		return usageError{c.p.T("cli_ask_needs_option", "Command", named(c.p, cmd.Name, cmd.NameFR), "Name", name, "Form", name+":…")}
	}

	handler := cmd.Handler
	if parsed.sub != "" {
		sub, _ := cmd.Sub(parsed.sub)
		handler = sub.Handler
	}
	if handler == nil {
		return fmt.Errorf("ask %s: no handler", cmd.Name)
	}
	resp, err := handler(ctx, handlers.Request{
		Command: cmd.Name,
		Sub:     parsed.sub,
		Options: parsed.options,
		Langs:   langs,
		Share:   parsed.share,
		// --lang, or the command's language option, wins over the
		// language a question is written in.
		LangChosen: vals["lang"] != "" || parsed.langs != nil,
	})
	if err != nil {
		return fmt.Errorf("ask %s: %w", cmd.Name, err)
	}
	handlers.Plain(e.stdout, resp)
	if cmd.Guided && parsed.options[handlers.OptSituation] == "" {
		// The menu printed above is chosen on the command line: say how,
		// apart from the answer, which may be copied as it is.
		ids := handlers.SituationIDs()
		fmt.Fprintln(e.stderr, c.p.T("cli_ask_guided_hint", "Command", named(c.p, cmd.Name, cmd.NameFR),
			"First", ids[0], "Situations", strings.Join(ids, ", ")))
	}
	if out := vals["out"]; out != "" && len(resp.Files) > 0 {
		if err := writeFiles(out, resp.Files); err != nil {
			return consoleError{c.p.T("cli_ask_write_error", "Dir", oneLine(out), "Error", err.Error())}
		}
	}
	return nil
}

// writeFiles writes the attachments into dir, made if needed. Its errors
// name the file; the console says what was being written.
func writeFiles(dir string, files []handlers.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Name)), f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// askArgs is a command line's options, checked against the command table.
type askArgs struct {
	sub     string
	options map[string]string // canonical English names to values
	langs   []locales.Lang    // nil when the language option is not given
	share   bool
}

// parseOptions reads "option:value" arguments, with English or French option
// names, and, for a command with subcommands, the subcommand first. Values
// are checked as Discord would: integers within bounds, booleans, choices.
// Its errors are one line, in p's language, naming commands and options as
// that language does.
func parseOptions(p *locales.Printer, cmd bot.Command, args []string) (askArgs, error) {
	a := askArgs{options: map[string]string{}}
	cmdName := named(p, cmd.Name, cmd.NameFR)
	opts := cmd.Options
	if len(cmd.Subs) > 0 {
		subs := make([]string, len(cmd.Subs))
		for i, s := range cmd.Subs {
			subs[i] = named(p, s.Name, s.NameFR)
		}
		if len(args) == 0 || strings.Contains(args[0], ":") {
			return a, errors.New(p.T("cli_ask_needs_sub", "Command", cmdName, "Subs", strings.Join(subs, ", ")))
		}
		sub, ok := cmd.Sub(args[0])
		if !ok {
			return a, errors.New(p.T("cli_ask_unknown_sub", "Name", oneLine(args[0]), "Command", cmdName,
				"Subs", strings.Join(subs, ", ")))
		}
		a.sub, opts, args = sub.Name, sub.Options, args[1:]
		cmdName += " " + named(p, sub.Name, sub.NameFR)
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = named(p, o.Name, o.NameFR)
	}
	seen := map[string]bool{}
	for _, arg := range args {
		name, value, ok := strings.Cut(arg, ":")
		if !ok {
			return a, errors.New(p.T("cli_ask_not_option", "Arg", oneLine(arg), "Command", cmdName,
				"Options", strings.Join(names, ", ")))
		}
		o, ok := bot.LookupOption(opts, name)
		if !ok {
			return a, errors.New(p.T("cli_unknown_option", "Name", oneLine(name), "Command", cmdName,
				"Options", strings.Join(names, ", ")))
		}
		if seen[o.Name] {
			return a, errors.New(p.T("cli_ask_option_twice", "Name", named(p, o.Name, o.NameFR)))
		}
		seen[o.Name] = true
		value = strings.TrimSpace(value)
		v, err := optionValue(p, o, value)
		if err != nil {
			return a, err
		}
		switch o.Name {
		case bot.OptLanguage:
			a.langs, _ = locales.ParseChoice(v)
		case bot.OptShare:
			a.share = v == "true"
		default:
			a.options[o.Name] = v
		}
	}
	for _, o := range opts {
		if o.Required && a.options[o.Name] == "" {
			name := named(p, o.Name, o.NameFR)
			return a, errors.New(p.T("cli_ask_needs_option", "Command", cmdName, "Name", name, "Form", name+":…"))
		}
	}
	return a, nil
}

// optionValue checks value against the option's type, bounds and choices
// and returns it in canonical form.
func optionValue(p *locales.Printer, o bot.Option, value string) (string, error) {
	name := named(p, o.Name, o.NameFR)
	switch o.Type {
	case bot.Integer:
		n, err := strconv.Atoi(value)
		if err != nil {
			return "", errors.New(p.T("cli_ask_not_integer", "Name", name, "Value", typed(p, value)))
		}
		if (o.Min != nil && n < *o.Min) || (o.Max != nil && n > *o.Max) {
			return "", errors.New(p.T("cli_ask_out_of_range", "Name", name, "Value", strconv.Itoa(n)))
		}
		return strconv.Itoa(n), nil
	case bot.Boolean:
		switch knowledge.Fold(value) {
		case "true", "yes", "oui", "vrai", "1":
			return "true", nil
		case "false", "no", "non", "faux", "0":
			return "false", nil
		}
		return "", errors.New(p.T("cli_ask_not_boolean", "Name", name, "Value", typed(p, value)))
	}
	if len(o.Choices) > 0 {
		if ch, ok := o.Choice(value); ok {
			return ch.Value, nil
		}
		values := make([]string, len(o.Choices))
		for i, ch := range o.Choices {
			values[i] = ch.Value
		}
		return "", errors.New(p.T("cli_ask_not_choice", "Name", name, "Choices", strings.Join(values, ", "),
			"Value", typed(p, value)))
	}
	if o.MaxLength > 0 && len([]rune(value)) > o.MaxLength {
		return "", errors.New(p.Plural("cli_ask_too_long", o.MaxLength, "Name", name))
	}
	return value, nil
}

// guidedOptions are what the menus of the guided help (help-me) choose on
// Discord, given on the command line instead: the situation, then the city.
// Without them, the console prints the situations to choose from.
func guidedOptions() []bot.Option {
	var choices []bot.Choice
	for _, id := range handlers.SituationIDs() {
		choices = append(choices, bot.Choice{Value: id, Label: "helpme_situation_" + id})
	}
	return []bot.Option{
		{Name: handlers.OptSituation, NameFR: "situation", Type: bot.String, Choices: choices},
		{Name: handlers.OptCity, NameFR: "ville", Type: bot.String, MaxLength: 100},
	}
}
