package loadgen

import (
	"fmt"
	"strconv"
	"time"
)

// questions are the questions of the "questions" mix, as members type them,
// with what the answer must contain. Each is answered in its own language
// whatever the client's; the last two of each language are not answerable
// from the knowledge base and get the "I don't know" answer.
var questions = []struct{ text, want string }{
	{"What is Montreal's sanctuary city policy?", "Montreal (Quebec)"},
	{"Montréal est-elle vraiment une ville sanctuaire ?", "Montréal (Québec)"},
	{"How many times did the SPVM call the CBSA in 2017?", "Montreal police (SPVM)"},
	{"Combien de fois le SPVM a appelé l'ASFC en 2017 ?", "Service de police de la Ville de Montréal (SPVM)"},
	{"How can I reach Solidarity Across Borders?", "514-809-0773"},
	{"Comment joindre Solidarité sans frontières ?", "514-809-0773"},
	{"If I call 911 as a victim, can the police ask about my status?", "Can the police contact immigration (CBSA)?"},
	{"Si j'appelle le 911, est-ce que la police peut vérifier mon statut ?", "La police peut-elle contacter l’immigration (ASFC)"},
	{"Can my kids go to school in Quebec without papers?", "School for children without status in Quebec"},
	{"Est-ce que je dois montrer mes papiers à la police ?", "Dois-je avoir mes papiers sur moi"},
	{"What's the weather in Paris tomorrow?", "Rather than guess"},
	{"Quel est le meilleur restaurant de Laval ?", "Je ne sais pas"},
}

// Mix prepares the signed requests of a run, each sent once with a French
// and once with an English client, signed at time at (the server accepts
// them for five minutes):
//   - "kb": answers drawn from the knowledge base and given at once: city,
//     support and rights;
//   - "questions": questions in plain words, in French and English, the
//     unanswerable ones included (see questions);
//   - "stats": statistics, whose charts make the answer deferred and finished
//     by an edit;
//   - "about": the about answer.
func Mix(name string, s Signer, host, appID string, at time.Time) ([]Request, error) {
	type ask struct {
		name string
		opts []Option
		want string
	}
	opt := func(name, value string) []Option { return []Option{{Name: name, Type: 3, Value: value}} }
	var asks []ask
	switch name {
	case "kb":
		for _, c := range []struct{ value, want string }{
			{"montreal", "Montr"}, {"Toronto", "Toronto"}, {"hamilton", "Hamilton"}, {"vancouver", "Vancouver"}, {"Québec", "bec"},
		} {
			asks = append(asks, ask{"city", opt("name", c.value), c.want})
		}
		asks = append(asks,
			ask{"support", opt("city", "montreal"), "Montr"},
			ask{"support", opt("city", "toronto"), "Toronto"},
			ask{"rights", nil, "police"},
		)
	case "questions":
		for _, q := range questions {
			asks = append(asks, ask{"question", opt("text", q.text), q.want})
		}
	case "stats":
		for _, f := range []struct{ value, want string }{
			{"spvm", "SPVM"}, {"tps", "Toronto"}, {"sq", "Sûreté du Québec"}, {"Peel", "Peel"}, {"vpd", "Vancouver"}, {"ottawa", "Ottawa"},
		} {
			asks = append(asks, ask{"stats", opt("force", f.value), f.want})
		}
		asks = append(asks, ask{"stats", nil, "SPVM"})
	case "about":
		asks = append(asks, ask{"about", nil, `"embeds"`})
	default:
		return nil, fmt.Errorf("unknown mix %q", name)
	}
	var reqs []Request
	for _, locale := range []string{"fr", "en-US"} {
		for _, a := range asks {
			token := "bench-" + strconv.Itoa(len(reqs))
			what := a.name
			for _, o := range a.opts {
				what += fmt.Sprintf(" %s:%q", o.Name, o.Value)
			}
			reqs = append(reqs, Request{
				Name:  what + " (" + locale + ")",
				Raw:   s.Request(host, "/interactions", Command(appID, token, a.name, locale, a.opts...), at),
				Token: token,
				Want:  []byte(a.want),
			})
		}
	}
	return reqs, nil
}
