"""Who is who across the whole article: every variant of a name grouped under one entity.

Real reporting names one person several ways: in full, by surname, misspelt once ("Kristen" and
"Kristin Wilkins"), with a particle ("Ana de la Cruz", "De la Cruz"), and organisations by an
acronym ("Korean Central News Agency (KCNA)", later "KCNA"). A question that offers two of these
as choices has two right answers, so the speakers are merged before any question is built, and
the gate (gate.py) asks `confusable` of every pair of choices.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .model import Attribution
from .names import _gender_detector, FEMALE_NAMES, GROUP_NOUNS, MALE_NAMES, NON_PERSON_FIRST, ORG_HEADS

PARTICLES = {"de", "da", "del", "della", "van", "von", "der", "den", "bin", "al", "la", "le", "du", "dos"}
CORPORATE = {"airways", "airlines", "air", "technologies", "technology", "inc", "ltd", "plc", "llc", "corp",
             "corporation", "company", "group", "holdings", "international", "fc", "cf", "united", "city"}
CONNECTORS = {"of", "the", "and", "for", "&", "on", "in"}
_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'’\-]*\s+(?:(?:of|the|and|for|on|&)\s+)*){1,8}[A-Z][\w'’\-]*)\s*\(([A-Z][A-Za-z0-9&.]{1,9})\)")


@lru_cache(maxsize=1)
def _name_list() -> frozenset[str]:
    """First names from gender-guesser's list (some 40,000 names from many countries; a well-kept
    list beats one we would write), with our own short list on top."""
    names = set(FEMALE_NAMES | MALE_NAMES)
    detector = _gender_detector()
    if detector is not None:     # without it the engine still works, with the short list only
        names |= {n for n in detector.names if n.isalpha() and len(n) > 1}
    return frozenset(n.lower() for n in names) - NON_PERSON_FIRST


def is_first_name(word: str) -> bool:
    return word.lower().strip(".,") in _name_list()


@lru_cache(maxsize=4096)
def _tokens(name: str) -> tuple[str, ...]:
    words = re.sub(r"[’']s\b", "", name).replace("(", " ").replace(")", " ").split()
    words = [w.strip(".,;:\"'“”‘’").lower() for w in words]
    words = [w for w in words if w]
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return tuple(words)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (limit + 1) once it must exceed `limit` (cheap on long words)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in CONNECTORS and w[:1].isalpha())


def is_acronym_of(short: str, long: str) -> bool:
    """'KCNA' for 'Korean Central News Agency', 'UAAR' for 'Union of Rationalist Atheists and Agnostics'."""
    s = short.strip("()").replace(".", "")
    words = _tokens(long)
    return 2 <= len(s) <= 10 and s.isupper() and len(words) >= 2 and _initials(words) == s.lower()


def same_entity(a: str, b: str) -> bool:
    """Whether two names, as the article writes them, denote one person or body.

    Strict enough to merge on: equal; an acronym of the other; one name the tail of the other
    ("Wilkins", "De la Cruz"); or, for two full names, the same surname with first names a
    letter or two apart ("Kristen"/"Kristin"), or the same first name with surnames a letter apart
    ("Smithson"/"Smithsen"). Two people who share only a surname ("Thomas Sam", "Manju Sam") are
    not merged.
    """
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    if is_acronym_of(a, b) or is_acronym_of(b, a):
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < len(long) and long[-len(short):] == short and _personal(long) \
            and (len(short) > 1 or len(short[0]) > 3):
        return True
    if len(ta) >= 2 and len(tb) >= 2 and _personal(ta) and _personal(tb):
        if ta[-1] == tb[-1] and len(ta[0]) > 2 and len(tb[0]) > 2 and edit_distance(ta[0], tb[0], 2) <= 2 \
                and ta[0][0] == tb[0][0]:
            return True
        if ta[0] == tb[0] and len(ta[-1]) >= 5 and edit_distance(ta[-1], tb[-1], 1) <= 1:
            return True
    if len(short) == 1 and len(long) >= 2 and len(short[0]) >= 5 and _personal(long) \
            and edit_distance(short[0], long[-1], 1) <= 1:
        return True              # "Mauer" for "K.C. Maurer": a surname misspelt once
    return False


def confusable(a: str, b: str) -> bool:
    """Whether a student could fairly argue two choices name the same one: same_entity, or two
    multi-word names ending in the same word ("Ahmed Mohamed" and "Mohamed El-Hassan Mohamed",
    "North Korea" and "South Korea"). Such a pair is never offered side by side."""
    if same_entity(a, b):
        return True
    ta, tb = _tokens(a), _tokens(b)
    if len(ta) >= 2 and len(tb) >= 2 and ta[-1] == tb[-1] and len(ta[-1]) > 3:
        return True
    short, long = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    # "Skyline" / "Skyline Airways", "Residents" / "Residents of Upper Harford",
    # "The Commission" / "The European Commission": one name the start or the end of the other
    if not short or len(short) >= len(long) or len("".join(short)) <= 3:
        return False
    if long[-len(short):] == short:
        return True
    rest = long[len(short):]
    return long[:len(short)] == short and (short[0] in GROUP_NOUNS or all(w in ORG_HEADS | CORPORATE for w in rest))


def is_description(name: str) -> bool:
    """'The airline', 'the company', 'The diplomats': a phrase that points back to someone the
    article named, so it may be any of them; never offered as a wrong answer."""
    words = name.split()
    return len(words) >= 2 and words[0].lower() in {"the", "this", "that", "its", "their"} \
        and words[1][:1].islower()


def _personal(words: list[str]) -> bool:
    """A name that may be a person's: no organisation head word."""
    return not any(w in ORG_HEADS for w in words)


def acronyms(text: str) -> dict[str, str]:
    """'KCNA' -> 'Korean Central News Agency' for every 'Long Name (ACR)' the article defines."""
    out: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        long, short = m.group(1), m.group(2)
        words = long.split()
        # the definition is the tail of the capitalised run whose initials spell the acronym
        for i in range(len(words)):
            if is_acronym_of(short, " ".join(words[i:])):
                out.setdefault(short, " ".join(words[i:]))
                break
    return out


def merge_speakers(attributions: list[Attribution], text: str) -> list[Attribution]:
    """Give every attribution of one entity the same canonical speaker name.

    The canonical name is the full form the article uses most (ties: the first used); an acronym
    gives way to its spelled-out name only when the article never uses the acronym alone.
    Comparisons are bucketed by a name's last word and its first letters, so the cost stays linear
    in the number of attributions however many names an article holds.
    """
    names: list[str] = []
    count: dict[str, int] = {}
    for a in attributions:
        if a.kind in ("group", "document"):
            continue
        if a.speaker not in count:
            names.append(a.speaker)
        count[a.speaker] = count.get(a.speaker, 0) + 1
    parent = {n: n for n in names}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    buckets: dict[str, list[str]] = {}
    for n in names:
        words = _tokens(n)
        if not words:
            continue
        keys = {"last:" + words[-1], "l2:" + words[-1][:2]}
        if len(words) == 1 and words[0].isalpha():
            keys.add("acr:" + words[0])
        else:
            keys.add("acr:" + _initials(words))
        for key in keys:
            for other in buckets.get(key, [])[:40]:
                if find(other) != find(n) and same_entity(n, other):
                    parent[find(n)] = find(other)
            buckets.setdefault(key, []).append(n)
    first_seen = {n: i for i, n in enumerate(names)}
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(find(n), []).append(n)
    rename: dict[str, str] = {}
    for members in groups.values():
        if len(members) < 2:
            continue
        full = [m for m in members if len(_tokens(m)) >= 2] or members
        best = max(full, key=lambda m: (count[m], len(_tokens(m)), -first_seen[m]))
        for m in members:
            rename[m] = best
    for a in attributions:
        if a.speaker in rename and rename[a.speaker] != a.speaker:
            a.speaker = rename[a.speaker]
    return attributions
