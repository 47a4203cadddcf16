"""The split stage: the article body as numbered sentences with exact offsets.

A hand-written regex splitter rather than pysbd, whose cost grows with the square of the input
(STACK-NOTES). Every step here is a single left-to-right scan, so cost is linear in the text.
"""
from __future__ import annotations

import re

from dataclasses import replace

from .model import Sentence, Span

# Words that end in a period without ending the sentence ("Mr. Putin", "Jan. 5", "e.g. this").
ABBREVIATIONS = frozenset("""
mr mrs ms messrs dr prof gen gens lt col capt cmdr cdr sgt adm maj brig sen sens rep reps gov
pres st mt ft jr sr rev hon inc co corp ltd llc bros dept univ assn no nos vs v etc al approx
est fig cf jan feb mar apr jun jul aug sep sept oct nov dec ave blvd rd
""".split())

OPENERS = "\"'\u201c\u2018"
BRACKETS = "(["
CLOSERS = "\"'\u2019\u201d)]"

# A candidate end: terminal punctuation, optional closing quotes or brackets, then whitespace.
# It starts only at the start of a run of marks, so a long run costs one scan, not one per mark.
_END = re.compile(r"(?<![.!?\u2026])[.!?\u2026]++[\"'\u2019\u201d)\]]*+(?=\s+(\S))")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}")             # U.S. U.K. e.g. a.m.
_INITIAL = re.compile(r"[A-Z]\.")                       # the W. in "George W. Bush"
# '"Why now?" Putin asked.': a question or exclamation in quotes followed by its speaker.
_SPEAKER_AFTER = re.compile(
    r"(?:[A-Z][\w'\u2019.-]*\s+){1,3}(?:said|says|asked|asks|added|adds|wrote|writes|told|"
    r"replied|stated|noted|continued|shouted|exclaimed)\b")
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_SPEECH_MARKS = "?!"


def split(text: str, body_start: int, body_end: int) -> list[Sentence]:
    """Sentences of text[body_start:body_end], numbered from 0, with offsets into `text`."""
    sentences: list[Sentence] = []
    for index, (start, end, kind) in enumerate(_paragraphs(text, body_start, body_end)):
        spans = [(start, end)] if kind != "text" else _sentence_spans(text, start, end)
        for a, b in spans:
            sentences.append(Sentence(len(sentences), a, b, index, text[a:b], kind))
    return sentences


def _paragraphs(text: str, body_start: int, body_end: int) -> list[tuple[int, int, str]]:
    """(start, end, kind) of each paragraph: blank lines separate them, else single newlines."""
    region = text[body_start:body_end]
    sep = re.compile(r"\n[^\S\n]*\n\s*") if _BLANK_LINE.search(region) else re.compile(r"\n\s*")
    pieces, pos = [], 0
    for m in sep.finditer(region):
        pieces.append((pos, m.start()))
        pos = m.end()
    pieces.append((pos, len(region)))
    out: list[tuple[int, int, str]] = []
    for a, b in pieces:
        a, b = _strip(region, a, b)
        if a >= b:
            continue
        a, b = a + body_start, b + body_start
        if not out and _at_line_start(text, body_start) and _is_title_line(text, a, b):
            nl = text.find("\n", a, b)
            line_end = _strip(text, a, nl)[1] if nl >= 0 else b
            out.append((a, line_end, "title"))
            if nl >= 0:  # the title ran straight into the first paragraph: keep them apart
                rest_a, rest_b = _strip(text, nl, b)
                out.append((rest_a, rest_b, _kind(text, rest_a, rest_b)))
            continue
        out.append((a, b, _kind(text, a, b)))
    return out


def _strip(s: str, a: int, b: int) -> tuple[int, int]:
    """Narrow [a, b) of s to exclude surrounding whitespace."""
    while a < b and s[a].isspace():
        a += 1
    while b > a and s[b - 1].isspace():
        b -= 1
    return a, b


def _at_line_start(text: str, pos: int) -> bool:
    """True when only whitespace lies between the previous newline (or start) and pos."""
    return text[text.rfind("\n", 0, pos) + 1:pos].strip() == ""


def _is_title_line(text: str, a: int, b: int) -> bool:
    """The body's first line is its title when it is short and does not end like a sentence."""
    nl = text.find("\n", a, b)
    line = text[a:nl if nl >= 0 else b].strip()
    return 0 < len(line.split()) <= 25 and not line.endswith((".", ",", ";"))


def _kind(text: str, a: int, b: int) -> str:
    """'heading' for a short one-line paragraph that is not a sentence of prose, else 'text'."""
    para = text[a:b]
    if "\n" in para or len(para.split()) >= 15:
        return "text"
    last = para.rstrip(CLOSERS)[-1:]
    if last and last not in ".!?\u2026,;":
        return "heading"
    # A short question standing alone ("Will Russia Intervene?") is a subheading.
    return "heading" if last == "?" and len(_sentence_spans(text, a, b)) == 1 else "text"


def _sentence_spans(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets inside the paragraph text[a:b]."""
    para = text[a:b]
    spans, pos = [], 0
    for m in _END.finditer(para):
        if _is_boundary(para, m):
            s, e = _strip(para, pos, m.end())
            if s < e:
                spans.append((a + s, a + e))
            pos = m.end()
    s, e = _strip(para, pos, len(para))
    if s < e:
        spans.append((a + s, a + e))
    return spans


def _is_boundary(para: str, m: re.Match) -> bool:
    """Decide whether a candidate end really ends the sentence."""
    nxt = m.group(1)
    nxt_pos = m.start(1)
    if nxt in BRACKETS:  # "(Reuters) ..." starts a sentence; "Maduro? (2025)" does not
        if not para[nxt_pos + 1:nxt_pos + 2].isupper():
            return False
    elif not (nxt.isupper() or nxt.isdigit() or nxt in OPENERS):
        return False
    mark = m.group().rstrip(CLOSERS)
    if mark[-1] in _SPEECH_MARKS and mark != m.group() and _SPEAKER_AFTER.match(para, nxt_pos):
        return False
    if mark != ".":
        return True
    word = _word_before(para, m.start())
    stem = word[:-1].lower()
    if stem == "no":  # "No. 10" but "The answer was no. Then ..."
        return not nxt.isdigit()
    if stem in ABBREVIATIONS or stem in ("e.g", "i.e"):
        return False
    return not (_DOTTED.fullmatch(word) or _INITIAL.fullmatch(word))


def _word_before(para: str, dot: int) -> str:
    """The token ending with the period at `dot`, without opening quotes; capped, so no rescans."""
    start = dot
    while start > 0 and dot - start < 24 and not para[start - 1].isspace():
        start -= 1
    return para[start:dot + 1].lstrip(OPENERS + BRACKETS)


def without_furniture(sentences: list[Sentence], furniture: list[Span]) -> list[Sentence]:
    """Drop sentences that lie mostly in furniture found inside the body (a share bar or byline
    under the title), renumbering the rest: no question may be drawn from furniture. Captions stay,
    as kind "caption": the dates they give are the article's, but no question comes from them.
    One sweep over sentences and spans, both in text order: linear however many there are."""
    kept: list[Sentence] = []
    in_header = True
    spans_sorted = sorted(furniture, key=lambda f: f.start)
    first = 0                                # no span before this one reaches the sentence
    for s in sorted(sentences, key=lambda s: s.start):
        while first < len(spans_sorted) and spans_sorted[first].end <= s.start:
            first += 1
        spans = []
        for f in spans_sorted[first:]:
            if f.start >= s.end:
                break
            if f.end > s.start:
                spans.append(f)
        covered = sum(min(s.end, f.end) - max(s.start, f.start) for f in spans)
        if covered * 2 < s.end - s.start:
            kept.append(replace(s, id=len(kept)))
            in_header = in_header and s.kind != "text"
        elif in_header and any(f.kind == "meta" for f in spans) and DATE_LINE.search(s.text):
            # "Published: 2024-04-16" under the title: kept for its date, never for a question
            kept.append(replace(s, id=len(kept), kind="dateline"))
        elif s.kind == "text" and spans and all(f.kind in CAPTION_KINDS for f in spans):
            kept.append(replace(s, id=len(kept), kind="caption"))
    return kept


CAPTION_KINDS = {"caption", "credit"}
DATE_LINE = re.compile(r"\b(?:1[89]|20)\d\d\b")
