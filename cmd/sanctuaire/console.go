package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"sanctuaire/knowledge"
	"sanctuaire/locales"
)

// console is what `ask`, `check`, `help` and `version` write with: the
// messages, the languages asked for, and the printer of one-line messages.
type console struct {
	cat   *locales.Catalog
	langs []locales.Lang // from --lang (French first for both), else the environment's
	p     *locales.Printer
}

// newConsole chooses the console's languages as `ask` does for answers:
// --lang (en, fr or both), else LC_ALL, LC_MESSAGES or LANG, else English.
// One-line messages (errors, the version) use the single language asked
// for; with both, the environment's, as one line cannot hold two.
func newConsole(e env, lang string) (console, error) {
	cat, err := locales.Bundled()
	if err != nil {
		return console{}, err
	}
	sys := systemLang(e)
	c := console{cat: cat, langs: []locales.Lang{sys}, p: cat.Printer(sys)}
	if lang == "" {
		return c, nil
	}
	langs, ok := locales.ParseChoice(lang)
	if !ok {
		return c, usageError{c.p.T("cli_unknown_language", "Value", oneLine(lang))}
	}
	c.langs = langs
	if len(langs) == 1 {
		c.p = cat.Printer(langs[0])
	}
	return c, nil
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

// usage is the usage line of a console command, from its syntax message.
func (c console) usage(syntax string) error {
	return usageError{c.p.T("cli_usage_line", "Syntax", c.p.T(syntax))}
}

// flagProblem turns a flag parsing mistake of command cmd into its usage
// error; flags lists the command's flags with their dashes.
func (c console) flagProblem(cmd, syntax string, fe *flagError, flags ...string) error {
	if fe.noValue {
		return usageError{c.p.T("cli_option_needs_value", "Name", oneLine(fe.name), "Syntax", c.p.T(syntax))}
	}
	return usageError{c.p.T("cli_unknown_option", "Name", oneLine(fe.name), "Command", cmd,
		"Options", strings.Join(flags, ", "))}
}

// helpFlag is set in parseFlags' values by -h, -help or --help.
const helpFlag = "help"

// flagError is a mistake in a console command's flags.
type flagError struct {
	name    string // as typed, dashes included
	noValue bool   // a known flag given without its value
}

// parseFlags reads the flags at the start of args: -name value, --name
// value, -name=value or --name=value, each flag in known taking a value; -h,
// -help and --help set helpFlag. The first argument that is not a flag ends
// them, and so does "--". It returns the values read (also on error, so that
// --lang still chooses the language of the message) and what follows.
func parseFlags(args []string, known ...string) (map[string]string, []string, *flagError) {
	vals := map[string]string{}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return vals, args[i+1:], nil
		}
		if len(arg) < 2 || arg[0] != '-' {
			return vals, args[i:], nil
		}
		name, value, hasValue := strings.Cut(strings.TrimPrefix(arg[1:], "-"), "=")
		if (name == "h" || name == helpFlag) && !hasValue {
			vals[helpFlag] = "true"
			continue
		}
		if name == "" || name == helpFlag || !slices.Contains(known, name) {
			flag, _, _ := strings.Cut(arg, "=")
			return vals, nil, &flagError{name: flag}
		}
		if !hasValue {
			if i+1 == len(args) {
				return vals, nil, &flagError{name: arg, noValue: true}
			}
			i++
			value = args[i]
		}
		vals[name] = value
	}
	return vals, nil, nil
}

// named is an English or French name, as the printer's language writes it.
func named(p *locales.Printer, en, fr string) string {
	if p.Lang() == locales.FR && fr != "" {
		return fr
	}
	return en
}

// typed shows a value a person typed: quoted as the language quotes, or
// escaped on one line when it holds control characters.
func typed(p *locales.Printer, s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return p.Quote(s)
}

// oneLine keeps what a person typed on one line in an error message.
func oneLine(s string) string {
	if strings.ContainsFunc(s, unicode.IsControl) {
		return strconv.Quote(s)
	}
	return s
}

// content loads and validates the knowledge base, from dir, else from
// $SANCTUAIRE_KNOWLEDGE, else from the files bundled in the program, and
// returns it with the console's messages (loaded and checked already). It
// explains in the console's language why the base cannot be used: a
// directory that cannot be read, or the list of problems of an invalid
// base, each naming its file, entry and field.
func (c console) content(ctx context.Context, e env, dir string) (*knowledge.Base, *locales.Catalog, error) {
	kb, dir, err := loadKnowledge(ctx, e, dir)
	if errors.Is(err, context.Canceled) {
		return nil, nil, consoleError{c.p.T("cli_knowledge_interrupted")}
	}
	var bad *knowledgeDirError
	if errors.As(err, &bad) {
		switch {
		case errors.Is(bad.err, fs.ErrNotExist):
			return nil, nil, consoleError{c.p.T("cli_knowledge_no_dir", "Dir", oneLine(dir))}
		case errors.Is(bad.err, fs.ErrPermission):
			return nil, nil, consoleError{c.p.T("cli_knowledge_denied", "Dir", oneLine(dir))}
		case errors.Is(bad.err, errNotDir):
			return nil, nil, consoleError{c.p.T("cli_knowledge_not_dir", "Dir", oneLine(dir))}
		}
		return nil, nil, fmt.Errorf("knowledge %s: %w", dir, bad.err)
	}
	var invalid *knowledge.ValidationError
	if errors.As(err, &invalid) {
		var sb strings.Builder
		if dir == "" {
			sb.WriteString(c.p.Plural("cli_knowledge_problems_bundled", len(invalid.Problems)))
		} else {
			sb.WriteString(c.p.Plural("cli_knowledge_problems_dir", len(invalid.Problems), "Dir", oneLine(dir)))
		}
		for _, pr := range invalid.Problems {
			sb.WriteString("\n  ")
			sb.WriteString(pr.String())
		}
		return nil, nil, consoleError{sb.String()}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("knowledge: %w", err)
	}
	return kb, c.cat, nil
}

// separator stands between the French and English texts of --lang both,
// as between the two answers of `ask --lang both`.
const separator = "――――――――――――――――――――"

// each writes text for every language of the console, French first, with
// the separator between them.
func (c console) each(w io.Writer, text func(p *locales.Printer) string) {
	for i, l := range c.langs {
		if i > 0 {
			fmt.Fprintf(w, "\n%s\n\n", separator)
		}
		fmt.Fprintln(w, strings.TrimRight(text(c.cat.Printer(l)), "\n"))
	}
}
