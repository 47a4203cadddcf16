"""Who a speaker is: surnames, pronouns, "the judge", "the agency" and "the documents" resolved to
the full name the article gave first, so that every question names people in full."""
from __future__ import annotations

import re

from .model import Attribution, Sentence
from .names import NAME_RUN, TITLE_WORDS, Person, canonical, gender_of, split_title
from .speech import DOCUMENT_ANAPHORA, NOT_SPEAKERS, OUTLET_ANAPHORA, PRONOUNS, TIME_TAIL, Candidate


def they(c: Candidate, s: Sentence, found: list[Attribution]) -> list[Attribution]:
    """'They argued ...' after two named speakers of one sentence, or after a group that spoke:
    all of them, so that no question offers one of them as a wrong answer."""
    last = [a for a in found[-10:] if 0 < s.id - a.sentence <= 1]
    if not last:
        return []
    people = [a for a in last if a.kind == "person" and a.sentence == last[-1].sentence]
    speakers = people if len(people) >= 2 else [a for a in last[-1:] if a.kind in ("group", "organisation")]
    mode = "direct" if c.direct else "indirect"
    return [Attribution(a.speaker, a.role, c.content, mode, s.id, c.verb, a.kind, c.start, c.end, "pronoun")
            for a in speakers]


def resolve(c: Candidate, s: Sentence, people: dict[str, Person], recent: list[Attribution],
             found_so_far: list[Attribution], sentences_before: list[Sentence],
             earlier_text: str = "") -> Attribution | None:
    mention = re.sub(r"(?<=[a-z0-9]{3})\.$", "", c.mention.strip())
    role_note = None
    if ", " in mention and mention.endswith(","):
        mention, role_note = mention[:-1].split(", ", 1)
    low = mention.lower()
    if DOCUMENT_ANAPHORA.match(mention):
        # "the documents show", after "according to court documents": the same documents
        head = mention.lower().split()[-1]
        doc = next((a for a in reversed(found_so_far[-20:]) if a.kind == "document"
                    and a.speaker.lower().split()[-1] == head), None)
        if doc is not None:
            return Attribution(speaker=doc.speaker, role=doc.role, content=c.content,
                               mode="direct" if c.direct else "indirect", sentence=s.id, cue=c.verb,
                               kind="document", start=c.start, end=c.end)
    if OUTLET_ANAPHORA.match(mention):
        outlet = next((a for a in reversed(found_so_far) if a.kind == "outlet"), None)
        if outlet is None:
            return None
        return Attribution(speaker=outlet.speaker, role=outlet.role, content=c.content,
                           mode="direct" if c.direct else "indirect", sentence=s.id, cue=c.verb,
                           kind="outlet", start=c.start, end=c.end)
    if low == "it":
        # "It said there was no evidence ...", just after the airline spoke: the one organisation nearby
        org = _recent_org(mention, found_so_far, s)
        if org is None:
            return None
        return Attribution(speaker=org.speaker, role=org.role, content=c.content,
                           mode="direct" if c.direct else "indirect", sentence=s.id, cue=c.verb,
                           kind=org.kind, start=c.start, end=c.end, resolved="anaphora")
    if low in PRONOUNS:
        want = PRONOUNS[low]
        if low in {"i", "we"}:
            return None
        if low == "they":
            return None
        pool = [a for a in reversed(recent) if s.id - a.sentence <= 4]
        person = next((a for a in pool if _gender(a, people) in (want, None)), None)
        mentioned = _mentioned_before(s, people, want, sentences_before)
        if mentioned and (person is None or mentioned[1] > person.sentence):
            speaker, role, kind = mentioned[0].name, mentioned[0].role, "person"
            sure = mentioned[0].gender == want
        elif person is not None:
            speaker, role, kind = person.speaker, person.role, "person"
            sure = _gender(person, people) == want
        else:
            return None
        how = "pronoun" if sure else "guess"
    elif ROLE_ANAPHORA.match(mention) and _by_role(mention, people, sentences_before):
        # "the judge rejected ...": the person the article introduced with that title
        p = _by_role(mention, people, sentences_before)
        speaker, role, kind, how = p.name, p.role, "person", "anaphora"
    elif ORG_ANAPHORA.match(mention) and _named_org(mention, earlier_text + " " + s.text):
        # "the union said", the article having named the Public School Teachers Union
        speaker, role, kind = canonical(_named_org(mention, earlier_text + " " + s.text), people)
        how = "anaphora"
    elif ORG_ANAPHORA.match(mention) and _recent_org(mention, found_so_far, s):
        org = _recent_org(mention, found_so_far, s)
        speaker, role, kind, how = org.speaker, org.role, org.kind, "anaphora"
    elif _same_head(mention, found_so_far, s):
        # "the spokesperson said", after "A Department for Education spokesperson said"
        same = _same_head(mention, found_so_far, s)
        speaker, role, kind, how = same.speaker, same.role, same.kind, "anaphora"
    else:
        by = DOCUMENT_BY.match(mention)
        if by:
            # "a survey of members published by the union last month": the union speaks
            mention = TIME_TAIL.sub("", by.group("by")).strip()
            org = _named_org(mention, earlier_text + " " + s.text)
            if org:
                mention = org
        speaker, role, kind = canonical(mention, people)
        how = "named" if speaker.split()[-1] in s.text or kind != "person" else "surname"
        if role_note and re.match(r"(?:of|from|at|with|in)\b", role_note) and role:
            role_note = None        # "Ken Abe, of the University of the West": the title says more
        role = role_note or role or (_role_before(s.text, mention) if kind == "person" else None)
        if kind == "person" and speaker in people and role_note and people[speaker].role is None:
            people[speaker].role = role_note
    if kind != "person":
        # "two diplomats familiar with the talks who spoke on condition of anonymity": the source is
        # the diplomats; why they spoke anonymously is no part of the name, nor is "a" or "two"
        speaker = re.split(r"\s+(?:who|whom|whose|which|because|as)\s", speaker)[0]
        if kind in ("group", "document"):
            speaker = re.sub(r"^(?:[Aa]n?|[Ss]ome|[Ss]everal|[Mm]any|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive)\s+", "", speaker)
    if not speaker or speaker.lower() in NOT_SPEAKERS:
        return None
    mode = "direct" if c.direct else "indirect"
    return Attribution(speaker=speaker, role=role, content=c.content, mode=mode, sentence=s.id,
                       cue=c.verb, kind=kind, start=c.start, end=c.end, resolved=how)


ROLE_ANAPHORA = re.compile(r"^[Tt]he (?:judge|mayor|governor|senator|minister|president|prime minister|"
                           r"secretary|spokesman|spokeswoman|spokesperson|chief executive|ceo|chair|"
                           r"chairman|chairwoman|director|commissioner|ambassador|prosecutor|sheriff|"
                           r"coach|manager|head teacher|headteacher|principal|professor|scientist|"
                           r"researcher|analyst|economist|councilman|councilwoman|lawyer|attorney|chief|"
                           r"police chief|fire chief|commander|inspector|superintendent|detective)$")
ORG_ANAPHORA = re.compile(r"^(?:[Tt]he (?:agency|company|firm|ministry|department|union|council|commission|"
                          r"museum|school|hospital|airline|carrier|club|team|court|police|army|city|county|"
                          r"zoo|library|gallery|network|regulator|association|federation|"
                          r"board|group|organisation|organization|government|administration|"
                          r"authority|office|committee|institute|university|party|bank|charity))$")


DOCUMENT_BY = re.compile(r"^(?:an?|the|new|latest)?\s*(?:[\w\-]+\s+){0,2}(?:survey|report|study|poll|review|"
                         r"analysis|letter|statement|audit)\b.*?\b(?:published|released|conducted|"
                         r"commissioned|carried out|issued|written|signed|led)\s+by\s+(?P<by>.+)$", re.I)


def _named_org(mention: str, text: str) -> str | None:
    """'the union' -> 'National Union of School Staff' when the text named one earlier."""
    m = re.match(r"^[Tt]he\s+([a-z]+)$", mention)
    if not m:
        return None
    head = m.group(1).capitalize()
    names = re.findall(rf"\b(?:[A-Z][\w&\-]*\s+)*{head}(?:\s+(?:of|for|and)\s+(?:[A-Z][\w&\-]*\s*)+)?", text)
    names = [n.strip() for n in names if len(n.split()) > 1]
    return names[-1] if names else None


def _same_head(mention: str, found: list[Attribution], s: Sentence) -> Attribution | None:
    m = re.match(r"^[Tt]he\s+([a-z]+)$", mention)
    if not m:
        return None
    for a in reversed(found[-10:]):
        if s.id - a.sentence > 5:
            break
        if a.speaker.lower().split()[-1] == m.group(1) and a.speaker.lower() != mention.lower():
            return a
    return None


def _by_role(mention: str, people: dict[str, Person], before: list[Sentence]) -> Person | None:
    """The one person whose title holds the word ("the judge" -> Judge Ellen Park)."""
    word = mention.split(" ", 1)[1].lower()
    found = {p.name: p for p in people.values() if p.role and word in p.role.lower()}
    return next(iter(found.values())) if len(found) == 1 else None


def _recent_org(mention: str, found: list[Attribution], s: Sentence) -> Attribution | None:
    """'the agency said', just after NASA spoke: the one organisation that spoke nearby (with two,
    which one is meant is a guess, and no speaker is better than a wrong one)."""
    orgs = {a.speaker: a for a in reversed(found[-10:]) if s.id - a.sentence <= 4
            and a.kind in ("organisation", "outlet") and a.speaker.lower() != mention.lower()}
    return next(iter(orgs.values())) if len(orgs) == 1 else None


ROLE_BEFORE = re.compile(r"((?:[A-Za-z][\w\-]*\s+){0,2}(?:" + "|".join(sorted(
    w for w in TITLE_WORDS
    if w.isalpha() and len(w) > 3)) + r"))\s+$")


def _role_before(sentence: str, mention: str) -> str | None:
    """'Shipping analyst Priya Raman', 'union leader Grace Okafor': a lowercase title before a name."""
    at = sentence.find(mention)
    m = ROLE_BEFORE.search(sentence[:at]) if at > 0 else None
    if not m:
        return None
    role = m.group(1).strip()
    words = role.split()
    while words and words[0].lower() in {"said", "says", "told", "and", "but", "with", "by", "according", "to"}:
        words = words[1:]
    return " ".join(words) or None


def _mentioned_before(s: Sentence, people: dict[str, Person], want: str | None,
                      sentences_before: list[Sentence]) -> tuple[Person, int] | None:
    """The person a he/she most likely means: the last one named in the two sentences before."""
    for prev in reversed(sentences_before[-2:]):
        if prev.paragraph != s.paragraph and prev is not sentences_before[-1]:
            break
        hits = []
        for m in NAME_RUN.finditer(prev.text):
            # "Matthew Ingram of The Globe and Mail": the person is the part before "of"
            for token_run in (m.group(), m.group().split(" of ")[0], m.group().split()[-1]):
                person = people.get(split_title(token_run)[1])
                if person and (person.gender in (want, None) or want is None):
                    hits.append((m.start(), person))
                    break
        if hits:
            # the subject: the first named in the sentence
            return min(hits, key=lambda h: h[0])[1], prev.id
    return None


def _gender(a: Attribution, people: dict[str, Person]) -> str | None:
    p = people.get(a.speaker)
    if p and p.gender:
        return p.gender
    return gender_of(a.speaker.split()[0], a.role or "")


