package locales

import (
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"strings"
	"text/template/parse"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Catalog holds the messages of both languages, checked for parity at load.
type Catalog struct {
	bundle   *i18n.Bundle
	printers map[Lang]*Printer
	// messages[lang][id] is the message as written in its file.
	messages map[Lang]map[string]*i18n.Message
	// file[lang][id] names the file that defines the message.
	file map[Lang]map[string]string
	ids  []string
}

// fileName is AREA.LANG.toml, AREA in snake_case.
var fileName = regexp.MustCompile(`^([a-z][a-z0-9_]*)\.(en|fr)\.toml$`)

var unmarshalers = map[string]i18n.UnmarshalFunc{"toml": toml.Unmarshal}

// Load reads every AREA.en.toml and AREA.fr.toml file at the root of fsys and
// checks them: both files of each area exist, every message exists in both
// languages, no translation is empty, and a message uses the same
// placeholders in both languages. An error names the file and the message.
func Load(fsys fs.FS) (*Catalog, error) {
	names, err := fs.Glob(fsys, "*.toml")
	if err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("load messages: no message files")
	}
	c := &Catalog{
		bundle:   i18n.NewBundle(language.English),
		printers: map[Lang]*Printer{},
		messages: map[Lang]map[string]*i18n.Message{},
		file:     map[Lang]map[string]string{},
	}
	for _, l := range All {
		c.messages[l] = map[string]*i18n.Message{}
		c.file[l] = map[string]string{}
	}
	areas := map[string]map[Lang]bool{}
	for _, name := range names {
		m := fileName.FindStringSubmatch(name)
		if m == nil {
			return nil, fmt.Errorf("load messages: %s: file name must be AREA.en.toml or AREA.fr.toml, AREA in snake_case", name)
		}
		area, l := m[1], Lang(m[2])
		if areas[area] == nil {
			areas[area] = map[Lang]bool{}
		}
		areas[area][l] = true
		if err := c.addFile(fsys, name, l); err != nil {
			return nil, fmt.Errorf("load messages: %w", err)
		}
	}
	for _, area := range slices.Sorted(maps.Keys(areas)) {
		for _, l := range All {
			if !areas[area][l] {
				return nil, fmt.Errorf("load messages: %s.%s.toml: missing (every area has an en and a fr file)", area, l)
			}
		}
	}
	if err := c.check(); err != nil {
		return nil, fmt.Errorf("load messages: %w", err)
	}
	for _, l := range All {
		p, err := newPrinter(l, i18n.NewLocalizer(c.bundle, string(l)), c.messages[l], c.file[l])
		if err != nil {
			return nil, fmt.Errorf("load messages: %w", err)
		}
		c.printers[l] = p
	}
	return c, nil
}

func (c *Catalog) addFile(fsys fs.FS, name string, l Lang) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	mf, err := i18n.ParseMessageFileBytes(data, name, unmarshalers)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(mf.Messages) == 0 {
		return fmt.Errorf("%s: no messages", name)
	}
	for _, msg := range mf.Messages {
		if prev, ok := c.file[l][msg.ID]; ok {
			return fmt.Errorf("%s: %s: already defined in %s", name, msg.ID, prev)
		}
		c.messages[l][msg.ID] = msg
		c.file[l][msg.ID] = name
	}
	if err := c.bundle.AddMessages(language.Make(string(l)), mf.Messages...); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

// check compares the two languages message by message.
func (c *Catalog) check() error {
	ids := map[string]bool{}
	for _, l := range All {
		for id := range c.messages[l] {
			ids[id] = true
		}
	}
	c.ids = slices.Sorted(maps.Keys(ids))
	for _, id := range c.ids {
		var ref map[string]bool
		var refFile string
		var refPlural bool
		for _, l := range All {
			msg, ok := c.messages[l][id]
			if !ok {
				return fmt.Errorf("%s: %s: missing (present in %s)", c.pairFile(id, l), id, c.file[other(l)][id])
			}
			file := c.file[l][id]
			forms, err := messageForms(msg)
			if err != nil {
				return fmt.Errorf("%s: %s: %w", file, id, err)
			}
			fields := map[string]bool{}
			for form, text := range forms {
				if strings.TrimSpace(text) == "" {
					return fmt.Errorf("%s: %s: %s: empty translation", file, id, form)
				}
				if err := templateFields(text, msg.LeftDelim, msg.RightDelim, fields); err != nil {
					return fmt.Errorf("%s: %s: %s: %w", file, id, form, err)
				}
			}
			_, plural := forms["one"]
			if ref == nil {
				ref, refFile, refPlural = fields, file, plural
				continue
			}
			if plural != refPlural {
				return fmt.Errorf("%s: %s: plural forms (one, other) in one language only (see %s)", file, id, refFile)
			}
			if !maps.Equal(ref, fields) {
				return fmt.Errorf("%s: %s: placeholders %v, but %v in %s", file, id,
					slices.Sorted(maps.Keys(fields)), slices.Sorted(maps.Keys(ref)), refFile)
			}
		}
	}
	return nil
}

// pairFile names the file of lang l that should hold id: the twin of the
// file that has it in the other language.
func (c *Catalog) pairFile(id string, l Lang) string {
	name := c.file[other(l)][id]
	if m := fileName.FindStringSubmatch(name); m != nil {
		return m[1] + "." + string(l) + ".toml"
	}
	return name
}

func other(l Lang) Lang {
	if l == FR {
		return EN
	}
	return FR
}

// messageForms returns the texts of a message by plural form. A message is
// either plain ("other" only) or plural ("one" and "other"): English and
// French need no other form, and French "many" falls back to "other".
func messageForms(m *i18n.Message) (map[string]string, error) {
	for form, text := range map[string]string{"zero": m.Zero, "two": m.Two, "few": m.Few, "many": m.Many} {
		if text != "" {
			return nil, fmt.Errorf("%s: unused plural form (only one and other)", form)
		}
	}
	forms := map[string]string{"other": m.Other}
	if m.One != "" {
		forms["one"] = m.One
	}
	return forms, nil
}

// templateFields adds to fields the names of the {{.Fields}} text uses.
func templateFields(text, left, right string, fields map[string]bool) error {
	trees, err := parse.Parse("message", text, left, right)
	if err != nil {
		return fmt.Errorf("template: %w", err)
	}
	for _, tree := range trees {
		walkFields(tree.Root, fields)
	}
	return nil
}

func walkFields(n parse.Node, fields map[string]bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			walkFields(c, fields)
		}
	case *parse.ActionNode:
		walkFields(n.Pipe, fields)
	case *parse.PipeNode:
		if n == nil {
			return
		}
		for _, c := range n.Cmds {
			walkFields(c, fields)
		}
	case *parse.CommandNode:
		for _, a := range n.Args {
			walkFields(a, fields)
		}
	case *parse.FieldNode:
		fields[strings.Join(n.Ident, ".")] = true
	case *parse.ChainNode:
		walkFields(n.Node, fields)
	case *parse.IfNode:
		walkBranch(&n.BranchNode, fields)
	case *parse.RangeNode:
		walkBranch(&n.BranchNode, fields)
	case *parse.WithNode:
		walkBranch(&n.BranchNode, fields)
	}
}

func walkBranch(b *parse.BranchNode, fields map[string]bool) {
	walkFields(b.Pipe, fields)
	walkFields(b.List, fields)
	walkFields(b.ElseList, fields)
}

// Printer returns the printer of lang (English for anything unknown).
func (c *Catalog) Printer(l Lang) *Printer {
	if p, ok := c.printers[l]; ok {
		return p
	}
	return c.printers[EN]
}

// Has reports whether message id exists (in both languages, as Load checks).
func (c *Catalog) Has(id string) bool {
	_, ok := c.messages[EN][id]
	return ok
}

// IDs lists every message id, sorted.
func (c *Catalog) IDs() []string { return slices.Clone(c.ids) }
