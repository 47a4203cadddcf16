"""Is a point confirmed, reported, unknown, opinion, denied or alleged?

Distractors are statuses that are plainly wrong for the sentence: a status that another clause
of the same sentence carries is never offered, nor the one most easily argued for the key
(reported beside opinion for a quoted judgement).
"""
from __future__ import annotations

import re

from ..claims import HEDGE
from ..model import Analysis, Claim, Question
from ..speech import VERB_RE
from .common import make

LABELS = {
    "confirmed": "Confirmed: stated as established fact",
    "reported": "Reported: attributed to a source, not confirmed",
    "unknown": "Unknown: the article says it is unclear or unverified",
    "opinion": "Opinion: a judgement, prediction or speculation",
    "denied": "Denied: someone denies it",
    "alleged": "Alleged: an accusation not proven",
}
# For each key, the distractors in order of how instructive and how clearly wrong they are.
DISTRACTORS = {
    "confirmed": ["opinion", "alleged", "denied", "unknown"],
    "reported": ["confirmed", "denied", "alleged", "opinion"],
    "unknown": ["confirmed", "opinion", "denied", "alleged"],
    "opinion": ["confirmed", "denied", "alleged", "unknown"],
    "denied": ["confirmed", "alleged", "unknown", "opinion"],
    "alleged": ["confirmed", "denied", "opinion", "unknown"],
}
DIFFICULTY = {"unknown": "easy", "denied": "easy", "reported": "medium", "alleged": "medium",
              "opinion": "hard", "confirmed": "hard"}
REASONS = {
    "confirmed": "The article states this in its own voice, without a source or a hedge",
    "reported": "The article attributes this to a source",
    "unknown": "The article itself says this is not known or not verified",
    "opinion": "This is a judgement or prediction, not an established fact",
    "denied": "The article reports a denial",
    "alleged": "This is an accusation that has not been proven",
}
MAX_CONFIRMED = 3
SPEECH = re.compile(r"\b(?:said|says|told|tells|according to|reported|wrote|claimed|argued|added)\b")
# "X said ..." by a person may be taught as report or as opinion: a key a teacher could dispute,
# so such sentences get no status question (their attribution questions cover them).
PLAIN_SPEECH = {"said", "says", "say", "told", "tells", "stated", "states", "added", "adds", "noted",
                "notes", "wrote", "writes", "mentioned", "explained", "recalled", "observed",
                "pledged", "pledges", "promised", "promises", "vowed", "vows", "announced", "announces",
                "claimed", "claims", "claim",      # "residents claim": a report or an allegation
                "argued", "argues", "argue"}       # a lawyer's argument: a position, or a report of one


# "could" and "would" are left out: "neither side could score" is ability, "would have to be wrong" a
# condition, and a teacher reads both as fact
STRONG_HEDGES = {"may", "might", "likely", "unlikely", "possibly", "perhaps", "probably"}


def _indisputable(main: Claim, kinds: dict[str, str], text: str, attributed: bool) -> bool:
    """Whether a careful teacher would accept this key without argument."""
    cue = (main.cue or "").lower()
    if main.status in ("reported", "opinion") and cue in PLAIN_SPEECH \
            and kinds.get(main.source) not in ("outlet", "document"):
        return False     # "X said ...": report or opinion, a matter of reading
    if main.status == "opinion" and main.source == "the article" and cue not in STRONG_HEDGES:
        return False     # "is expected to", "would": a forecast some would call fact
    if main.source is None and not attributed and main.status in ("confirmed", "opinion", "unknown") \
            and (SPEECH.search(text) or VERB_RE.search(text)):
        return False     # someone speaks whom the engine could not name
    if main.status == "confirmed" and main.source is None and HEDGE.search(text):
        return False     # a hedge somewhere in a "fact" ("which appeared to come from")
    return True


def status_questions(analysis: Analysis) -> list[Question]:
    sents = {s.id: s for s in analysis.sentences}
    by_sentence: dict[int, list[Claim]] = {}
    for c in analysis.claims:
        by_sentence.setdefault(c.sentence, []).append(c)
    out: list[Question] = []
    dated = {d.sentence for d in analysis.dates}
    # plain facts worth asking about are concrete: dated, counted or measured; an undated
    # generalisation ("such deals often lack detail") may be taught as opinion
    # (a fact may also carry the article's own evaluation: that second status is never offered)
    confirmed = [sid for sid, cs in by_sentence.items() if cs[0].status == "confirmed" and sents[sid].kind == "text"
                 and {c.status for c in cs} <= {"confirmed", "opinion"}
                 and cs[0].source is None and len(sents[sid].text.split()) >= 8
                 and (sid in dated or any(ch.isdigit() for ch in sents[sid].text))]
    # a few plain facts, spread over the article, so "confirmed" is a key students meet too
    step = max(1, len(confirmed) // MAX_CONFIRMED)
    chosen_confirmed = set(confirmed[::step][:MAX_CONFIRMED])
    kinds = {a.speaker: a.kind for a in analysis.attributions}
    attributed = {a.sentence for a in analysis.attributions}
    for sid, cs in by_sentence.items():
        main = cs[0]
        if sents[sid].kind != "text":
            continue                      # headlines and captions make claims; no question asks of them
        if main.status == "confirmed" and sid not in chosen_confirmed:
            continue
        if not _indisputable(main, kinds, sents[sid].text, sid in attributed):
            continue
        s = sents[sid]
        present = {c.status for c in cs}
        if main.status == "opinion" and main.source not in (None, "the article"):
            present.add("reported")       # a quoted judgement is also, in a sense, reported
        if main.status == "reported":
            present.add("unknown")        # "not independently confirmed" is close to unknown
        wrong = [st for st in DISTRACTORS[main.status] if st not in present]
        cue = f" (\u201c{main.cue}\u201d)" if main.cue else ""
        source = f" It rests on {main.source}." if main.source and main.source != "the article" else ""
        q = make(analysis, qtype="status", skill="evidence status", difficulty=DIFFICULTY[main.status], s=s,
                 prompt=f"According to the article, which best describes this statement? \u201c{s.text}\u201d",
                 key_label=LABELS[main.status], key=main.status, distractors=[LABELS[w] for w in wrong],
                 reason=f"{REASONS[main.status]}{cue}.{source}")
        if q:
            out.append(q)
    return out
