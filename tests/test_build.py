"""Properties every drafted question must have, on the sample and on composed articles."""
import re
from pathlib import Path

import pytest

import questions
from questions.builders.common import shorten

DATA = Path(__file__).parent / "data"
ARTICLES = ["russia-venezuela-2025.txt", "composed-budget.txt", "composed-port.html",
            "composed-drought.txt", "composed-hospital.txt", "composed-study.txt",
            "composed-japan.txt", "composed-fine.txt"]
CHOICE_TYPES = {"who_said", "said_what", "speaker_role", "source", "when", "status"}


def drafted(name):
    path = DATA / name
    text, fmt = questions.read_article(path.read_bytes(), path.name)
    analysis = questions.analyze(text, source_format=fmt)
    return analysis, questions.generate(analysis)


@pytest.fixture(scope="module", params=ARTICLES)
def article(request):
    return drafted(request.param)


def test_evidence_is_verbatim_and_inside_the_body(article):
    analysis, qs = article
    for q in qs:
        assert analysis.text[q.evidence.start:q.evidence.end] == q.evidence.text, q.id
        assert analysis.body_start <= q.evidence.start and q.evidence.end <= analysis.body_end, q.id


def test_prompts_make_the_article_the_authority(article):
    _, qs = article
    for q in qs:
        assert q.prompt.startswith("According to the"), q.prompt


def test_choices_are_distinct_and_the_key_is_among_them(article):
    _, qs = article
    for q in qs:
        if q.type in CHOICE_TYPES:
            assert 3 <= len(q.choices) <= 4, q.id
            assert len({c.lower() for c in q.choices}) == len(q.choices), q.choices
            assert 0 <= q.answer < len(q.choices)
        if q.type == "timeline":
            assert sorted(q.answer) == list(range(len(q.choices)))


def test_the_key_is_not_always_first(article):
    _, qs = article
    positions = {q.answer for q in qs if q.type in CHOICE_TYPES}
    assert len(positions) >= 3


def test_who_said_key_is_the_speaker_of_the_evidence(article):
    analysis, qs = article
    for q in qs:
        if q.type in ("who_said", "source"):
            speakers = {a.speaker for a in analysis.attributions
                        if analysis.sentences[a.sentence].start >= q.evidence.start
                        and analysis.sentences[a.sentence].end <= q.evidence.end}
            assert q.key in speakers, q.id
            assert q.choices[q.answer].lower() == q.key.lower()


def test_when_key_is_a_date_of_the_evidence_sentence(article):
    analysis, qs = article
    for q in qs:
        if q.type == "when":
            dates = {d.normalized for d in analysis.dates if q.evidence.start <= d.start < q.evidence.end}
            assert q.key in dates, q.id
            assert "____" in q.prompt


def test_status_key_is_the_sentence_main_claim_and_no_distractor_also_applies(article):
    analysis, qs = article
    for q in qs:
        if q.type == "status":
            sid = next(s.id for s in analysis.sentences if s.start == q.evidence.start)
            claims = [c for c in analysis.claims if c.sentence == sid]
            assert q.key == claims[0].status
            others = {c.status for c in claims[1:]}
            wrong = [c.split(":")[0].lower() for i, c in enumerate(q.choices) if i != q.answer]
            assert not others & set(wrong), q.id


def test_explanations_quote_the_evidence_and_name_a_paragraph(article):
    _, qs = article
    for q in qs:
        assert re.search(r"Paragraph \d+", q.explanation), q.id


def test_at_least_three_discussion_prompts_on_the_sample():
    analysis, qs = drafted("russia-venezuela-2025.txt")
    prompts = [q for q in qs if q.type == "discussion"]
    assert len(prompts) >= 3
    assert any("author" in q.prompt for q in prompts), "the author profile should feed a reliability prompt"


def test_no_question_from_furniture_even_when_furniture_has_dates_and_names():
    analysis, qs = drafted("russia-venezuela-2025.txt")
    tail = analysis.text[analysis.body_end:]
    assert "Birthday" in tail
    assert all(q.evidence.end <= analysis.body_end for q in qs)
    assert all(d.start < analysis.body_end for d in analysis.dates)


@pytest.mark.parametrize("text,limit,expected", [
    ("one two three", 5, "one two three"),
    ("alpha beta gamma delta", 2, "alpha beta\u2026"),
    ("stop, here, now", 2, "stop, here\u2026"),
])
def test_quotes_are_cut_at_word_boundaries(text, limit, expected):
    assert shorten(text, limit) == expected


def test_html_input_drops_menus_and_footer():
    analysis, qs = drafted("composed-port.html")
    assert analysis.source_format == "html"
    assert "Sign in" not in analysis.text and "All rights reserved" not in analysis.text
    assert qs and all(q.evidence.text in analysis.text for q in qs)


def test_a_published_line_gives_the_publication_date_but_no_question():
    analysis, qs = drafted("composed-budget.txt")
    (line,) = [s for s in analysis.sentences if s.text.startswith("Published:")]
    assert line.kind == "dateline"
    assert any(d.sentence == line.id and d.normalized == "2024-03-14" for d in analysis.dates)
    assert not any(q.evidence.start <= line.start < q.evidence.end for q in qs)


def test_table_of_contents_is_furniture():
    analysis, qs = drafted("composed-japan.txt")
    assert not any("Table of Contents" in s.text for s in analysis.sentences)
    assert any(f.kind == "menu" and "Table of Contents" in f.text for f in analysis.furniture)


def test_a_dateline_date_is_the_publication_date_and_gets_no_question():
    analysis, qs = drafted("composed-fine.txt")
    (d,) = [d for d in analysis.dates if d.expression == "May 22, 2023"]
    assert d.event.startswith("publication")
    assert not any(q.type == "when" and q.evidence.start <= d.start < q.evidence.end and q.key == d.normalized
                   and "DUBLIN, ____" in q.prompt for q in qs)
