package knowledge

import "strings"

// cue is one thing a question's wording says about what it asks, apart from
// its subject: "combien" asks for a figure, "depuis quand" for a date.
type cue int

const (
	cueFigure    cue = iota // a number: combien, how many
	cueRanking              // who does it most: le plus, the most
	cueTrend                // up or down: augmenté, went down
	cueCompare              // one force against another: vs, compare
	cuePolicy               // a place's policy: sanctuary, sans peur
	cueWhen                 // since when, still, yes or no: about a policy when a place is all that is named
	cueCovers               // what a policy covers or excludes, the card
	cueContact              // how to reach an organisation: phone, courriel
	cueHelp                 // where to find help: aide, organisme
	cueCalls                // the measure "calls of all kinds"
	cueChecks               // the measure "status checks"
	cueCBSA                 // what the figures count contacts with
	cuePolice               // a police word
	cueWitness              // calling 911, a victim or a witness
	cueDuration             // how long: not a figure
	cueCalled               // a police force calling or contacting: not a measure
	cueData                 // the figures themselves: stats, chiffres
	cueProcedure            // how to obtain something: a procedure, a person's own case
	cueOutcome              // how a person's own case will end
	cueNeed                 // a kind of help: a clinic, a lawyer, a shelter
	cueStatus               // a person's status or papers being asked or checked
	cueOwnCase              // a person's own file: my application, mon dossier
	cueWhich                // which places, the first or the latest: quelles villes, the oldest
	cueRight                // whether one may: le droit de, the right to; what is asked follows
	cues
)

// asked are the cues whose words only say what kind of answer is wanted:
// they are taken out of the words the entries are ranked on, so that
// "combien" or "phone number" never counts against an entry.
var asked = map[cue]bool{cueFigure: true, cueData: true, cueRanking: true, cueTrend: true, cueCompare: true, cueContact: true, cueWhen: true, cueWhich: true, cueRight: true}

// cueWords lists, for each cue, folded words and phrases in French and
// English, with the spellings of chats.
var cueWords = [cues]string{
	cueFigure: `combien|how many|how much|how often|nombre|number|number of|count|fois|times|frequence|souvent|
		often|a lot|beaucoup`,
	cueData: `numbers|chiffre|chiffres|figure|figures|stats|statistique|statistiques|statistic|statistics|data|
		donnees`,
	cueRanking: `le plus|the most|most|le plus souvent|most often|classement|ranking|rank|top|quel corps|
		quel corps de police|quelle police|which police|what police|which force|what police force|which forces|
		quelles polices|le moins|the least`,
	cueTrend: `augmente|augmentee|augmentes|augmentation|hausse|baisse|baisser|baisses|diminue|diminution|
		increase|increased|increasing|decrease|decreased|decreasing|go up|went up|gone up|go down|went down|
		gone down|up or down|drop|dropped|dropping|trend|trends|tendance|evolution|less now|more now|moins|less`,
	cueCompare: `vs|versus|compare|compared|comparer|comparaison|comparison|more than|plus que|against|contre`,
	cuePolicy: `sanctuary|sanctuaire|refuge|ville refuge|policy|politique|sans peur|without fear|acces sans peur|
		access without fear|sans crainte|guidelines|lignes directrices|ligne directrice|directive|directives|adopted|adopte|adoptee|adopter|vote|voted`,
	cueProcedure: `how do i get|how can i get|how to get|how do i apply|how to apply|apply for|comment obtenir|
		comment avoir|comment faire pour avoir|comment demander|comment faire une demande|pour avoir ma|
		pour avoir mon|pour obtenir ma|pour obtenir mon|to get my|avoir un permis|avoir mon permis|obtenir un permis|
		get a licence|get a license|get a driver|get my licence|get my license|get a permit|get a work permit`,
	cueNeed: `clinique|cliniques|clinic|clinics|medecin|medecins|doctor|doctors|docteur|soins|health care|
		aide juridique|legal aid|legal help|lawyer|avocat|shelter|hebergement|refuge pour|nourriture|food`,
	cueOutcome: `accepted|acceptee|accepte|approved|approuvee|approuve|my chances|mes chances|will i win|
		vais je gagner`,
	cueWhen: `since when|depuis quand|since what year|quelle annee|what year|oui ou non|yes or no|or not|ou pas|
		still|encore|toujours|yet`,
	cueCovers: `cover|covers|covered|couvre|couvrent|couvert|exclude|excludes|excluded|exclu|exclut|exclus|card|
		carte|applies|applique|s applique|city services|services municipaux|municipal services|services de la ville`,
	cueContact: `phone|phone number|telephone|numero|numero de telephone|numero de tel|email|e mail|mail|courriel|
		adresse|address|website|web site|site|site web|site internet|contact|contacts|joindre|rejoindre|reach`,
	cueHelp: `help|aide|aider|organisme|organismes|organisation|organization|group|groupe|where can i find|
		ou trouver|ressource|ressources|resource|resources|aident|aidez|aidant`,
	cueCalls:  `appels|calls|communications`,
	cueChecks: `status check|status checks|verification|verifications|verification de statut|verifications de statut|checking status|check status|checks`,
	cueCBSA: `asfc|cbsa|immigration|border|border services|border agency|frontalier|frontaliers|services frontaliers|
		immigration canada`,
	cuePolice: `911|police|polices|policier|policiers|policiere|officer|officers|agent de police|forces de l ordre|spvm|force|
		quel corps|quel corps de police|quelle police|which police|what police|which force|what police force|
		which forces|quelles polices`,
	cueCalled: `call|appel|calling|called|appele|appelle|appellent|appeler|contacte|contacter|contacted|contacting|
		communique|communiquer`,
	cueStatus: `statut|status|papiers|papers|papier|paper|id|identite|identity|demande|demander|demandent|ask|asks|
		asking|verifie|verifier|verifient|check|checks|checking`,
	cueDuration: `combien de temps|how long|pendant combien de temps|for how long|ca prend combien de temps|
		how long does it take|delai|delais|delay|delays|wait time|waiting time|temps d attente|processing time|
		temps de traitement|quand vais je avoir|quand est ce que je vais avoir|when will i get|when do i get`,
	cueOwnCase: `mon dossier|my file|my case|mon cas|my application|ma demande d asile|my claim|my refugee claim|
		ma residence|ma residence permanente|my pr|my permanent residence|ma citoyennete|my citizenship|
		mon permis|my permit|mon visa|my visa|mon parrainage|my sponsorship`,
	cueWhich: `quelles villes|quelle ville|quelles sont les villes|which cities|what cities|which city|what city|
		which towns|list|liste|first|premiere|premier|oldest|plus ancienne|ancienne|plus vieille|vieille|derniere|dernier|latest|
		most recent|plus recente|newest`,
	cueRight: `droit de|droit d|droit a|droit au|droit aux|droits de|right to|rights to|allowed to|permis de`,
	cueWitness: `911|victime|victim|temoin|witness|plainte|complaint|urgence|emergency|vole|robbed|agresse|attacked|
		assault|assaulted|agression|attaque|battu|beaten|violence|abuse|abused|frappe|frapper|hit|hits|bat|beat|beats|beating|crime|crimes|criminal act`,
}

// cueTable maps each cue phrase, as folded words joined by spaces, to its
// cues; longest is the most words in a phrase.
type cueTable struct {
	phrases  map[string][]cue
	prefixes map[string]bool // the beginnings of the phrases (addPrefixes)
	longest  int
	// singular holds the one-word cues by their singular, so that a
	// plural or a third person the lists do not spell ("groupes",
	// "sanctuaires", "beats") is read as its cue.
	singular map[string][]cue
	// stems maps the stem of each one-word cue to that cue word, so that a
	// word cut short ("polic") is read as the cue it begins.
	stems map[string]string
}

func newCueTable() cueTable {
	t := cueTable{phrases: map[string][]cue{}, prefixes: map[string]bool{}, singular: map[string][]cue{}, stems: map[string]string{}}
	for c, list := range cueWords {
		for _, p := range strings.Split(list, "|") {
			words := tokenize(p)
			if len(words) == 0 {
				continue
			}
			k := strings.Join(words, " ")
			t.phrases[k] = append(t.phrases[k], cue(c))
			addPrefixes(t.prefixes, words)
			t.longest = max(t.longest, len(words))
			if len(words) == 1 && len(k) >= 4 {
				t.singular[unplural(k)] = append(t.singular[unplural(k)], cue(c))
				if _, ok := t.stems[stem(k)]; !ok {
					t.stems[stem(k)] = k
				}
			}
		}
	}
	return t
}

// find marks the cues words say, longest phrase first, which words a cue
// of an asked kind took, and which words any cue read.
func (t cueTable) find(words []string) (found [cues]bool, taken, read []bool) {
	taken = make([]bool, len(words))
	read = make([]bool, len(words))
	var room [64]byte
	buf := room[:0]
	for i := 0; i < len(words); {
		var cs []cue
		var l int
		cs, l, buf = longestPhrase(t.phrases, t.prefixes, t.longest, len(words)-i, func(j int) string { return words[i+j] }, buf)
		if l == 0 && len(words[i]) > 4 {
			if cs = t.singular[unplural(words[i])]; cs != nil {
				l = 1
			}
		}
		if l == 0 {
			i++
			continue
		}
		for j := i; j < i+l; j++ {
			read[j] = true
		}
		for _, c := range cs {
			found[c] = true
			if asked[c] {
				for j := i; j < i+l; j++ {
					taken[j] = true
				}
			}
		}
		i += l
	}
	return found, taken, read
}
