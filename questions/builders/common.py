"""What every question builder shares: evidence, explanations, choice order, quote cutting."""
from __future__ import annotations

import re
import zlib

from ..model import Analysis, Evidence, Question, Sentence

QUOTE_MARKS = "'\"\u2018\u2019\u201c\u201d"


DANGLING = {"the", "a", "an", "of", "and", "to", "or", "in", "on", "at", "by", "for", "with", "from",
            "that", "which", "who", "his", "her", "its", "their", "our", "this", "these", "as"}


def shorten(text: str, max_words: int = 24) -> str:
    """Cut at a word boundary with an ellipsis, never mid-word."""
    words = text.split()
    if len(words) <= max_words:
        return " ".join(words)
    cut = words[:max_words]
    while len(cut) > 1 and cut[-1].lower().strip(",;:") in DANGLING:
        cut.pop()                    # "... to command military operations of the…" reads cut off
    return " ".join(cut).rstrip(",;:") + "\u2026"


def unquote(text: str) -> str:
    """The words of a quotation without its marks or final punctuation."""
    t = text.strip().strip(QUOTE_MARKS).strip()
    return t.rstrip(".,;:").strip(QUOTE_MARKS).strip()


# One-entry caches, (key, value) tuples swapped whole so that threads never see half of one:
# builders ask these once per question, and computing them each time made the cost quadratic.
_last_words: tuple = (None, frozenset())
_last_numbers: tuple = (None, {})


def lowercase_words(text: str) -> frozenset[str]:
    """Every word the text writes in lowercase (read once per article)."""
    global _last_words
    key, words = _last_words
    if key is not text:
        words = frozenset(re.findall(r"\b[a-z][a-z'\-]*\b", text))
        _last_words = (text, words)
    return words


def sentence_evidence(analysis: Analysis, s: Sentence) -> Evidence:
    return Evidence(s.start, s.end, analysis.text[s.start:s.end])


def span_evidence(analysis: Analysis, start: int, end: int) -> Evidence:
    return Evidence(start, end, analysis.text[start:end])


def paragraph_numbers(analysis: Analysis) -> dict[int, int]:
    """Paragraph index -> the number a reader counts (body paragraphs only, from 1)."""
    global _last_numbers
    key, numbers = _last_numbers
    if key is analysis:
        return numbers
    numbers = {}
    for s in analysis.sentences:
        if s.kind == "text" and s.paragraph not in numbers:
            numbers[s.paragraph] = len(numbers) + 1
    _last_numbers = (analysis, numbers)
    return numbers


def explain(analysis: Analysis, s: Sentence, reason: str) -> str:
    number = paragraph_numbers(analysis).get(s.paragraph, 1)
    return f'{reason} Paragraph {number} says: "{s.text}"'


def place(key: str, distractors: list[str], qid: str) -> tuple[list[str], int]:
    """Put the key among the distractors at a position fixed by the question id (not always first)."""
    n = len(distractors) + 1
    at = zlib.crc32(qid.encode()) % n
    choices = list(distractors)
    choices.insert(at, key)
    return choices, at


def distinct(values, *, exclude=(), limit: int = 3) -> list[str]:
    """First `limit` values that differ (case and punctuation aside) from each other and from exclude."""
    seen = {_norm(v) for v in exclude}
    out: list[str] = []
    for v in values:
        k = _norm(v)
        if not k or k in seen:
            continue
        seen.add(k)
        out.append(v)
        if len(out) == limit:
            break
    return out


def _norm(v: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9$%]+", " ", re.sub(r"^the\s+", "", v.lower())).split())


def make(analysis: Analysis, *, qtype: str, skill: str, difficulty: str, s: Sentence, prompt: str,
         key_label: str, distractors: list[str], key: str, reason: str,
         evidence: Evidence | None = None, suffix: str = "") -> Question | None:
    """A multiple-choice question, or None when the article offers fewer than two distractors."""
    if len(distractors) < 2:
        return None
    qid = f"q-{qtype.replace('_', '')}-{s.id}{suffix}"
    choices, answer = place(key_label, distractors[:3], qid)
    ev = evidence or sentence_evidence(analysis, s)
    return Question(id=qid, type=qtype, skill=skill, difficulty=difficulty, prompt=prompt,
                    choices=choices, answer=answer, key=key, explanation=explain(analysis, s, reason),
                    evidence=ev, paragraph=paragraph_numbers(analysis).get(s.paragraph, 1))
