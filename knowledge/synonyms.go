package knowledge

import "strings"

// synonymGroups are words and phrases, in French and English, that people
// use for the same idea. Each group becomes one concept term, so a question
// in one language finds an entry written in the other. Phrases are matched
// after folding and stemming, skipping articles (see fillers); a phrase
// also keeps its own words, so "sanctuaire" alone still finds
// "ville sanctuaire".
var synonymGroups = [][]string{
	{"police", "policier", "policiere", "policiers", "policieres", "cop", "cops", "officer", "officers",
		"agent de police", "police officer", "forces de l'ordre", "flic", "flics", "poulet", "policing"},
	{"statut", "status", "statut d'immigration", "immigration status", "statut migratoire"},
	{"sans papiers", "sans-papiers", "undocumented", "without status", "no status", "sans statut",
		"precarious status", "statut precaire", "without papers", "no papers", "illegal", "illegaux",
		"illegal immigrant", "clandestin", "irregular", "irregulier", "uncertain status",
		"non-status", "nonstatus", "without legal status", "sans statut legal", "precaire", "precarious",
		"pas de papiers", "pas de papier", "pas de statut", "no documents", "without documents"},
	{"expulsion", "expulser", "expulse", "renvoi", "renvoyer", "deportation", "deporter", "deport",
		"deported", "removal", "removed", "remove", "refoulement", "deportee"},
	{"asfc", "cbsa", "agence des services frontaliers", "agence des services frontaliers du canada",
		"border services", "border agency", "canada border services agency", "services frontaliers",
		"border services agency", "agents frontaliers", "border officers", "border agents",
		"immigration canada", "immigration enforcement", "agent de l'asfc", "agents de l'asfc", "cbsa officer",
		"cbsa officers", "cbsa agent", "cbsa agents"},
	{"ville sanctuaire", "sanctuary city", "ville refuge", "sanctuary", "sanctuaire", "cite refuge",
		"solidarity city", "ville solidaire", "access without fear", "acces sans peur", "sans peur",
		"without fear", "don't ask don't tell"},
	{"avocat", "avocate", "avocats", "lawyer", "lawyers", "counsel", "attorney", "legal counsel",
		"conseil juridique", "legal aid", "aide juridique", "juriste", "legal clinic", "clinique juridique",
		"services juridiques", "legal services", "legal help", "legal advice", "avis juridique"},
	{"droit", "droits", "right", "rights"},
	{"mandat", "warrant", "warrants", "mandat d'arret", "arrest warrant", "mandat d'arrestation"},
	{"detention", "detenu", "detenue", "detained", "detain", "detainee", "detenir", "holding centre",
		"centre de surveillance", "centre de detention", "detention centre", "jail", "prison", "emprisonne",
		"locked up", "enferme", "garder", "retenir", "retenu", "held", "hold", "keep"},
	{"base de donnees", "database", "databases", "cipc", "cpic", "ordi", "ordinateur", "computer",
		"systeme", "system", "fichier policier", "police database"},
	{"combien de temps", "how long", "duree", "delai", "delay", "deadline", "heures", "hours", "jours", "days",
		"how fast", "how soon", "how quickly", "how quick", "en combien de temps", "tu vite"},
	{"ecole", "school", "scolarite", "scolarisation", "education", "schooling", "eleve", "student",
		"inscrire", "enrol", "enroll", "classe", "high school", "ecole secondaire"},
	// Not "RAMQ": it is Quebec's alone, and finds Quebec's entries by itself.
	{"sante", "health", "soins", "soin", "healthcare", "health care", "medecin", "doctor",
		"hopital", "hospital", "clinique", "clinic", "medical", "medicale", "assurance maladie",
		"health insurance", "health card", "carte soleil", "malade", "sick", "ifhp", "pfsi", "soigner", "soigne", "treat", "treated", "treatment", "traitement"},
	{"aide", "help", "support", "soutien", "aider", "assistance", "accompagnement", "assist", "helping",
		"aidez", "ressource", "ressources", "resource", "resources"},
	{"appel", "appels", "call", "calls", "communication", "communications", "contact", "contacts",
		"appeler", "appelle", "appellent", "appele", "telephoner", "contacted", "called", "calling", "phoned", "signaler", "report",
		"reported", "denoncer", "denonciation", "collaboration", "collaborate",
		"share", "shares", "sharing", "shared", "partage", "partager", "partagent", "info", "infos",
		"information sharing", "sharing of information", "partage d'information", "renseignements"},
	{"verification", "verifier", "check", "checks", "verify", "verified", "checked", "status check",
		"ask", "asks", "asked", "asking", "demander", "request", "requests", "requete", "requetes",
		"status checks", "verification de statut", "controle", "look up", "lookup"},
	{"arrestation", "arrest", "arrested", "arreter", "arrete", "interpellation", "interpelle",
		"apprehended", "stopped", "arret", "interception", "stop", "stops", "stopping", "pulled over",
		"intercepter", "intercepte", "pogne", "pogner", "stoppe", "stopper"},
	{"silence", "silent", "garder le silence", "remain silent", "se taire", "right to silence",
		"droit au silence", "keep quiet", "ne rien dire", "answer", "repondre",
		"rien dire", "parler", "talk", "talking", "quiet", "stay quiet", "say nothing", "not talk",
		"reponde", "repondes", "reponds", "repond", "repondent", "answers", "answering",
		"pose des questions", "poser des questions", "posent des questions", "ask me questions", "asking me questions",
		"asks me questions"},
	{"identite", "identity", "identification", "id", "papiers d'identite", "piece d'identite",
		"carte d'identite", "identifier", "nom", "name", "pieces", "documents", "carry", "who i am", "qui je suis"},
	{"organisme", "organisation", "organization", "association", "groupe", "group", "community group",
		"ngo", "ong", "centre", "center", "collectif", "collective", "reseau", "network", "charity"},
	{"refugie", "refugee", "refugies", "refugees", "demandeur d'asile", "asylum seeker", "asylum",
		"asile", "refugee claimant", "claimant", "demande d'asile", "refugee claim"},
	{"travail", "travailleur", "travailleuse", "work", "worker", "workers", "job", "emploi", "employeur",
		"employer", "travailler", "working"},
	{"enfant", "enfants", "child", "children", "kid", "kids", "fils", "fille", "daughter", "bebe", "baby",
		"ptit", "ptite", "ptits", "ptites", "my son", "our son", "his son", "her son"},
	{"logement", "housing", "shelter", "refuge pour", "hebergement", "maison d'hebergement", "loyer",
		"rent", "homeless", "itinerance", "sans abri"},
	{"ville", "city", "municipal", "municipalite", "municipality", "cite", "town", "council", "conseil municipal",
		"mairie", "city hall"},
	{"services municipaux", "city services", "municipal services", "services de la ville", "services publics",
		"public services", "services of the city", "town services", "town programs"},
	{"combien", "how many", "how much", "nombre", "number", "chiffre", "chiffres", "figures",
		"statistique", "statistics", "stats", "data", "count",
		"how often", "often", "souvent", "frequence", "frequency", "frequently"},
	{"politique", "policy", "policies", "reglement", "bylaw", "directive", "directives", "guidelines",
		"ligne directrice"},
	{"amende", "ticket", "contravention", "fine", "constat", "constat d'infraction", "infraction", "offence", "offense"},
	{"empreintes", "fingerprints", "empreintes digitales", "fingerprint"},
	{"conduire", "driving", "drive", "driver", "conducteur", "permis de conduire", "driver's licence",
		"licence", "license", "voiture", "traffic", "routier", "pulled me over", "pull me over", "pulls me over",
		"pulled us over"},
	{"victime", "victim", "victims", "temoin", "witness", "witnesses", "plainte", "complaint", "porter plainte"},
	{"interprete", "interpreter", "traduction", "translation", "langue", "language"},
	{"regularisation", "regularization", "regularize", "regulariser", "status for all", "statut pour tous",
		"amnesty", "amnistie", "residence permanente", "permanent residence"},
	{"audience", "hearing", "controle des motifs", "detention review", "commission de l'immigration",
		"immigration division", "section de l'immigration", "cisr", "irb", "tribunal", "judge", "juge"},
	{"rendez-vous", "rendez vous", "rdv", "appointment", "appointments", "convocation", "check-in", "check in",
		"reporting date", "call-in"},
	{"manquer", "manque", "manquee", "rater", "rate", "ratee", "miss", "missed", "missing"},
	{"grc", "rcmp", "gendarmerie royale", "royal canadian mounted police", "mounties"},
}

// fillers are articles skipped when matching phrases, so that
// "agence des services frontaliers" and "agence services frontaliers" match.
var fillers = map[string]bool{
	"le": true, "la": true, "les": true, "l": true, "de": true, "des": true, "du": true, "d": true,
	"the": true, "of": true, "a": true, "an": true, "s": true,
}

// stopWords carry no meaning for the search: function words of both
// languages and the conversational words of a question. They are dropped
// after phrases are matched, so "sans papiers" and "without status" still
// count.
var stopWords = toSet(`
a an the and or but if of to in on at by for with about from as into out up over than then so too very
is are am was were be been being do does did done doing have has had having can could should would will shall
may might must i me my mine myself you your yours he him his she her hers it its we us our ours they them their
this that these those there here what which who whom whose when where why how whats wheres hows
any some all also just only not no yes please hi hello thanks thank anyone someone somebody something anything
happen happens happened happening know tell say said get gets got getting go goes going gone want wants need
needs let lets like really still ever even much many way thing things use used using since mean means make find take obtain
im ive dont doesnt didnt cant wont isnt arent wasnt
le la les l un une des du de d et ou au aux en dans par pour sur avec sans ce cet cette ces ceci cela ca c
qui que qu quoi quel quelle quels quelles est sont suis es etre ete ai as avez avons ont avoir eu
je j tu il elle on nous vous ils elles me m te t se s mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs
y ne n pas plus si comment pourquoi quand dois doit doivent peut peux peuvent pouvoir puis puisse faire fait fais
moi toi lui eux tout tous toute toutes bonjour salut merci svp stp aussi deja encore tres bien quoi veux veut voudrais
arrive arriver passe quelqu quelque chose savoir dire dit depuis veut dire signifie obtenir avoir aller vais va trouver prendre mettre
jai cest til tu contre normal normale ok okay rue street
cherche cherches chercher cherchons recherche looking look search searching seeking besoin
voisin voisine voisins neighbour neighbor neighbours neighbors ami amie amis friend friends mari husband femme wife
epouse epoux conjoint conjointe partner frere soeur brother sister mere pere mother father mom dad maman papa
cousin cousine oncle tante uncle aunt famille family
toujours always parfois sometimes voir see after apres before avant pendant during
`)

func toSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// concept is the term a synonym group is indexed under. The '#' keeps
// it apart from every word a text can contain.
func concept(group []string) string {
	return "#" + strings.Join(phraseStems(group[0]), "_")
}

// phraseStems gives a phrase's stems without fillers.
func phraseStems(p string) []string {
	var out []string
	for _, w := range tokenize(p) {
		if !fillers[w] {
			out = append(out, stem(w))
		}
	}
	return out
}

// thesaurus maps stemmed phrases to their concept term.
type thesaurus struct {
	phrases  map[string]string // stems joined by spaces → concept
	prefixes map[string]bool   // the beginnings of the phrases (addPrefixes)
	longest  int               // words in the longest phrase
	words    map[string]bool   // folded words that appear in some phrase
}

func newThesaurus(groups [][]string) *thesaurus {
	th := &thesaurus{phrases: map[string]string{}, prefixes: map[string]bool{}, words: map[string]bool{}}
	for _, g := range groups {
		c := concept(g)
		for _, p := range g {
			st := phraseStems(p)
			if len(st) == 0 {
				continue
			}
			key := strings.Join(st, " ")
			if _, dup := th.phrases[key]; !dup {
				th.phrases[key] = c
			}
			addPrefixes(th.prefixes, st)
			th.longest = max(th.longest, len(st))
			for _, w := range tokenize(p) {
				th.words[w] = true
			}
		}
	}
	return th
}
