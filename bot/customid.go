package bot

import (
	"errors"
	"slices"
	"strconv"
	"strings"

	"sanctuaire/handlers"
	"sanctuaire/locales"
)

// The bot's one custom_id grammar. A custom_id is parts separated by "|",
// each with "|", "&", "=" and "%" escaped as %XX; it has two forms:
//
//   - "a|page|langs|command|sub|k=v&k=v": the router's own buttons on an
//     answer (pages, language), which run the request again (view);
//   - "v|page|langs|command|sub|k=v&k=v": the router's menu of an answer's
//     sections, the same view, showing the page of the section chosen;
//   - "command|sub|arg|…": a handler's Click (button, menu) or Modal,
//     answered by the Click or Submit handler of that command or
//     subcommand, with the args in Request.Args. sub is left out for the
//     command's own handlers; the part after the command is the subcommand
//     only when the command has one of that name (clickID, clickParts).
//
// Handlers never see a custom_id: they give and get Args.

// answerPrefix starts the custom_id of the buttons that re-render an answer;
// sectionPrefix that of the menu of its sections.
const (
	answerPrefix  = "a"
	sectionPrefix = "v"
)

// view is everything needed to render an answer again: the request (command,
// subcommand, options, languages) and the page shown. It travels in a button's
// custom_id, so that any instance of the bot can answer the click without
// keeping state.
type view struct {
	Page    int
	Langs   []locales.Lang
	Command string
	Sub     string
	Options map[string]string
}

// encode writes v as "a|page|langs|command|sub|k=v&k=v"; ok is false when it
// does not fit Discord's 100 characters.
func (v view) encode() (string, bool) {
	var b strings.Builder
	b.WriteString(answerPrefix)
	b.WriteByte('|')
	b.WriteString(strconv.Itoa(v.Page))
	b.WriteByte('|')
	for _, l := range v.Langs {
		b.WriteString(string(l))
	}
	b.WriteByte('|')
	b.WriteString(escape(v.Command))
	b.WriteByte('|')
	b.WriteString(escape(v.Sub))
	b.WriteByte('|')
	keys := make([]string, 0, len(v.Options))
	for k := range v.Options {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(escape(k))
		b.WriteByte('=')
		b.WriteString(escape(v.Options[k]))
	}
	s := b.String()
	return s, runeCount(s) <= maxCustomID
}

var errBadCustomID = errors.New("bad custom_id")

// sectionMenuID is the custom_id of the menu of sections of the answer of v.
func sectionMenuID(v view) (string, bool) {
	id, ok := v.encode()
	return sectionPrefix + strings.TrimPrefix(id, answerPrefix), ok
}

// decodeSection reads the custom_id of a menu of sections and the value
// chosen in it: the view, at the page of the section chosen.
func decodeSection(id string, values []string) (view, error) {
	rest, ok := strings.CutPrefix(id, sectionPrefix+"|")
	if !ok || len(values) != 1 {
		return view{}, errBadCustomID
	}
	v, err := decodeView(answerPrefix + "|" + rest)
	if err != nil {
		return view{}, err
	}
	if v.Page, err = strconv.Atoi(values[0]); err != nil || v.Page < 0 || v.Page > 1000 {
		return view{}, errBadCustomID
	}
	return v, nil
}

// decodeView reads a custom_id written by encode.
func decodeView(id string) (view, error) {
	parts := strings.Split(id, "|")
	if len(parts) != 6 || parts[0] != answerPrefix {
		return view{}, errBadCustomID
	}
	var v view
	var err error
	if v.Page, err = strconv.Atoi(parts[1]); err != nil || v.Page < 0 || v.Page > 1000 {
		return view{}, errBadCustomID
	}
	langs := parts[2]
	for len(langs) >= 2 {
		l := locales.Lang(langs[:2])
		if l != locales.EN && l != locales.FR {
			return view{}, errBadCustomID
		}
		v.Langs = append(v.Langs, l)
		langs = langs[2:]
	}
	if langs != "" || len(v.Langs) == 0 || len(v.Langs) > 2 {
		return view{}, errBadCustomID
	}
	if v.Command, err = unescape(parts[3]); err != nil || v.Command == "" {
		return view{}, errBadCustomID
	}
	if v.Sub, err = unescape(parts[4]); err != nil {
		return view{}, errBadCustomID
	}
	v.Options = map[string]string{}
	if parts[5] == "" {
		return v, nil
	}
	for _, kv := range strings.Split(parts[5], "&") {
		k, val, ok := strings.Cut(kv, "=")
		if !ok {
			return view{}, errBadCustomID
		}
		if k, err = unescape(k); err != nil {
			return view{}, errBadCustomID
		}
		if val, err = unescape(val); err != nil {
			return view{}, errBadCustomID
		}
		v.Options[k] = val
	}
	return v, nil
}

// escape protects the separators with %XX; other characters, accents
// included, stay as they are to save room.
func escape(s string) string {
	if !strings.ContainsAny(s, "|&=%") {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '|', '&', '=', '%':
			b.WriteByte('%')
			b.WriteString(strings.ToUpper(strconv.FormatInt(int64(r), 16)))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unescape(s string) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+3 > len(s) {
			return "", errBadCustomID
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return "", errBadCustomID
		}
		b.WriteByte(byte(n))
		i += 2
	}
	return b.String(), nil
}

// clickID is the custom_id of a handler's Click or Modal; ok is false when
// it does not fit Discord's 100 characters.
func clickID(command, sub string, args []string) (string, bool) {
	var b strings.Builder
	b.WriteString(escape(command))
	if sub != "" {
		b.WriteByte('|')
		b.WriteString(escape(sub))
	}
	for _, a := range args {
		b.WriteByte('|')
		b.WriteString(escape(a))
	}
	s := b.String()
	return s, command != "" && command != answerPrefix && command != sectionPrefix && command != sharePrefix && runeCount(s) <= maxCustomID
}

// clickParts reads a custom_id written by clickID: the command, then the
// subcommand (if any) and the args, unescaped.
func clickParts(id string) ([]string, error) {
	if id == "" || runeCount(id) > maxCustomID {
		return nil, errBadCustomID
	}
	parts := strings.Split(id, "|")
	for i, p := range parts {
		u, err := unescape(p)
		if err != nil {
			return nil, errBadCustomID
		}
		parts[i] = u
	}
	if parts[0] == "" || parts[0] == answerPrefix || parts[0] == sectionPrefix || parts[0] == sharePrefix {
		return nil, errBadCustomID
	}
	return parts, nil
}

// answerLangs are the languages resp answers in, in order; langs when it
// has no answer.
func answerLangs(resp handlers.Response, langs []locales.Lang) []locales.Lang {
	if len(resp.Answers) == 0 {
		return langs
	}
	out := make([]locales.Lang, len(resp.Answers))
	for i, a := range resp.Answers {
		out[i] = a.Lang
	}
	return out
}
