package knowledge

// chatWords are the words of a chat message that carry no part of what is
// asked: greetings, politeness, fillers of spoken Québec French and of
// English, SMS spellings, the verbs that wrap a question ("can you tell me",
// "pouvez-vous me dire") and the words of a personal story around it. They
// are neutral: a question keeps its meaning without them, so they neither
// find an entry nor count against one.
var chatWords = toSet(`
slt cc pls plz pleas please yo hey hi hello allo alo bonjour bonsoir salut coucou merci thx thanks thank ty svp stp sil vous plait
genre tsé tse ben bin pis pi faque fak coudonc ouin ouais oui yeah yep yes ya ok okay okey lol mdr bref voila
finalement actually basically literally honestly seriously anyway anyways btw like kinda sorta guess
um uh euh hmm bon alors donc enfin bah ah oh omg wtf mdrr ptdr
show montrer
while during walking walk marcher marchais give available disponible exist existe exists
scared afraid worried inquiet inquiete stressed stresse nervous terrified
pouvez pourriez pouvez-vous pourrais peux-tu peut-etre maybe perhaps svp
could would can will you u ya please tell dis dites dire savoir know wondering wonder wanted aimerais voudrais veux
question questions quick petite simple desole desolee sorry excuse excusez
j jhabite habite habites habitons habitent vis vit vivons live lives living reside reste restons restes staying stay
arrive arrivee arrives arrived came come venu venue venus
hier yesterday today aujourd aujourdhui hui ago il y ans an years year last dernier derniere passe passee prochain prochaine next week semaine month mois
english anglais francais french good bien pas not very tres really vraiment exactement exactly au juste
now currently actuellement maintenant mtn encore still even meme
c cest ces sa ca cela ke ki koi quoi kwa ce keske kesse quesse kosse quosse quest
chu chui jsuis jsui jsp jpense pense penses think thinks thought believe crois
tu ti-tu te t toi
ppl people gens personnes someone somebody anybody anyone quelqu
bc because parce car since puisque cuz coz
my mon ma mes our notre nos
bro sis guys gars fille man dude chum blonde faut faudrait
also aussi too
gros bref resume
true vrai
vont va vais allez allons aller going gonna wanna
`)

// sms maps spellings of chats and texting to the word they stand for, so
// that "cmb d'appels" reads as "combien d'appels".
var sms = map[string]string{
	"cmb": "combien", "cb": "combien", "cbm": "combien", "kombien": "combien",
	"nb": "nombre", "nbr": "nombre", "num": "numero", "tel": "telephone", "tél": "telephone",
	"pk": "pourquoi", "pq": "pourquoi", "pcq": "parce", "pr": "pour", "ds": "dans", "ns": "nous", "vs": "vs",
	"qd": "quand", "kan": "quand", "kand": "quand", "jte": "je", "chez": "chez",
	"checker": "verifier", "checke": "verifie", "checkent": "verifient",
	"verif": "verification", "verifs": "verifications", "vérif": "verification", "vérifs": "verifications",
	"cops": "police", "cop": "police", "flics": "police", "flic": "police", "polis": "police",
	"imigration": "immigration", "immigation": "immigration", "imm": "immigration",
	"ur": "your", "r": "are", "w": "with", "wat": "what", "wht": "what", "hw": "how",
}
