package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/bwmarrin/discordgo"
)

// jsonType is the Content-Type of every response; net/http only reads it.
var jsonType = []string{"application/json"}

func writeJSON(w http.ResponseWriter, body []byte) error {
	h := w.Header()
	h["Content-Type"] = jsonType
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(body)
	return err
}

// write encodes resp as the HTTP response.
func (s *Interactions) write(w http.ResponseWriter, resp *discordgo.InteractionResponse) error {
	bufp := s.bufs.Get().(*[]byte)
	defer s.bufs.Put(bufp)
	buf := bytes.NewBuffer((*bufp)[:0])
	if err := encodeResponse(buf, resp); err != nil {
		s.log.Error("interaction response not encoded", "type", int(resp.Type))
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return fmt.Errorf("encode response: %w", err)
	}
	*bufp = buf.Bytes()[:0]
	return writeJSON(w, buf.Bytes())
}

// flatten returns resp in a form encoding/json writes in one pass. discordgo's
// rows and buttons marshal themselves, each into its own buffer that
// encoding/json then checks and copies again; their flat twins below have
// the same fields and no MarshalJSON. Components of other kinds keep theirs.
func flatten(resp *discordgo.InteractionResponse) any {
	if resp == nil || resp.Data == nil || len(resp.Data.Components) == 0 {
		return resp
	}
	return flatResponse{Type: resp.Type, Data: &flatData{
		InteractionResponseData: resp.Data,
		Components:              flatComponents(resp.Data.Components),
	}}
}

type flatResponse struct {
	Type discordgo.InteractionResponseType `json:"type,omitempty"`
	Data *flatData                         `json:"data,omitempty"`
}

// flatData is the response's data with its components replaced: the outer
// field hides the embedded one of the same name.
type flatData struct {
	*discordgo.InteractionResponseData
	Components []any `json:"components"`
}

type flatRow struct {
	Components []any                   `json:"components"`
	ID         int                     `json:"id,omitempty"`
	Type       discordgo.ComponentType `json:"type"`
}

// buttonFields is discordgo.Button without its methods.
type buttonFields discordgo.Button

type flatButton struct {
	buttonFields
	Type discordgo.ComponentType `json:"type"`
}

func flatComponents(cs []discordgo.MessageComponent) []any {
	if cs == nil {
		return nil
	}
	out := make([]any, len(cs))
	for i, c := range cs {
		switch c := c.(type) {
		case discordgo.ActionsRow:
			out[i] = flatRow{Components: flatComponents(c.Components), ID: c.ID, Type: c.Type()}
		case *discordgo.ActionsRow:
			out[i] = flatRow{Components: flatComponents(c.Components), ID: c.ID, Type: c.Type()}
		case discordgo.Button:
			out[i] = newFlatButton(c)
		case *discordgo.Button:
			out[i] = newFlatButton(*c)
		default:
			out[i] = c
		}
	}
	return out
}

func newFlatButton(b discordgo.Button) flatButton {
	// As discordgo does: a button without a style is a primary one.
	if b.Style == 0 {
		b.Style = discordgo.PrimaryButton
	}
	return flatButton{buttonFields: buttonFields(b), Type: b.Type()}
}

// encodeResponse writes resp as the HTTP response's body.
func encodeResponse(buf *bytes.Buffer, resp *discordgo.InteractionResponse) error {
	return json.NewEncoder(buf).Encode(flatten(resp))
}
