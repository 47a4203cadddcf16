"""The clean stage: title, publication date, body bounds and labelled furniture, as tables."""
from pathlib import Path

import pytest

from questions.clean import clean, parse_date

SAMPLE = (Path(__file__).parent / "data" / "russia-venezuela-2025.txt").read_text(encoding="utf-8")

P1 = ("Russia has supported Venezuela since 2019, when the United States backed an opposition "
      "leader seeking to overthrow Maduro. Analysts say the support is mostly symbolic, and that "
      "Moscow's resources are stretched by the war in Ukraine.")
P2 = ("Oleg Ignatov, a senior Russia analyst, believes that if the US seriously considers regime "
      "change in Venezuela by force, Russia is unlikely to provide any assistance. He attributes "
      "this to geographical and logistical constraints.")
P3 = "The Kremlin did not respond to a request for comment."      # short last paragraph
COLON = "The minister said: we will act."


def article(*parts):
    return "\n\n".join(parts)


def last_body(text, c):
    return text[:c.body_end]


CASES = [
    # (id, text, title, published, body ends with, furniture kinds that must be present)
    ("no furniture", article("Putin and Maduro", P1, P2, P3),
     "Putin and Maduro", None, P3, []),
    ("trailing whitespace only", article("Putin and Maduro", P1, P2) + "\n\n \n",
     "Putin and Maduro", None, P2, []),
    ("related articles and copyright",
     article("Putin and Maduro", P1, P2, P3, "Related articles",
             "Putin visits Caracas for talks", "Oil output falls again in Venezuela",
             "\u00a9 2024 Example News Group. All rights reserved."),
     "Putin and Maduro", None, P3, ["related", "furniture"]),
    ("about the author prose bio",
     article("Putin and Maduro", P1, P2, "About the author",
             "Jane Doe is a correspondent based in Moscow who has covered Russia and the former "
             "Soviet Union for fifteen years, first for a news agency and then for this paper. "
             "She studied history in London and speaks Russian and Spanish fluently."),
     "Putin and Maduro", None, P2, ["author"]),
    ("leading nav menu",
     "Skip to content\nHome | World | Sport | Business\nSign in\nSubscribe\nMenu\n"
     + article("Putin and Maduro meet in Moscow", P1, P2),
     "Putin and Maduro meet in Moscow", None, P2, ["menu"]),
    ("title with year", article("Will Putin Save Maduro? (2025)", P1, P2),
     "Will Putin Save Maduro? (2025)", "2025", P2, []),
    ("published line", article("Putin and Maduro", "Published: 3 March 2024", P1, P2),
     "Putin and Maduro", "2024-03-03", P2, ["meta"]),
    ("published without colon", article("Putin and Maduro", "Published March 3, 2024", P1, P2),
     "Putin and Maduro", "2024-03-03", P2, ["meta"]),
    ("updated iso", article("Putin and Maduro", "Updated: 2024-03-03 14:05 GMT", P1, P2),
     "Putin and Maduro", "2024-03-03", P2, ["meta"]),
    ("date then byline", article("Putin and Maduro", "March 3, 2024 | By Jane Doe", P1, P2),
     "Putin and Maduro", "2024-03-03", P2, ["meta"]),
    ("byline then date", article("Putin and Maduro", "By Jane Doe, March 3, 2024", P1, P2),
     "Putin and Maduro", "2024-03-03", P2, ["meta"]),
    ("byline without date", article("Putin and Maduro", "By Jane Doe and John Smith", P1, P2),
     "Putin and Maduro", None, P2, ["meta"]),
    ("month and year only", article("Putin and Maduro", "Posted: October 2025", P1, P2),
     "Putin and Maduro", "2025-10", P2, ["meta"]),
    ("wire dateline without a year is not a date",
     article("Putin and Maduro", "WASHINGTON, March 3 (Reuters) - " + P1, P2),
     "Putin and Maduro", None, P2, []),
    ("wire dateline with a year in the header",
     article("Putin and Maduro (2024)", "WASHINGTON, March 3 (Reuters) - " + P1, P2),
     "Putin and Maduro (2024)", "2024-03-03", P2, []),
    ("years in body prose are not the publication date",
     article("Putin and Maduro", "In 2019, Russia sent advisers. " + P1, P2),
     "Putin and Maduro", None, P2, []),
    ("key: value run with no heading",
     article("Putin and Maduro", P1, P2, "Author: Jane Doe", "Views: 1,204",
             "Rating: 4.5 / 5 (12 voted)"),
     "Putin and Maduro", None, P2, ["meta", "rating"]),
    ("generic key: value run", article("Putin and Maduro", P1, P2, "Desk: World",
                                       "Editor: John Smith", "Region: Latin America"),
     "Putin and Maduro", None, P2, ["meta"]),
    ("a colon sentence in the body is not furniture",
     article("Putin and Maduro", P1, COLON, P2, COLON), "Putin and Maduro", None, COLON, []),
    ("a 'Read more' link mid-article does not end the body",
     article("Putin and Maduro", P1, "Read more: Putin visits Caracas", P2, P3),
     "Putin and Maduro", None, P3, ["related"]),
    ("share and newsletter lines",
     article("Putin and Maduro", P1, P2, "Share this article", "Facebook", "Twitter",
             "Sign up for our daily newsletter"),
     "Putin and Maduro", None, P2, ["furniture"]),
    ("repeated title then comments",
     article("Putin and Maduro", P1, P2, "Putin and Maduro", "3 Comments",
             "I think this article is wrong about almost everything it says about Russia and "
             "about Venezuela, and the author should have asked more people before writing it."),
     "Putin and Maduro", None, P2, ["title", "furniture"]),
    ("single newlines only",
     "Putin and Maduro\n" + P1 + "\n" + P2 + "\nTags: Russia, Venezuela\nViews: 12",
     "Putin and Maduro", None, P2, ["meta", "rating"]),
    ("a footer menu without a heading",
     article("Putin and Maduro", P1, P2, P3, "Home | About us | Contact | Privacy"),
     "Putin and Maduro", None, P3, ["menu"]),
    ("advertisement slot mid-article",
     article("Putin and Maduro", P1, "Advertisement", P3, P2),
     "Putin and Maduro", None, P2, ["furniture"]),
    ("guardian-style header: a section label is not the title",
     article("World", "Putin and Maduro meet in Moscow", "Jane Doe in Moscow\n"
             "Mon 3 Mar 2024 10.00 GMT", "Share", P1, P2),
     "Putin and Maduro meet in Moscow", "2024-03-03", P2, ["menu", "meta", "furniture"]),
    ("heading inside the body stays in the body",
     article("Putin and Maduro", P1, "Background", P2, "What happens next?", P3),
     "Putin and Maduro", None, P3, []),
]


@pytest.mark.parametrize("text, title, published, ends_with, kinds", [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_clean_table(text, title, published, ends_with, kinds):
    c = clean(text)
    assert c.title == title
    assert c.published == published
    assert text[c.body_start:].startswith(title)
    assert text[:c.body_end].endswith(ends_with)
    assert not text[c.body_end - 1].isspace()
    got = {s.kind for s in c.furniture}
    assert set(kinds) <= got
    for s in c.furniture:
        assert text[s.start:s.end] == s.text and s.text == s.text.strip()


def test_sample_article():
    c = clean(SAMPLE)
    assert c.title == "Russia's Role in Venezuela: Will Putin Save Maduro? (2025)"
    assert c.published == "2025"
    assert c.body_start == 0
    repeated = SAMPLE.index("\nRussia's Role in Venezuela: Will Putin Save Maduro? (2025)", 10)
    assert SAMPLE[:c.body_end].endswith("and the geopolitical calculus at play.")
    assert SAMPLE[c.body_end:repeated + 1].strip() == ""
    kinds = [s.kind for s in c.furniture]
    # the subheading between the headline and the first paragraph asks no question
    assert kinds == ["heading", "title", "related", "meta", "rating", "author"]
    author = next(s for s in c.furniture if s.kind == "author")
    assert author.text.startswith("Author information") and author.text.endswith("with you.")
    rating = next(s for s in c.furniture if s.kind == "rating")
    assert "Views: 6495" in rating.text and "4.1 / 5" in rating.text
    assert all(s.start >= c.body_end for s in c.furniture if s.kind != "heading")


def test_nav_is_not_the_title_and_spans_menu():
    text = "Home | World | Sport\nSkip to content\n" + article("Putin and Maduro", P1, P2)
    c = clean(text)
    assert c.body_start == text.index("Putin and Maduro")
    assert c.furniture[0].kind == "menu"
    assert c.furniture[0].text == "Home | World | Sport\nSkip to content"


def test_a_title_with_a_bar_is_not_a_menu():
    text = article("Putin and Maduro | Example News", P1, P2)
    assert clean(text).title == "Putin and Maduro | Example News"


def test_birthday_in_a_profile_is_not_the_publication_date():
    text = article("Putin and Maduro", P1, P2, "Author information", "Name: Jane Doe",
                   "Birthday: 1992-01-10", "Job: Reporter")
    c = clean(text)
    assert c.published is None
    assert [s.kind for s in c.furniture] == ["author"]
    assert text[:c.body_end].endswith(P2)


def test_published_in_trailing_article_information():
    text = article("Putin and Maduro", P1, P2, "Article information",
                   "Published: March 3, 2024", "Views: 10")
    assert clean(text).published == "2024-03-03"


def test_empty_and_whitespace():
    assert clean("").body_end == 0
    c = clean("   \n\n  ")
    assert (c.title, c.published, c.furniture) == ("", None, [])


def test_deterministic():
    assert clean(SAMPLE) == clean(SAMPLE)


@pytest.mark.parametrize("s, expected", [
    ("Published: 3 March 2024", "2024-03-03"),
    ("Published March 3, 2024", "2024-03-03"),
    ("Mar. 3rd, 2024", "2024-03-03"),
    ("Updated: 2024-03-03T10:00Z", "2024-03-03"),
    ("October 2025", "2025-10"),
    ("(2025)", "2025"),
    ("2024-13-45 then 2023", "2023"),
    ("no date here", None),
    ("Phone: +2614651609714", None),
])
def test_parse_date(s, expected):
    assert parse_date(s) == expected


def test_extracted_html_header_is_understood():
    # read_article writes "Title", blank, "Published: YYYY-MM-DD", blank, paragraphs.
    text = article("Putin and Maduro", "Published: 2024-03-03", P1, P2)
    c = clean(text)
    assert (c.title, c.published) == ("Putin and Maduro", "2024-03-03")
    assert [s.kind for s in c.furniture] == ["meta"]
    assert c.body_end == len(text)


def test_headline_over_its_byline_beats_a_nearer_teaser_title():
    text = article("Home | World | Sport", "Putin and Maduro meet in Moscow",
                   "By Jane Doe, March 3, 2024", "From: Example News",
                   "The priest who feeds a city", "Your video will play in 00:25", P1, P2)
    c = clean(text)
    assert c.title == "Putin and Maduro meet in Moscow"
    assert c.published == "2024-03-03"
    assert text[c.body_start:].startswith(c.title)
    for line in ("The priest who feeds a city", "Your video will play in 00:25"):
        a = text.index(line)
        assert any(s.start <= a < s.end for s in c.furniture), line


def test_a_slideshow_counter_is_not_a_rating():
    text = article("Putin and Maduro", P1, P2, "1 / 5", "Caracas at night, seen from the hills")
    assert "rating" not in {s.kind for s in clean(text).furniture}
