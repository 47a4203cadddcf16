"""The engine on twenty-four articles it was not written against, annotated independently (tests/data/gold-extra).

Held to looser extraction thresholds than the sample (their annotators made their own judgement
calls), but to the same standard where it matters most: no wrong answer key, no malformed question,
nothing drawn from page furniture.
"""
import json
from pathlib import Path

import pytest

import questions
from tests.scoring import score

EXTRA = Path(__file__).parent / "data" / "gold-extra"
ARTICLES = sorted(p.stem for p in EXTRA.glob("*.json"))
FLOORS = {"attribution_f1": 0.85, "date_f1": 0.75, "claim_status_accuracy": 0.50,
          "question_key_accuracy": 1.0, "coverage_attributions": 0.50, "coverage_dates": 0.25}


def engine_output(path: Path) -> dict:
    """What `python -m questions PATH --format json` prints (an .html page when there is one)."""
    text, source_format = questions.read_article(path.read_bytes(), path.name)
    analysis = questions.analyze(text, source_format=source_format)
    return json.loads(json.dumps(questions.to_dict(analysis, questions.generate(analysis))))


@pytest.fixture(scope="module", params=ARTICLES)
def scored(request):
    pasted = EXTRA / f"{request.param}.txt"          # the gold indexes the text a teacher pastes
    page = EXTRA / f"{request.param}.html"
    gold = json.loads((EXTRA / f"{request.param}.json").read_text(encoding="utf-8"))
    return score(gold, pasted.read_text(encoding="utf-8"), engine_output(page if page.exists() else pasted))


def test_there_are_twenty_four_articles_one_an_html_page():
    assert len(ARTICLES) == 24
    assert len(list(EXTRA.glob("*.html"))) == 1


@pytest.mark.parametrize("metric,floor", FLOORS.items())
def test_meets_floor(scored, metric, floor):
    metrics, misses = scored
    assert metrics[metric] >= floor, "\n".join(misses)


@pytest.mark.parametrize("metric", ["questions_malformed", "questions_from_furniture", "claim_bad_status_values"])
def test_no_defects(scored, metric):
    metrics, misses = scored
    assert metrics[metric] == 0, "\n".join(misses)
