"""Where an article's text comes from, and what of its web page was set aside. No Flask.

Three ways in: pasted text (with the page's HTML when the clipboard held it: the article is then
extracted from the HTML as uploads are, falling back to the pasted text when the HTML yields no
article), an uploaded file, or a link (fetched by quiz.fetch). Each gives a Source: the text for
the engine, its format, and an `imported` record stored with the analysis (how the article came
in, and the pieces of the page that were not kept) for the article page to show.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import questions as engine
from questions.read import MAX_CHARS, MIN_WORDS

from . import fetch

NO_ARTICLE = "That page has no article text."
# The work of reading a page grows with its elements (trafilatura and the set-aside parser): a 2 MB
# page of 120,000 tags took about 12 s of CPU before. Real news pages have a few thousand
# (the corpus's largest, 1.6 MB: about 2,600), so a page over these is refused before extraction.
MAX_ELEMENTS = 25_000
MAX_PAGE_TEXT = 2 * MAX_CHARS           # visible text, before the article is picked out of it
MAX_SET_ASIDE = 200          # pieces listed; a page's menus rarely need more
MAX_PIECE = 300              # characters shown of one piece

_LINK = re.compile(r"https?://[^\s<>\"]+", re.I)


_TAG = re.compile(rb"<[A-Za-z]")
_HIDDEN_BLOCK = re.compile(rb"<(script|style|svg|template)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_ANY_TAG = re.compile(rb"<[^>]*>")


def check_page_size(data: bytes) -> None:
    """Refuse (engine.ArticleError) a page too big to read, before any extraction: too many
    elements, or far more visible text than the engine takes. Cheap: three regular expressions."""
    elements = len(_TAG.findall(data))
    if elements > MAX_ELEMENTS:
        raise engine.ArticleError(
            f"This page is too large to read ({elements:,} elements; the limit is {MAX_ELEMENTS:,}). "
            "Paste just the article's text instead.")
    visible = len(b" ".join(_ANY_TAG.sub(b" ", _HIDDEN_BLOCK.sub(b" ", data)).split()))
    if visible > MAX_PAGE_TEXT:
        raise engine.ArticleError(
            f"This page has too much text to be one article (about {visible:,} characters; the "
            f"limit is {MAX_CHARS:,}). Paste only the article you want questions about.")


def _is_html(data: bytes, filename: str) -> bool:
    return filename.lower().endswith((".html", ".htm")) or bool(
        re.match(rb"\s*(<!doctype html|<html|<head|<body|<!--)", data[:4000].lstrip(b"\xef\xbb\xbf"), re.I))


@dataclass
class Source:
    text: str
    source_format: str                  # "text" or "html", as the engine's read stage says
    imported: dict = field(default_factory=dict)


def pasted_link(text: str | None) -> str | None:
    """The link to import when the text box holds one instead of an article: `text` is one http(s)
    address alone, or too short to be an article and holding exactly one address."""
    text = (text or "").strip()
    if _LINK.fullmatch(text):
        return text
    links = _LINK.findall(text)
    if len(links) == 1 and len(text.split()) < MIN_WORDS:
        return links[0].rstrip(".,;:!?)]}'\u2019\u201d")
    return None


def from_paste(text: str | None, html: str | None) -> Source:
    """Pasted text; with the page's HTML, the article extracted from the HTML if it has one."""
    text = (text or "").replace("\r\n", "\n")
    if not (html or "").strip():
        return Source(text, "text", {"source": "paste", "from_html": False})
    try:
        page = html.encode("utf-8", errors="replace")
        check_page_size(page)
        extracted, _ = engine.read_article(page, "paste.html")
    except engine.ArticleError:
        extracted = ""
    if len(extracted.split()) >= MIN_WORDS or (extracted and not text.strip()):
        return Source(extracted, "html", {"source": "paste", "from_html": True,
                                          "set_aside": set_aside(html, extracted)})
    return Source(text, "text", {"source": "paste", "from_html": False, "html_unused": True})


def from_upload(data: bytes, filename: str) -> Source:
    if _is_html(data, filename):
        check_page_size(data)
    text, fmt = engine.read_article(data, filename)
    imported = {"source": "upload", "filename": filename[:200], "from_html": fmt == "html"}
    if fmt == "html":
        imported["set_aside"] = set_aside(_decode(data), text)
    return Source(text, fmt, imported)


def from_link(url: str, *, allow_private: bool, timeout: float, max_bytes: int) -> Source:
    """Fetch `url` and read its article. Raises fetch.FetchError with the teacher's message."""
    url = url.strip()
    body, content_type = fetch.fetch_article(url, allow_private=allow_private, timeout=timeout,
                                             max_bytes=max_bytes)
    body = fetch.as_utf8(body, content_type)
    plain = content_type.split(";", 1)[0].strip().lower() == "text/plain"
    if not plain:
        check_page_size(body)       # its message is the teacher's: not "no article text"
    try:
        text, fmt = engine.read_article(body, "link.txt" if plain else "link.html")
    except engine.ArticleError as exc:
        raise fetch.FetchError(NO_ARTICLE) from exc
    words = len(text.split())
    if words < MIN_WORDS:
        raise fetch.FetchError(f"{NO_ARTICLE} Only {words} word{'s' if words != 1 else ''} "
                               "could be found on it." if words else NO_ARTICLE)
    imported = {"source": "link", "url": url, "from_html": fmt == "html"}
    if fmt == "html":
        imported["set_aside"] = set_aside(_decode(body), text)
    return Source(text, fmt, imported)


# ---------------------------------------------------------------- what was set aside

class _Blocks(HTMLParser):
    """The visible text of a page, one string per block element (menus items, captions, ...)."""

    BLOCK = frozenset("""address article aside blockquote br caption dd details dialog div dl dt
        fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol
        p pre section summary table tbody td tfoot th thead tr ul""".split())
    HIDDEN = frozenset("head script style noscript template svg math iframe object select "
                       "textarea".split())

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._parts: list[str] = []
        self._hidden: list[str] = []

    def _flush(self):
        line = " ".join("".join(self._parts).split())
        self._parts = []
        if line:
            self.blocks.append(line)

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden.append(tag)
        elif tag in self.BLOCK:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if tag in self.BLOCK:
            self._flush()

    def handle_endtag(self, tag):
        if self._hidden and tag == self._hidden[-1]:
            self._hidden.pop()
        elif tag in self.HIDDEN and tag in self._hidden:
            del self._hidden[len(self._hidden) - 1 - self._hidden[::-1].index(tag):]
        elif tag in self.BLOCK:
            self._flush()

    def handle_data(self, data):
        if not self._hidden:
            self._parts.append(data)

    def close(self):
        super().close()
        self._flush()


def page_blocks(page: str) -> list[str]:
    parser = _Blocks()
    try:
        parser.feed(page)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser gives up on some broken markup: keep what it read
        parser._flush()
    return parser.blocks


def set_aside(page: str, kept: str) -> list[str]:
    """The page's text blocks that are not in the kept article text, in page order."""
    kept_flat = " ".join(kept.split())
    kept_lines = {" ".join(line.split()) for line in kept.splitlines() if line.strip()}
    out: dict[str, None] = {}
    for block in page_blocks(page):
        if not re.search(r"[^\W\d_]", block):      # bullets, separators, bare numbers
            continue
        if block in kept_lines or (len(block.split()) >= 4 and block in kept_flat):
            continue
        out[block if len(block) <= MAX_PIECE else block[:MAX_PIECE - 1].rstrip() + "…"] = None
        if len(out) >= MAX_SET_ASIDE:
            break
    return list(out)


def summary(article: dict) -> dict:
    """For the article page: how the article came in, what was kept, and what was set aside.

    `set_aside` is a list of (heading, pieces), each piece {"text", "kind"}: the page's pieces the
    reader left out, then the text before the article body, the furniture the engine marked inside
    it, and the text after it. `count` is the number of pieces.
    """
    an, text = article["analysis"], article["text"]
    imported = an.get("imported") or {}
    start, end = an.get("body_start", 0), an.get("body_end", len(text))
    spans = sorted((f["start"], f["end"], f.get("kind") or "") for f in an.get("furniture", [])
                   if isinstance(f.get("start"), int) and isinstance(f.get("end"), int))
    groups = [("Left out of the page", [{"text": t, "kind": ""} for t in imported.get("set_aside", [])]),
              ("Before the article", _pieces(text, 0, start, spans)),
              ("Marked inside the article", [{"text": text[a:b].strip(), "kind": kind}
                                             for a, b, kind in spans if start <= a and b <= end]),
              ("After the article", _pieces(text, end, len(text), spans))]
    groups = [(heading, [p for p in pieces if p["text"]]) for heading, pieces in groups]
    groups = [(heading, pieces) for heading, pieces in groups if pieces]
    return {"imported": imported, "kept_words": len(text[start:end].split()), "set_aside": groups,
            "count": sum(len(pieces) for _, pieces in groups)}


def _pieces(text: str, lo: int, hi: int, spans: list[tuple[int, int, str]]) -> list[dict]:
    """text[lo:hi] cut at the engine's furniture spans, each span labelled with its kind."""
    out, pos = [], lo
    for a, b, kind in spans:
        a, b = max(a, lo, pos), min(b, hi)
        if a >= b:
            continue
        if a > pos:
            out.append({"text": text[pos:a].strip(), "kind": ""})
        out.append({"text": text[a:b].strip(), "kind": kind})
        pos = b
    if pos < hi:
        out.append({"text": text[pos:hi].strip(), "kind": ""})
    return out


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")
