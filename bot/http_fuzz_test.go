package bot

import (
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// FuzzDecode feeds arbitrary bodies and headers to the endpoint. An unsigned
// request never reaches the handler nor gets a 2xx; the same body properly
// signed with a fresh timestamp is decoded and gets 200 or 400, never a panic.
func FuzzDecode(f *testing.F) {
	f.Add([]byte(`{"type":1}`), "", "")
	f.Add([]byte(commandBody), strconv.FormatInt(testNow.Unix(), 10), strings.Repeat("00", ed25519.SignatureSize))
	f.Add([]byte(`{"type":4,"data":{"name":"city","options":[{"name":"name","type":3,"value":"mon","focused":true}]}}`), "0", "zz")
	f.Add([]byte(`{"type":3,"data":{"custom_id":"page:1","component_type":2}}`), "-1", "")
	f.Add([]byte(`{"type":5,"data":{"custom_id":"f","components":[{"type":1,"components":[{"type":4,"custom_id":"a","value":"b"}]}]}}`), "1e9", "")
	f.Add([]byte(`{"type":2,"data":null}`), "", "")
	f.Add([]byte(`{"type":2,"data":{"options":[{"type":1,"options":[{"type":1}]}]}}`), "", "")
	f.Add([]byte(`{"type":99}`), "", "")
	f.Add([]byte(`{"type":"2"}`), "", "")
	f.Add([]byte(`{"type":2,"member":{"user":{"id":1}}}`), "", "")
	f.Add([]byte(`[`), "", "")
	f.Add([]byte{0xff, 0xfe, 0x00}, "", "")

	s := newSigner(f)
	f.Fuzz(func(t *testing.T, body []byte, ts, sig string) {
		h := &fakeRouter{}
		srv := newTestInteractions(t, h, s.pub, nil)

		unsigned := httptest.NewRequest(http.MethodPost, PathInteractions, strings.NewReader(string(body)))
		unsigned.Header.Set("X-Signature-Timestamp", ts)
		unsigned.Header.Set("X-Signature-Ed25519", sig)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, unsigned)
		if w.Code < 400 {
			t.Fatalf("unsigned body %q: got status %d, want 4xx", body, w.Code)
		}
		if n := h.calls.Load(); n != 0 {
			t.Fatalf("unsigned body %q reached the handler", body)
		}

		signed := httptest.NewRequest(http.MethodPost, PathInteractions, strings.NewReader(string(body)))
		fresh := strconv.FormatInt(testNow.Unix(), 10)
		signed.Header.Set("X-Signature-Timestamp", fresh)
		signed.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(s.priv, append([]byte(fresh), body...))))
		w = httptest.NewRecorder()
		srv.ServeHTTP(w, signed)
		if err := srv.Drain(context.Background()); err != nil {
			t.Fatal(err)
		}
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest, http.StatusRequestEntityTooLarge:
		default:
			t.Fatalf("signed body %q: got status %d", body, w.Code)
		}
		if w.Code != http.StatusOK && h.calls.Load() != 0 {
			t.Fatalf("signed body %q refused with %d after reaching the handler", body, w.Code)
		}
		if w.Code == http.StatusOK && h.calls.Load() == 0 && w.Body.String() != string(pong) {
			t.Fatalf("signed body %q: got %q without calling the handler", body, w.Body.String())
		}
	})
}
