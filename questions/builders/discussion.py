"""Open prompts for class discussion: viewpoints, what would confirm a claim, what is unknown,
and whether the page around the article helps judge its reliability."""
from __future__ import annotations

from ..claims import ANALYST_ROLE, OPINION_VERBS
from ..model import Analysis, Question
from .common import explain, paragraph_numbers, sentence_evidence, shorten, span_evidence, unquote

FURNITURE_WORDS = {"author": "an author profile", "rating": "reader ratings and view counts"}
MAX_SPAN = 2000


def discussion_questions(analysis: Analysis) -> list[Question]:
    sents = {s.id: s for s in analysis.sentences}
    out = [q for q in (_viewpoints(analysis, sents), _confirm(analysis, sents), _unknown(analysis, sents),
                       _reliability(analysis, sents)) if q]
    return out


def _open(analysis, s, qid, prompt, reason, evidence=None) -> Question:
    return Question(id=qid, type="discussion", skill="discussion", difficulty="hard", prompt=prompt,
                    choices=[], answer=None, key="", explanation=explain(analysis, s, reason),
                    evidence=evidence or sentence_evidence(analysis, s),
                    paragraph=paragraph_numbers(analysis).get(s.paragraph, 1))


def _viewpoints(analysis, sents) -> Question | None:
    opinions = {c.sentence for c in analysis.claims if c.status == "opinion"}
    views = [a for a in analysis.attributions if a.kind == "person" and a.sentence in opinions
             and len(unquote(a.content).split()) >= 5 and a.resolved != "guess"]
    # analysts' judgements first: two views of the same question, not a spokeswoman beside a pundit
    views.sort(key=lambda a: (not ANALYST_ROLE.search(a.role or ""), _fragment(a),
                              a.cue not in OPINION_VERBS and a.mode != "direct", a.sentence))
    first = views[0] if views else None
    second = next((a for a in views if first and a.speaker != first.speaker), None)
    if not (first and second):
        return None
    s1, s2 = sents[first.sentence], sents[second.sentence]
    lo, hi = min(s1.start, s2.start), max(s1.end, s2.end)
    ev = span_evidence(analysis, lo, hi) if hi - lo <= MAX_SPAN else None
    prompt = (f"According to the article, {_view(first, 'says')}, while {_view(second, second.cue)}. "
              "Compare the two viewpoints: where do they agree, where do they differ, and what does each rest on?")
    return _open(analysis, s1, f"q-discussion-views-{s1.id}", prompt,
                 f"Both are judgements by named people ({first.speaker}; {second.speaker}), not facts the article confirms.", ev)


def _view(a, verb: str) -> str:
    """'Mark Galeotti says "..."' for a quote, 'Oleg Ignatov believes that ...' for a paraphrase."""
    words = shorten(unquote(a.content), 20)
    if a.mode == "direct":
        return f"{a.speaker} {'says' if verb in ('stated', 'said', 'told') else verb} \u201c{words}\u201d"
    return f"{a.speaker} {verb} that {words}"


def _fragment(a) -> bool:
    """A quoted phrase rather than a whole statement ("'first continuous presence of ...'")."""
    words = unquote(a.content)
    return a.mode == "direct" and not words[:1].isupper()


def _confirm(analysis, sents) -> Question | None:
    # a point resting on a publication or an unnamed source is the one most worth checking
    kinds = {a.speaker: a.kind for a in analysis.attributions}
    reported = [c for c in analysis.claims if c.status == "reported" and c.source]
    rank = {"outlet": 0, "document": 0, "organisation": 1, "group": 2}
    ranked = sorted((c for c in reported if kinds.get(c.source) in rank), key=lambda c: (rank[kinds[c.source]], c.sentence))
    claim = ranked[0] if ranked else (reported[0] if reported else None)
    if claim is None:
        return None
    s = sents[claim.sentence]
    prompt = (f"According to the article, this point rests on {claim.source}: \u201c{shorten(s.text, 30)}\u201d "
              "What evidence would you need to confirm it independently, and who could provide it?")
    return _open(analysis, s, f"q-discussion-confirm-{s.id}", prompt,
                 f"The article reports this through {claim.source} and does not confirm it itself.")


def _unknown(analysis, sents) -> Question | None:
    claim = next((c for c in analysis.claims if c.status == "unknown"), None)
    if claim is None:
        return None
    s = sents[claim.sentence]
    prompt = (f"According to the article, \u201c{shorten(s.text, 30)}\u201d What is still unknown here, "
              "why might it matter, and how could a journalist find out?")
    return _open(analysis, s, f"q-discussion-unknown-{s.id}", prompt,
                 f"The article marks this as open (\u201c{claim.cue}\u201d).")


def _reliability(analysis, sents) -> Question | None:
    kinds = []
    for span in analysis.furniture:
        label = FURNITURE_WORDS.get(span.kind)
        if label and label not in kinds:
            kinds.append(label)
    if not kinds:
        return None
    # anchored on the first body sentence: the headline lies outside the body a teacher pasted
    s = next((x for x in analysis.sentences if x.kind == "text"), None)
    if s is None:
        return None
    prompt = ("According to the page, the article is followed by material that is not part of it: "
              f"{' and '.join(kinds)}. Does this information help you judge how reliable the article is? "
              "What would you check about the author and the site before trusting it?")
    q = _open(analysis, s, "q-discussion-reliability", prompt,
              "Page furniture such as profiles and ratings is not evidence for the article's claims.")
    return q
