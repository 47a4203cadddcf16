"""The split stage: sentence boundaries, paragraphs, kinds and offsets, as tables."""
import time
from pathlib import Path

import pytest

from questions.split import split

SAMPLE = Path(__file__).parent / "data" / "russia-venezuela-2025.txt"


def texts(passage, start=0, end=None):
    return [s.text for s in split(passage, start, len(passage) if end is None else end)]


BOUNDARIES = [
    ("plain", "Russia sent a plane. It landed in Caracas! Why? Nobody knows.",
     ["Russia sent a plane.", "It landed in Caracas!", "Why?", "Nobody knows."]),
    ("titles before names", "Mr. Putin met Mrs. Smith and Dr. Jones. Prof. Lee spoke.",
     ["Mr. Putin met Mrs. Smith and Dr. Jones.", "Prof. Lee spoke."]),
    ("military and political ranks",
     "Gen. Padrino met Lt. Col. Ruiz, Capt. Diaz, Sgt. Ortiz and Adm. Ray. Sen. Rubio and Rep. "
     "Diaz and Gov. Abbott and Pres. Maduro did not.",
     ["Gen. Padrino met Lt. Col. Ruiz, Capt. Diaz, Sgt. Ortiz and Adm. Ray.",
      "Sen. Rubio and Rep. Diaz and Gov. Abbott and Pres. Maduro did not."]),
    ("places and companies", "They met on St. Mark's Square near Mt. Etna with Acme Inc. Staff "
     "from Rosneft Co. Ltd. and Exxon Corp. Limited came. Martin Luther King Jr. Day passed.",
     ["They met on St. Mark's Square near Mt. Etna with Acme Inc. Staff from Rosneft Co. Ltd. and "
      "Exxon Corp. Limited came.", "Martin Luther King Jr. Day passed."]),
    ("dotted acronyms", "The U.S. Navy and the U.K. Foreign Office briefed the U.N. Security "
     "Council and the E.U. Commission. Talks ended.",
     ["The U.S. Navy and the U.K. Foreign Office briefed the U.N. Security Council and the E.U. "
      "Commission.", "Talks ended."]),
    ("latin abbreviations", "Some items, e.g. Oil and gold, i.e. Commodities, etc. Were sold vs. "
     "Bought. Then trading stopped.",
     ["Some items, e.g. Oil and gold, i.e. Commodities, etc. Were sold vs. Bought.",
      "Then trading stopped."]),
    ("month abbreviations", "It began on Jan. 5 and ended Sept. 30. Another began Oct. 1 and "
     "Dec. 24. Done.",
     ["It began on Jan. 5 and ended Sept. 30.", "Another began Oct. 1 and Dec. 24.", "Done."]),
    ("initials", "J. K. Rowling met George W. Bush. They talked.",
     ["J. K. Rowling met George W. Bush.", "They talked."]),
    ("decimals and money", "Output fell 3.5 percent to $1.2 billion. Prices rose 0.7%.",
     ["Output fell 3.5 percent to $1.2 billion.", "Prices rose 0.7%."]),
    ("numbered things", "He lives at No. 10 Downing Street. The answer was no. Then he left.",
     ["He lives at No. 10 Downing Street.", "The answer was no.", "Then he left."]),
    ("ellipsis mid-sentence", "He paused... and then said nothing. Later he left.",
     ["He paused... and then said nothing.", "Later he left."]),
    ("quoted question then speaker", "'Will they come?' he asked. \"Never!\" she replied. "
     "\"Why now?\" Putin asked. 'No.' That was all.",
     ["'Will they come?' he asked.", "\"Never!\" she replied.", "\"Why now?\" Putin asked.",
      "'No.'", "That was all."]),
    ("closing quotes and brackets", "She said \u201cwe will act.\u201d The army moved. (It was "
     "late.) Then \u2018calm\u2019 returned.",
     ["She said \u201cwe will act.\u201d", "The army moved.", "(It was late.)",
      "Then \u2018calm\u2019 returned."]),
    ("next sentence starts with a digit or quote", "Troops left. 2019 was different. "
     "\"Calm,\" he said.",
     ["Troops left.", "2019 was different.", "\"Calm,\" he said."]),
    ("lowercase after a period is not a boundary", "The site is example.com. it said. Fine.",
     ["The site is example.com. it said.", "Fine."]),
    ("no terminal punctuation at the end",
     "One sentence here. And then a trailing fragment that goes on without any final stop",
     ["One sentence here.", "And then a trailing fragment that goes on without any final stop"]),
    ("year in brackets after a question stays", "Will Putin save Maduro? (2025) is the question "
     "everyone asks today in the capital.",
     ["Will Putin save Maduro? (2025) is the question everyone asks today in the capital."]),
]


@pytest.mark.parametrize("passage, expected", [b[1:] for b in BOUNDARIES],
                         ids=[b[0] for b in BOUNDARIES])
def test_sentence_boundaries(passage, expected):
    # Prefix a prose line so that the passage is not taken for a title line.
    body = "This opening line is prose.\n\n" + passage
    assert texts(body)[1:] == expected


PARAGRAPHS = [
    ("blank lines separate paragraphs",
     "A title here\n\nFirst one. Still first\nwrapped line.\n\n  \nSecond para.",
     [("A title here", 0, "title"), ("First one.", 1, "text"),
      ("Still first\nwrapped line.", 1, "text"), ("Second para.", 2, "text")]),
    ("single newlines when there are no blank lines",
     "A title here\nFirst para goes on. Yes.\nSecond para.",
     [("A title here", 0, "title"), ("First para goes on.", 1, "text"), ("Yes.", 1, "text"),
      ("Second para.", 2, "text")]),
    ("headings: short line without a final stop, or a lone short question",
     "Title line\n\nBackground\n\nWhat happens next?\n\nIt ended. Or did it?\n\n"
     "This one-line paragraph is long enough to be prose even without any stop at its end",
     [("Title line", 0, "title"), ("Background", 1, "heading"),
      ("What happens next?", 2, "heading"), ("It ended.", 3, "text"), ("Or did it?", 3, "text"),
      ("This one-line paragraph is long enough to be prose even without any stop at its end",
       4, "text")]),
    ("title running straight into the body is its own paragraph",
     "Putin and Maduro\nThe two met. They talked.\n\nLater on.",
     [("Putin and Maduro", 0, "title"), ("The two met.", 1, "text"), ("They talked.", 1, "text"),
      ("Later on.", 2, "text")]),
    ("a prose first line is not a title",
     "Russia sent a plane to Caracas on Monday. It landed.\n\nLater on.",
     [("Russia sent a plane to Caracas on Monday.", 0, "text"), ("It landed.", 0, "text"),
      ("Later on.", 1, "text")]),
]


@pytest.mark.parametrize("passage, expected", [p[1:] for p in PARAGRAPHS],
                         ids=[p[0] for p in PARAGRAPHS])
def test_paragraphs_and_kinds(passage, expected):
    got = [(s.text, s.paragraph, s.kind) for s in split(passage, 0, len(passage))]
    assert got == expected


def test_title_only_when_body_starts_at_the_first_line():
    text = "Home | World\nPutin and Maduro\n\nThe two met."
    start = text.index("Putin")
    assert [s.kind for s in split(text, start, len(text))] == ["title", "text"]
    mid = text.index("two")
    assert [s.kind for s in split(text, mid, len(text))] == ["text"]


def check_offsets(text, start, end):
    sentences = split(text, start, end)
    assert [s.id for s in sentences] == list(range(len(sentences)))
    last_end, last_para = start, 0
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert start <= s.start < s.end <= end
        assert s.start >= last_end and s.paragraph >= last_para
        last_end, last_para = s.end, s.paragraph
    # Nothing but whitespace is lost between sentences.
    covered = "".join(s.text for s in sentences)
    assert "".join(covered.split()) == "".join(text[start:end].split())
    return sentences


@pytest.mark.parametrize("passage", [b[1] for b in BOUNDARIES] + [p[1] for p in PARAGRAPHS])
def test_offsets_property_on_every_passage(passage):
    padded = "Header junk\n\n" + passage + "\n\nFooter junk"
    check_offsets(padded, len("Header junk\n\n"), len(padded) - len("\n\nFooter junk"))


def test_sample_article():
    text = SAMPLE.read_text(encoding="utf-8")
    end = text.index("geopolitical calculus at play.") + len("geopolitical calculus at play.")
    sentences = check_offsets(text, 0, end)
    assert sentences[0].kind == "title"
    assert sentences[0].text == "Russia's Role in Venezuela: Will Putin Save Maduro? (2025)"
    assert sentences[1].kind == "heading"
    assert sentences[-1].text.endswith("geopolitical calculus at play.")
    assert all(s.kind == "text" for s in sentences[2:])
    assert len(sentences) > 30


def test_crlf_and_unicode_offsets():
    text = "Titre \u00e9t\u00e9\r\n\r\nCaf\u00e9 owners met. \u201cWe won,\u201d said one.\r\n"
    sentences = check_offsets(text, 0, len(text))
    assert [s.text for s in sentences] == ["Titre \u00e9t\u00e9", "Caf\u00e9 owners met.",
                                           "\u201cWe won,\u201d said one."]


def test_empty_region():
    assert split("   \n\n  ", 0, 7) == []
    assert split("abc", 1, 1) == []


@pytest.mark.parametrize("text", [
    "The minister spoke at length. Mr. Smith agreed, e.g. on oil. " * 7000,   # ~70,000 words
    ("word " * 12 + "end.\n") * 5000,                                            # no blank lines
    "." * 300_000,
    ". " * 300_000,
    "a" * 300_000 + ". B",
    "A.\n" * 100_000 + "\nend",
])
def test_linear_time(text):
    t0 = time.perf_counter()
    check_offsets(text, 0, len(text))
    assert time.perf_counter() - t0 < 1.0
