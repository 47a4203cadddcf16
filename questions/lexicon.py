"""The engine's language as data: reporting verbs and their classes, by base form.

Adding a verb is one line: write its base form in the class it belongs to, and every inflection the
engine reads ("stress", "stresses", "stressed", "stressing") is generated. A base form that is also a
common noun ("post", "reply", "tweet") is marked with a trailing "!", and only its verb-only forms
("posted", "posting") are generated, so "a blog post said" is no speech. An irregular past is written
after a slash ("say/said"), a past participle after a second one ("write/wrote/written").

Below the verbs: the words that tell who is who (titles, organisation and place heads, outlets,
unnamed groups, documents, gender cues, a short list of first names), read by names.py and the
entity layer. speech.py and claims.py build their patterns from all of these.
"""
from __future__ import annotations

import re

# Every verb that introduces reported speech or a source's finding.
REPORTING = """
say/said  state  tell/told  write/wrote/written  note  add  warn  argue  believe  suggest  deny
acknowledge  admit/admitted  report  mention  claim  insist  explain  announce  confirm  cite  assert
contend  maintain  predict  estimate  recall  emphasize  emphasise  stress  observe  conclude
think/thought  declare  reveal!  disclose!  concede  counter!  respond!  reply!  urge  vow
promise!  hint!  attribute  testify  tweet!  post!  allege  accuse  expect  fear  hope  doubt
question  reject  call  describe  label/labelled  label/labeled  agree  caution  blame  find/found  show
dispute  contest  pledge  comment  express  reason!  theorize  theorise  propose  ask  rule!
point out  characterize  characterise  plead/pleaded  dub/dubbed
"""
# The classes a reporting verb can belong to (a verb may be in several).
OPINION = """believe think/thought suggest argue contend predict expect fear hope doubt warn estimate
call label/labelled label/labeled characterize characterise dub/dubbed"""
ADMIT = "acknowledge admit/admitted concede confirm announce"
DENY = "deny reject dismiss refute dispute contest"
ACCUSE = "accuse allege blame"
REQUEST = "ask urge request appeal propose express call on plead/pleaded"
PROMISE = "pledge promise vow urge threaten"
# verbs that take a plain noun phrase as what was said ("denied the reports")
TAKES_OBJECT = """accuse acknowledge admit/admitted allege announce ask attribute blame call cite confirm
contest deny describe dispute express label/labelled label/labeled predict propose question reject suggest
urge characterize characterise dub/dubbed"""
# verbs that may introduce a clause without "that" ("he said he would", "analysts warn if ...")
TAKES_CLAUSE = """say/said add argue believe claim comment explain expect fear find/found hope insist note
observe reason! show state suggest tell/told theorize theorise think/thought warn write/wrote/written"""
# verbs whose object may be a gerund ("reported picking up faint signals")
TAKES_GERUND = "report describe recall admit/admitted deny acknowledge suggest"
# participles that continue a sentence's speaker ("..., adding that ...")
CONTINUING = """state say/said note add warn argue suggest claim insist explain write/wrote/written tell/told
label/labelled label/labeled call describe deny acknowledge declare accuse urge predict assert"""

# --- who is who ----------------------------------------------------------------------------

# Words that make a capitalised run a title or role rather than part of a name.
TITLE_WORDS = {
    "president", "vice", "prime", "minister", "secretary", "spokeswoman", "spokesman", "spokesperson",
    "analyst", "senator", "sen.", "rep.", "representative", "gov.", "governor", "mayor", "gen.",
    "general", "lt.", "col.", "colonel", "capt.", "captain", "adm.", "admiral", "sgt.", "dr.", "prof.",
    "professor", "mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr", "chief", "director", "ambassador",
    "chancellor", "king", "queen", "prince", "princess", "pope", "judge", "justice", "ceo", "chairman",
    "chairwoman", "chair", "commissioner", "officer", "deputy", "foreign", "defense", "defence",
    "interior", "finance", "state", "ministry", "department", "of", "the", "for", "economist",
    "researcher", "scholar", "author", "journalist", "reporter", "editor", "founder", "leader",
    "head", "speaker", "lawmaker", "congressman", "congresswoman", "premier", "attorney", "sheriff",
    "inspector", "commander", "marshal", "opposition", "former", "acting", "senior", "envoy",
    "expert", "adviser", "advisor", "counsel", "health", "education", "trade", "economy",
    "lord", "lady", "sir", "dame", "baroness", "baron", "rabbi", "imam", "bishop", "archbishop",
    "cardinal", "father", "sister", "brother", "coach", "manager", "executive", "official",
    "councilman", "councilwoman", "councillor", "councilor", "alderman", "mp", "delegate",
    "trustee", "superintendent", "principal", "dean", "provost", "detective", "trooper",
    "sergeant", "lieutenant", "corporal", "major", "chairperson", "treasurer", "comptroller",
    "auditor", "clerk", "coordinator", "organizer", "organiser", "campaigner", "activist",
    "lawyer", "barrister", "solicitor", "doctor", "nurse", "surgeon", "physician", "scientist",
    "strategist", "consultant", "pollster", "historian", "correspondent", "anchor", "host",
    "assemblyman", "assemblywoman", "legislator", "magistrate", "prosecutor", "spokesmen",
    "advocate", "chair", "chairs", "president", "vice-president", "fellow", "campaigner",
    "member", "members", "forecaster", "specialist", "officer", "ceo", "cfo", "coo", "cto",
}
# Capitalised words that start place or organisation names, not first names.
NON_PERSON_FIRST = {
    "latin", "united", "new", "south", "north", "east", "west", "saudi", "middle", "western",
    "eastern", "european", "security", "white", "soviet", "global", "national", "supreme", "state",
    "central", "foreign", "federal", "royal", "the", "in", "on", "during", "while", "despite",
    "after", "before", "since", "when", "however", "but", "and", "today", "uss", "hms", "air",
    "sukhoi", "boeing", "airbus", "russian", "american", "chinese", "british", "french", "german",
    "us", "uk", "un", "eu", "nato", "world", "great", "san", "los", "las", "hong", "sri", "costa",
    "puerto", "el", "buenos", "rio", "sao", "cape", "gulf", "red", "black", "caspian", "mount",
    "lake", "port", "fort", "saint", "st.", "north-east", "u.s.", "u.k.", "u.n.", "e.u.", "islamic", "democratic", "republican",
    "labour", "conservative", "liberal", "green", "prime", "vice", "secretary", "president",
    "minister", "spokeswoman", "spokesman", "analyst", "experts", "analysts", "officials", "full-scale",
    "a", "an", "this", "that", "these", "those", "his", "her", "its", "their", "our", "my", "your",
    "some", "many", "most", "several", "both", "each", "every", "no", "any", "whether", "if",
    "although", "though", "because", "so", "yet", "or", "nor", "for", "at", "by", "from", "with",
    "without", "about", "as", "than", "until", "unless", "once", "where", "what", "who", "how", "why",
    "which", "there", "here", "then", "now", "also", "only", "even", "still", "just", "over",
    "under", "into", "through", "either", "neither", "not", "all", "few", "more", "less", "much",
    "such", "last", "next", "first", "second", "new", "old", "former", "late", "dear", "meanwhile",
    "yesterday", "tomorrow", "tonight", "according", "asked", "speaking", "like", "unlike",
}
ORG_HEADS = {
    "ministry", "department", "office", "agency", "council", "commission", "bank", "union",
    "organization", "organisation", "institute", "university", "party", "inc", "inc.", "corp",
    "corp.", "company", "group", "association", "committee", "court", "parliament", "congress",
    "senate", "government", "administration", "police", "army", "navy", "forces", "kremlin",
    "foundation", "fund", "board", "authority", "service", "bureau", "center", "centre",
    "tracker", "network", "coalition", "alliance", "federation", "cabinet", "embassy", "command",
    "pentagon", "house", "ministry's", "college", "school", "hospital", "clinic", "trust",
    "journal", "institution", "laboratory", "lab", "society", "academy", "council's", "club",
    "studies", "affairs", "relations", "research", "sciences", "technologies", "holdings",
    "systems", "industries", "motors", "energy", "pharmaceuticals", "labs", "partners", "capital",
    "airways", "foods", "brands", "networks", "solutions", "services", "corporation", "limited",
    "plc", "llc", "gmbh", "ag", "co", "co.", "ltd", "ltd.", "securities", "investments", "ventures",
}
PLACE_HEADS = {"hall", "street", "square", "park", "road", "avenue", "river", "island", "islands",
               "county", "city", "valley", "bay", "sea", "ocean", "coast", "hemisphere", "america",
               "africa", "asia", "europe", "east", "west", "north", "south", "bridge", "airport",
               "station", "stadium", "hospital", "school", "church", "mosque", "temple", "palace",
               "springs", "heights", "falls", "beach", "hills", "village", "creek", "harbor",
               "harbour", "port", "ridge", "grove", "park", "plains", "lake", "mountains", "valley"}
OUTLET_HEADS = {"post", "times", "journal", "news", "herald", "guardian", "telegraph", "tribune",
                "gazette", "chronicle", "observer", "independent", "economist", "mail", "express",
                "star", "sun", "mirror", "daily", "weekly", "magazine", "press", "wire", "radio",
                "tv", "television", "broadcasting", "review", "insider", "politico", "axios"}
KNOWN_OUTLETS = {
    "reuters", "ap", "afp", "bbc", "cnn", "cbs", "nbc", "abc", "msnbc", "fox news", "bloomberg",
    "al jazeera", "associated press", "agence france-presse", "npr", "pbs", "tass", "ria novosti",
    "interfax", "xinhua", "politico", "axios", "vox", "the atlantic", "der spiegel", "le monde",
    "el pais", "sky news", "itv", "cnbc", "forbes", "the hill", "propublica", "bellingcat",
}
# Unnamed sources a student should learn to notice: kept as written, never resolved to a person.
GROUP_NOUNS = {
    "analysts", "experts", "officials", "critics", "observers", "diplomats", "sources", "residents",
    "witnesses", "scientists", "researchers", "economists", "investigators", "authorities",
    "lawmakers", "legislators", "activists", "advocates", "historians", "scholars", "commentators",
    "insiders", "aides", "people", "officers", "doctors", "experts", "leaders", "politicians",
    "campaigners", "opponents", "supporters", "prosecutors", "police", "reports", "studies",
    "surveys", "polls", "documents", "data", "records", "statistics", "forecasters",
    "meteorologists", "epidemiologists", "engineers", "teachers", "parents", "students", "farmers",
    "workers", "employees", "staff", "executives", "managers", "investors", "traders", "shoppers",
    "voters", "protesters", "demonstrators", "organizers", "organisers", "volunteers",
    "firefighters", "paramedics", "nurses", "soldiers", "troops", "rebels", "militants", "locals",
    "neighbours", "neighbors", "relatives", "families", "survivors", "victims", "commuters",
    "passengers", "users", "customers", "consumers", "patients", "unions", "companies", "firms",
    "airlines", "banks", "countries", "governments", "states", "cities", "media", "newspapers",
    "observers", "monitors", "inspectors", "regulators", "judges", "lawyers", "attorneys",
    "groups", "organisations", "organizations", "makers", "individuals", "bloggers", "posters", "manufacturers", "campaign groups",
    "commanders", "fighters", "separatists", "forces", "militias", "guards", "agents", "pilots",
}
DOCUMENT_NOUNS = {"reports", "studies", "surveys", "polls", "documents", "data", "records", "statistics",
                  "results", "findings",
                  "figures", "estimates", "report", "study", "survey", "poll", "analysis", "review",
                  "records", "filings", "filing", "memo", "statement", "research"}
FEMALE_CUES = {"spokeswoman", "ms.", "mrs.", "ms", "mrs", "queen", "chairwoman", "congresswoman",
               "baroness", "lady", "dame", "princess", "sister", "madam", "she", "her", "actress",
               "businesswoman", "mother", "wife", "daughter"}
MALE_CUES = {"spokesman", "mr.", "mr", "king", "chairman", "congressman", "sir", "lord", "prince",
             "father", "brother", "he", "his", "him", "businessman", "husband", "son"}
# A small, international list of first names whose gender is unambiguous, for pronoun resolution.
FEMALE_NAMES = set("""mary maria marie anna anne ann elena olga irina natalia natalya tatiana svetlana
ekaterina yulia julia sarah susan linda karen nancy lisa jennifer emily emma olivia sophia isabella
ava mia charlotte amelia hannah laura kate catherine katherine elizabeth margaret angela kamala hillary
nancy ursula christine jacinda theresa liz giorgia marine annalena kaja teresa rosa ana carmen lucia
patricia barbara jessica ashley michelle amanda melissa rebecca rachel deborah helen sandra donna
carol ruth sharon cynthia amy shirley anita fatima aisha leila layla yasmin priya sonia nadia
ingrid greta astrid marta agnieszka jane joan janet alice grace claire sophie chloe zoe ella lucy
jennifer esther heather amber keiko yoko akiko naoko hiroko mariko
victoria helen jenna rosa linda priya ruth laura dana olga ann diane diana louise lauren megan
natalie nicole stephanie heather kimberly julie joyce evelyn judith judy frances gloria kathleen
martha debra virginia pamela cheryl jean marilyn beverly denise tammy irene jacqueline kathryn
andrea wendy tina lois beatrice yvette yvonne ines isabel beatriz marisol paula silvia monica
veronica adriana gabriela daniela valentina camila lorena mariana fernanda alejandra jasmine
aaliyah mariam zainab amina khadija ayesha noor mei ling yuki hana sakura min ji seo eun akosua
abena ama ngozi chioma amara nadine celine amelie margot elise mathilde camille manon anja katarina
ewa joanna natasha svetlana oksana yelena lyudmila galina vera tamara nina alla daria polina
kristina karin britta sigrid hanne mette liv freya maeve siobhan niamh aoife sinead bridget
""".split())
MALE_NAMES = set("""john james robert michael william david richard joseph thomas charles christopher
daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george edward
ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin scott
brandon benjamin samuel frank gregory raymond alexander patrick jack dennis jerry tyler aaron
jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold keith christian roger
noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert
willie gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis bobby
philip johnny vladimir oleg sergei sergey dmitry dmitri alexei alexey ivan nikolai mikhail boris
igor yuri viktor andrei pavel marco nicolas nicolás hugo emmanuel olaf rishi keir volodymyr
xi li wang recep bashar ali mohammed muhammad ahmed hassan omar abdul benjamin joe barack bill
lula javier jair luis carlos pedro diego miguel antonio francisco manuel jorge ricardo fernando
ken tom wes dan rob bob jim tim mike nick ben sam matt chris steve tony greg jeff ron ray rick
liam oliver harry george charlie jamie callum connor declan ciaran seamus owen rhys gareth dylan
emmanuel francois jean-pierre pierre jacques philippe olaf friedrich wolfgang klaus jurgen hans
dieter giuseppe giovanni marco luca matteo alessandro andrea-paolo sergio rafael alejandro pablo
javier mateo santiago sebastian nicolas andres felipe raul ernesto hector ramon arturo alberto
kwame kofi chinedu emeka oluwaseun tunde ahmed khalid tariq yusuf ibrahim mustafa hamid karim
rahul amit raj vikram arjun sanjay anil sunil narendra rajiv hiroshi takeshi kenji haruto
wei jun hao ming jae-in seung peter walter oliver roger alexander christopher homer tyler hunter
parker carter spencer asher victor connor trent vincent brian adrian julian christian sebastian
lillian vivian taylor skyler jasper chester lester webster baxter foster porter
""".split())


_ES = re.compile(r"(?:s|sh|ch|x|z|o)$")


def forms(spec: str) -> frozenset[str]:
    """Every inflection of every base form in a spec (whitespace-separated; see the module doc)."""
    out: set[str] = set()
    entries = re.findall(r"\S+(?:\s+(?:out|on|up))?", spec)
    for entry in entries:
        out |= _inflect(entry)
    return frozenset(out)


def _inflect(entry: str) -> set[str]:
    noun_too = entry.split()[0].endswith("!")
    entry = entry.replace("!", "")
    head, *particle = entry.split()
    tail = (" " + particle[0]) if particle else ""
    base, *irregular = head.split("/")
    past = irregular[0] if irregular else _past(base)
    participle = irregular[1] if len(irregular) > 1 else past
    ing = _ing(base, past)
    verb_only = {past + tail, participle + tail, ing + tail}
    if noun_too:
        return verb_only
    return verb_only | {base + tail, _third(base) + tail}


def _third(base: str) -> str:
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ies"
    return base + ("es" if _ES.search(base) else "s")


def _past(base: str) -> str:
    if base.endswith("e"):
        return base + "d"
    if re.search(r"[^aeiou]y$", base):
        return base[:-1] + "ied"
    return base + "ed"


def _ing(base: str, past: str) -> str:
    if past.endswith(("tted", "lled")) and not base.endswith(("tt", "ll")):
        return past[:-2] + "ing"          # admitted -> admitting, labelled -> labelling
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + "ing"
