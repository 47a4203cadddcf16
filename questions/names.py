"""Who is who: titles, outlets, groups, and a canonical full name for every surname.

News introduces a person once in full ("Russia analyst Mark Galeotti") and then by surname or
pronoun; questions must name them in full, so every mention is mapped back to the first one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

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
    "lake", "port", "fort", "saint", "st.", "north-east", "islamic", "democratic", "republican",
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

# a capitalised word; a full stop only after a short abbreviation or initial ("Dr.", "W."), so a
# run never crosses a sentence end ("in March. Economists")
_CAP = r"(?:[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|[A-ZÀ-ÖØ-ÞŁŚŹŻŽČŠŘĆ][\w’'\-]*)"
NAME_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:de|da|del|van|von|bin|al|la|le|of|the)\s+)?(?:al-)?{_CAP})*")


@dataclass
class Person:
    name: str                       # canonical full name
    role: str | None = None         # first role seen with the name
    gender: str | None = None       # "f" | "m" | None
    mentions: set[str] = field(default_factory=set)


def is_outlet(phrase: str) -> bool:
    low = phrase.lower().removeprefix("the ").strip()
    words = low.split()
    if low in KNOWN_OUTLETS or (words and words[-1] in OUTLET_HEADS and len(words) >= 2):
        return True
    # trackers and data services: a capitalised word glued to digits ("FlightData24")
    return bool(re.fullmatch(r"[A-Z][A-Za-z]+\d+|[A-Z][a-z]+[A-Z][A-Za-z]+\d*", phrase.strip()))


def is_organisation(phrase: str) -> bool:
    words = phrase.lower().split()
    return bool(words) and (words[-1] in ORG_HEADS or phrase.isupper() and len(phrase) >= 2)


def split_title(run: str) -> tuple[str | None, str]:
    """Split "Russian Foreign Ministry Spokeswoman Maria Zakharova" into role and name."""
    tokens = run.split()
    i = len(tokens)
    while i > 0 and tokens[i - 1].lower().strip(",") not in TITLE_WORDS:
        i -= 1
    if 0 < i < len(tokens) and any(t.lower().strip(",") in TITLE_WORDS - {"of", "the", "for"} for t in tokens[:i]):
        role = " ".join(tokens[:i])
        # an honorific alone says nothing about the person's job
        return (None if role.lower() in HONORIFICS else role), " ".join(tokens[i:])
    first = tokens[0].lower() if tokens else ""
    if len(tokens) == 3 and first not in FEMALE_NAMES | MALE_NAMES | NON_PERSON_FIRST and (
            first.endswith(JOB_SUFFIXES) or tokens[1].lower() in FEMALE_NAMES | MALE_NAMES):
        # "Hydrologist Ken Abe", "Demographer Keiko Tanaka": a job word in capitals only because
        # it opens the sentence
        return tokens[0], " ".join(tokens[1:])
    return None, run


JOB_SUFFIXES = ("ist", "er", "or", "ant", "eer")     # not -ian or -an: "Kestrian", "Russian"
HONORIFICS = {"mr.", "mrs.", "ms.", "mr", "mrs", "ms", "dr.", "dr", "prof.", "sir", "dame", "lady", "lord"}


def looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 4:
        return False
    if tokens[0].lower() in NON_PERSON_FIRST | {"city", "town", "county"} or \
            tokens[-1].lower() in OUTLET_HEADS | PLACE_HEADS or \
            any(t.lower() in ORG_HEADS for t in tokens):
        return False
    if any(t.lower() in TITLE_WORDS and t.lower() not in {"of", "the"} for t in tokens):
        return False
    return all(t[0].isupper() or t.lower() in {"de", "da", "del", "van", "von", "bin", "al", "la", "le"}
               for t in tokens) and not any(ch.isdigit() for ch in name)


def gender_of(first_name: str, context: str = "") -> str | None:
    words = set(re.findall(r"[a-z.]+", context.lower()))
    if words & FEMALE_CUES - {"she", "her"}:
        return "f"
    if words & MALE_CUES - {"he", "his", "him"}:
        return "m"
    first = first_name.lower()
    return "f" if first in FEMALE_NAMES else "m" if first in MALE_NAMES else None


LEADING_FUNCTION_WORD = re.compile(r"^(?:(?:For|In|On|At|By|From|With|To|As|After|Before|When|While|And|But|"
                                   r"Like|Unlike|Yesterday|Today|Meanwhile)\s+)+(?=[A-Z])")


def build_people(text: str) -> dict[str, Person]:
    """Index every full personal name in the text by itself and by its surname."""
    people: dict[str, Person] = {}
    for m in NAME_RUN.finditer(text):
        run = LEADING_FUNCTION_WORD.sub("", m.group())     # "For Kevin Allton, a USI instructor, ..."
        role, name = split_title(run.rstrip("."))
        name = re.sub(r"[’']s$", "", name)
        if not looks_like_person(name) and " of " in m.group():
            # "Professor Alan Kent of Imperial College London": the person is before "of"
            role, name = split_title(m.group().split(" of ")[0])
        if not looks_like_person(name):
            honorific = re.match(r"(Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+([A-Z][\w’'\-]+)$", m.group().rstrip("."))
            if honorific and honorific.group(2) not in people:
                # "Mr Patel": no first name given, the honorific stays part of the name
                full = m.group().rstrip(".")
                person = Person(name=full, gender=gender_of("", honorific.group(1) + "."))
                people[full] = person
                people[honorific.group(2)] = person
            continue
        if name in people:
            continue
        before = text[max(0, m.start() - 40):m.start()]
        person = Person(name=name, role=role, gender=gender_of(name.split()[0], (role or "") + " " + before))
        people[name] = person
        surname = name.split()[-1]
        people.setdefault(surname, person)
    return people


def canonical(mention: str, people: dict[str, Person]) -> tuple[str, str | None, str]:
    """(canonical name, role, kind) for a subject phrase as written."""
    mention = mention.strip().rstrip(",")
    if mention in people:
        p = people[mention]
        return p.name, p.role, "person"
    role, name = split_title(mention)
    name = re.sub(r"[’']s$", "", name)
    if name in people:
        p = people[name]
        return p.name, role or p.role, "person"
    last = name.split()[-1] if name.split() else name
    if " of " in name and looks_like_person(name.split(" of ")[0]):
        name = name.split(" of ")[0]          # "Maria Okafor of Aurora": where she is from is no name
        if name in people:
            return people[name].name, role or people[name].role, "person"
    if looks_like_person(name):
        return name, role, "person"
    if len(name.split()) == 1 and last in people and role is None:
        p = people[last]
        return p.name, p.role, "person"
    first = mention.lower().split()[0] if mention.split() else ""
    if first in GROUP_NOUNS and not looks_like_person(name):
        return (mention[0].lower() + mention[1:]), None, "group"
    if is_outlet(mention):
        return mention, None, "outlet"
    low_words = mention.lower().split()
    if len(low_words) >= 2 and low_words[0] in {"a", "an", "the", "new", "latest"} and low_words[1] in DOCUMENT_NOUNS:
        return mention[0].lower() + mention[1:], None, "document"     # "a report by the Environment Agency"
    if re.match(r"(?:A|An|Two|Three|Several|Some|Many|a|an|two|three|several|some|many)\s", mention):
        return mention[0].lower() + mention[1:], None, "group"      # "a spokesperson for the agency"
    if is_organisation(mention):
        return mention, None, "organisation"
    low = mention.lower()
    if low.split() and low.split()[-1] in DOCUMENT_NOUNS:
        # "government data", "official figures": a source to check, not people who speak
        return (mention[0].lower() + mention[1:]) if _common_start(mention) else mention, None, "document"
    if low.split() and low.split()[-1] in GROUP_NOUNS:
        return (mention[0].lower() + mention[1:]) if _common_start(mention) else mention, None, "group"
    if role and name and name[0].isupper():
        return name, role, "person"
    return mention, None, "organisation"


def _common_start(mention: str) -> bool:
    first = mention.split()[0]
    return first.lower() not in {"us", "uk", "un", "eu"} and not first.isupper() and first.lower() in (
        GROUP_NOUNS | {"some", "many", "most", "other", "several", "senior", "two", "three", "a", "the",
                       "western", "independent", "local", "military", "government", "security"})
