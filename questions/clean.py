"""The clean stage: find the title, the publication date and where the body starts and stops.

Pages copied from the web carry menus, teasers and comments around the article, and captions,
ad labels and related links inside it. body.py finds the article as the densest run of prose
lines and labels the furniture inside it; this module finds the headline above that run, the
date in the lines between, and names what lies around it. Nothing in the text is changed: the
stage returns offsets and labelled Spans, so furniture stays available (e.g. to a discussion
prompt about the page's reliability).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .body import Body, furniture_kind, locate, unglue
from .model import Cleaned, Span

PROSE_WORDS = 25          # a paragraph this long, ending like a sentence, is article prose
TITLE_WINDOW = 40         # lines above the body searched for its headline
WRAP_WIDTH = 100          # lines no longer than this, most of them, mean hard-wrapped text
_CLOSERS = "\"'\u2019\u201d)]"
# A headline does not stop on these ('Supported by', 'In partnership with').
_DANGLING = frozenset("by of the a an and or to for with from in on at".split())
_DOTTED_END = re.compile(r"\b(?:[A-Za-z]\.){2,}$")      # '... Underneath N.Y.C.'

# --- dates -------------------------------------------------------------------------------------

_MONTHS = {m: i for i, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
    ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
    ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1) for m in names}
_MONTH = r"(?P<mon>(?i:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r"))\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATES = [re.compile(p, re.I) for p in (
    r"\b(?P<year>(?:19|20)\d\d)[-/.](?P<mon>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)",
    rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b",
    rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b",
    rf"\b{_MONTH},?\s+{_YEAR}\b",
    rf"(?<![\d-]){_YEAR}(?![\d-])",
)]
_DATELINE = re.compile(
    rf"^[A-Z][A-Z.'\u2019 -]+(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s+{_MONTH}\s+{_DAY}"
    rf"(?:,\s*{_YEAR})?\s*(?:\([^)\n]{{1,30}}\))?\s*[-\u2013\u2014]")
_TITLE_YEAR = re.compile(r"\(((?:19|20)\d\d)\)")


def parse_date(s: str) -> str | None:
    """The first date stated in s, as 'YYYY-MM-DD', 'YYYY-MM' or 'YYYY'; None if none."""
    for pattern in _DATES:
        for m in pattern.finditer(s):
            found = _normalize(m)
            if found:
                return found
    return None


def _normalize(m: re.Match) -> str | None:
    parts = m.groupdict()
    return _format(parts["year"], parts.get("mon"), parts.get("day"))


def _format(year: str, mon: str | None, day: str | None) -> str | None:
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', rejecting impossible months and days."""
    if mon is None:
        return year
    month = int(mon) if mon.isdigit() else _MONTHS[mon.lower().rstrip(".")]
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year}-{month:02d}"
    if not 1 <= int(day) <= 31:
        return None
    return f"{year}-{month:02d}-{int(day):02d}"


# --- what furniture looks like -----------------------------------------------------------------

# Lines that, alone on a line, open a block of furniture, with the kind of that block.
SECTION_HEADINGS = {
    "related": """top articles|latest posts|latest articles|latest news|latest stories|
        recommended|recommended articles|recommended for you|recommended stories|related|
        related articles|related posts|related stories|related content|related coverage|
        related news|related topics|read more|read next|more stories|more articles|
        you may also like|you might also like|you may be interested in|popular posts|
        popular articles|most popular|most read|trending|trending now|editor's picks|
        editors' picks|further reading|see also|more on this story|what to read next|up next""",
    "author": """about the author|about the authors|author information|author bio|
        author profile|about me|about the writer|meet the author|author details""",
    "meta": """article information|article info|article details|post information|
        post details|tags|topics|categories|filed under""",
    "rating": """rate this article|rate this post|rate this|ratings|reviews|user reviews|
        was this article helpful|was this helpful|did you find this helpful""",
    "menu": """table of contents|contents|in this article|in this story|jump to|on this page|
        quick links|skip to content|article contents""",
    "furniture": """share this|share this article|share this post|share this story|share|
        share on social media|follow us|newsletter|advertisement|sponsored|sponsored content|
        comments|leave a comment|leave a reply|join the conversation|post a comment""",
}
_HEADING_KIND = {h.strip(): kind for kind, hs in SECTION_HEADINGS.items()
                 for h in hs.split("|")}
# After these, even long paragraphs are furniture (a bio, readers' comments).
_ABSORBING = {"about the author", "about the authors", "author bio", "about me",
              "about the writer", "meet the author", "author information", "author profile",
              "author details", "comments", "leave a comment", "leave a reply",
              "join the conversation", "post a comment"}
_HEADING_PREFIX = re.compile(r"^(?:more from|more in|more on|more by|other articles by|"
                             r"\d+ comments?|\d+ responses?)\b", re.I)

# Keys of "Key: value" lines on article pages, by the kind of span they belong to.
_KEY_KIND = {**{k: "rating" for k in ("views", "rating", "ratings", "reviews", "votes", "score",
                                        "likes", "stars", "helpful")},
             **{k: "author" for k in ("name", "birthday", "born", "date of birth", "address",
                                        "phone", "email", "e-mail", "job", "occupation", "hobby",
                                        "hobbies", "introduction", "bio", "biography",
                                        "education", "website", "nationality", "gender", "age",
                                        "twitter", "about")},
             **{k: "meta" for k in ("author", "authors", "by", "written by", "writer",
                                      "editor", "edited by", "published", "first published",
                                      "posted", "posted on", "published on", "date", "updated",
                                      "last updated", "modified", "last modified", "tags",
                                      "categories", "category", "filed under", "topics",
                                      "source", "sources", "location", "reading time",
                                      "read time", "word count")}}
_UPDATE_KEYS = ("updated", "last updated", "modified", "last modified")
_KV = re.compile(r"^(?P<key>[A-Za-z][\w'\u2019 .-]{0,30}?)\s*:\s*(?P<value>.*)$")
_GENERIC_KEY = re.compile(r"[A-Z][\w'\u2019.-]+(?:\s+[A-Z][\w'\u2019.-]*){0,2}")
_DATE_KEY = re.compile(r"^(?P<key>published|first published|posted|updated|last updated|"
                       r"modified|date)\b(?:\s+on)?\s*:?\s*(?P<value>\S.*)$", re.I)

_BYLINE = re.compile(r"^(?:by|written by|words by)\s+[A-Z][\w.'\u2019-]*"
                     r"(?:\s+(?:[A-Z][\w.'\u2019-]*|de|van|von|da|al|and|&))*"
                     r"\s*(?:$|[,|\u2022\u00b7\u2013\u2014-])", re.I)
_COPYRIGHT = re.compile(r"^(?:\u00a9|\(c\)\s|copyright\b)|all rights reserved", re.I)
_NEWSLETTER = re.compile(r"\bnewsletter\b|^(?:sign up|subscribe)\b", re.I)
_INLINE_RELATED = re.compile(r"^(?:read more|related|see also|read next|also read|watch|"
                             r"more)\s*:", re.I)
_SHARE = re.compile(r"^(?:share (?:this|on)|follow us)\b", re.I)
_COUNTER = re.compile(r"\d+\s*/\s*\d+")      # '1 / 5' under a slideshow, not a rating
_RATING = re.compile(r"found this (?:\w+ )?helpful|\(\d[\d,]* vot(?:es|ed)\)|"
                     r"^\d(?:\.\d)?\s*(?:/|out of)\s*5\b|^rated\s+\d", re.I)

# Leading navigation: lines whose every word is menu vocabulary, or short items between bars.
NAV_WORDS = frozenset("""
home menu search sign in log login logout out subscribe subscription register skip to content
main navigation nav toggle account my newsletters newsletter close open sections section
edition us uk international world news sport sports business politics opinion culture lifestyle
tech technology science health video videos podcasts podcast live more weather travel
entertainment arts the and & latest contact about donate support english español français
follow share print topics jump accessibility help games shop
""".split())
_MENU_SEPARATORS = re.compile(r"\s*[|\u2022\u00b7\u00bb\u203a/>]\s*")


@dataclass
class _Line:
    start: int
    end: int
    text: str
    block: int
    kind: str | None = None        # furniture kind, None for article text


def clean(text: str) -> Cleaned:
    """Locate title, date and body; label the furniture around (and inside) the body."""
    lines = _lines(text)
    if not lines:
        return Cleaned(title="", published=None, body_start=0, body_end=0)
    found = locate([line.text for line in lines])
    if found is None:
        return _clean_without_prose(text, lines)
    t = _title_index(lines, found.first)
    start = found.first if t is None else t
    _label(lines, start, t is not None, found)
    return Cleaned(title="" if t is None else lines[t].text,
                   published=_published(lines, start, found.first, found.last + 1),
                   body_start=lines[start].start, body_end=lines[found.last].end,
                   furniture=_spans(text, lines))


def _label(lines: list[_Line], start: int, has_title: bool, found: Body) -> None:
    """Set .kind on every line: menus above the headline, bylines, captions and the like
    between it and the body, the body's own furniture, and everything after the body."""
    for line in lines[:start]:
        line.kind = "menu"
    _classify_after_title(lines, start, lines[start].text if has_title else "")
    for line in lines[start + has_title:found.first]:
        line.kind = furniture_kind(line.text) or line.kind or _header_kind(line.text)
    for i in range(found.first, found.last + 1):
        lines[i].kind = found.kinds.get(i)
    for line in lines[found.last + 1:]:
        line.kind = line.kind or ("menu" if _is_menu_line(line.text) else None) or \
            furniture_kind(line.text) or "furniture"


def _clean_without_prose(text: str, lines: list[_Line]) -> Cleaned:
    """No line reads as article prose (a list, a stub): title first, body to the last text line."""
    t = _skip_navigation(lines)
    for line in lines[:t]:
        line.kind = "menu"
    title = lines[t].text
    header_end = _classify_after_title(lines, t, title)
    cut = _cut(lines, t)
    for line in lines[cut:]:
        line.kind = line.kind or "furniture"
    body = [line for line in lines[t:cut] if line.kind is None] or [lines[t]]
    published = _published(lines, t, header_end, cut)
    return Cleaned(title=title, published=published, body_start=lines[t].start,
                   body_end=body[-1].end, furniture=_spans(text, lines))


def _title_index(lines: list[_Line], first: int) -> int | None:
    """The headline above the body: a headline-like line, best one with a byline or date
    under it, or printed twice, or opening the text; the nearest one on a tie."""
    lo = max(0, first - TITLE_WINDOW)
    opening = _skip_navigation(lines)
    seen: dict[str, int] = {}
    for line in lines[lo:first]:
        seen[_norm(line.text)] = seen.get(_norm(line.text), 0) + 1
    best, best_score = None, -1
    for i in range(first - 1, lo - 1, -1):
        s = lines[i].text
        if not _headline_like(lines, i):
            continue
        score = 0
        if any(_is_meta_line(lines[j].text) for j in range(i + 1, min(i + 5, first))):
            score += 3
        if seen[_norm(s)] == 2:   # a headline printed twice (a button label recurs more often)
            score += 3
        if i == opening and first - i <= 8:
            score += 2
        if _name_like(s):       # 'JANE DOE' over 'Reuters, March 3': a byline, not a headline
            score -= 2
        if score > best_score:
            best, best_score = i, score
    return best


def _headline_like(lines: list[_Line], i: int) -> bool:
    """Two to thirty words, not ending like a sentence of prose, and not a menu or a label."""
    s = lines[i].text
    words = s.split()
    if not 2 <= len(words) <= 30 or words[-1].lower() in _DANGLING:
        return False
    if s.rstrip(_CLOSERS).endswith((",", ";", ":")) or (
            s.rstrip(_CLOSERS).endswith(".") and not _DOTTED_END.search(s)):
        return False
    key, value = _key_value(s)
    if key and (key.lower() in _KEY_KIND or len(value.split()) <= 3):   # 'From: Herald Sun'
        return False
    if _is_menu_line(s) or _own_line_kind(s) or furniture_kind(s):
        return False
    return sum(c.isalpha() for c in s) >= len(s) / 2


def _header_kind(s: str) -> str:
    """Between the headline and the first paragraph: a subheading, else a standfirst or a
    page element ('furniture')."""
    short = len(s.split()) <= 12
    return "heading" if short and not s.rstrip(_CLOSERS).endswith((".", "!")) else "furniture"


def _name_like(s: str) -> bool:
    """Two to four capitalised words and nothing else: a person's name."""
    words = s.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words)


def _is_meta_line(s: str) -> bool:
    """A byline or a date line ('By Jane Doe', 'March 3, 2024 9:00PM', 'by: Jane Doe')."""
    return furniture_kind(s) == "meta" or (len(s.split()) <= 15 and (
        _BYLINE.match(s) is not None or _is_date_line(unglue(s))))


def _lines(text: str) -> list[_Line]:
    """Non-empty lines with stripped offsets; blocks are separated by blank lines, if any."""
    out, block, blank_lines = [], 0, re.search(r"\n[^\S\n]*\n", text) is not None
    for m in re.finditer(r"[^\n]+", text):
        a, b = m.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a == b:
            continue
        if out and (not blank_lines or text[out[-1].end:a].count("\n") > 1):
            block += 1
        out.append(_Line(a, b, text[a:b], block))
    return _unwrap(text, out)


def _unwrap(text: str, lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped text (mail, some exports break at 60-80 characters) back
    into paragraphs, so that a paragraph is one line, as in a paste from a browser."""
    width = _wrap_width(lines)
    if width is None:
        return lines
    groups: list[list[_Line]] = []
    for line in lines:
        prev = groups[-1][-1] if groups else None
        if prev is not None and text[prev.end:line.start].count("\n") == 1 \
                and len(prev.text) >= 0.6 * width \
                and (not _ends_sentence(prev.text) or line.text[:1].islower()):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [_Line(g[0].start, g[-1].end, text[g[0].start:g[-1].end], g[0].block) for g in groups]


def _wrap_width(lines: list[_Line]) -> int | None:
    """The column a hard-wrapped text breaks at, or None when its lines are paragraphs."""
    counts = [0] * (WRAP_WIDTH + 1)
    longer = 0
    for line in lines:
        n = len(line.text)
        if n > WRAP_WIDTH:
            longer += 1
        elif n >= 40:
            counts[n] += 1
    wrapped = sum(counts)
    if wrapped < 5 or longer > 0.2 * (wrapped + longer):
        return None
    seen = 0
    for n in range(WRAP_WIDTH, -1, -1):     # the width that 10% of the lines reach
        seen += counts[n]
        if seen >= 0.1 * wrapped:
            return n
    return None


def _skip_navigation(lines: list[_Line]) -> int:
    """Index of the first line that starts the article, after any leading menu lines."""
    for i, line in enumerate(lines[:40]):
        if i == len(lines) - 1 or not _is_menu_line(line.text):
            return i
    return 0


def _is_menu_line(s: str) -> bool:
    """'Home | World | Sport', 'Skip to content', 'Sign in Subscribe', 'Menu'."""
    words = [w.strip(".,:;!?()[]\u2026").lower() for w in s.split()]
    words = [w for w in words if w]
    if words and len(words) <= 12 and all(w in NAV_WORDS for w in words):
        return True
    items = [i for i in _MENU_SEPARATORS.split(s) if i]
    return len(items) >= 3 and all(len(i.split()) <= 3 and not i.endswith(".") for i in items)


def _classify_after_title(lines: list[_Line], t: int, title: str) -> int:
    """Set .kind on every furniture line after the title; return the end of the header lines."""
    norm_title = _norm(title)
    short_title = _norm(_TITLE_YEAR.sub("", title))
    section, absorbing = None, False
    header_end = None
    prose_blocks = _prose_blocks(lines, t)
    for i in range(t + 1, len(lines)):
        line = lines[i]
        s = line.text
        norm = _norm(s)
        heading = _HEADING_KIND.get(norm.rstrip(":")) if len(s.split()) <= 8 else None
        if heading is None and len(s.split()) <= 8 and _HEADING_PREFIX.match(s):
            heading = "related" if not norm[:1].isdigit() else "furniture"
        if heading:
            line.kind = heading
            section, absorbing = heading, norm.rstrip(":") in _ABSORBING or norm[:1].isdigit()
            continue
        if norm in (norm_title, short_title):
            line.kind, section = "title", None
            continue
        own = _line_kind(lines, i)
        if own:
            line.kind = own if not (absorbing and section == "author" and own != "rating") \
                else "author"
            continue
        # Link lists and share buttons are short lines without a final stop; a sentence of
        # article text after e.g. "Advertisement" ends that block.
        # a table of contents lists headings, some of them questions ("Why is ...?")
        toc_entry = section == "menu" and line.block not in prose_blocks and len(s.split()) <= 12
        if section and (absorbing or toc_entry or (line.block not in prose_blocks
                                                   and not _ends_sentence(line.text))):
            line.kind = section
            continue
        section = None
        if header_end is None and line.block in prose_blocks:
            header_end = i
    return header_end if header_end is not None else len(lines)


def _line_kind(lines: list[_Line], i: int) -> str | None:
    """The furniture kind a line has on its own (bylines, ratings, Key: value, copyright...)."""
    return _own_line_kind(lines[i].text) or _kv_kind(lines, i)


def _own_line_kind(s: str) -> str | None:
    """Bylines, ratings, copyright, newsletter and share lines, date lines."""
    words = len(s.split())
    if _COPYRIGHT.search(s) and words <= 30:
        return "furniture"
    if words <= 25 and (_NEWSLETTER.search(s) or _SHARE.match(s)):
        return "furniture"
    if words <= 25 and _INLINE_RELATED.match(s):
        return "related"
    if words <= 20 and _RATING.search(s) and not _COUNTER.fullmatch(s):
        return "rating"
    if words <= 15 and _BYLINE.match(s) and not s.endswith((".", "?", "!")):
        return "meta"
    if words <= 12 and _is_date_line(s):
        return "meta"
    return None


def _kv_kind(lines: list[_Line], i: int) -> str | None:
    """Kind of a 'Key: value' line: known keys alone, other short ones only in a run."""
    key, value = _key_value(lines[i].text)
    if key is None:
        return None
    if key.lower() in _KEY_KIND and len(value.split()) <= 60:
        return _KEY_KIND[key.lower()]
    if not _generic_kv(lines[i].text):
        return None
    neighbours = [lines[j].text for j in (i - 1, i + 1) if 0 <= j < len(lines)]
    if any(_generic_kv(n) or (_key_value(n)[0] or "").lower() in _KEY_KIND for n in neighbours):
        return "meta"
    return None


def _key_value(s: str) -> tuple[str | None, str]:
    m = _KV.match(s)
    return (m.group("key").strip(), m.group("value").strip()) if m else (None, "")


def _generic_kv(s: str) -> bool:
    """A short 'Key: value' line such as 'Desk: World' (not 'The minister said: we act.')."""
    key, value = _key_value(s)
    return (key is not None and len(key) > 1 and _GENERIC_KEY.fullmatch(key) is not None
            and len(s.split()) <= 15 and not value.endswith((".", "?", "!")))


def _is_date_line(s: str) -> bool:
    """A line that is mostly a date: 'March 3, 2024', 'Updated 10:32 GMT, 3 March 2024'."""
    full = any(p.search(s) for p in _DATES[:3])
    return full and not s.endswith((".", "?", "!"))


def _prose_blocks(lines: list[_Line], t: int) -> set[int]:
    """Blocks after the title holding article prose: long enough, ending like a sentence."""
    words: dict[int, int] = {}
    last: dict[int, str] = {}
    for line in lines[t + 1:]:
        if _KV.match(line.text) and _key_value(line.text)[0].lower() in _KEY_KIND:
            continue
        words[line.block] = words.get(line.block, 0) + len(line.text.split())
        last[line.block] = line.text
    return {b for b, n in words.items() if n >= PROSE_WORDS and _ends_sentence(last[b])}


def _cut(lines: list[_Line], t: int) -> int:
    """Index of the first trailing furniture line: the first one after the last prose line."""
    words: dict[int, int] = {}
    last: dict[int, str] = {}
    for line in lines[t + 1:]:
        if line.kind is None:
            words[line.block] = words.get(line.block, 0) + len(line.text.split())
            last[line.block] = line.text
    prose = {b for b, n in words.items() if n >= PROSE_WORDS and _ends_sentence(last[b])}
    body = [i for i in range(t + 1, len(lines)) if lines[i].kind is None]
    in_prose = [i for i in body if lines[i].block in prose]
    # Without any long paragraph, the first line of text stands in, so a byline cannot cut.
    last_prose = in_prose[-1] if in_prose else (body[0] if body else t)
    for i in range(last_prose + 1, len(lines)):
        if lines[i].kind is None and _is_menu_line(lines[i].text):
            lines[i].kind = "menu"  # a site menu repeated at the foot of the page
        if lines[i].kind is not None:
            return i
    return len(lines)


def _ends_sentence(s: str) -> bool:
    return s.rstrip("\"'\u2019\u201d)]").endswith((".", "!", "?"))


def _published(lines: list[_Line], t: int, header_end: int, cut: int) -> str | None:
    """The stated publication date, from the header lines first, never from body prose."""
    header = lines[t:header_end]
    header_years = [m.group(1) for ln in header for m in re.finditer(r"\b((?:19|20)\d\d)\b",
                                                                        ln.text)]
    candidates: list[str | None] = []

    def keyed(part):
        return [(m.group("key").lower(), parse_date(m.group("value")))
                for ln in part if ln.kind in ("meta", None) for m in [_DATE_KEY.match(ln.text)] if m]
    candidates += [d for k, d in keyed(header) if k not in _UPDATE_KEYS]
    candidates += [d for k, d in keyed(header) if k in _UPDATE_KEYS]
    candidates += [parse_date(unglue(ln.text)) for ln in header[1:] if ln.kind == "meta"]
    if header_end < len(lines):
        m = _DATELINE.match(lines[header_end].text)
        if m:
            year = m.group("year") or (header_years[0] if header_years else None)
            if year:
                candidates.append(_format(year, m.group("mon"), m.group("day")))
    m = _TITLE_YEAR.search(lines[t].text)
    candidates.append(m.group(1) if m else None)
    # a date stated after the body comes last, and an "updated" one never: a page's
    # "Last Updated: 11/03/2025" is when the site touched it, not when the article appeared
    candidates += [d for k, d in keyed(lines[cut:]) if k not in _UPDATE_KEYS]
    found = [c for c in candidates if c]
    if not found:
        return None
    best = found[0]
    for c in found[1:]:  # a fuller date that agrees ("2025" then "2025-03-03") is better
        if c.startswith(best) and len(c) > len(best):
            best = c
    return best


def _spans(text: str, lines: list[_Line]) -> list[Span]:
    """Merge consecutive furniture lines of one kind into Spans (an author profile is one)."""
    spans: list[Span] = []
    prev_kind = None
    for line in lines:
        if line.kind is not None and line.kind == prev_kind:
            last = spans[-1]
            spans[-1] = Span(last.start, line.end, last.kind, text[last.start:line.end])
        elif line.kind is not None:
            spans.append(Span(line.start, line.end, line.kind, line.text))
        prev_kind = line.kind
    return spans


def _norm(s: str) -> str:
    """Lowercase, straight apostrophes, single spaces: for comparing headings and titles."""
    return " ".join(s.lower().replace("\u2019", "'").split())
