"""The question gate: explicit checks every drafted question must pass before a teacher sees it.

A wrong answer key, or a second right answer among the choices, is the worst thing the engine can
do, so the builders' output is checked again here, each check a small function with one reason:
- the evidence is one body sentence (not a caption, credit, menu or heading);
- every name offered is a well-formed name the article uses, and no two name the same one
  (entities.confusable: aliases, surname forms, misspellings, acronyms);
- no distractor is also right: another speaker of the sentence, someone the sentence names as a
  source, a status the sentence also carries, another date of the same sentence;
- prompts and choices are whole phrases.
A distractor that fails is removed (the question keeps at least three choices); a question that
fails is dropped, and the reason is kept (`python -m questions ARTICLE --why`), so the team can see
what the gate costs.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .claims import ESTIMATE, HEDGE, OPINION_VERBS, REPORTED, defensible_statuses, evaluative
from .lexicon import REQUEST, forms
from .entities import acronyms, confusable, is_description, is_first_name
from .model import Analysis, Question
from .names import GROUP_NOUNS, ORG_HEADS, PLACE_HEADS, TITLE_WORDS

NAME_TYPES = {"who_said", "source"}
MIN_CHOICES = 3
_BAD_EDGE = {"of", "the", "and", "for", "to", "in", "on", "at", "by", "a", "an", "with", "from", "&", "or"}
_NOT_A_NAME = {"one", "two", "three", "some", "many", "several", "both", "each", "all", "another", "other",
               "this", "that", "these", "those", "it", "they", "he", "she", "someone", "nobody", "none",
               "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
               "yesterday"}
REQUEST_CUES = forms(REQUEST)       # a request or a question is no claim to report
ACTION_CUES = forms("question find/found show note")          # verbs that are acts as often as speech
SPEECH_CONTENT = re.compile(r"\s*(?:that|whether|if|how|why|what|when)\b|[\"“‘']", re.I)
COURT = re.compile(r"\b(?:court|judge|tribunal|justices?)\b", re.I)
PARTICIPLE_ACCUSATION = re.compile(r"\b[a-z]+s?\s+(?:accusing|alleging)\b")
ALLEGED_VERB = re.compile(r"\b(?:allegedly|alleged(?!\s+[a-z]+ing)|accused|charged)\b", re.I)
COMPARISON_MODAL = re.compile(r"\bas\s+(?:one|you|we|anyone)\s+(?:might|would|could|may)\b", re.I)
STRONG_OPINION = re.compile(r"\b(?:believes?|thinks?|argues?|predicts?|probably|perhaps|likely)\b", re.I)



@dataclass
class Dropped:
    question: Question
    reason: str


def gate(analysis: Analysis, questions: list[Question]) -> tuple[list[Question], list[Dropped]]:
    """The questions that pass every check, and those dropped with the reason."""
    kept: list[Question] = []
    dropped: list[Dropped] = []
    body = _body_sentences(analysis)
    for q in questions:
        reason = _check(analysis, q, body)
        if reason:
            dropped.append(Dropped(q, reason))
        else:
            kept.append(q)
    return kept, dropped


def _check(analysis: Analysis, q: Question, body) -> str | None:
    if q.type == "discussion":
        return None if q.prompt.strip() else "the prompt is empty"   # open prompts have no key to get wrong
    sentence = _evidence_sentence(q, body)
    if sentence is None:
        return "the evidence is not one body sentence (caption, heading, furniture or several sentences)"
    if not q.prompt.strip() or _cut_phrase(q.prompt):
        return "the prompt is not a whole phrase"
    if q.type in NAME_TYPES:
        return _check_names(analysis, q, sentence)
    if q.type == "status":
        return _check_status(analysis, q, sentence)
    if q.type == "when":
        return _check_when(analysis, q, sentence)
    return None


# --- evidence ---------------------------------------------------------------------------------

def _body_sentences(analysis: Analysis):
    """Body sentences of kind text, outside every furniture span, by start offset."""
    spans = sorted((f.start, f.end) for f in analysis.furniture)
    out = []
    j = 0
    for s in sorted(analysis.sentences, key=lambda s: s.start):
        if s.kind != "text":
            continue
        while j < len(spans) and spans[j][1] <= s.start:
            j += 1
        if j < len(spans) and spans[j][0] < s.end:
            continue
        out.append(s)
    return out


def _evidence_sentence(q: Question, body):
    """The body sentence that holds the evidence (a timeline's evidence may span several)."""
    lo, hi = 0, len(body)
    while lo < hi:               # the last sentence starting at or before the evidence
        mid = (lo + hi) // 2
        if body[mid].start <= q.evidence.start:
            lo = mid + 1
        else:
            hi = mid
    i = lo - 1
    if i < 0:
        return None
    s = body[i]
    if q.type in ("timeline", "discussion", "said_what", "speaker_role"):
        return s if s.start <= q.evidence.start < s.end else None
    return s if s.start <= q.evidence.start and q.evidence.end <= s.end else None


def _cut_phrase(text: str) -> bool:
    """A prompt ending in a dangling function word ("... stormed the building afternoon"...)."""
    words = re.findall(r"[\w’']+", text.rstrip("?”\"…. "))
    return bool(words) and words[-1].lower() in {"the", "a", "an", "of", "and", "to"}


# --- names ------------------------------------------------------------------------------------

def well_formed_name(name: str) -> bool:
    """A name or group as a choice: capitalised words (particles and connectors allowed), or an
    unnamed group ("officials"); no dangling connector, no lone initial, no two names run together
    ("Housing Trust John Doe", "United States Jane Roe")."""
    words = name.split()
    if not words or len(name) > 80 or any(w.strip(".,").isdigit() for w in words):
        return False
    low = [w.lower().strip(".,") for w in words]
    if low[-1] in _BAD_EDGE or low[0] in _BAD_EDGE - {"the", "a", "an"}:
        return False
    if len(words) == 1 and (len(words[0].strip(".")) <= 1 or low[0] in _NOT_A_NAME):
        return False
    if re.fullmatch(r"[A-Z]\.", words[0]) and len(words) <= 2 and (len(words) == 1 or words[1].lower() in _BAD_EDGE):
        return False                         # "C. The"
    if not name[0].isupper():
        return any(w in GROUP_NOUNS or w in TITLE_WORDS - _BAD_EDGE or w.rstrip("s") in TITLE_WORDS for w in low)
    capitalised = [w for w in words if w[0].isupper()]
    for i in range(1, len(capitalised)):
        # a first name after an organisation or place word: a role or place run into a name
        if is_first_name(capitalised[i]) and capitalised[i - 1].lower().strip(".,") in ORG_HEADS | PLACE_HEADS \
                | {"states", "kingdom", "nations", "relations", "affairs", "trust"}:
            return False
    return True


def _check_names(analysis: Analysis, q: Question, sentence) -> str | None:
    key = q.choices[q.answer]
    if not well_formed_name(key) or not well_formed_name(q.key) or is_description(q.key):
        return f"the key {q.key!r} is not a well-formed name"
    here = _atts(analysis, sentence.id)
    if any(a.speaker == q.key and a.resolved == "pronoun" for a in here) and _other_person_named(sentence.text, q.key):
        return "the key was read from a pronoun while the sentence names another person"
    others = [c for i, c in enumerate(q.choices) if i != q.answer]
    fair = set(fair_name_distractors(analysis, sentence, q.key, others + [key]))
    keep = [c for i, c in enumerate(q.choices) if i == q.answer or c in fair]
    return _apply(q, keep, "fewer than three choices left once distractors that name the key's "
                           "entity, another speaker or a fragment were removed")


def fair_name_distractors(analysis: Analysis, sentence, key: str, candidates, limit: int = 8) -> list[str]:
    """The candidates (in order) that may stand beside `key` as wrong answers: well-formed, not the
    key's entity under another name, not another speaker of the sentence, not named in it, and
    no two of them the same entity. The builders pick from this, so the gate rarely has to."""
    speakers = {a.speaker for a in _atts(analysis, sentence.id)}
    expansions = _acronyms(analysis.text)
    variants = {key} | {long for short, long in expansions.items() if short == key} \
        | {short for short, long in expansions.items() if long == key}
    out: list[str] = []
    for c in candidates:
        if c == key or c in out or not well_formed_name(c) or is_description(c):
            continue
        if any(confusable(c, v) for v in variants) or any(confusable(c, k) for k in out):
            continue                                     # the same one under another name
        if c in speakers or any(confusable(c, sp) for sp in speakers):
            continue                                     # another speaker of this sentence
        if _named_in(c, sentence.text):
            continue                                     # named in the sentence: maybe its source
        out.append(c)
        if len(out) == limit:
            break                                        # enough to choose from: the cost stays linear
    return out


_last_index: tuple = (None, {}, {})


def _index(analysis: Analysis) -> tuple[dict, dict]:
    """Attributions and claims by sentence, built once per analysis (a one-entry cache swapped
    whole for threads): every check asks them per question, and scanning all of them each time
    made the gate quadratic."""
    global _last_index
    key, atts, claims = _last_index
    if key is not analysis:
        atts, claims = {}, {}
        for a in analysis.attributions:
            atts.setdefault(a.sentence, []).append(a)
        for cl in analysis.claims:
            claims.setdefault(cl.sentence, []).append(cl)
        _last_index = (analysis, atts, claims)
    return atts, claims


def _atts(analysis: Analysis, sid: int) -> list:
    return _index(analysis)[0].get(sid, [])


def _claims(analysis: Analysis, sid: int) -> list:
    return _index(analysis)[1].get(sid, [])


_last_acronyms: tuple = (None, {})


def _acronyms(text: str) -> dict[str, str]:
    """entities.acronyms, read once per article (a one-entry cache, swapped whole for threads)."""
    global _last_acronyms
    key, found = _last_acronyms
    if key is not text:
        found = acronyms(text)
        _last_acronyms = (text, found)
    return found


def _other_person_named(text: str, key: str) -> bool:
    """A capitalised word in the sentence, not part of the key, that the article uses as a first
    name or a possessive ("Thomas' sister"): a pronoun there may point to that person."""
    key_words = set(re.findall(r"[\w’'\-]+", key))
    for m in re.finditer(r"\b([A-Z][a-z]+)(?:['’]s?|\s+[A-Z][a-z]+)", text):
        if m.group(1) not in key_words and (is_first_name(m.group(1)) or m.group(0).endswith(("'", "’", "'s", "’s"))):
            return True
    return False


def _named_in(name: str, text: str) -> bool:
    words = [w for w in re.findall(r"[\w’'\-]+", name) if w[:1].isupper() and len(w) > 2]
    return bool(words) and all(re.search(r"\b" + re.escape(w) + r"\b", text) for w in words[-1:])


def _apply(q: Question, keep: list[str], reason: str) -> str | None:
    """Keep only `keep` among the choices (key first checked present); drop when too few."""
    if len(keep) < MIN_CHOICES:
        return reason
    if len(keep) != len(q.choices):
        key = q.choices[q.answer]
        q.choices = keep
        q.answer = keep.index(key)
    return None


# --- status -----------------------------------------------------------------------------------

STATUS_LABEL_PREFIX = {"confirmed": "Confirmed", "reported": "Reported", "unknown": "Unknown",
                       "opinion": "Opinion", "denied": "Denied", "alleged": "Alleged"}


def statuses_defensible(analysis: Analysis, sentence) -> tuple[set[str], set[str]]:
    """claims.defensible_statuses for one sentence of the analysis."""
    strong, weak = defensible_statuses(sentence.text, _atts(analysis, sentence.id))
    if "evaluative" in weak:
        weak = weak - {"evaluative"} | {"opinion"}     # "describe the judgement as historic"
    return strong, weak


def _check_status(analysis: Analysis, q: Question, sentence) -> str | None:
    key = q.key
    strong, weak = statuses_defensible(analysis, sentence)
    if strong and key not in strong:
        return f"the sentence's own cues point to {', '.join(sorted(strong))}, not {key}"
    here = _atts(analysis, sentence.id)
    if key == "reported" and here and all(a.cue.lower() in REQUEST_CUES for a in here):
        return "a request or a question is no claim to report"
    if key == "reported" and here and all(a.cue.lower() in ACTION_CUES and not SPEECH_CONTENT.match(a.content)
                                          for a in here):
        return "the verb may be an act, not speech ('questioned the student', 'found the bag')"
    if key == "reported" and any(COURT.search(a.speaker) for a in here):
        return "a court's ruling is a matter of record: reported or confirmed is arguable"
    if key == "alleged" and PARTICIPLE_ACCUSATION.search(sentence.text) and not ALLEGED_VERB.search(sentence.text):
        return "the accusation is inside a noun phrase ('comments accusing her'): the sentence states a fact"
    if key == "opinion" and COMPARISON_MODAL.search(sentence.text) and not STRONG_OPINION.search(sentence.text):
        return "'as one might' compares; it is no hedge"
    own_cue = any(c.status == key and c.cue and c.cue.lower() in sentence.text.lower()
                  for c in _claims(analysis, sentence.id))
    if key != "confirmed" and key not in strong | weak and not own_cue:
        return f"no cue in the sentence supports {key}"
    opinion_verb = any(c.status == "opinion" and (c.cue or "").lower() in OPINION_VERBS
                       and c.cue.lower() in sentence.text.lower()     # not one a continued quote inherits
                       for c in _claims(analysis, sentence.id))
    if key == "opinion" and (HEDGE.search(sentence.text) or opinion_verb) and not ESTIMATE.search(sentence.text):
        weak = weak - {"reported"}        # a judgement a source voiced: opinion, and "reported" is not offered
        strong = strong - {"reported"} if "reported" in strong and not REPORTED.search(sentence.text) else strong
    if key == "confirmed" and evaluative(sentence.text):
        weak = weak | {"opinion"} if weak - {"opinion"} or strong else {"opinion"}
        if weak == {"opinion"} and not strong and not _names_a_person(sentence.text):
            keep = [c for i, c in enumerate(q.choices) if i == q.answer or _status_of_label(c) != "opinion"]
            return _apply(q, keep, "fewer than three statuses left beside the article's own evaluation")
    if key == "confirmed" and (weak | strong or _names_a_person(sentence.text)):
        return "a 'confirmed' key for a sentence that also carries a source, a hedge, a quote or a person"
    rivals = (strong | weak) - {key}
    if key in strong and rivals & strong and "," not in sentence.text:
        return f"two statuses are stated outright: {', '.join(sorted(strong))}"
    if key == "reported" and rivals - {"confirmed"} == {"opinion"} and not HEDGE.search(sentence.text) \
            and not evaluative(sentence.text) \
            and all(a.mode == "indirect" for a in _atts(analysis, sentence.id)):
        pass                                  # a paraphrase with a word in scare quotes: still a report
    elif key not in strong and rivals - {"confirmed"}:
        return f"the key {key} competes with {', '.join(sorted(rivals))}"
    if key == "opinion":
        rivals = rivals | {"reported"}
        if _atts(analysis, sentence.id):
            rivals.add("confirmed")           # that the speaker voiced the judgement is itself a fact
    if key in ("alleged", "denied"):
        rivals = rivals | {"confirmed"}   # that the accusation or the denial was made is itself a fact
    keep = [c for i, c in enumerate(q.choices)
            if i == q.answer or _status_of_label(c) not in rivals]
    return _apply(q, keep, "fewer than three statuses left that the sentence does not also carry")


def _names_a_person(text: str) -> bool:
    """A run of two capitalised words opening with a first name ("Muhammad Amin"), or three
    with a first name or initial in the middle: the sentence may be that person's account.
    "Fan Expo Canada" is no person."""
    for m in re.finditer(r"(?<![\w’'\-] )(?<![A-Za-z])([A-Z][\w’'\-]*\.?(?:\s+[A-Z][\w’'\-]*\.?)+)", text):
        words = m.group(1).split()
        if not is_first_name(words[0].rstrip(".")):
            continue
        if len(words) == 2 or (len(words) == 3 and (is_first_name(words[1]) or re.fullmatch(r"[A-Z]\.", words[1]))):
            return True
    return False


def _status_of_label(label: str) -> str:
    return label.split(":")[0].strip().lower()


# --- dates ------------------------------------------------------------------------------------

_COUNT_AFTER = re.compile(r"^(?:\s*-\s*|\s+)(?:years?|yrs?|people|pupils|students|members|visitors|"
                          r"residents|troops|soldiers|workers|jobs|homes|cases|deaths|votes|copies|units)\b", re.I)
_COUNT_BEFORE = re.compile(r"\b(?:over|about|some|nearly|almost|around|approximately|than|least|only|"
                           r"all|of|to|and|or)\s+$", re.I)


def _check_when(analysis: Analysis, q: Question, sentence) -> str | None:
    dates = [d for d in analysis.dates if d.sentence == sentence.id]
    mine = [d for d in dates if d.normalized == q.key]
    for d in mine:
        if re.fullmatch(r"\d{4}", d.expression.strip()) and (
                _COUNT_AFTER.match(analysis.text[d.end:d.end + 20])
                or (_COUNT_BEFORE.search(analysis.text[max(0, d.start - 20):d.start])
                    and re.match(r"\s+[a-z]+s\b", analysis.text[d.end:d.end + 20]))):
            return f"{d.expression!r} counts something ('{analysis.text[d.end:d.end + 12].strip()}'), it is no year"
    others = {d.normalized for d in dates} - {q.key}
    keep = [c for i, c in enumerate(q.choices) if i == q.answer or not any(_label_means(c, o) for o in others)]
    return _apply(q, keep, "fewer than three dates left that the sentence does not also hold")


def _label_means(label: str, normalized: str) -> bool:
    """Whether a date choice as shown ('1969', 'October 2025') stands for a normalized date."""
    year = normalized[:4]
    return year in label and (len(normalized) == 4 or normalized[5:7].lstrip("0") in _month_numbers(label))


_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december"]


def _month_numbers(label: str) -> set[str]:
    low = label.lower()
    return {str(i + 1) for i, m in enumerate(_MONTHS) if m[:3] in low} or {""}
