"""The read stage: decoding uploads, extracting web pages, and refusing what is not an article."""
import random
import time
from pathlib import Path

import pytest

from questions.model import ArticleError
from questions.read import check_article, read_article

SAMPLE = (Path(__file__).parent / "data" / "russia-venezuela-2025.txt").read_text(encoding="utf-8")

ENGLISH = (
    "The two leaders met on Monday in Moscow to discuss a new partnership agreement between "
    "their countries, officials said. Russia has supported Venezuela since 2019, when the United "
    "States backed an opposition leader who was seeking to overthrow Maduro. Analysts say that "
    "the support is mostly symbolic and that it would be hard for Moscow to do more. Oleg "
    "Ignatov, a senior analyst, believes Russia is unlikely to provide military assistance if "
    "the US acts. The Kremlin has not commented on the letter, which was reportedly delivered "
    "by the transport minister in October."
)
FRENCH = (
    "Le président vénézuélien Nicolas Maduro a demandé l'aide de la Russie pour renforcer la "
    "défense aérienne de son pays, selon le Washington Post. Moscou a déclaré qu'elle était "
    "prête à réagir de manière appropriée aux demandes de Caracas, compte tenu des menaces "
    "existantes et potentielles. Les experts estiment cependant que la présence militaire russe "
    "dans l'hémisphère occidental reste largement symbolique, et que les ressources de Moscou "
    "sont aujourd'hui limitées par la guerre en Ukraine. Un avion de transport russe est arrivé "
    "à Caracas fin octobre, mais sa cargaison reste inconnue."
)
SPANISH = (
    "El presidente venezolano Nicolás Maduro pidió ayuda a Rusia para reforzar la defensa aérea "
    "de su país, según el Washington Post. Moscú declaró que estaba dispuesta a reaccionar de "
    "manera apropiada a las solicitudes de Caracas, teniendo en cuenta las amenazas existentes y "
    "potenciales. Sin embargo, los expertos creen que la presencia militar rusa en el hemisferio "
    "occidental sigue siendo en gran medida simbólica, y que los recursos de Moscú están hoy "
    "limitados por la guerra en Ucrania. Un avión de transporte ruso llegó a Caracas a finales "
    "de octubre, pero su carga sigue siendo desconocida."
)
RUSSIAN = ("Президент Венесуэлы Николас Мадуро попросил Россию о помощи в укреплении "
           "противовоздушной обороны страны. ") * 12

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Putin and Maduro meet in Moscow | Example News</title>
<meta property="og:title" content="Putin and Maduro meet in Moscow">
<meta property="article:published_time" content="2024-03-03T10:00:00Z">
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World desk</a></li>
<li><a href="/sport">Sport pages</a></li><li><a href="/login">Sign in to your account</a></li>
</ul></nav></header>
<aside class="sidebar"><h3>Most read</h3><ul><li><a href="/x">Celebrity wedding shock</a></li>
<li><a href="/y">Football transfer gossip</a></li></ul></aside>
<main><article>
<h1>Putin and Maduro meet in Moscow</h1>
<p>The two leaders met on Monday in Moscow to discuss a new partnership agreement between their
countries, officials said. The talks lasted four hours.</p>
<h2>Background to the talks</h2>
<p>Russia has supported Venezuela since 2019, when the United States backed an opposition leader
seeking to overthrow Maduro. Analysts say the support is mostly symbolic.</p>
<p>Oleg Ignatov, a senior analyst, believes Russia is unlikely to provide military assistance if
the US acts, citing geographical and logistical constraints on any deployment.</p>
</article></main>
<footer><p>Copyright 2024 Example News Group. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact the newsroom</a></p></footer>
</body></html>"""


# --- decoding -----------------------------------------------------------------------------

DECODING = [
    ("utf-8", "caf\u00e9 \u2018quoted\u2019".encode("utf-8"), "caf\u00e9 \u2018quoted\u2019"),
    ("utf-8 with BOM", b"\xef\xbb\xbfHello world", "Hello world"),
    ("cp1252 curly quotes", b"He said \x93we will act\x94 \x96 it\x92s over",
     "He said \u201cwe will act\u201d \u2013 it\u2019s over"),
    ("latin-1 accents as cp1252", b"Caf\xe9 in S\xe3o Paulo", "Caf\u00e9 in S\u00e3o Paulo"),
    ("utf-16 with BOM", "Hello \u00e9".encode("utf-16"), "Hello \u00e9"),
    ("crlf kept verbatim", b"Line one\r\nLine two", "Line one\r\nLine two"),
]


@pytest.mark.parametrize("data, expected", [d[1:] for d in DECODING], ids=[d[0] for d in DECODING])
def test_decoding(data, expected):
    assert read_article(data, "article.txt") == (expected, "text")


NOT_TEXT = [
    ("random bytes", random.Random(7).randbytes(20_000)),
    ("NUL bytes in text", b"Some text\x00\x00 more text here"),
    ("png header", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20),
    ("control characters, invalid UTF-8",
     bytes([1, 2, 3, 4, 5, 6, 7, 8, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 14, 15, 16] * 200)),
    ("zip / docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(range(32)) * 50),
]


@pytest.mark.parametrize("data", [d[1] for d in NOT_TEXT], ids=[d[0] for d in NOT_TEXT])
def test_binary_is_refused(data):
    with pytest.raises(ArticleError, match="This file is not text"):
        read_article(data, "upload.txt")


def test_fifty_megabytes_refused_quickly():
    data = b"word " * 10_000_000
    t0 = time.perf_counter()
    with pytest.raises(ArticleError, match="too large"):
        read_article(data, "huge.txt")
    with pytest.raises(ArticleError, match="too large"):
        read_article(b"<html>" + data, "huge.html")
    assert time.perf_counter() - t0 < 0.5


def test_plain_text_sample_passes_through():
    data = SAMPLE.encode("utf-8")
    assert read_article(data, "russia.txt") == (SAMPLE, "text")
    check_article(SAMPLE)


# --- HTML ---------------------------------------------------------------------------------

@pytest.mark.parametrize("filename, data", [
    ("page.html", PAGE.encode("utf-8")),
    ("page.HTM", PAGE.encode("utf-8")),
    ("", PAGE.encode("utf-8")),                       # recognized by its content
    ("upload.txt", b"\xef\xbb\xbf  \n" + PAGE.encode("utf-8")),
])
def test_html_main_text(filename, data):
    text, fmt = read_article(data, filename)
    assert fmt == "html"
    lines = text.split("\n")
    assert lines[:4] == ["Putin and Maduro meet in Moscow", "", "Published: 2024-03-03", ""]
    assert "The two leaders met on Monday in Moscow" in text
    assert "Analysts say the support is mostly symbolic." in text
    assert "logistical constraints on any deployment." in text
    for furniture in ("Home", "World desk", "Sign in", "Celebrity wedding", "Football transfer",
                      "Copyright", "Privacy policy", "Contact the newsroom"):
        assert furniture not in text
    # Paragraphs are separated by blank lines, and the title is not repeated.
    assert "\n\nRussia has supported Venezuela" in text
    assert text.count("Putin and Maduro meet in Moscow") == 1


def test_html_without_metadata_uses_title_tag():
    page = ("<html><head><title>Oil &amp; power in Caracas</title></head><body><div>"
            + "".join(f"<p>{ENGLISH}</p>" for _ in range(3)) + "</div></body></html>")
    text, fmt = read_article(page.encode(), "x.html")
    assert fmt == "html"
    first, blank, rest = text.split("\n", 2)
    assert first == "Oil & power in Caracas" and blank == ""
    assert not rest.startswith("Published:")
    assert "Oleg Ignatov" in rest


@pytest.mark.parametrize("page", [
    "<html><body>" + "<div>" * 100_000 + "<p>deep</p>" + "</div>" * 100_000 + "</body></html>",
    "<html><body>" + "<b><i>" * 50_000 + "</body></html>",
    "<html><body><nav>Home | World</nav></body></html>",
    "<html>",
    "<!doctype html><html><head><title>x</title></head><body>" + "<p>" * 5000,
])
def test_unreadable_html_refused_quickly(page):
    t0 = time.perf_counter()
    with pytest.raises(ArticleError):
        read_article(page.encode(), "page.html")
    assert time.perf_counter() - t0 < 5


# --- checks -------------------------------------------------------------------------------

REFUSED = [
    ("empty", "", "empty"),
    ("whitespace", "  \n\t \n ", "empty"),
    ("too short", "Russia sent a plane to Caracas. The cargo is unknown.", "too short"),
    ("79 words", " ".join(["word"] * 79), "too short"),
    ("too long", (ENGLISH + "\n\n") * 400, "too long"),
    ("control characters", ENGLISH.replace(" ", "\x01 "), "not text"),
    ("NUL", ENGLISH + "\x00", "not text"),
    ("french", FRENCH, "not look like English"),
    ("spanish", SPANISH, "not look like English"),
    ("russian", RUSSIAN, "not look like English"),
]


@pytest.mark.parametrize("text, message", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_check_article_refuses(text, message):
    with pytest.raises(ArticleError, match=message):
        check_article(text)


ACCEPTED = [
    ("english news", ENGLISH),
    ("sample article", SAMPLE),
    ("english quoting french", ENGLISH + " 'Nous sommes prêts,' said the French envoy."),
    ("a stray control character", ENGLISH.replace("Monday", "Mon\x0cday")),
    ("exactly 80 words", " ".join((ENGLISH + " ") .split()[:80])),
]


@pytest.mark.parametrize("text", [a[1] for a in ACCEPTED], ids=[a[0] for a in ACCEPTED])
def test_check_article_accepts(text):
    check_article(text)


def test_a_one_word_paste_says_one_word():
    with pytest.raises(ArticleError, match=r"too short \(1 word\)"):
        check_article("Hello")
