"""Date extraction: a table of composed passages (positives and the known traps), and the sample."""
import json
import pathlib

import pytest

import questions
from questions.dates import extract_dates
from questions.model import Sentence

ROOT = pathlib.Path(__file__).resolve().parent.parent


def one_sentence(text, kind="text"):
    """One Sentence covering the whole passage, so tests do not depend on the split stage."""
    return [Sentence(id=0, start=0, end=len(text), paragraph=0, text=text, kind=kind)]


def found(text, published, kind="text"):
    return [(d.expression, d.normalized) for d in extract_dates(text, one_sentence(text, kind), published)]


CASES = [
    # years
    ("In 2019, the United Nations opened an inquiry into the shooting.", "2025", [("2019", "2019")]),
    ("Prosecutors cited a 2020 indictment against the former minister.", None, [("2020", "2020")]),
    ("The treaty lapsed after the 1991 Soviet collapse.", None, [("1991", "1991")]),
    ("The port has been closed to foreign ships since 2014.", None, [("2014", "2014")]),
    ("The river flooded in 1066 and again in 2100.", None, [("1066", "1066"), ("2100", "2100")]),
    ("The town was founded in 999 and rebuilt in 2150.", None, []),
    ("In 2018 the mayor resigned, and in 2024 her successor was arrested.", None,
     [("2018", "2018"), ("2024", "2024")]),
    ("The budget covers the 2019-20 season.", None, [("2019", "2019")]),
    # numbers that are not years
    ("The ransom was $50 million, paid in cash.", "2025", []),
    ("The fine came to $2,019 after the appeal.", "2025", []),
    ("The company lost 2019 million dollars.", None, []),
    ("Officials said 2,500 people were evacuated.", "2025-03-04", []),
    ("The army deployed 2019 troops to the border.", None, []),
    ("About 2019 people attended the rally.", None, []),
    ("Phone: +2614651609714", "2025", []),
    ("Views: 6495", "2025", []),
    ("Views: 2019", "2025", []),
    ("The Il-76 and F-35 landed at the base.", None, []),
    ("The airline ordered ten A320 jets after COVID-19 eased.", None, []),
    ("Turnout reached 50% in the capital.", None, []),
    ("The polls closed at 20:19 local time.", "2025-06-01", []),
    ("Security Council Resolution 1973 authorised a no-fly zone.", None, []),
    ("The embassy is at 1600 Pennsylvania Avenue.", None, []),
    ("The report runs to page 1999 of the annex.", None, []),
    # months alone and their traps
    ("In August, the ministry doubled the reward.", "2025", [("August", "2025-08")]),
    ("The agreement was signed in May, officials said.", "2024-11-02", [("May", "2024-05")]),
    ("Talks have stalled since March.", None, []),
    ("In 2016 the rebels withdrew. In March the army returned.", None,
     [("2016", "2016"), ("March", "2016-03")]),
    ("Moscow may view the move as a provocation.", "2025", []),
    ("The troops march on the capital.", "2025", []),
    ("The protesters will March on Sunday.", None, []),
    ("A letter from April Ryan reached the court.", "2025", []),
    ("Theresa May met the envoy.", "2025", []),
    ("Fighting eased in October and November.", "2023", [("October", "2023-10"), ("November", "2023-11")]),
    # month and year, days
    ("The ceasefire began in January 2019.", None, [("January 2019", "2019-01")]),
    ("Inspectors returned in Jan. 2019 after a long pause.", None, [("Jan. 2019", "2019-01")]),
    ("The vote took place on 3 March 2024 under heavy guard.", None, [("3 March 2024", "2024-03-03")]),
    ("The vote took place on March 3, 2024, under heavy guard.", None, [("March 3, 2024", "2024-03-03")]),
    ("The minister resigned on March 3.", "2025", [("March 3", "2025-03-03")]),
    ("The minister resigned on March 3.", None, []),
    ("The decree, dated 2024-03-03, was published late.", None, [("2024-03-03", "2024-03-03")]),
    # parts of months and years, seasons
    ("The envoy travelled to Moscow in mid-October.", "2025", [("mid-October", "2025-10")]),
    ("A cargo plane landed in late October, trackers said.", "2025", [("late October", "2025-10")]),
    ("Sanctions were eased in early 2024.", None, [("early 2024", "2024")]),
    ("The pipeline reopened in the spring of 2020.", None, [("spring of 2020", "2020")]),
    ("Growth slowed by mid-2023.", None, [("mid-2023", "2023")]),
    # decades
    ("The base had been empty since the 1990s withdrawal.", None, [("1990s", "1990s")]),
    ("Inflation was high in the '90s.", None, [("'90s", "1990s")]),
    ("Inflation was high in the nineties.", None, [("nineties", "1990s")]),
    ("She is in her nineties and still votes.", None, []),
    # publication lines
    ("Published: March 3, 2025", None, [("March 3, 2025", "2025-03-03")]),
    ("Nearly 1500 homes were destroyed in the storm.", None, []),
    ("The index fell to 1987 points.", None, []),
    ("In 2019 troops were sent to the border.", None, [("2019", "2019")]),
    ("Between 2015 and 2017, some 2,000 soldiers were killed.", None, [("2015", "2015"), ("2017", "2017")]),
    ("On Sept. 11, 2001, hijackers attacked New York.", None, [("Sept. 11, 2001", "2001-09-11")]),
    ("The statement came on Wednesday, Nov. 26.", "2025", [("Wednesday, Nov. 26", "2025-11-26")]),
    ("Fighting resumed on 30 February 2024.", None, []),
    # relative dates
    ("Today, the situation is different.", "2025", []),
    ("Today, the situation is different.", "2025-11-27", [("Today", "2025-11-27")]),
    ("The minister resigned on Friday.", "2025-11-27", [("Friday", "2025-11-21")]),
    ("The minister resigned on Friday.", "2025", []),
    ("The summit will open next Monday.", "2025-11-27", [("next Monday", "2025-12-01")]),
    ("Police arrested two men yesterday.", "2025-11-27", [("yesterday", "2025-11-26")]),
    ("Exports fell last year.", "2025", [("last year", "2024")]),
    ("Exports fell last year.", None, []),
    ("The mine closed ten years ago.", "2025", [("ten years ago", "2015")]),
    ("The deal collapsed two weeks ago.", "2025-11-27", [("two weeks ago", "2025-11")]),   # weeks name a month, not a day
    ("The deal collapsed two weeks ago.", "2025", []),
    ("Prices rose last month.", "2025-11-27", [("last month", "2025-10")]),
    ("The talks resume next week.", "2025-11-27", [("next week", "2025-12")]),
    ("The lawmaker spoke to USA Today about the bill.", "2025-11-27", []),
]


@pytest.mark.parametrize("passage,published,expected", CASES)
def test_dates_table(passage, published, expected):
    assert found(passage, published) == expected


def test_title_year_is_the_publication_date():
    title = "Russia and the Caribbean: What Comes Next? (2025)"
    dates = extract_dates(title, one_sentence(title, "title"), "2025")
    assert [(d.expression, d.normalized, d.event) for d in dates] == [
        ("2025", "2025", "publication date of the article")]


def test_headings_are_skipped():
    heading = "The Crisis of 2019"
    assert extract_dates(heading, one_sentence(heading, "heading"), "2025") == []


def test_month_alone_takes_the_paragraph_year_without_publication():
    text = "The rebels withdrew in 2016. Talks resumed in October."
    sentences = [Sentence(0, 0, 28, 0, text[:28]), Sentence(1, 29, len(text), 0, text[29:])]
    dates = extract_dates(text, sentences, None)
    assert [(d.expression, d.normalized, d.sentence) for d in dates] == [
        ("2016", "2016", 0), ("October", "2016-10", 1)]


def test_mentions_carry_offsets_granularity_and_event():
    text = "US officials cited a 2020 drug-crimes indictment against the president."
    (d,) = extract_dates(text, one_sentence(text), "2025")
    assert text[d.start:d.end] == "2020" and d.granularity == "year"
    assert "indictment against the president" in d.event and "2020" not in d.event


def test_event_is_the_clause_without_the_date():
    text = "In 2018, two bombers landed in Venezuela, and in 2024, two naval ships docked there."
    events = [d.event for d in extract_dates(text, one_sentence(text), None)]
    assert events == ["two bombers landed in Venezuela", "two naval ships docked there"]


def test_event_for_dates_in_commas_and_ranges():
    text = "She served from 2009 to 2013 as ambassador, and on Sept. 11, 2001, she was in New York."
    events = [(d.expression, d.event) for d in extract_dates(text, one_sentence(text), None)]
    assert events == [("2009", "She served as ambassador"), ("2013", "She served as ambassador"),
                      ("Sept. 11, 2001", "she was in New York")]


def test_granularities():
    text = "Unrest grew in the 1980s, peaked in 1989, eased by May 1990 and ended on 3 June 1990."
    dates = extract_dates(text, one_sentence(text), None)
    assert [d.granularity for d in dates] == ["decade", "year", "month", "day"]


def test_output_is_sorted_and_deterministic():
    text = "Fighting began on 3 March 2024. It resumed in 2025. Talks stalled last year."
    sentences = [Sentence(0, 0, 31, 0, text[:31]), Sentence(1, 32, 51, 0, text[32:51]),
                 Sentence(2, 52, len(text), 1, text[52:])]
    first = extract_dates(text, sentences, "2025-06-01")
    assert first == extract_dates(text, sentences, "2025-06-01")
    assert [(d.sentence, d.start) for d in first] == sorted((d.sentence, d.start) for d in first)
    assert [d.normalized for d in first] == ["2024-03-03", "2025", "2024"]


def test_sample_article_gold_dates():
    text = (ROOT / "questions/data/russia-venezuela-2025.txt").read_text(encoding="utf-8")
    gold = json.loads((ROOT / "tests/data/russia-venezuela-2025.json").read_text(encoding="utf-8"))
    analysis = questions.analyze(text)
    by_id = {s.id: s.text for s in analysis.sentences}
    preds = [(by_id[d.sentence], d.normalized) for d in analysis.dates]
    unmatched = list(preds)
    for g in gold["dates"]:
        hit = next((p for p in unmatched if p[1] == g["normalized"]
                    and (g["sentence"] in p[0] or p[0] in g["sentence"])), None)
        assert hit, f"missed {g['expression']!r}={g['normalized']} in {g['sentence'][:60]!r}"
        unmatched.remove(hit)
    assert len(unmatched) <= 1, unmatched
    for d in analysis.dates:
        assert analysis.text[d.start:d.end] == d.expression
        assert d.event and 1 <= len(d.event.split()) <= 20


# Shapes from real reporting (issue 7): weekends given as their month, counts of years, a date
# restated in brackets or with "this year", headline years, captions, a typo kept.
@pytest.mark.parametrize("text,published,expected", [
    ("The fair took place at the centre this weekend.", "2016-09-07", [("this weekend", "2016-09")]),
    ("The tournament ran throughout the weekend.", "2016-09-07", [("throughout the weekend", "2016-09")]),
    ("Crowds gathered last weekend.", "2016-09-02", [("last weekend", "2016-08")]),
    ("The festival continues a 2000 year old tradition.", "2007-03-05", []),
    ("A storm on Sunday night (March 4) sent people home.", "2007-03-05", [("Sunday", "2007-03-04")]),
    ("The festival runs through March 11 this year.", "2007-03-05", [("March 11", "2007-03-11")]),
    ("The theme of this years festival is the zodiac.", "2007-03-05", [("this years", "2007")]),
])
def test_real_news_date_shapes(text, published, expected):
    assert found(text, published) == expected


def test_a_headline_year_is_no_date_but_a_bracketed_one_is():
    assert found("Fan Expo Canada 2016 opens in Toronto", "2016-09-07", "title") == []
    assert found("What Comes Next? (2025)", "2025", "title") == [("2025", "2025")]


def test_captions_keep_their_dates():
    assert found("Crowds on the opening night, Friday. Image: A. Photographer.", "2016-09-07", "caption") == [
        ("Friday", "2016-09-02")]
