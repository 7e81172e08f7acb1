package locales

import "testing"

func TestSmoke(t *testing.T) {
	c, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Printer(FR).Int(3608), "3\u00a0608"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := c.Printer(FR).T("error_generic"); got == "[error_generic]" {
		t.Errorf("got %q", got)
	}
}
