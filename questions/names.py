"""Who is who: titles, outlets, groups, and a canonical full name for every surname.

News introduces a person once in full ("Russia analyst Mark Galeotti") and then by surname or
pronoun; questions must name them in full, so every mention is mapped back to the first one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

# The word lists (titles, organisation and place heads, outlets, groups, first names) are the
# lexicon's: lexicon.py.
from .lexicon import (DOCUMENT_NOUNS, FEMALE_CUES, FEMALE_NAMES, GROUP_NOUNS, KNOWN_OUTLETS, MALE_CUES,  # noqa: E402,F401
                      MALE_NAMES, NON_PERSON_FIRST, ORG_HEADS, OUTLET_HEADS, PLACE_HEADS, TITLE_WORDS)

# a capitalised word; a full stop only after a short abbreviation or initial ("Dr.", "W."), so a
# run never crosses a sentence end ("in March. Economists")
_CAP = r"(?:(?:[A-Z]\.){2,3}(?=\s+[A-Z])|[A-Z][a-z]{0,2}\.(?=\s+[A-Z])|[A-ZÀ-ÖØ-ÞŁŚŹŻŽČŠŘĆ][\w’'\-]*)"
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
    if first in FEMALE_NAMES or first in MALE_NAMES:
        return "f" if first in FEMALE_NAMES else "m"
    return _listed_gender(first)


@lru_cache(maxsize=1)
def _gender_detector():
    """gender-guesser's bundled list of about 40,000 first names, loaded once; None without it."""
    try:
        import gender_guesser.detector as gd
    except ImportError:
        return None
    return gd.Detector(case_sensitive=False)


def _listed_gender(first: str) -> str | None:
    """'f' or 'm' where the list is sure of the name ("Kristen", "Dario"), None where it is not."""
    detector = _gender_detector()
    if detector is None or not first.isalpha():
        return None
    found = detector.get_gender(first)
    return "f" if found == "female" else "m" if found == "male" else None


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
