package handlers

import (
	"fmt"
	"io"
	"strings"
)

// separator stands between the answers of a Response in two languages.
const separator = "――――――――――――――――――――"

// Plain writes a Response as plain text: for each answer its title, text,
// fields, every section under its name (underlined, as it is written: it may name a command), numbered sources, link buttons as "label <url>" and the name of
// the picture it shows in brackets; then the names of other attached files.
func Plain(w io.Writer, r Response) {
	for i, a := range r.Answers {
		if i > 0 {
			fmt.Fprintf(w, "\n%s\n\n", separator)
		}
		plainAnswer(w, a)
	}
	// A file an answer shows is named there, in its place; the others after.
	shown := map[string]bool{}
	for _, a := range r.Answers {
		if a.Image != "" {
			shown[a.Image] = true
		}
	}
	for _, f := range r.Files {
		if !shown[f.Name] {
			fmt.Fprintf(w, "\n[%s]\n", f.Name)
		}
	}
}

func plainAnswer(w io.Writer, a Answer) {
	if a.Title != "" {
		fmt.Fprintf(w, "%s\n%s\n", a.Title, strings.Repeat("=", len([]rune(a.Title))))
	}
	if a.Body != "" {
		fmt.Fprintf(w, "\n%s\n", a.Body)
	}
	for _, f := range a.Fields {
		fmt.Fprintf(w, "\n%s\n%s\n", f.Name, f.Value)
	}
	for _, s := range a.Sections {
		fmt.Fprintf(w, "\n%s\n%s\n", s.Name, strings.Repeat("-", len([]rune(s.Name))))
		for i, f := range s.Fields {
			// A section's first field often bears the section's own name:
			// the heading above already says it.
			if i == 0 && strings.EqualFold(f.Name, s.Name) {
				fmt.Fprintf(w, "\n%s\n", f.Value)
				continue
			}
			fmt.Fprintf(w, "\n%s\n%s\n", f.Name, f.Value)
		}
	}
	if len(a.Sources) > 0 {
		fmt.Fprintln(w)
		for i, s := range a.Sources {
			fmt.Fprintf(w, "[%d] %s", i+1, s.Label)
			if s.URL != "" {
				fmt.Fprintf(w, " <%s>", s.URL)
			}
			fmt.Fprintln(w)
		}
	}
	// Only links mean something in text; buttons that come back to the bot do not.
	var links []Button
	for _, b := range a.Buttons {
		if b.Click == nil {
			links = append(links, b)
		}
	}
	if len(links) > 0 {
		fmt.Fprintln(w)
		for _, b := range links {
			fmt.Fprintf(w, "%s <%s>\n", b.Label, b.URL)
		}
	}
	// A menu's choices are written out: in text they are a list to read.
	for _, m := range a.Menus {
		fmt.Fprintf(w, "\n%s\n", m.Placeholder)
		for _, o := range m.Options {
			fmt.Fprintf(w, "- %s\n", o.Label)
		}
	}
	if a.Footer != "" {
		fmt.Fprintf(w, "\n%s\n", a.Footer)
	}
	if a.Image != "" {
		fmt.Fprintf(w, "\n[%s]\n", a.Image)
	}
}
