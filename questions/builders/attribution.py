"""Who said what, who is who, and which source a claim rests on."""
from __future__ import annotations

import re

from ..model import Analysis, Attribution, Question
from ..attributions import OBJECT_VERBS
from ..names import DOCUMENT_NOUNS, FEMALE_NAMES, GROUP_NOUNS, MALE_NAMES, KNOWN_OUTLETS, TITLE_WORDS, build_people, is_outlet
from ..gate import fair_name_distractors
from .common import QUOTE_MARKS, distinct, lowercase_words, make, shorten, unquote

# Outlets that no article here is assumed to cite: distractors when the article names too few.
FALLBACK_OUTLETS = ["Reuters", "The Associated Press", "The New York Times", "BBC News", "Bloomberg"]
FALLBACK_GROUPS = ["officials", "experts", "critics", "analysts", "diplomats", "witnesses", "residents"]
PLURAL_PRESENT = {"warn": "warns", "suggest": "suggests", "believe": "believes", "say": "says",
                  "argue": "argues", "think": "thinks", "fear": "fears", "expect": "expects",
                  "claim": "claims", "note": "notes", "report": "reports", "deny": "denies",
                  "insist": "insists", "cite": "cites", "state": "states", "tell": "tells",
                  "write": "writes", "add": "adds", "acknowledge": "acknowledges", "admit": "admits"}
SOURCE_KINDS = ("outlet", "document")
# Groups one of which may include another ("economists" are "experts"): a fallback distractor from
# the same family as the key could also be right, so it is not offered.
GROUP_FAMILIES = [
    {"experts", "analysts", "economists", "scientists", "researchers", "scholars", "historians",
     "commentators", "observers", "doctors", "academics"},
    {"officials", "authorities", "diplomats", "lawmakers", "legislators", "politicians", "leaders",
     "aides", "insiders", "sources", "officers", "police", "prosecutors", "investigators"},
    {"critics", "opponents", "activists", "campaigners", "advocates", "residents", "witnesses",
     "people", "supporters"},
]


def _same_family(a: str, b: str) -> bool:
    return any(_head(a) in f and _head(b) in f for f in GROUP_FAMILIES)
MAX_PER_QUOTE = 3  # who-said questions from one quotation that runs over several sentences
NEAR = 40          # distractors are drawn from this many attributions either side: linear cost


def attribution_questions(analysis: Analysis) -> list[Question]:
    sents = {s.id: s for s in analysis.sentences}
    # names from the body's sentences: a title-case headline is no person ("Vote Buying Faces Trial")
    people = build_people("\n".join(s.text for s in analysis.sentences if s.kind == "text"))
    body = "\n".join(s.text for s in analysis.sentences if s.kind == "text")
    # distractors are people the article plainly treats as people: speakers, anyone with a title or
    # a known first name, anyone later called by surname alone ("Harlow Springs" is a town)
    person_pool = _ordered_unique([a.speaker for a in analysis.attributions if a.kind == "person"] +
                                  [p.name for p in people.values() if _plainly_a_person(p, body)])
    pools = {
        "group": _ordered_unique([b.speaker for b in analysis.attributions if b.kind == "group"] + FALLBACK_GROUPS),
        "organisation": _ordered_unique([b.speaker for b in analysis.attributions if b.kind == "organisation"]),
        "outlet": _outlets(analysis),
    }
    out: list[Question] = []
    asked_sentences: set[int] = set()
    speakers_in: dict[int, set[str]] = {}
    for b in analysis.attributions:
        speakers_in.setdefault(b.sentence, set()).add(b.speaker)
    previous, asked_of_quote = None, 0
    for a in analysis.attributions:
        if a.resolved == "guess":
            continue          # a pronoun nothing ties to one person: no key to stake on it
        running = previous is not None and previous.speaker == a.speaker and a.mode == "direct" \
            and previous.mode == "direct" and a.sentence == previous.sentence + 1
        previous = a
        asked_of_quote = asked_of_quote + 1 if running else 0
        if asked_of_quote >= MAX_PER_QUOTE:
            continue          # a quotation running over sentences is asked about three times at most
        if a.mode == "indirect" and len(a.content.split()) < 4:
            continue          # "who said that Institutional recipients?": too little to ask about
        s = sents[a.sentence]
        same_sentence = speakers_in[a.sentence]
        if a.kind in SOURCE_KINDS:
            q = _source_question(analysis, a, s, pools["outlet"], same_sentence)
        else:
            q = _who_said(analysis, a, s, person_pool, pools, same_sentence)
        if q and a.sentence not in asked_sentences:
            out.append(q)
            asked_sentences.add(a.sentence)
    out += _said_what(analysis, sents, out)
    out += _speaker_roles(analysis, sents)
    return out


def _plainly_a_person(p, body: str) -> bool:
    first, surname = p.name.split()[0].lower(), p.name.split()[-1]
    if p.role or p.gender or first in FEMALE_NAMES | MALE_NAMES:
        return True
    return len(re.findall(r"\b" + re.escape(surname) + r"\b", body)) > len(re.findall(re.escape(p.name), body))


def _ordered_unique(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return [v for v in values if not (v in seen or seen.add(v))]


def _who_said(analysis, a: Attribution, s, person_pool, pools, same_sentence) -> Question | None:
    if a.kind == "person":
        pool = person_pool
    elif a.kind == "group":
        # "officials" is also right when the key is "US officials": one group per head noun
        pool = [g for g in pools["group"] if _head(g) != _head(a.speaker)
                and not (g in FALLBACK_GROUPS and _same_family(g, a.speaker))]
        pool = list({_head(g): g for g in reversed(pool)}.values())[::-1]
    else:
        # few articles name three organisations: other named sources stand in beside them
        pool = pools["organisation"] + [o for o in pools["outlet"] if o not in FALLBACK_OUTLETS]
    distractors = distinct(fair_name_distractors(analysis, s, a.speaker, pool), exclude=same_sentence | {a.speaker})
    named_here = a.speaker.split()[-1] in s.text
    difficulty = "easy" if a.speaker in s.text else "medium" if named_here else "hard"
    return make(analysis, qtype="who_said", skill="attribution", difficulty=difficulty, s=s,
                prompt=_who_prompt(analysis, a, s), key_label=_display(a.speaker), key=a.speaker,
                distractors=[_display(d) for d in distractors],
                reason=f"The article attributes these words to {a.speaker} (\u201c{a.cue}\u201d).")


def _who_prompt(analysis, a: Attribution, s) -> str:
    inner = a.content.strip().strip(QUOTE_MARKS)
    if a.mode == "direct" and not any(q in inner for q in QUOTE_MARKS):
        words = unquote(a.content)
        if len(words.split()) < 7:
            return f"According to the article, who used the words \u201c{shorten(words)}\u201d?"
        return f"According to the article, who said: \u201c{shorten(words)}\u201d?"
    phrase = _verb_phrase(analysis, a, s)
    return f"According to the article, who {_lower_opening(phrase, analysis.text)}?"


def _verb_phrase(analysis, a: Attribution, s) -> str:
    """The article's own words from the reporting verb to the end of what was said."""
    cue_at = analysis.text.rfind(a.cue, s.start, a.start) if a.start >= 0 else -1
    if cue_at < 0:
        return f"said that {shorten(a.content.rstrip('.'))}"
    phrase = analysis.text[cue_at:a.end].rstrip(" .,;")
    phrase = re.sub(r"[.,;:]([\"'\u201d\u2019])$", r"\1", phrase)     # 'gone."' -> 'gone"' 
    first, _, rest = phrase.partition(" ")
    bare = first.rstrip(",:;")
    first = _third_person(bare) + first[len(bare):]        # 'said, "I think ...' keeps its comma
    if first in ("stating", "saying", "suggesting", "noting", "adding", "warning", "labeling",
                 "labelling", "calling", "denying", "claiming", "arguing"):
        first = {"stating": "stated", "saying": "said", "suggesting": "suggested", "noting": "noted",
                 "adding": "added", "warning": "warned", "labeling": "labeled", "labelling": "labelled",
                 "calling": "called", "denying": "denied", "claiming": "claimed",
                 "arguing": "argued"}[first]
    return shorten(f"{first} {rest}".strip(), 30)


IRREGULAR_PAST = {"said", "told", "wrote", "thought", "according", "found", "made", "gave", "took",
                  "knew", "saw", "felt", "held", "led", "put", "set", "got", "came", "became", "began",
                  "spoke", "shown", "drew", "brought", "kept", "meant", "read", "sent", "won", "lost"}


def _third_person(verb: str) -> str:
    """"who warn that" reads wrong: a bare present verb takes -s after "who"."""
    if verb in PLURAL_PRESENT:
        return PLURAL_PRESENT[verb]
    if verb.endswith(("s", "ed", "ing")) or verb in IRREGULAR_PAST:
        return verb
    if verb.endswith(("sh", "ch", "x", "o")):
        return verb + "es"
    if verb.endswith("y") and verb[-2:-1] not in "aeiou":
        return verb[:-1] + "ies"
    return verb + "s"


def _display(name: str) -> str:
    return name[0].upper() + name[1:] if name else name


def _outlets(analysis) -> list[str]:
    """Every publication the article names, then well-known ones it does not."""
    found = [_display(b.speaker) for b in analysis.attributions if b.kind in ("outlet", "document")]
    body = analysis.text[analysis.body_start:analysis.body_end]
    found += [m.group(0) for m in re.finditer(r"\b[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*", body)
              if is_outlet(m.group(0)) or m.group(0).lower() in KNOWN_OUTLETS]
    return _ordered_unique(found) + FALLBACK_OUTLETS


def _source_question(analysis, a: Attribution, s, outlets, same_sentence) -> Question | None:
    distractors = distinct(fair_name_distractors(analysis, s, a.speaker, outlets), exclude=same_sentence | {a.speaker})
    what = shorten(unquote(a.content), 26)
    return make(analysis, qtype="source", skill="sourcing", difficulty="medium", s=s,
                prompt=f"According to the article, which source reported that {_lower_first_word(what, analysis.text)}?",
                key_label=_display(a.speaker), key=a.speaker, distractors=distractors,
                reason=f"The article gives {a.speaker} as the source (\u201c{a.cue}\u201d); "
                       "it does not confirm the point itself.")


def _lower_opening(phrase: str, text: str) -> str:
    """'said that Farmers in ...' -> 'said that farmers in ...': see _lower_first_word."""
    m = re.match(r"((?:\w+ ){1,3}?(?:that )?)(?=[A-Z])", phrase)
    return m.group(1) + _lower_first_word(phrase[m.end():], text) if m else phrase


def _lower_first_word(what: str, text: str) -> str:
    """Lowercase an opening word that the article also writes in lowercase: it is capitalised only
    because it opened a sentence, not because it is a name."""
    word = what.split()[0] if what.split() else ""
    if word[:1].isupper() and word[1:].islower() and (
            word in ("The", "A", "An", "This", "These", "Those", "It", "Its", "There")
            or word.lower() in lowercase_words(text) or word.lower() in GROUP_NOUNS | DOCUMENT_NOUNS):
        return word.lower() + what[len(word):]
    return what


def _said_what(analysis, sents, already: list[Question]) -> list[Question]:
    out: list[Question] = []
    done: set[str] = set()
    # statements only: a quote or a that-clause, not the object of "cited" or "acknowledged"
    usable = [a for a in analysis.attributions if len(unquote(a.content).split()) >= 4
              and (a.mode == "direct" or a.cue not in OBJECT_VERBS) and a.resolved != "guess"]
    covered = {q.evidence.start for q in already}
    for i, a in enumerate(usable):
        # one per person, and one more for any sentence of theirs no other question covers
        if a.kind != "person" or (a.speaker in done and sents[a.sentence].start in covered):
            continue
        # the statements nearest in the article first, so each question draws different ones
        window = usable[max(0, i - NEAR):i + NEAR]
        near = sorted((b for b in window if b.speaker != a.speaker),
                      key=lambda b: (b.mode != a.mode, abs(b.sentence - a.sentence), b.sentence))
        others = [shorten(unquote(b.content), 18) for b in near]
        key = shorten(unquote(a.content), 18)
        distractors = distinct(others, exclude=[key] + [shorten(unquote(b.content), 18)
                                                       for b in window if b.speaker == a.speaker])
        q = make(analysis, qtype="said_what", skill="attribution",
                 difficulty="medium" if a.mode == "direct" else "hard", s=sents[a.sentence],
                 prompt=f"According to the article, which of these statements comes from {a.speaker}?",
                 key_label=key, key=key, distractors=distractors,
                 reason=f"Only this statement is attributed to {a.speaker}; the others come from other sources in the article.")
        if q:
            out.append(q)
            done.add(a.speaker)
            covered.add(q.evidence.start)
    return out


def _head(role: str) -> str:
    words = re.findall(r"[a-z]+", role.lower())
    return words[-1] if words else ""


_NOT_ROLE_NOUNS = {"of", "the", "for", "senior", "former", "acting", "deputy", "vice", "chief",
                   "foreign", "state", "head"}


def _role_nouns(role: str) -> set[str]:
    """The job words of a role: two roles sharing one ("analyst") may both fit the same person;
    "spokeswoman" and "spokesperson" are one job."""
    words = {SAME_JOB.get(w, w) for w in re.findall(r"[a-z]+", role.lower())}
    return {w for w in words if w in TITLE_WORDS - _NOT_ROLE_NOUNS} or {SAME_JOB.get(_head(role), _head(role))}


SAME_JOB = {"spokeswoman": "spokesperson", "spokesman": "spokesperson", "chairwoman": "chair",
            "chairman": "chair", "chairperson": "chair", "congresswoman": "congressman",
            "councilwoman": "councilman", "councillor": "councilman", "councilor": "councilman"}


ABBREVIATED_TITLES = {"Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative", "Gen.": "General",
                      "Lt.": "Lieutenant", "Col.": "Colonel", "Capt.": "Captain", "Adm.": "Admiral",
                      "Sgt.": "Sergeant", "Prof.": "Professor", "Pres.": "President"}


def _role_label(role: str) -> str:
    role = re.sub(r"^(?:an?|the)\s+", "", role.strip())
    role = " ".join(ABBREVIATED_TITLES.get(w, w) for w in role.split())
    return role[0].upper() + role[1:] if role else role


def _speaker_roles(analysis, sents) -> list[Question]:
    roles: dict[str, tuple[str, int]] = {}
    for a in analysis.attributions:
        if a.kind == "person" and a.role and a.speaker not in roles:
            at = _sentence_naming(analysis, a.speaker, a.role)
            if at is not None:
                roles[a.speaker] = (a.role, at)
    out: list[Question] = []
    nouns = {sp: _role_nouns(r) for sp, (r, _) in roles.items()}
    for speaker, (role, sid) in roles.items():
        others = (r for sp, (r, _) in roles.items() if sp != speaker and not nouns[sp] & nouns[speaker])
        distractors = distinct((_role_label(r) for r in others), exclude=[_role_label(role)])
        q = make(analysis, qtype="speaker_role", skill="attribution", difficulty="easy", s=sents[sid],
                 prompt=f"According to the article, how is {speaker} described?",
                 key_label=_role_label(role), key=role, distractors=distractors, suffix="-" + _slug(speaker),
                 reason=f"The article introduces {speaker} as {role}.")
        if q:
            out.append(q)
    return out


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _sentence_naming(analysis, speaker: str, role: str) -> int | None:
    surname = speaker.split()[-1]
    for s in analysis.sentences:
        if s.kind == "text" and role in s.text and surname in s.text:
            return s.id
    return None
