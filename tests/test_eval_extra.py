"""The engine on twenty-four articles it was not written against, annotated independently (tests/data/gold-extra).

Held to looser extraction thresholds than the sample (their annotators made their own judgement
calls), but to the same standard where it matters most: no wrong answer key, no malformed question,
nothing drawn from page furniture.
"""
import json
from pathlib import Path

import pytest

from questions.evaluate import engine_output
from questions.scoring import score

EXTRA = Path(__file__).parent / "data" / "gold-extra"
ARTICLES = sorted(p.stem for p in EXTRA.glob("*.json"))
FLOORS = {"attribution_f1": 0.85, "date_f1": 0.75, "claim_status_accuracy": 0.50,
          "question_key_accuracy": 1.0,
          # 0.20, not 0.25: timelines order only dates the article states outright (a teacher's
          # review found weekdays and "yesterday" put in the wrong order), so a wildfire story told
          # in weekdays has fewer dates a question covers
          "coverage_dates": 0.20,
          # 0.45, not 0.50: the gate never offers a description ("The airline") as a choice, and an
          # airline article whose other speakers are "the airline" now has too few organisations
          "coverage_attributions": 0.45}
# Answer keys that fail the rule "no other offered choice is also right" (questions/scoring.py,
# key_verdict), added after these floors were set. For the engine to fix; remove each line when it does.
KEY_XFAIL: dict[str, str] = {}      # every gold-extra key holds under the stricter rule (the gate)


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
def test_meets_floor(scored, metric, floor, request):
    article = request.node.callspec.params["scored"]
    if metric == "question_key_accuracy" and article in KEY_XFAIL:
        request.applymarker(pytest.mark.xfail(strict=False, reason=KEY_XFAIL[article]))
    metrics, misses = scored
    assert metrics[metric] >= floor, "\n".join(misses)


@pytest.mark.parametrize("metric", ["questions_malformed", "questions_from_furniture", "claim_bad_status_values"])
def test_no_defects(scored, metric):
    metrics, misses = scored
    assert metrics[metric] == 0, "\n".join(misses)
