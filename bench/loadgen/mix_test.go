package loadgen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestMixQuestions checks that the questions mix sends every question once
// from a French and once from an English client, as a signed `question`
// command with the text as typed, each with its own token and something to
// look for in the answer.
func TestMixQuestions(t *testing.T) {
	s, err := NewSigner(strings.Repeat("07", 32))
	if err != nil {
		t.Fatal(err)
	}
	reqs, err := Mix("questions", s, "127.0.0.1:1", "42", time.Unix(1700000000, 0))
	if err != nil {
		t.Fatal(err)
	}
	if len(reqs) != 2*len(questions) {
		t.Fatalf("got %d requests, want %d", len(reqs), 2*len(questions))
	}
	asked := map[string]int{}
	tokens := map[string]bool{}
	for _, r := range reqs {
		req, err := http.ReadRequest(bufio.NewReader(bytes.NewReader(r.Raw)))
		if err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		var in struct {
			Token  string `json:"token"`
			Locale string `json:"locale"`
			Data   struct {
				Name    string   `json:"name"`
				Options []Option `json:"options"`
			} `json:"data"`
		}
		if err := json.NewDecoder(req.Body).Decode(&in); err != nil {
			t.Fatalf("%s: %v", r.Name, err)
		}
		if in.Data.Name != "question" || len(in.Data.Options) != 1 || in.Data.Options[0].Name != "text" {
			t.Fatalf("%s: got command %q with options %v, want question text:...", r.Name, in.Data.Name, in.Data.Options)
		}
		if in.Token != r.Token || tokens[r.Token] {
			t.Errorf("%s: token %q in the body, %q expected, unique", r.Name, in.Token, r.Token)
		}
		tokens[r.Token] = true
		if len(r.Want) == 0 {
			t.Errorf("%s: nothing to look for in the answer", r.Name)
		}
		asked[in.Data.Options[0].Value.(string)+" "+in.Locale]++
	}
	for _, q := range questions {
		for _, locale := range []string{"fr", "en-US"} {
			if asked[q.text+" "+locale] != 1 {
				t.Errorf("%q from %s asked %d times, want once", q.text, locale, asked[q.text+" "+locale])
			}
		}
	}
	if _, err := Mix("question", s, "127.0.0.1:1", "42", time.Now()); err == nil {
		t.Error("an unknown mix was accepted")
	}
}
