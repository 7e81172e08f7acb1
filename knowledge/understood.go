package knowledge

import (
	"strconv"
	"strings"
)

// keyPrefix starts the key of an understanding.
const keyPrefix = "q:"

// Key writes what was understood, never what was typed, as a short string a
// button can carry: "q:figure:force/spvm:2017-2017:calls". Base.Understood
// reads it back.
func (u Understanding) Key() string {
	b := make([]byte, 0, 64)
	b = append(b, keyPrefix...)
	b = append(b, u.Intent...)
	b = append(b, ':')
	for i, h := range u.Hits {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, h.Kind...)
		b = append(b, '/')
		b = append(b, h.ID...)
	}
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(u.Year), 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(u.To), 10)
	b = append(b, ':')
	b = append(b, u.Measure...)
	return string(b)
}

// Understood reads a key written by Understanding.Key, checking that every
// entry it names exists; the result is Sure.
func (b *Base) Understood(key string) (Understanding, bool) {
	rest, ok := strings.CutPrefix(key, keyPrefix)
	if !ok {
		return Understanding{}, false
	}
	parts := strings.Split(rest, ":")
	if len(parts) != 4 {
		return Understanding{}, false
	}
	u := Understanding{Intent: Intent(parts[0]), Measure: Measure(parts[3]), Sure: true}
	switch u.Intent {
	case AskEntry, AskFigure, AskTrend, AskRanking, AskCompare, AskPolicy, AskCovers, AskContact, AskHelp, AskPolice, AskPlaces:
	default:
		return Understanding{}, false
	}
	if u.Measure != "" && u.Measure != Calls && u.Measure != StatusChecks {
		return Understanding{}, false
	}
	from, to, ok := strings.Cut(parts[2], "-")
	var err1, err2 error
	u.Year, err1 = strconv.Atoi(from)
	u.To, err2 = strconv.Atoi(to)
	if !ok || err1 != nil || err2 != nil || u.Year < 0 || u.To < 0 || u.Year > 2100 || u.To > 2100 {
		return Understanding{}, false
	}
	for _, id := range strings.Split(parts[1], ",") {
		kind, id, ok := strings.Cut(id, "/")
		if !ok || !b.has(Kind(kind), id) {
			return Understanding{}, false
		}
		u.Hits = append(u.Hits, Hit{Kind: Kind(kind), ID: id, Confident: true})
	}
	// Up to the three hits Understand gives: the answer and two to look at.
	if len(u.Hits) == 0 || len(u.Hits) > 3 {
		return Understanding{}, false
	}
	return u, true
}

// has reports whether the base holds the entry of that kind and ID.
func (b *Base) has(k Kind, id string) bool {
	var ok bool
	switch k {
	case KindPlace:
		_, ok = b.Place(id)
	case KindForce:
		_, ok = b.Force(id)
	case KindOrg:
		_, ok = b.Org(id)
	case KindTopic:
		_, ok = b.Topic(id)
	}
	return ok
}
