"""Find quotations, telling quotation marks from apostrophes ("Russia's", "analysts' views").

Quotes are paired over a whole paragraph, since a quotation may run over several sentences.
"""
from __future__ import annotations

import re

DOUBLE_OPEN = {'"', "\u201c"}
DOUBLE_CLOSE = {'"', "\u201d"}
SINGLE_OPEN = {"'", "\u2018"}
SINGLE_CLOSE = {"'", "\u2019"}
QUOTE_CHARS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE
_OPEN_BEFORE = set(" \t\n([{\u2014\u2013-/:,;") | {""}


def _is_open(text: str, i: int, singles: bool) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in (SINGLE_OPEN if singles else DOUBLE_OPEN):
        return (prev in _OPEN_BEFORE or prev in QUOTE_CHARS) and bool(nxt) and not nxt.isspace()
    return False


def _is_close(text: str, i: int, singles: bool) -> bool:
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch in (SINGLE_CLOSE if singles else DOUBLE_CLOSE):
        return bool(prev) and not prev.isspace() and not nxt.isalnum()
    return False


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) spans of quotations in text[start:end], marks included, sorted."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for singles in (False, True):
        marks = (SINGLE_OPEN | SINGLE_CLOSE) if singles else (DOUBLE_OPEN | DOUBLE_CLOSE)
        open_at = -1
        for m in re.finditer("[" + re.escape("".join(sorted(marks))) + "]", text[start:end]):
            i = start + m.start()
            if any(a <= i < b for a, b in spans if not singles):
                continue
            if open_at < 0:
                if _is_open(text, i, singles):
                    open_at = i
            elif _is_close(text, i, singles):
                if i - open_at > 2:
                    spans.append((open_at, i + 1))
                open_at = -1
            elif singles and _is_open(text, i, singles) and text[i - 1:i] in ("", " ", "\n"):
                # an unmatched opener followed by a fresh one: the first was an apostrophe
                open_at = i
    # singles inside doubles are nested quotes, not quotations of their own
    doubles = [s for s in spans if text[s[0]] in DOUBLE_OPEN]
    kept = [s for s in spans if s in doubles or not any(a < s[0] and s[1] <= b for a, b in doubles)]
    return sorted(set(kept))
