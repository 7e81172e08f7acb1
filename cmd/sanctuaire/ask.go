package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode"

	"sanctuaire/bot"
	"sanctuaire/handlers"
	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

const askUsage = "usage: sanctuaire ask [--lang en|fr|both] [--knowledge DIR] [--out DIR] COMMAND [option:value ...]"

// cmdAsk answers one command locally, as a member would ask it on Discord,
// and prints the answer as plain text; --out writes its attachments.
func cmdAsk(ctx context.Context, e env, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "", "language of the answer: en, fr or both")
	dir := fs.String("knowledge", "", "directory of knowledge files")
	out := fs.String("out", "", "directory to write attachments such as charts to")
	if err := fs.Parse(args); err != nil {
		return usageError{"ask: " + err.Error() + "; " + askUsage}
	}
	langs := []locales.Lang{systemLang(e)}
	if *lang != "" {
		l, ok := locales.ParseChoice(*lang)
		if !ok {
			return usageError{fmt.Sprintf("ask: unknown language %s; languages: en, fr, both", oneLine(*lang))}
		}
		langs = l
	}
	if fs.NArg() == 0 {
		return usageError{askUsage}
	}

	// The command line is checked against the table before anything loads.
	shape := bot.Commands(handlers.New(nil, nil, nil), nil)
	cmd, ok := bot.Lookup(shape, fs.Arg(0))
	if !ok {
		return usageError{fmt.Sprintf("unknown command %s; commands: %s", oneLine(fs.Arg(0)), strings.Join(bot.Names(shape), ", "))}
	}
	parsed, err := parseOptions(cmd, fs.Args()[1:])
	if err != nil {
		return usageError{err.Error()}
	}
	if parsed.langs != nil {
		langs = parsed.langs
	}

	kb, cat, err := loadContent(e, *dir)
	if err != nil {
		return err
	}
	cmd, _ = bot.Lookup(bot.Commands(handlers.New(kb, cat, nil), nil), cmd.Name)
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
	})
	if err != nil {
		return fmt.Errorf("ask %s: %w", cmd.Name, err)
	}
	handlers.Plain(e.stdout, resp)
	if *out != "" && len(resp.Files) > 0 {
		if err := writeFiles(*out, resp.Files); err != nil {
			return err
		}
	}
	return nil
}

func writeFiles(dir string, files []handlers.File) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write attachments: %w", err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Name)), f.Data, 0o644); err != nil {
			return fmt.Errorf("write attachments: %w", err)
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
func parseOptions(cmd bot.Command, args []string) (askArgs, error) {
	a := askArgs{options: map[string]string{}}
	opts := cmd.Options
	if len(cmd.Subs) > 0 {
		subs := make([]string, len(cmd.Subs))
		for i, s := range cmd.Subs {
			subs[i] = s.Name
		}
		if len(args) == 0 || strings.Contains(args[0], ":") {
			return a, fmt.Errorf("%s needs a subcommand: %s", cmd.Name, strings.Join(subs, ", "))
		}
		sub, ok := cmd.Sub(args[0])
		if !ok {
			return a, fmt.Errorf("unknown subcommand %s for %s; subcommands: %s", oneLine(args[0]), cmd.Name, strings.Join(subs, ", "))
		}
		a.sub, opts, args = sub.Name, sub.Options, args[1:]
	}
	names := make([]string, len(opts))
	for i, o := range opts {
		names[i] = o.Name
	}
	seen := map[string]bool{}
	for _, arg := range args {
		name, value, ok := strings.Cut(arg, ":")
		if !ok {
			return a, fmt.Errorf("%s: write options as option:value; options of %s: %s", oneLine(arg), cmd.Name, strings.Join(names, ", "))
		}
		o, ok := bot.LookupOption(opts, name)
		if !ok {
			return a, fmt.Errorf("unknown option %s for %s; options: %s", oneLine(name), cmd.Name, strings.Join(names, ", "))
		}
		if seen[o.Name] {
			return a, fmt.Errorf("option %s given twice", o.Name)
		}
		seen[o.Name] = true
		value = strings.TrimSpace(value)
		v, err := optionValue(o, value)
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
			return a, fmt.Errorf("%s needs option %s (%s:...)", cmd.Name, o.Name, o.Name)
		}
	}
	return a, nil
}

// optionValue checks value against the option's type, bounds and choices
// and returns it in canonical form.
func optionValue(o bot.Option, value string) (string, error) {
	switch o.Type {
	case bot.Integer:
		n, err := strconv.Atoi(value)
		if err != nil {
			return "", fmt.Errorf("option %s takes a whole number, not %q", o.Name, value)
		}
		if (o.Min != nil && n < *o.Min) || (o.Max != nil && n > *o.Max) {
			return "", fmt.Errorf("option %s: %d is out of range", o.Name, n)
		}
		return strconv.Itoa(n), nil
	case bot.Boolean:
		switch knowledge.Fold(value) {
		case "true", "yes", "oui", "vrai", "1":
			return "true", nil
		case "false", "no", "non", "faux", "0":
			return "false", nil
		}
		return "", fmt.Errorf("option %s takes true or false, not %q", o.Name, value)
	}
	if len(o.Choices) > 0 {
		if ch, ok := o.Choice(value); ok {
			return ch.Value, nil
		}
		values := make([]string, len(o.Choices))
		for i, ch := range o.Choices {
			values[i] = ch.Value
		}
		return "", fmt.Errorf("option %s takes one of %s, not %q", o.Name, strings.Join(values, ", "), value)
	}
	if o.MaxLength > 0 && len([]rune(value)) > o.MaxLength {
		return "", fmt.Errorf("option %s: at most %d characters", o.Name, o.MaxLength)
	}
	return value, nil
}

// oneLine keeps what a person typed on one line in an error message.
func oneLine(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// systemLang is the language of the environment (LC_ALL, LC_MESSAGES, LANG,
// as "fr_CA.UTF-8"), English when it is neither French nor English.
func systemLang(e env) locales.Lang {
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := e.getenv(k)
		if v == "" {
			continue
		}
		v, _, _ = strings.Cut(v, ".")
		v, _, _ = strings.Cut(v, "@")
		return locales.Match(strings.ReplaceAll(v, "_", "-"), locales.EN)
	}
	return locales.EN
}
