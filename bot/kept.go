package bot

import (
	"bytes"
	"strconv"
	"strings"
	"sync"

	"github.com/bwmarrin/discordgo"
	lru "github.com/hashicorp/golang-lru/v2"

	"sanctuaire/handlers"
)

// maxKept bounds the kept replies: the answers about one entry, times the
// languages, pages and ways of showing them, are a few thousand at most;
// answers to questions, kept by what was understood, may be many more.
const maxKept = 4096

// keptReplies holds the initial responses of answers that depend only on
// entries of the knowledge base (handlers.Response.Key), laid out and
// encoded once: the handler still runs (its own answers are kept too), but
// the layout and the encoding, most of an answer's cost, are not done again.
// The key is made of the command, the entry, the languages, the page and how
// the answer is shown, never of anything a person typed. When full, a reply
// seen once gives way before one asked for again (a 2Q cache): a stream of
// questions each understood differently does not push out the answers
// people keep asking for.
type keptReplies struct {
	once sync.Once
	c    *lru.TwoQueueCache[string, keptReply]
}

type keptReply struct {
	resp *discordgo.InteractionResponse
	body []byte // resp as the HTTP endpoint writes it
}

func (k *keptReplies) cache() *lru.TwoQueueCache[string, keptReply] {
	k.once.Do(func() {
		c, err := lru.New2Q[string, keptReply](maxKept)
		if err != nil {
			panic(err) // only for a size below 1
		}
		k.c = c
	})
	return k.c
}

func (k *keptReplies) get(key string) (keptReply, bool) {
	return k.cache().Get(key)
}

// put encodes resp and keeps it under key; it returns the encoding, or nil
// when resp cannot be encoded.
func (k *keptReplies) put(key string, resp *discordgo.InteractionResponse) []byte {
	var buf bytes.Buffer
	if err := encodeResponse(&buf, resp); err != nil {
		return nil
	}
	body := buf.Bytes()
	k.cache().Add(key, keptReply{resp: resp, body: body})
	return body
}

// keptKey is the key of the reply to req built from resp, shown at page
// pageN; ok is false when the reply may not be kept: resp depends on more
// than entries and languages, or carries files.
func keptKey(i *discordgo.Interaction, req handlers.Request, resp handlers.Response, pageN int, show ...bool) (string, bool) {
	if resp.Key == "" || len(resp.Files) > 0 || resp.Modal != nil {
		return "", false
	}
	var b strings.Builder
	for _, s := range []string{req.Command, req.Sub, resp.Key, strconv.Itoa(pageN)} {
		b.WriteString(s)
		b.WriteByte('|')
	}
	for _, l := range req.Langs {
		b.WriteString(string(l))
	}
	b.WriteByte('|')
	sc := scopeOf(i)
	for _, f := range append(show, resp.Ephemeral, resp.Private, sc.inServer, sc.serverInstall, sc.memberOnly, sc.privateOnly) {
		if f {
			b.WriteByte('1')
		} else {
			b.WriteByte('0')
		}
	}
	return b.String(), true
}
