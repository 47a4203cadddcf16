"""When things happened, and in what order.

A "when" question blanks the date in the article's own sentence: the cloze keeps the grammar the
article wrote and never asks the student to believe a paraphrase of ours.
"""
from __future__ import annotations

import functools
import re

from ..model import Analysis, DateMention, Question
from .common import make, paragraph_numbers, place, shorten, span_evidence

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_RE = re.compile(r"\b(?:" + "|".join(m[:3] for m in MONTHS) + r")[a-z]*\.?", re.I)
YEAR_RE = re.compile(r"\b(?:1[0-9]|20)\d\d\b")
DECADE_RE = re.compile(r"(?:\b\d{4}|'\d\d)s\b|\b\w+ties\b", re.I)
BLANK = "____"
NEAR = 30          # distractor dates come from this many dates either side: linear cost
MAX_TIMELINE_EVIDENCE = 2500


def chronology_questions(analysis: Analysis) -> list[Question]:
    sents = {s.id: s for s in analysis.sentences}
    usable = [d for d in analysis.dates if sents[d.sentence].kind == "text" and not d.event.startswith("publication")]
    out = [q for i, d in enumerate(usable)
           if (q := _when(analysis, d, sents, usable[max(0, i - NEAR):i + NEAR]))]
    out += _timelines(analysis, usable, sents)
    return out


def _when(analysis: Analysis, d: DateMention, sents, usable) -> Question | None:
    s = sents[d.sentence]
    shown = _shown_part(d)
    if shown is None:
        return None
    a, b, form = shown
    key_label = _label(d.normalized, form)
    if key_label is None:
        return None
    pool = [x.normalized for x in usable if x.granularity == d.granularity and x.normalized != d.normalized]
    # the article's own dates nearest the key first: the most plausible wrong answers
    pool = sorted(dict.fromkeys(pool), key=lambda v: (_distance(v, d.normalized), v))
    pool += _nearby(d.normalized, d.granularity)
    labels: list[str] = []
    for value in pool:
        label = _label(value, form)
        if label and label != key_label and label not in labels and not _overlaps(value, d.normalized):
            labels.append(label)
    cloze = analysis.text[s.start:a] + BLANK + analysis.text[b:s.end]
    inferred = not YEAR_RE.search(d.expression) and d.granularity != "decade"
    difficulty = "hard" if inferred else "easy" if d.granularity in ("year", "decade") else "medium"
    reason = f"The article dates this to \u201c{d.expression}\u201d ({d.normalized})."
    if inferred:
        reason += " The year is the article's own year of publication."
    return make(analysis, qtype="when", skill="chronology", difficulty=difficulty, s=s,
                prompt=f"According to the article, which date completes this sentence? \u201c{cloze}\u201d",
                key_label=key_label, key=d.normalized, distractors=labels[:3], reason=reason,
                suffix=f"-{d.start - s.start}")


def _shown_part(d: DateMention) -> tuple[int, int, str] | None:
    """The offsets of the date words to blank ("October" in "late October"), and their form."""
    expr = d.expression
    if d.granularity == "decade":
        m = DECADE_RE.search(expr)
        return (d.start + m.start(), d.start + m.end(), "decade") if m else None
    parts = [m for m in (MONTH_RE.search(expr), YEAR_RE.search(expr)) if m]
    day = re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", expr) if d.granularity == "day" else None
    if day:
        parts.append(day)
    if not parts:
        return None
    a = min(m.start() for m in parts)
    b = max(m.end() for m in parts)
    has_month = bool(MONTH_RE.search(expr))
    has_year = bool(YEAR_RE.search(expr))
    form = ("day" if day else "month") + ("+year" if has_year else "") if has_month else "year"
    if not has_month and not has_year:
        return None
    return d.start + a, d.start + b, form


def _label(value: str, form: str) -> str | None:
    if form == "decade":
        return value if re.fullmatch(r"\d{3}0s", value) else None
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    if form == "year":
        return year
    if not month:
        return None
    name = MONTHS[int(month) - 1]
    if form.startswith("day"):
        if not day:
            return None
        text = f"{int(day)} {name}"
    else:
        text = name
    return f"{text} {year}" if form.endswith("+year") else text


def _nearby(value: str, granularity: str) -> list[str]:
    """Plausible wrong dates of the same granularity when the article offers too few."""
    if granularity == "decade":
        d = int(value[:4])
        return [f"{d + k}s" for k in (-10, 10, -20, 20)]
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        return []
    y = int(m.group(1))
    if granularity == "year":
        return [str(y + k) for k in (-1, 1, -2, 2, -3)]
    mo = int(m.group(2) or 1)
    months = [(y + (mo - 1 + k) // 12, (mo - 1 + k) % 12 + 1) for k in (-2, 2, -4, 4, -1, 1)]
    if granularity == "month":
        return [f"{yy:04d}-{mm:02d}" for yy, mm in months]
    day = int(m.group(3) or 1)
    return [f"{y:04d}-{mo:02d}-{dd:02d}" for dd in (day + 7, day - 7, day + 14, day - 14) if 1 <= dd <= 28]


@functools.lru_cache(maxsize=4096)
def _interval(value: str) -> tuple[int, int] | None:
    """A date as a (first day, last day) range in yyyymmdd, for comparing mixed granularities."""
    if m := re.fullmatch(r"(\d{3})0s", value):
        d = int(m.group(1)) * 10
        return d * 10000 + 101, (d + 9) * 10000 + 1231
    m = re.fullmatch(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    if d:
        v = y * 10000 + int(mo) * 100 + int(d)
        return v, v
    if mo:
        return y * 10000 + int(mo) * 100 + 1, y * 10000 + int(mo) * 100 + 31
    return y * 10000 + 101, y * 10000 + 1231


def _distance(a: str, b: str) -> int:
    ia, ib = _interval(a), _interval(b)
    return abs(ia[0] - ib[0]) if ia and ib else 10 ** 9


def _overlaps(a: str, b: str) -> bool:
    ia, ib = _interval(a), _interval(b)
    return bool(ia and ib and ia[0] <= ib[1] and ib[0] <= ia[1])


def _timelines(analysis: Analysis, usable: list[DateMention], sents) -> list[Question]:
    """Order four events whose dates do not overlap, drawn from a stretch of the article."""
    out: list[Question] = []
    # only dates the article states outright: a weekday or "yesterday" resolved by us may be a day off,
    # and a decade in a sentence ("an icon of the 1900s") is what it discusses, not when it happened
    events = [d for d in usable if _interval(d.normalized) and _readable_event(d.event)
              and YEAR_RE.search(d.expression) and d.granularity != "decade"]
    i = 0
    while i < len(events) and len(out) < 2:
        chosen: list[DateMention] = []
        for d in events[i:]:
            if sents[d.sentence].end - sents[events[i].sentence].start > MAX_TIMELINE_EVIDENCE:
                break
            if all(not _overlaps(d.normalized, c.normalized) for c in chosen) and \
                    all(d.event.lower() != c.event.lower() for c in chosen):
                chosen.append(d)
            if len(chosen) == 4:
                break
        if len(chosen) >= 3:
            out.append(_timeline(analysis, chosen, sents, len(out)))
            i = events.index(chosen[-1]) + 1
        else:
            i += 1
    return out


def _timeline(analysis: Analysis, chosen: list[DateMention], sents, n: int) -> Question:
    first, last = sents[chosen[0].sentence], sents[max(c.sentence for c in chosen)]
    qid = f"q-timeline-{first.id}-{n}"
    # choices in article order are a giveaway; rotate them by the id
    order = sorted(chosen, key=lambda d: _interval(d.normalized))
    shown = list(chosen)
    k = len(qid) % len(shown) or 1
    shown = shown[k:] + shown[:k]
    choices = [_event_label(d) for d in shown]
    answer = [shown.index(d) for d in order]
    key = " ; ".join(d.normalized for d in order)
    para = paragraph_numbers(analysis)
    listing = "; ".join(f"{n}. {_event_label(d)}: \u201c{d.expression}\u201d (Paragraph "
                        f"{para.get(sents[d.sentence].paragraph, 1)})" for n, d in enumerate(order, 1))
    from ..model import Question as Q
    return Q(id=qid, type="timeline", skill="chronology", difficulty="hard",
             prompt="According to the article, in what order did these events happen? Put them from earliest to latest.",
             choices=choices, answer=answer, key=key,
             explanation=f"In the article's order of time: {listing}.",
             evidence=span_evidence(analysis, first.start, last.end), paragraph=para.get(first.paragraph, 1))


def _readable_event(event: str) -> bool:
    """An event a student can place: it names who or what ("Lasted five weeks" does not)."""
    words = event.split()
    if not 4 <= len(words) <= 16:
        return False
    first = words[0].lower()
    if first[0].isdigit():
        return False
    return first not in {"that", "which", "who", "when", "where", "while", "as", "and", "but", "to"} \
        and not (words[0][0].isupper() is False and first.endswith(("ed", "ing")))


def _event_label(d: DateMention) -> str:
    text = shorten(d.event.strip().rstrip("."), 14)
    return text[0].upper() + text[1:]


__all__ = ["chronology_questions", "place"]
