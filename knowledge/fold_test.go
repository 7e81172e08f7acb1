package knowledge

import "testing"

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Montréal", "montreal"},
		{"MONTRÉAL", "montreal"},
		{"Sûreté du Québec", "surete du quebec"},
		{"cœur", "coeur"},
		{"Œuvre", "oeuvre"},
		{"l’ASFC", "l'asfc"},
		{"already plain", "already plain"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
