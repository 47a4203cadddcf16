"""The read stage: uploaded bytes to article text, and the checks that the text is usable.

Every refusal is an ArticleError whose message a teacher can act on; nothing here touches the
network (trafilatura is only given a string).
"""
from __future__ import annotations

import html as htmllib
import logging
import re

from .model import ArticleError

MAX_BYTES = 5_000_000        # a news page is well under this; bigger uploads are refused unread
MAX_CHARS = 200_000          # about 30,000 words: far more than any one article
MIN_WORDS = 80
MIN_ENGLISH_SHARE = 0.12     # English news runs at 25-40% of these words; French, Spanish 0-3%

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffd]")
_HTML_START = re.compile(r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.I | re.S)
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")

# The commonest English words, mostly function words: frequent in any English prose, rare in
# other languages written in the Latin alphabet.
ENGLISH_WORDS = frozenset("""
the of and to in is that for it on was with as by at be this from are or an has have had not but
which were he she they his her their its been will would said says who whom than more also after
over into about can could there all we you our if no so what when up out one new should may
because while before says them him do does did these those such only other most just against
""".split())


def read_article(data: bytes, filename: str = "") -> tuple[str, str]:
    """Decode an upload and, for an HTML page, extract its article text; returns (text, format)."""
    if len(data) > MAX_BYTES:
        raise ArticleError(f"This file is too large ({len(data) / 1_000_000:.0f} MB; the limit "
                           f"is {MAX_BYTES // 1_000_000} MB). Upload just the article page or "
                           "paste the article text.")
    text = _decode(data)
    if _looks_binary(text):
        raise ArticleError("This file is not text (it looks like an image, a PDF, a Word "
                           "document or another binary file). Save the article as plain text "
                           "or as a web page (.html) and upload that, or paste the text.")
    if filename.lower().endswith((".html", ".htm")) or _HTML_START.match(text[:4000]):
        return _extract_html(text), "html"
    return text, "text"


def check_article(text: str) -> None:
    """Refuse text the engine cannot draft questions from, saying why in the teacher's terms."""
    if not text or not text.strip():
        raise ArticleError("The article is empty: paste or upload the text of a news article.")
    if _looks_binary(text):
        raise ArticleError("This file is not text: it contains control characters that do not "
                           "occur in an article. Paste the article text or upload it as .txt "
                           "or .html.")
    if len(text) > MAX_CHARS:
        raise ArticleError(f"This article is too long ({len(text):,} characters; the limit is "
                           f"{MAX_CHARS:,}). Paste only the article you want questions about.")
    words = _WORD.findall(text)
    letters = sum(len(w) for w in words)
    if len(text) >= 300 and letters and _latin_share(words) < 0.5:
        raise ArticleError(_NOT_ENGLISH)
    count = len(text.split())
    if count < MIN_WORDS:
        raise ArticleError(f"This article is too short ({count} word{'' if count == 1 else 's'}): paste at least "
                           f"{MIN_WORDS} words of a news article.")
    if english_share(words) < MIN_ENGLISH_SHARE:
        raise ArticleError(_NOT_ENGLISH)


_NOT_ENGLISH = ("This article does not look like English. Sourced can only draft questions for "
                "articles written in English.")


def english_share(words: list[str]) -> float:
    """Share of tokens that are common English function words (0.0 for no tokens)."""
    if not words:
        return 0.0
    return sum(w.lower().replace("\u2019", "'") in ENGLISH_WORDS for w in words) / len(words)


def _latin_share(words: list[str]) -> float:
    """Share of letters in the Latin script (Cyrillic, CJK, Arabic text scores near 0)."""
    latin = total = 0
    for w in words:
        total += len(w)
        latin += sum(c < "\u0250" for c in w)
    return latin / total if total else 0.0


def _decode(data: bytes) -> str:
    """UTF-8 (BOM stripped), UTF-16 with a BOM, else Windows-1252 (what old Word/Outlook save)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass  # not really UTF-16: fall through to the byte-oriented encodings
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; they become U+FFFD, which counts as binary below.
        return data.decode("cp1252", errors="replace")


def _looks_binary(text: str) -> bool:
    """NUL bytes, or more than a sprinkle of control characters, mean this is not prose."""
    if "\x00" in text:
        return True
    bad = len(_CONTROL.findall(text))
    return bad > 8 and bad > len(text) * 0.01


def _extract_html(page: str) -> str:
    """Main text of a web page: title, blank line, optional 'Published:' line, paragraphs."""
    # Imported here so that plain-text use does not pay for loading lxml and trafilatura.
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        doc = trafilatura.bare_extraction(
            page, favor_precision=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, with_metadata=True,
            # Only dates the page declares (meta tags, <time>), never years guessed from prose.
            date_extraction_params={"original_date": True, "extensive_search": False})
    # The parser's failure modes (lxml errors, recursion on deep nesting, ...) are open-ended,
    # and any of them means the same thing to the teacher: this page cannot be read.
    except Exception as exc:  # noqa: BLE001
        raise ArticleError("This web page could not be read. Copy the article text from the "
                           "page and paste it instead.") from exc
    paragraphs = _paragraphs(doc.body) if doc is not None and doc.body is not None else []
    title = _clean_line(getattr(doc, "title", None) or "") or _fallback_title(page)
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    if not paragraphs:
        raise ArticleError("No article text was found in this web page. Copy the article text "
                           "from the page and paste it instead.")
    lines = [title or paragraphs.pop(0), ""]
    date = getattr(doc, "date", None)
    if date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        lines += [f"Published: {date}", ""]
    return "\n".join(lines + ["\n\n".join(paragraphs)]) + "\n"


def _paragraphs(body) -> list[str]:
    """One string per block element of trafilatura's body; list items become paragraphs."""
    out = []
    for el in body:
        blocks = [item for item in el.iter("item")] if el.tag == "list" else [el]
        for block in blocks:
            line = _clean_line("".join(block.itertext()))
            if line:
                out.append(line)
    return out


def _fallback_title(page: str) -> str:
    """<title>, else the first <h1>, when trafilatura found no title."""
    lower = page.lower()
    for tag in ("title", "h1"):
        m = re.search(rf"<{tag}\b[^>]*>", lower)
        end = lower.find(f"</{tag}", m.end()) if m else -1
        if end > 0:  # only the first element is tried, so the cost stays linear
            title = _clean_line(htmllib.unescape(_TAG.sub(" ", page[m.end():end])))
            if title:
                return title
    return ""


def _clean_line(s: str) -> str:
    """Collapse runs of whitespace, so each extracted block is one line."""
    return " ".join(s.split())
