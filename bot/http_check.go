package bot

import (
	"crypto/ed25519"
	"encoding/hex"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/bwmarrin/discordgo"
)

// decodeSignature reads the hexadecimal X-Signature-Ed25519 header.
func decodeSignature(h string) (sig [ed25519.SignatureSize]byte, ok bool) {
	if len(h) != 2*ed25519.SignatureSize {
		return sig, false
	}
	if _, err := hex.Decode(sig[:], []byte(h)); err != nil {
		return sig, false
	}
	return sig, true
}

// readBody appends all of r to buf.
func readBody(buf []byte, r io.Reader) ([]byte, error) {
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// fresh reports whether the timestamp, in Unix seconds, is within MaxClockSkew of the clock.
func (s *Interactions) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	skew := s.now().Sub(time.Unix(sec, 0))
	return skew <= MaxClockSkew && skew >= -MaxClockSkew
}

// decode reads a verified body. It returns a status and a reason when the
// body is not an interaction this endpoint answers.
func decode(body []byte) (i *discordgo.Interaction, code int, reason string) {
	i, err := unmarshalInteraction(body)
	if err != nil {
		return nil, http.StatusBadRequest, reasonJSON
	}
	switch i.Type {
	case discordgo.InteractionPing:
		return i, 0, ""
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete,
		discordgo.InteractionMessageComponent, discordgo.InteractionModalSubmit:
		// data that is null decodes as empty data, not as none: both are refused.
		if malformed(i) != "" {
			return nil, http.StatusBadRequest, reasonJSON
		}
		return i, 0, ""
	}
	return nil, http.StatusBadRequest, reasonType
}
