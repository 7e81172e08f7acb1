package handlers

import (
	"strconv"
	"testing"
)

// TestKeptResponsesKeepWhatIsAskedAgain: once full, the kept responses make
// room by dropping those built once, not those asked for again, and never
// hold more than maxKeptResponses.
func TestKeptResponsesKeepWhatIsAskedAgain(t *testing.T) {
	var k keptResponses
	builds := 0
	build := func(title string) func() Response {
		return func() Response {
			builds++
			return Response{Answers: []Answer{{Title: title}}}
		}
	}
	k.get("often", true, build("often"))
	k.get("often", true, build("often"))
	for n := range 3 * maxKeptResponses {
		k.get("once/"+strconv.Itoa(n), true, build("once"))
	}
	before := builds
	if r := k.get("often", false, build("built again")); r.Answers[0].Title != "often" || builds != before {
		t.Errorf("a response asked for again was pushed out by %d built once (got %q)", 3*maxKeptResponses, r.Answers[0].Title)
	}
	if n := k.cache().Len(); n > maxKeptResponses {
		t.Errorf("%d responses kept, more than %d", n, maxKeptResponses)
	}
}
