"""Date expressions in an article, found by a small regex grammar.

dateparser reads "$50" as 1950 and "may" the verb as a month (see STACK-NOTES), so each form of
date has its own pattern here, and numbers that only look like years (money, counts, phone and model
numbers, times, addresses) are refused by looking at the words around them. Relative dates ("last
year", "on Friday") are resolved only against a publication date precise enough to resolve them.
"""
from __future__ import annotations

import datetime as dt
import heapq
import re

from .model import DateMention, Sentence

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], 1)}
ABBREVIATIONS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
                 "sept": 9, "oct": 10, "nov": 11, "dec": 12}
# Month names that are also common English words or first names: alone they need a date context.
AMBIGUOUS_MONTHS = {"may", "march", "june", "april", "august"}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
     "nineteen", "twenty"])}
NUMBER_WORDS.update({"a": 1, "an": 1, "thirty": 30, "forty": 40, "fifty": 50})
DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6,
                "seventies": 7, "eighties": 8, "nineties": 9}

_FULL = "January|February|March|April|May|June|July|August|September|October|November|December"
_ABBR = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?P<mon>(?:{_FULL})(?![A-Za-z])|(?:{_ABBR})(?:\.|(?![A-Za-z])))"
WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONFULL = rf"(?P<mon>(?:{_FULL})(?![A-Za-z]))"
YEAR = r"(?P<y>1\d{3}|20\d{2}|2100)(?![\d%])(?!,\d)(?!\.\d)"
DAY = r"(?P<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:%.,]\d|[\d%:])"
PART = r"(?<![A-Za-z])(?i:early|mid|late|the\s+(?:end|beginning|start|middle|first\s+half|second\s+half)\s+of)"
SEASON = r"(?<![A-Za-z])(?i:(?:(?:early|mid|late)[-\s])?(?:spring|summer|autumn|fall|winter)(?:\s+of)?)"

# (kind, pattern); group "x", when present, is the expression, else the whole match is.
PATTERNS = [
    ("iso", re.compile(r"(?<![\d+\-/.])(?P<y>1\d{3}|20\d{2})-(?P<m>0[1-9]|1[0-2])-"
                       r"(?P<d>0[1-9]|[12]\d|3[01])(?![\d\-])")),
    ("mdy", re.compile(rf"(?:(?:{WEEKDAY}),?\s+)?{MON}\s+{DAY}(?:(?:,\s*|\s+){YEAR})?")),
    ("dmy", re.compile(rf"(?:(?:{WEEKDAY}),?\s+)?(?<![\d,.$£€])\b{DAY}\s+(?:of\s+)?{MON}(?:,?\s+{YEAR})?")),
    ("my", re.compile(rf"{MON},?\s+(?:of\s+)?{YEAR}")),
    ("part_month", re.compile(rf"(?P<x>{PART}[-\s]+{MONFULL}(?:,?\s+{YEAR})?)")),
    ("part_year", re.compile(rf"(?:[Tt]he\s+)?(?P<x>{PART}[-\s]+{YEAR})")),
    ("season", re.compile(rf"(?:[Tt]he\s+)?(?P<x>{SEASON}\s+{YEAR})")),
    ("decade", re.compile(r"(?<![\d$£€.,])(?P<x>(?:(?i:early|mid|late)[-\s])?(?P<c>1\d|20)(?P<d>\d)0s)"
                          r"(?![\w'])")),
    ("decade2", re.compile(r"\b[Tt]he\s+(?P<x>(?:(?i:early|mid|late)[-\s])?['\u2019\u2018]?(?P<d>\d)0s)"
                           r"(?![\w])")),
    ("decade2", re.compile(r"(?<![\w'\u2019\u2018])(?P<x>['\u2019\u2018](?P<d>\d)0s)(?![\w])")),
    ("decadew", re.compile(r"\b[Tt]he\s+(?P<x>(?:(?i:early|mid|late)[-\s])?(?P<w>(?i:twenties|thirties|"
                           r"forties|fifties|sixties|seventies|eighties|nineties)))\b")),
    ("month", re.compile(rf"(?P<x>{MONFULL})(?!-)")),
    ("year", re.compile(rf"(?<![\w$£€¥#+]){YEAR}(?![\w])")),
    ("dayword", re.compile(r"\b(?P<x>(?i:today|yesterday|tomorrow|tonight|last\s+night|"
                           r"this\s+(?:morning|afternoon|evening)))\b")),
    ("weekday", re.compile(rf"\b(?P<x>(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+)?(?P<wd>{WEEKDAY}))\b")),
    ("thisunit", re.compile(r"\b(?P<x>(?P<rel>(?i:last|this|next|past))\s+(?P<u>(?i:weekend|week|month|"
                            r"year(?:s(?=\s+[a-z]))?)))\b")),      # "this years lantern festival": a typo kept
    ("weekend", re.compile(r"\b(?P<x>(?i:throughout|over|during)\s+the\s+weekend)\b")),
    ("yearpart", re.compile(r"\b(?P<x>the\s+(?:end|start|beginning|middle|rest)\s+of\s+(?:the|this)\s+year)\b", re.I)),
    ("holiday", re.compile(r"\b(?P<x>(?P<h>Christmas Day|Christmas Eve|Boxing Day|New Year's Day|New Year's Eve|"
                           r"New Year\u2019s Day|New Year\u2019s Eve|Halloween|Valentine's Day|Independence Day|"
                           r"Bastille Day|Anzac Day|Australia Day|Canada Day))\b")),
    ("relseason", re.compile(r"\b(?P<x>(?P<rel>(?i:last|this|next))\s+(?P<sn>(?i:spring|summer|autumn|fall|winter)))\b")),
    ("ago", re.compile(r"\b(?P<x>(?P<n>\d{1,2}|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|"
                       r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|"
                       r"nineteen|twenty|thirty|forty|fifty))\s+(?P<u>(?i:day|week|month|year))s?\s+"
                       r"(?i:ago))\b")),
]

# Cheap searches that rule a pattern out for a sentence before the pattern itself is run: most
# sentences have no digit and no month name, and skipping them halves the stage's time.
GATES = {
    "digit": re.compile(r"\d"),
    "month": re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"),
    "ties": re.compile(r"(?i)ties\b"),
    "dayword": re.compile(r"(?i)today|yesterday|tomorrow|tonight|night|morning|afternoon|evening"),
    "weekday": re.compile(r"day\b"),
    "unit": re.compile(r"(?i)\b(?:last|this|next|past)\s"),
    "weekend": re.compile(r"(?i)weekend"),
    "ago": re.compile(r"(?i)\bago\b"),
    "decade": re.compile(r"0s\b"),
    "season": re.compile(r"(?i)spring|summer|autumn|fall|winter"),
    "yearword": re.compile(r"(?i)\byear\b"),
    "holiday": re.compile(r"Day\b|Eve\b|Halloween"),
    "part": re.compile(r"(?i)early|mid|late|end|beginning|start|middle|half"),
}
GATED = {"iso": ["digit"], "mdy": ["digit", "month"], "dmy": ["digit", "month"], "my": ["digit", "month"],
         "part_month": ["month", "part"], "part_year": ["digit", "part"], "season": ["digit", "season"],
         "decade": ["decade"], "decade2": ["decade"], "decadew": ["ties"], "month": ["month"], "year": ["digit"],
         "dayword": ["dayword"], "weekday": ["weekday"], "thisunit": ["unit"], "weekend": ["weekend"], "ago": ["ago"],
         "relseason": ["unit", "season"], "yearpart": ["yearword"], "holiday": ["holiday"]}

# Words before a bare month that make it a date ("in May", "since March", "last August").
MONTH_CONTEXT = {"in", "on", "since", "by", "until", "till", "from", "during", "early", "late", "mid",
                 "last", "next", "this", "through", "throughout", "before", "after", "between",
                 "around", "of", "each", "every", "until", "that"}
CHAIN = {"and", "or", "to", "through", "until", "till", "-", "\u2013"}
# Words before a bare year that make it a year even when a plural noun follows ("in 2019 troops").
YEAR_CONTEXT = {"in", "since", "from", "until", "till", "by", "during", "before", "after", "between",
                "of", "through", "circa", "and", "or", "to", "the", "a", "an", "its", "his", "her",
                "their", "our", "this", "that", "late", "early", "mid", "year", "fiscal", "pre", "post"}
# Words that make a year of a number even before a count noun ("in 2019 troops were sent").
STRONG_YEAR_CONTEXT = {"in", "since", "from", "until", "till", "during", "before", "after", "between",
                       "through", "circa", "mid", "late", "early", "pre", "post", "year", "fiscal"}
APPROX = {"about", "around", "some", "nearly", "almost", "over", "than", "least", "roughly",
          "approximately", "estimated", "only", "just", "all", "total", "another", "exactly"}
COUNT_NOUNS = {
    "people", "persons", "troops", "soldiers", "civilians", "residents", "workers", "members", "voters",
    "votes", "cases", "deaths", "casualties", "victims", "migrants", "refugees", "children", "students",
    "employees", "jobs", "homes", "houses", "vehicles", "cars", "units", "views", "visitors", "users",
    "copies", "signatures", "followers", "fans", "passengers", "prisoners", "detainees", "protesters",
    "delegates", "seats", "arrests", "men", "women", "officers", "police", "fighters", "rebels",
    "militants", "patients", "households", "families", "tanks", "drones", "missiles", "rockets",
    "aircraft", "planes", "ships", "sailors", "pilots", "buildings", "acres", "hectares", "pages",
    "words", "items", "posts", "likes", "shares", "comments", "reviews", "points", "goals", "runs",
    "yards", "steps", "calories", "animals", "head", "beds", "doses", "tests", "infections"}
UNITS = (r"(?i:million|billion|trillion|thousand|hundred|bn|mn|m|k|dollars?|euros?|pounds|rubles?|"
         r"roubles?|yuan|yen|pesos?|bol[ií]vars?|rupees?|barrels?|bpd|tons?|tonnes?|kilomet(?:er|re)s?|km|"
         r"miles?|met(?:er|re)s?|feet|ft|kg|kilograms?|mph|km/h|hours?|hrs|GMT|UTC|BST|EST|CET|MSK|"
         r"percent|per\s+cent|times|votes?|views?|words?)\b")
LABEL_BEFORE = re.compile(
    r"(?i:\b(?:page|pages|pp?\.|no\.|nos\.|number|nr\.?|room|suite|ste\.?|flight|route|highway|"
    r"resolution|article|section|chapter|bus|line|apt\.?|apartment|unit|building|gate|platform|seat|"
    r"code|model|version|v\.|level|episode|issue|vol\.?|volume|item|exhibit|box|phone|tel\.?|fax|"
    r"ext\.?|id|patent|decree|bill|exit|channel|track|opus|op\.|mile|km|rank|ranked|score|scored|"
    r"tail|serial|hull|pennant|ref\.?|reference))\s*[#:]?\s*$")
STREET = re.compile(r"\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|"
                    r"Boulevard|Blvd|Lane|Ln|Drive|Dr|Pass|Way|Court|Ct|Place|Pl|Square|Sq|Terrace|"
                    r"Parkway|Pkwy|Highway|Hwy|Plaza|Crescent|Close)\b")
FIELD_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Za-z ]{0,24}):\s*$")
PUBLISHED_LABEL = re.compile(r"^\s*(?i:(?:first\s+)?published|posted|publication\s+date|date)\b[^:\n]{0,20}:")
UPDATED_LABEL = re.compile(r"^\s*(?i:(?:last\s+)?updated|modified)\b[^:\n]{0,20}:")
DATE_LABELS = {"published", "updated", "last updated", "posted", "date", "dated", "year",
               "first published", "publication date", "modified"}
FUTURE = re.compile(r"(?i)\b(?:will|shall|is\s+due|are\s+due|is\s+expected|are\s+expected|scheduled|"
                    r"plans?\s+to|planned|is\s+set\s+to|are\s+set\s+to|is\s+to|are\s+to|could|"
                    r"would|might|through|until|till|extended|forecast)\b")

HOLIDAYS = {"Christmas Day": (12, 25), "Christmas Eve": (12, 24), "Boxing Day": (12, 26),
            "New Year's Day": (1, 1), "New Year's Eve": (12, 31), "Halloween": (10, 31),
            "Valentine's Day": (2, 14), "Independence Day": (7, 4), "Bastille Day": (7, 14),
            "Anzac Day": (4, 25), "Australia Day": (1, 26), "Canada Day": (7, 1)}
PUB_EVENT = "publication date of the article"
UPDATE_EVENT = "last update of the article"

# --- event phrases -------------------------------------------------------------------------
CLAUSE_BOUNDARY = re.compile(r"\s*(?:,(?!\d{3})|:(?!\d)|[;()\[\]\u2014\"\u201c\u201d]|\s[\u2013-]\s|--)\s*")
CONJUNCTION = re.compile(r"\s+(?:and|but|while|whereas)\s+")
LEADING = re.compile(r"^(?:(?:and|but|or|while|whereas|when|as|then|so|yet|also|in|on|at|during|"
                     r"since|by|of|from|until|till|before|after|around|through|than)\s+)+", re.I)
TRAILING = re.compile(r"(?:\s+(?:and|but|or|in|on|at|during|since|by|of|from|until|till|before|"
                      r"after|around|through|the|a|an|than|to|as|with|when|while|that))+$", re.I)
PREP_BEFORE = re.compile(r"(?:\b(?:in|on|at|since|until|till|by|from|during|before|after|around|"
                         r"through|of|the|than|to|for)\s+)+$", re.I)
DETERMINER_BEFORE = re.compile(r"(?:^|\s)(?P<det>(?i:a|an|the|its|his|her|their|our|this|that)|"
                               r"[A-Z][\w.-]*['\u2019]s?)\s+$")
NP_STOP = {"was", "were", "is", "are", "has", "had", "have", "will", "would", "could", "can", "may",
           "might", "should", "must", "which", "that", "who", "when", "where", "but", "and", "while",
           "did", "does", "do", "remains", "remained", "became", "came", "left", "led", "said", "says"}
PREPOSITIONS = {"in", "on", "at", "of", "to", "for", "with", "from", "by", "into", "onto", "as",
                "than", "after", "before", "during", "since", "until", "about", "against"}
VERB_START = re.compile(r"^(?:[a-z]+ed|was|were|had|has|have|is|are|met|made|took|went|sent|"
                        r"said|told|came|became|signed|won|lost|began|left|ran|saw|gave|got|held|"
                        r"began|fell|rose|led|paid|set|put|cut|hit|struck|flew|spoke|wrote|"
                        r"announced|launched|visited)\b")


DATELINE = re.compile(r"^[A-Z][A-Z .'\u2019\-]{1,40},\s+[^\u2014\u2013()]{3,40}?(?:\s*\([^)]{1,30}\))?\s*[-\u2013\u2014]+\s")


def extract_dates(text: str, sentences: list[Sentence], published: str | None) -> list[DateMention]:
    """Every date mention in the title and body text, sorted by (sentence, start)."""
    pub = _parse_published(published)
    para_year: dict[int, int] = {}
    out: list[DateMention] = []
    for sent in sentences:
        if sent.kind not in ("text", "title", "dateline", "caption"):
            continue
        s = text[sent.start:sent.end]
        dateline = DATELINE.match(s)
        found = _resolve(_candidates(s, pub, para_year.get(sent.paragraph)))
        for c in found:
            if c.get("explicit_year"):
                para_year[sent.paragraph] = c["explicit_year"]
        for c in found:
            if c["normalized"] is None or _restated(s, c, found):
                continue
            if sent.kind == "title" and not (s[c["a"] - 1:c["a"]] == "(" and s[c["b"]:c["b"] + 1] == ")"):
                continue        # a headline's year names the event ("Fan Expo 2016"); "(2025)" dates the piece
            # "DUBLIN, May 22, 2023 (AP) —": the date the story was filed, not an event in it
            in_dateline = dateline is not None and c["b"] <= dateline.end()
            out.append(DateMention(expression=s[c["a"]:c["b"]], normalized=c["normalized"],
                                   event=("publication date of the article" if in_dateline
                                          else _event_of(s, sent, c, found)), sentence=sent.id,
                                   start=sent.start + c["a"], end=sent.start + c["b"],
                                   granularity=c["gran"]))
    out.sort(key=lambda d: (d.sentence, d.start))
    return out


def _restated(s: str, c: dict, found: list[dict]) -> bool:
    """'Sunday night (March 4)' and 'March 11 this year' state one date twice: the second is no new mention."""
    for o in found:
        if o is c or o["normalized"] is None or o["b"] > c["a"] or c["a"] - o["b"] > 10:
            continue
        between = s[o["b"]:c["a"]]
        if between.strip(" (") in ("", "night", "morning", "afternoon", "evening") and "(" in between \
                and o["normalized"] == c["normalized"]:
            return True
        if between.strip() == "" and c["kind"] == "thisunit" and o["normalized"].startswith(c["normalized"]):
            return True
    return False


def _parse_published(published: str | None) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) as far as the publication date tells them."""
    m = re.match(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published or "")
    if not m:
        return None, None, None
    return tuple(int(g) if g else None for g in m.groups())  # type: ignore[return-value]


def _month_of(name: str) -> int:
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or ABBREVIATIONS[key]


def _candidates(s: str, pub, fallback_year: int | None) -> list[dict]:
    """All matches of every pattern that survive the context checks, overlaps included."""
    out = []
    passed = {name: gate.search(s) is not None for name, gate in GATES.items()}
    for kind, pat in PATTERNS:
        if not all(passed[g] for g in GATED[kind]):
            continue
        for m in pat.finditer(s):
            a, b = m.span("x") if "x" in pat.groupindex and m.group("x") else m.span()
            out.append({"kind": kind, "m": m, "a": a, "b": b})
    if len(out) > MAX_CANDIDATES:
        # a "sentence" with hundreds of dates is a table or a crafted input, not prose: its first
        # dates are read and the rest left, so the cost per sentence stays bounded
        out = sorted(out, key=lambda c: c["a"])[:MAX_CANDIDATES]
    out = [c for c in out if _plausible(s, c)]
    # Years stated earlier in the sentence date a bare month later in it ("In 2019 ... in March"):
    # the nearest one ending before each candidate, found with a heap as candidates go left to right.
    waiting: list[tuple[int, int, int]] = []      # (end, order, year) of candidates with a year
    nearest: tuple[int, int, int] | None = None   # the one ending last before the current candidate
    for order, c in sorted(enumerate(out), key=lambda oc: oc[1]["a"]):
        while waiting and waiting[0][0] <= c["a"]:
            done = heapq.heappop(waiting)
            if nearest is None or (done[0], -done[1]) > (nearest[0], -nearest[1]):
                nearest = done
        c.update(_normalize(s, c, pub, fallback_year, nearest[2] if nearest else None))
        if c.get("explicit_year") and not SINCE_BEFORE.search(s[max(0, c["a"] - 12):c["a"]]):
            heapq.heappush(waiting, (c["b"], order, c["explicit_year"]))
    return out


WINDOW = 200            # characters of context either side a date's checks read
MAX_CANDIDATES = 60     # date matches read in one sentence
SINCE_BEFORE = re.compile(r"(?i)\bsince\s+$")


def _plausible(s: str, c: dict) -> bool:
    """Refuse matches that are not dates in their context (money, counts, names, verbs, numbers)."""
    kind, m, a, b = c["kind"], c["m"], c["a"], c["b"]
    pre, post = s[max(0, a - WINDOW):a], s[b:b + WINDOW]    # bounded: a long sentence stays linear
    if a > WINDOW:
        pre = " " + pre              # not the sentence's start: "^" below must not match here
    if kind == "year":
        return _is_year(s, a, b)
    if kind == "month":
        return _month_alone_ok(s, a, b)
    if kind == "dayword":
        word = m.group("x")
        # "USA Today" is a newspaper; a capitalised "Today" mid-sentence after a name is a title.
        return not (word[0].isupper() and re.search(r"[A-Z][\w.]*\s+$", pre) and pre.strip())
    if kind == "weekday":
        # "Good Friday", "Black Friday", "Super Tuesday" are names of days, not dates to resolve.
        return not (m.group("rel") is None and re.search(r"\b[A-Z][a-z]+\s+$", pre)
                    and not re.search(r"(?:^|[.!?]\s+)[A-Z][a-z]+\s+$", pre))
    if kind in ("decade", "decade2") and re.match(r"\s*(?:%|degrees|°)", post):
        return False
    return True


def _is_year(s: str, a: int, b: int) -> bool:
    """A bare four-digit number reads as a year unless its neighbours make it money, a count or a code."""
    pre, post = s[max(0, a - 60):a], s[b:b + 60]    # bounded, so long sentences stay linear
    prev_word = (re.findall(r"[A-Za-z']+", pre[-30:]) or [""])[-1].lower()
    if re.search(r"\d[\s.\-/:]$", pre) or re.search(r"[$£€¥]\s*$", pre):
        return False                          # phone numbers, "1 2019", "$ 2019"
    if re.search(r"[A-Za-z][\-\u2013]$", pre) and not re.search(r"(?i)\b(?:pre|post|mid|late|early|c|ca)[-\u2013]$", pre):
        return False                          # model numbers: "Su-2019"
    if re.match(r"[-\u2013](?:\d{2}|1\d{3}|20\d{2})(?!\d)", post):
        return True                           # a range of years: "2019-20", "2019-2020"
    if re.match(r"[\s.\-/:]\d", post) or re.match(r"\s*(?:%|per\s+cent)", post):
        return False
    if re.match(r"[\s\-]+years?\b", post):
        return False                          # "a 2000 year old tradition", "a 1000-year history"
    if re.match(r"\s+" + UNITS, post):
        return False                          # "2019 million", "2019 percent"
    if LABEL_BEFORE.search(pre) or STREET.match(post):
        return False                          # "page 2019", "Resolution 1973", "1600 Pennsylvania Avenue"
    label = FIELD_LABEL.match(s[:a]) if a < 40 else None
    if label and label.group("label").strip().lower() not in DATE_LABELS:
        return False                          # "Views: 2019"
    noun = re.match(r"\s+([a-z][a-z\-]*)\b", post)
    if noun:
        word = noun.group(1)
        if prev_word in APPROX:
            return False                      # "about 2019 people"
        at_start = not pre.strip() or re.search(r"[.!?:;]\s*$", pre)
        if word in COUNT_NOUNS and (at_start or prev_word not in STRONG_YEAR_CONTEXT):
            return False                      # "2019 troops", "deployed 2019 soldiers"
        if (word.endswith("s") and not word.endswith("ss") and len(word) > 3 and not at_start
                and prev_word not in YEAR_CONTEXT and word not in _YEARISH_PLURALS):
            return False                      # "killed 2019 rebels"
    return True


_YEARISH_PLURALS = {"elections", "olympics", "games", "protests", "talks", "sanctions", "attacks",
                    "riots", "floods", "midterms", "polls", "negotiations", "hearings", "accords",
                    "reforms", "events", "was", "has", "sees", "saw", "marks", "brings", "is"}


def _month_alone_ok(s: str, a: int, b: int) -> bool:
    """A month name on its own is a date only in a date context ("in May", not "may view", "April Ryan")."""
    name = s[a:b].lower()
    pre, post = s[:a], s[b:]
    words = re.findall(r"[A-Za-z'\u2019]+|[-\u2013]", pre[-40:])
    prev = words[-1].lower() if words else ""
    ambiguous = name in AMBIGUOUS_MONTHS
    next_cap = re.match(r"\s+[A-Z][a-z]", post) and not re.match(r"\s+(?:" + _FULL + r")\b", post)
    if prev in MONTH_CONTEXT:
        if ambiguous and next_cap and prev in {"from", "by", "with", "to", "for", "of", "that"}:
            return False                      # "a letter from April Ryan"
        return not (ambiguous and prev == "that")
    if prev in CHAIN and len(words) >= 2:
        before = " ".join(words[-4:-1]).lower()
        if re.search(r"\b(?:" + _FULL.lower() + r")\b", before):
            return True                       # "in October and November"
    if not ambiguous:
        if re.match(r"['\u2019]s\b", post):
            return True                       # "October's election"
        if prev in {"the", "this", "that"} and not next_cap:
            return True                       # "the October vote"
    return False


def _normalize(s: str, c: dict, pub, fallback_year: int | None, sentence_year: int | None) -> dict:
    """Normalized value and granularity; normalized None means the match cannot be resolved.
    `sentence_year` is the nearest explicit year earlier in the sentence (not one after "since")."""
    kind, m = c["kind"], c["m"]
    py, pm, pd = pub
    # a month alone takes the publication year (as readers are taught, and as annotators do);
    # only without one does a year stated earlier in the sentence or paragraph stand in
    implied = py or sentence_year or fallback_year
    g = m.groupdict()
    if kind == "iso":
        y = int(g["y"])
        return _day(y, int(g["m"]), int(g["d"]), y)
    if kind in ("mdy", "dmy"):
        y = int(g["y"]) if g.get("y") else _shifted_year(s, c["a"], _month_of(g["mon"]), implied, pub)
        if y is None:
            return {"normalized": None}
        return _day(y, _month_of(g["mon"]), int(g["d"]), int(g["y"]) if g.get("y") else None)
    if kind == "my":
        y = int(g["y"])
        return {"normalized": f"{y:04d}-{_month_of(g['mon']):02d}", "gran": "month", "explicit_year": y}
    if kind in ("part_month", "month"):
        if g.get("y"):
            y = int(g["y"])
            return {"normalized": f"{y:04d}-{_month_of(g['mon']):02d}", "gran": "month", "explicit_year": y}
        y = _shifted_year(s, c["a"], _month_of(g["mon"]), implied, pub)
        if y is None:
            return {"normalized": None}
        return {"normalized": f"{y:04d}-{_month_of(g['mon']):02d}", "gran": "month"}
    if kind in ("part_year", "season", "year"):
        y = int(g["y"])
        return {"normalized": f"{y:04d}", "gran": "year", "explicit_year": y}
    if kind == "decade":
        return {"normalized": f"{g['c']}{g['d']}0s", "gran": "decade"}
    if kind == "decade2":
        d = int(g["d"])
        ref = py or 2030
        century = 2000 if 2000 + d * 10 <= ref else 1900
        return {"normalized": f"{century + d * 10}s", "gran": "decade"}
    if kind == "decadew":
        return {"normalized": f"19{DECADE_WORDS[g['w'].lower()]}0s", "gran": "decade"}
    return _relative(s, c, pub)


def _shifted_year(s: str, a: int, month: int, implied: int | None, pub) -> int | None:
    """The year of a month named without one; "last October" and "next March" step across the year."""
    if implied is None:
        return None
    py, pm, _ = pub
    rel = re.search(r"(?i)\b(last|next)\s+$", s[max(0, a - 12):a])
    if not rel or implied != py:
        return implied
    if rel.group(1).lower() == "last":
        return py - 1 if pm is None or month >= pm else py
    return py + 1 if pm is None or month <= pm else py


def _day(y: int, mo: int, d: int, explicit: int | None) -> dict:
    """A calendar day, or nothing when it does not exist ("February 30")."""
    try:
        dt.date(y, mo, d)
    except ValueError:
        return {"normalized": None}
    out = {"normalized": f"{y:04d}-{mo:02d}-{d:02d}", "gran": "day"}
    if explicit:
        out["explicit_year"] = explicit
    return out


def _relative(s: str, c: dict, pub) -> dict:
    """Resolve "yesterday", "on Friday", "last month", "two years ago" against the publication date."""
    kind, g = c["kind"], c["m"].groupdict()
    py, pm, pd = pub
    day = dt.date(py, pm, pd) if py and pm and pd else None
    none = {"normalized": None}
    if kind == "dayword":
        word = " ".join(g["x"].lower().split())
        shift = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(word, 0)
        return _as_day(day + dt.timedelta(days=shift)) if day else none
    if kind == "weekday":
        if not day:
            return none
        target = WEEKDAYS.index(g["wd"].lower())
        rel = (g["rel"] or "").lower()
        back = (day.weekday() - target) % 7
        ahead = (target - day.weekday()) % 7
        said_on = re.search(r"\b(?:said|told|announced|reported|confirmed|added|wrote|declared)\s+"
                            r"(?:[\w']+\s+){0,3}on\s+$", s[:c["a"]])
        if rel == "next" or (rel != "last" and not said_on and FUTURE.search(s[:c["a"]])):
            return _as_day(day + dt.timedelta(days=ahead or 7))
        if rel == "last":
            return _as_day(day - dt.timedelta(days=back or 7))
        return _as_day(day - dt.timedelta(days=back))
    if kind == "holiday":
        # the last such day on or before publication ("Boxing Day", written on 2 January)
        month, dom = HOLIDAYS[g["h"].replace("\u2019", "'")]
        if not py:
            return none
        year = py - 1 if pm is not None and (pm, pd or 31) < (month, dom) else py
        return {"normalized": f"{year:04d}-{month:02d}-{dom:02d}", "gran": "day"}
    if kind == "yearpart":
        return {"normalized": f"{py:04d}", "gran": "year"} if py else none    # "by the end of the year"
    if kind == "relseason":
        # "last summer": the year of the nearest such season before (or, for "next", after) publication
        if not py:
            return none
        if g["sn"].lower() == "winter":
            return none            # a winter spans two years: no single date to give
        first_month = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9}[g["sn"].lower()]
        rel = g["rel"].lower()
        if rel == "this":
            return {"normalized": f"{py:04d}", "gran": "year"}
        passed = pm is not None and pm >= first_month + 3
        if rel == "last":
            return {"normalized": f"{py if passed else py - 1:04d}", "gran": "year"}
        return {"normalized": f"{py + 1 if pm is None or pm >= first_month else py:04d}", "gran": "year"}
    if kind == "weekend":
        return {"normalized": f"{day.year:04d}-{day.month:02d}", "gran": "month"} if day else none
    unit = g["u"].lower().rstrip("s") if g["u"].lower() != "weekends" else "weekend"
    if unit == "weekend":
        # a weekend, like a week, is given as the month it falls in
        if not day:
            return none
        step = {"last": -7, "past": -7, "this": 0, "next": 7}[g["rel"].lower()]
        target = day + dt.timedelta(days=step)
        return {"normalized": f"{target.year:04d}-{target.month:02d}", "gran": "month"}
    if kind == "thisunit":
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[g["rel"].lower()]
        if g["rel"].lower() == "past" and unit != "week":
            return none                        # "the past year" is a span, not a date
        n = step
    else:
        word = g["n"].lower()
        n = -(int(word) if word.isdigit() else NUMBER_WORDS[word])
    if unit == "year":
        return {"normalized": f"{py + n:04d}", "gran": "year"} if py else none
    if unit == "month":
        if not (py and pm):
            return none
        idx = py * 12 + (pm - 1) + n
        return {"normalized": f"{idx // 12:04d}-{idx % 12 + 1:02d}", "gran": "month"}
    if not day:
        return none
    target = day + dt.timedelta(days=n * (7 if unit == "week" else 1))
    if unit == "week":
        # "last week" names no single day: the month it falls in is what the article states
        return {"normalized": f"{target.year:04d}-{target.month:02d}", "gran": "month"}
    return _as_day(target)


def _as_day(d: dt.date) -> dict:
    return {"normalized": d.isoformat(), "gran": "day"}


def _resolve(cands: list[dict]) -> list[dict]:
    """Keep the longest of overlapping matches ("January 2019", not also "2019"); ties go left.

    Unresolvable matches take part too, so that "March 3" without a year does not become "March".
    """
    kept: list[dict] = []
    for c in sorted(cands, key=lambda c: (-(c["b"] - c["a"]), c["a"])):
        if all(c["b"] <= k["a"] or c["a"] >= k["b"] for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c["a"])


# --- events ----------------------------------------------------------------------------------

def _event_of(s: str, sent: Sentence, c: dict, found: list[dict]) -> str:
    """What happened at this date, in the article's words: the clause around it without the date."""
    if sent.kind == "title" and re.search(r"\(\s*$", s[max(0, c["a"] - 8):c["a"]]) and re.match(r"\s*\)", s[c["b"]:]):
        return PUB_EVENT
    if PUBLISHED_LABEL.match(s):
        return PUB_EVENT
    if UPDATED_LABEL.match(s):
        return UPDATE_EVENT
    live = [o for o in found if o["normalized"]]
    event = _clause_event(s, c, live)
    if not event:
        # "The 1980s and 1990s saw ...": the first of a pair shares the event of the next.
        later = [o for o in live if o["a"] > c["a"]]
        if later:
            event = _clause_event(s, later[0], live)
    return event


def _clause_event(s: str, c: dict, live: list[dict]) -> str:
    a, b = c["a"], c["b"]
    masked = list(s)
    for o in live:                            # commas inside "Sept. 11, 2001" are not boundaries
        masked[o["a"]:o["b"]] = "x" * (o["b"] - o["a"])
    segs = _segments("".join(masked))
    i = next((k for k, (x, y) in enumerate(segs) if x <= a < y), len(segs) - 1)
    x, y = segs[i]
    others = [o for o in live if o is not c and x <= o["a"] < y]
    if others:
        x, y = _narrow(s, x, y, c, others)
    np = _noun_phrase(s, x, y, a, b)
    if np:
        return np
    inside = sorted([o for o in live if x <= o["a"] and o["b"] <= y] + ([c] if c not in live else []),
                    key=lambda o: o["a"])
    clause = _without_dates(s, x, y, inside)
    head = s[segs[0][0]:segs[0][1]] if i > 0 else ""
    head_ok = head[:1].isupper() and len(head.split()) <= 10
    raw = s[x:a].lstrip()
    if re.match(r"(?i)(?:who|which)\s", raw) and i > 0:
        clause = re.sub(r"(?i)^(?:who|which)\s+", "", clause)
        clause = _antecedent(s[segs[i - 1][0]:segs[i - 1][1]]) + " " + clause
    elif VERB_START.match(clause) and head_ok:
        clause = head + " " + clause          # "Trump, during his first term, recognized ..."
    nxt = segs[i + 1] if i + 1 < len(segs) else None
    if nxt and not s[b:y].strip() and re.match(r"(?i)when\s", s[nxt[0]:nxt[1]]):
        clause = _tidy(s[nxt[0]:nxt[1]])      # "than in 2019, when Putin launched ..."
    elif len(clause.split()) < 3 and nxt:
        later = [o for o in live if nxt[0] <= o["a"] and o["b"] <= nxt[1]]
        clause = _without_dates(s, nxt[0], nxt[1], later)   # "In 2018, two bombers landed ..."
    return _clip(clause)


def _without_dates(s: str, x: int, y: int, mentions: list[dict]) -> str:
    """The text of s[x:y] with each date, and the prepositions leading to it, taken out."""
    parts, pos = [], x
    for o in mentions:
        parts.append(PREP_BEFORE.sub("", s[pos:o["a"]]))
        parts.append("\0")
        pos = o["b"]
    parts.append(s[pos:y])
    text = "".join(parts)
    text = re.sub(r"\0(?:\s*(?:and|or|to|through|until|till|-|\u2013)?\s*\0)+", "\0", text)
    return _tidy(text.replace("\0", " "))


def _segments(s: str) -> list[tuple[int, int]]:
    """Spans of the sentence between commas, semicolons, dashes, brackets and quotation marks."""
    out, pos = [], 0
    for m in CLAUSE_BOUNDARY.finditer(s):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(s):
        out.append((pos, len(s)))
    return out or [(0, len(s))]


def _narrow(s: str, x: int, y: int, c: dict, others: list[dict]) -> tuple[int, int]:
    """With two dates in one clause, cut it at the "and"/"but" between them (not "2015 and 2017")."""
    lo, hi = x, y
    for m in CONJUNCTION.finditer(s, x, y):
        joins_dates = (any(not s[o["b"]:m.start()].strip() for o in others + [c])
                       and any(not PREP_BEFORE.sub("", s[m.end():o["a"]]).strip() for o in others + [c]))
        if joins_dates:
            continue
        if m.end() <= c["a"] and any(o["a"] < m.start() for o in others):
            lo = max(lo, m.end())
        if m.start() >= c["b"] and any(o["a"] >= m.end() for o in others):
            hi = min(hi, m.start())
    return lo, hi


def _noun_phrase(s: str, x: int, y: int, a: int, b: int) -> str:
    """For a date used as a modifier ("a 2020 indictment against Maduro"), the phrase it modifies."""
    det = DETERMINER_BEFORE.search(s[x:a])
    if not det or not re.match(r"\s+[\w'\u2019-]", s[b:y]):
        return ""
    words = []
    for w in s[b:y].split():
        bare = w.lower().strip(".,'\u2019\"")
        if bare in NP_STOP or (len(words) >= 2 and w.islower() and bare.endswith("ed")):
            break                             # "the 2022 invasion of Ukraine | changed everything"
        words.append(w)
    if not words or words[0].lower() in PREPOSITIONS:
        return ""
    phrase = det.group("det") + " " + _tidy(" ".join(words))
    if len(phrase.split()) < 3:
        return ""
    return _clip(phrase)


def _antecedent(prev: str) -> str:
    """The noun phrase a "who"/"which" clause refers to: the tail of the clause before it."""
    words = prev.split()
    tail: list[str] = []
    for w in reversed(words):
        if w.lower() in PREPOSITIONS or w.lower() in NP_STOP or (w.islower() and w.endswith("ed")):
            break
        tail.insert(0, w)
    return " ".join(tail[-5:])


def _tidy(phrase: str) -> str:
    phrase = " ".join(phrase.split())
    for _ in range(3):
        phrase = LEADING.sub("", phrase).strip()
        phrase = TRAILING.sub("", phrase).strip(" .,;:!?'\"\u2018\u2019\u201c\u201d")
    return phrase


def _clip(phrase: str) -> str:
    """At most 20 words, no dangling function word or punctuation at the end."""
    words = phrase.split()
    if len(words) > 20:
        phrase = " ".join(words[:20])
    return _tidy(phrase)
